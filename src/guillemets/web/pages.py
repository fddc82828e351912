"""Server-rendered pages: search, speakers, one speaker, one article, and the API description.

Pages read the same validated parameters as the API (an empty form field means "not given");
the interface language is ``?lang=``, so the article-language filter is ``doc_lang`` here.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection

from guillemets.store import queries
from guillemets.store.tables import MAX_ID
from guillemets.web import article_view
from guillemets.web.api import ARTICLE_ID, find_articles, find_quotes
from guillemets.web.charts import timeline_svg
from guillemets.web.db import connection
from guillemets.web.params import PageSearch, SearchType, SpeakerParams, errors_of, form_values, pages_count
from guillemets.web.ui import UI, render, ui_for

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Conn = Annotated[Connection, Depends(connection)]
Ui = Annotated[UI, Depends(ui_for)]
M = TypeVar("M", bound=BaseModel)
PAGE_RENAMES = {"doc_lang": "lang"}


def parse(model: type[M], request: Request) -> M:
    """The page's query string validated by ``model``; a bad value raises the 422 the app renders."""
    values = form_values(request.query_params, PAGE_RENAMES, drop=("lang",))
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise RequestValidationError(errors_of(exc, PAGE_RENAMES)) from exc


def pager(ui: UI, path: str, params: dict[str, Any], page: int, total: int, per_page: int) -> dict[str, Any]:
    """Previous/next links that keep the other parameters."""
    pages = pages_count(total, per_page)
    return {
        "page": page,
        "pages": pages,
        "prev": ui.link(path, **params, page=page - 1) if page > 1 else None,
        "next": ui.link(path, **params, page=page + 1) if page < pages else None,
    }


@router.get("/")
def search_page(request: Request, ui: Ui, conn: Conn) -> HTMLResponse:
    params = parse(PageSearch, request)
    form = {
        "q": params.q,
        "type": str(params.type),
        "speaker": params.speaker,
        "domain": params.domain,
        "since": params.since,
        "until": params.until,
        "doc_lang": params.lang,
        "quote_type": params.quote_type and str(params.quote_type),
    }
    searching = any(v for k, v in form.items() if k != "type")
    context: dict[str, Any] = {
        "ui": ui,
        "form": form,
        "results": None,
        "top": None,
        "speaker": None,
        "people": [],
    }
    if params.speaker:
        context["speaker"] = queries.get_speaker(conn, params.speaker)
    if searching:
        found = (
            find_articles(conn, params) if params.type is SearchType.ARTICLES else find_quotes(conn, params)
        )
        context["results"] = found
        if params.q and params.page == 1:
            context["people"] = queries.list_speakers(conn, q=params.q, limit=8).items
        context["paging"] = pager(ui, "/", form, params.page, found.total, params.per_page)
    else:
        context["top"] = queries.list_speakers(conn, limit=12).items
    return render(request, "search.html", context)


@router.get("/speakers")
def speakers_page(request: Request, ui: Ui, conn: Conn) -> HTMLResponse:
    params = parse(SpeakerParams, request)
    found = queries.list_speakers(conn, q=params.q, limit=params.per_page, offset=params.offset)
    return render(
        request,
        "speakers.html",
        {
            "ui": ui,
            "q": params.q,
            "speakers": found,
            "paging": pager(ui, "/speakers", {"q": params.q}, params.page, found.total, params.per_page),
        },
    )


@router.get("/speakers/{speaker_id}")
def speaker_page(
    request: Request, ui: Ui, conn: Conn, speaker_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> HTMLResponse:
    params = parse(PageSearch, request)
    found = queries.get_speaker(conn, speaker_id)
    if found is None:
        raise HTTPException(404, ui.t("error.speaker_404", id=speaker_id))
    quotes = queries.search_quotes(conn, params.q, **{**params.store_filters(), "speaker_id": speaker_id})
    return render(
        request,
        "speaker.html",
        {
            "ui": ui,
            "speaker": found,
            "quotes": quotes,
            "q": params.q,
            "chart": chart_for(found, ui),
            "paging": pager(
                ui, f"/speakers/{speaker_id}", {"q": params.q}, params.page, quotes.total, params.per_page
            ),
        },
    )


def chart_for(speaker: dict[str, Any], ui: UI) -> Any:
    """The speaker's quotes per month as inline SVG; a rendering failure only loses the chart."""
    try:
        return timeline_svg(speaker.get("timeline") or [], ui.t)
    except (RuntimeError, ValueError) as exc:
        log.warning("chart of speaker %s not rendered: %s", speaker.get("speaker_id"), exc)
        return None


@router.get("/articles/{document_id:path}")
def article_page(
    request: Request, ui: Ui, conn: Conn, document_id: Annotated[str, Path(pattern=ARTICLE_ID)]
) -> HTMLResponse:
    found = queries.get_article(conn, document_id)
    if found is None:
        raise HTTPException(404, ui.t("error.article_404", id=document_id))
    return render(
        request, "article.html", {"ui": ui, "article": found, "view": article_view.build(found, ui)}
    )


@router.get("/docs")
def docs_page(request: Request, ui: Ui) -> HTMLResponse:
    """Our own description of the API (no third-party JavaScript such as Swagger UI)."""
    spec = request.app.openapi()
    routes = [
        {
            "path": path,
            "method": method.upper(),
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "parameters": [param_row(p) for p in op.get("parameters", [])],
        }
        for path, ops in spec.get("paths", {}).items()
        for method, op in ops.items()
    ]
    return render(request, "docs.html", {"ui": ui, "routes": routes})


def param_row(param: dict[str, Any]) -> dict[str, Any]:
    schema = param.get("schema", {})
    options = schema.get("anyOf", [schema])
    kinds = [
        o.get("format") or o.get("type") or str(o.get("$ref", "")).rsplit("/", 1)[-1]
        for o in options
        if o.get("type") != "null"
    ]
    return {
        "name": param.get("name"),
        "in": param.get("in"),
        "required": param.get("required", False),
        "type": " | ".join(kinds),
        "default": schema.get("default"),
        "description": param.get("description") or schema.get("description", ""),
    }
