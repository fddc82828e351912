"""The paste page: paste an article (dump, HTML or clean text) and see who said what, highlighted.

``GET /paste`` shows the form; ``POST /paste`` (a plain HTML form, no script needed) extracts the
page with the server's warm model and shows it as the article page does: quotes, speakers and
entities highlighted by ``article_view``/``highlight``. Nothing is stored. A form over the size
limit is a 413 page; an empty or unusable page is shown again with a 422 and the reason.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from guillemets.api import FORMATS
from guillemets.web import article_view
from guillemets.web.extract_api import MAX_BODY_BYTES, extract_page, read_body
from guillemets.web.ui import render, ui_for

router = APIRouter()

# A form body is percent-encoded: a page of MAX_BODY_BYTES of UTF-8 text can take up to 3× that.
MAX_FORM_BYTES = 3 * MAX_BODY_BYTES


@router.get("/paste", response_class=HTMLResponse, include_in_schema=False)
def paste_form(request: Request) -> HTMLResponse:
    return page(request, text="", fmt="auto")


@router.post("/paste", response_class=HTMLResponse, include_in_schema=False)
async def paste_submit(request: Request) -> HTMLResponse:
    ui = ui_for(request)
    too_large = ui.t("paste.too_large", mb=MAX_BODY_BYTES // (1024 * 1024))
    try:
        body = await read_body(request, MAX_FORM_BYTES)
    except HTTPException as exc:
        raise HTTPException(exc.status_code, too_large) from None
    form = parse_qs(body.decode("utf-8", "replace"))
    text = (form.get("text") or [""])[0]
    fmt = (form.get("format") or ["auto"])[0]
    if fmt not in FORMATS:
        return page(request, text, "auto", error=ui.t("paste.bad_format"), status=422)
    if not text.strip():
        return page(request, text, fmt, error=ui.t("paste.empty"), status=422)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BODY_BYTES:
        raise HTTPException(413, too_large)
    doc = await extract_page(request, text, fmt, None)
    if doc.errors:
        reason = "; ".join(e.message for e in doc.errors)
        return page(request, text, fmt, error=ui.t("paste.no_article", reason=reason), status=422)
    article = doc.to_dict()
    return page(request, text, fmt, article=article, view=article_view.build(article, ui))


def page(
    request: Request,
    text: str,
    fmt: str,
    *,
    article: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    context = {"text": text, "fmt": fmt, "formats": FORMATS, "article": article, "view": view, "error": error}
    return render(request, "paste.html", context, status=status)
