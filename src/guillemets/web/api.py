"""The JSON API: search, quotes, speakers, one speaker, one article (all under ``/api``).

Every answer is an envelope: ``{"ok": true, …}``, or ``{"ok": false, "error", "errors", "status"}``
on failure (built by the app's exception handlers). The store binds every value as a parameter.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from guillemets.store import queries
from guillemets.store.tables import MAX_ID
from guillemets.web.db import connection
from guillemets.web.params import Paging, QuoteFilters, SearchParams, SearchType, SpeakerParams, pages_count

router = APIRouter(prefix="/api", tags=["api"])

Conn = Annotated[Connection, Depends(connection)]
# An article id is the input's own id when it has one (slashes, spaces, #?%, accents): any text
# without control characters, up to 2,000 characters; in a URL it is percent-encoded (UI.article_link).
ARTICLE_ID = r"^[^\x00-\x1f\x7f]{1,2000}$"


class PageEnvelope(BaseModel):
    ok: bool = True
    total: int = Field(description="Number of matching results over all pages.")
    page: int
    per_page: int
    pages: int = Field(description="Number of pages (at least 1).")
    items: list[dict[str, Any]]


class SearchEnvelope(PageEnvelope):
    type: SearchType
    q: str | None


class SpeakerEnvelope(BaseModel):
    ok: bool = True
    speaker: dict[str, Any]


class ArticleEnvelope(BaseModel):
    ok: bool = True
    article: dict[str, Any]


class ErrorEnvelope(BaseModel):
    ok: bool = False
    error: str = Field(description="One line saying what went wrong.")
    errors: list[dict[str, Any]] = Field(description="Details, e.g. one entry per bad parameter.")
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorEnvelope, "description": "A parameter is invalid (the message names it)."},
    503: {"model": ErrorEnvelope, "description": "The database is unreachable or locked."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorEnvelope, "description": "No such id."}}


def page_envelope(page: queries.Page, paging: Paging) -> dict[str, Any]:
    return {
        "ok": True,
        "total": page.total,
        "page": paging.page,
        "per_page": paging.per_page,
        "pages": pages_count(page.total, paging.per_page),
        "items": page.items,
    }


def find_quotes(conn: Connection, params: QuoteFilters) -> queries.Page:
    return queries.search_quotes(
        conn, params.q, quote_type=params.quote_type and str(params.quote_type), **params.store_filters()
    )


def find_articles(conn: Connection, params: QuoteFilters) -> queries.Page:
    return queries.search_articles(conn, params.q, **params.store_filters())


@router.get("", summary="What this API offers")
def index() -> dict[str, Any]:
    """The endpoints, and where their full description is."""
    return {
        "ok": True,
        "openapi": "/openapi.json",
        "docs": "/docs",
        "endpoints": [
            "/api/search",
            "/api/quotes",
            "/api/speakers",
            "/api/speakers/{id}",
            "/api/articles/{id}",
        ],
    }


@router.get("/search", response_model=SearchEnvelope, responses=ERRORS, summary="Search quotes or articles")
def search(params: Annotated[SearchParams, Query()], conn: Conn) -> dict[str, Any]:
    """Full-text search (accents folded, light stemming) over quote text (`type=quotes`) or
    article text (`type=articles`), with optional filters. Query syntax is not interpreted:
    quotes, `*` or `NEAR(` are searched as plain text."""
    found = find_articles(conn, params) if params.type is SearchType.ARTICLES else find_quotes(conn, params)
    return {**page_envelope(found, params), "type": params.type, "q": params.q}


@router.get("/quotes", response_model=SearchEnvelope, responses=ERRORS, summary="List or search quotes")
def quotes(params: Annotated[QuoteFilters, Query()], conn: Conn) -> dict[str, Any]:
    """Quotes matching the filters, newest first; `q` is optional here."""
    return {**page_envelope(find_quotes(conn, params), params), "type": SearchType.QUOTES, "q": params.q}


@router.get("/speakers", response_model=PageEnvelope, responses=ERRORS, summary="List speakers")
def speakers(params: Annotated[SpeakerParams, Query()], conn: Conn) -> dict[str, Any]:
    """Speakers, most quoted first, with their counts and first and last dates."""
    found = queries.list_speakers(conn, q=params.q, limit=params.per_page, offset=params.offset)
    return page_envelope(found, params)


@router.get(
    "/speakers/{speaker_id}",
    response_model=SpeakerEnvelope,
    responses={**ERRORS, **NOT_FOUND},
    summary="One speaker",
)
def speaker(
    speaker_id: Annotated[int, Path(ge=1, le=MAX_ID, description="The speaker's id (from /api/speakers).")],
    conn: Conn,
) -> dict[str, Any]:
    """A speaker with name variants, counts, quotes per month and the people quoted with them."""
    found = queries.get_speaker(conn, speaker_id)
    if found is None:
        raise HTTPException(404, f"no speaker with id {speaker_id}")
    return {"ok": True, "speaker": found}


@router.get(
    "/articles/{document_id:path}",
    response_model=ArticleEnvelope,
    responses={**ERRORS, **NOT_FOUND},
    summary="One article",
)
def article(
    document_id: Annotated[
        str, Path(pattern=ARTICLE_ID, description="The document_id of a result, percent-encoded.")
    ],
    conn: Conn,
) -> dict[str, Any]:
    """A stored article: its text, sources, quotes (with offsets into `text`) and entities."""
    found = queries.get_article(conn, document_id)
    if found is None:
        raise HTTPException(404, f"no article with id {document_id}")
    return {"ok": True, "article": found}
