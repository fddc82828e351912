"""``POST /api/extract``: one page in (a dump, HTML or clean text), its Document out; nothing is stored.

The body is either JSON, ``{"text": "…", "format": "auto|text|html|clean", "url": "…"}``, or the
page itself as ``text/plain`` / ``text/html`` (format ``auto`` / ``html``, or ``?format=``).
The answer is ``{"ok": true, "document": {…}}`` where the document is exactly the line
``guillemets extract`` writes (the JSONL writer's encoder). A body over ``MAX_BODY_BYTES`` is a
413; a body that is not a page (empty, bad JSON, a page with no article) is a 422; a missing
model is a 503. The models are the app's ``settings.nlp.models`` (``guillemets serve --model
LANG=NAME``); each page goes to its language's model. The preloaded ones (French, and every
language named with ``--model``) are loaded once per server: in the background when
``guillemets serve`` starts, else by the first request; another language's model loads when a
page in it first arrives. Requests are served one at a time.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from guillemets.api import FORMATS, Extractor
from guillemets.errors import GuillemetsError, ModelMissing
from guillemets.model import Document
from guillemets.settings import Settings
from guillemets.web.security import envelope_error
from guillemets.write.jsonl import document_line

MAX_BODY_BYTES = 2 * 1024 * 1024  # a long article is ~50 kB of text and ~1 MB of HTML
JSON_TYPES = ("application/json",)
RAW_TYPES = {"text/plain": "auto", "text/html": "html", "": "auto"}

router = APIRouter()
log = logging.getLogger(__name__)


class BadPage(ValueError):
    """The request body is not a page we can extract from (a 422)."""


class WarmExtractor:
    """One Extractor per app, its models loaded once, used by one request at a time."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._lock = threading.Lock()
        self._extractor: Extractor | None = None
        self.settings = settings or Settings()

    def warm_up(self) -> None:
        """Load the model now (``guillemets serve`` calls this in a background thread)."""
        with self._lock:
            self._get().warm_up()

    def extract(self, content: str | bytes, format: str, url: str | None) -> Document:
        with self._lock:
            return self._get().content(content, format, url=url)

    def _get(self) -> Extractor:
        if self._extractor is None:
            extractor = Extractor(self.settings)
            extractor.warm_up()  # raises ModelMissing before anything is kept
            self._extractor = extractor
        return self._extractor


def warm_up_in_background(app: Any) -> threading.Thread:
    """Start loading the model for ``app`` in a daemon thread; a missing model is logged, then a 503."""

    def run() -> None:
        try:
            warm_extractor(app).warm_up()
        except GuillemetsError as exc:
            log.warning("POST /api/extract will answer 503: %s", exc)

    thread = threading.Thread(target=run, name="extract-warm-up", daemon=True)
    thread.start()
    return thread


def warm_extractor(app: Any) -> WarmExtractor:
    """The app's WarmExtractor (with the app's ``settings``), made on first use."""
    state = app.state
    with _STATE_LOCK:
        if getattr(state, "extractor", None) is None:
            state.extractor = WarmExtractor(getattr(state, "settings", None))
    extractor: WarmExtractor = state.extractor
    return extractor


_STATE_LOCK = threading.Lock()


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, refused with a 413 as soon as it is known to be over ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, too_large(int(declared), limit))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, too_large(size, limit))
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(size: int, limit: int) -> str:
    return (
        f"the request body is over {limit // 1024} kB (at least {size // 1024} kB); send one page at a time"
    )


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def parse_request(body: bytes, kind: str, query_format: str | None) -> tuple[str | bytes, str, str | None]:
    """(content, format, url) from a JSON or raw body; raises BadPage with a one-line reason."""
    if kind in JSON_TYPES:
        return parse_json(body)
    if kind not in RAW_TYPES:
        raise BadPage(f"unsupported content type {kind!r}: send application/json, text/plain or text/html")
    fmt = query_format or RAW_TYPES[kind]
    check_format(fmt)
    if not body.strip():
        raise BadPage("the body is empty: send the page's text or HTML")
    return body, fmt, None


def parse_json(body: bytes) -> tuple[str, str, str | None]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadPage(f"the body is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BadPage('the JSON body must be an object: {"text": "…", "format": "auto"}')
    text, fmt, url = data.get("text"), data.get("format", "auto"), data.get("url")
    if not isinstance(text, str) or not text.strip():
        raise BadPage('"text" must be a non-empty string: the page dump, HTML or clean text')
    if not isinstance(fmt, str):
        raise BadPage(f'"format" must be one of {", ".join(FORMATS)}')
    check_format(fmt)
    if url is not None and not isinstance(url, str):
        raise BadPage('"url" must be a string when given')
    unknown = sorted(set(data) - {"text", "format", "url"})
    if unknown:
        raise BadPage(f"unknown field(s): {', '.join(unknown)}; expected text, format, url")
    return text, fmt, url


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise BadPage(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


async def extract_page(request: Request, content: str | bytes, fmt: str, url: str | None) -> Document:
    """The Document of one page, computed off the event loop; a missing model is a 503."""
    extractor = warm_extractor(request.app)
    try:
        return await run_in_threadpool(extractor.extract, content, fmt, url)
    except ModelMissing as exc:
        raise HTTPException(503, exc.message) from None


def document_json(doc: Document) -> str:
    """The document exactly as ``guillemets extract`` writes it, without the newline."""
    return document_line(doc).rstrip("\n")


def bad_body(message: str, code: str) -> JSONResponse:
    """A 422 envelope naming what is wrong with the body."""
    errors = [{"loc": ["body"], "msg": message, "type": code}]
    return JSONResponse(envelope_error(422, f"invalid body: {message}", errors), status_code=422)


EXTRACT_RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {"description": "The body is larger than the limit (2 MB)."},
    422: {"description": "The body is empty or malformed, or the page has no article."},
    503: {"description": "The language model is not installed or not loaded yet."},
}


@router.post(
    "/api/extract",
    tags=["extract"],
    summary="Extract one page: its article, quotes and entities",
    responses=EXTRACT_RESPONSES,
)
async def extract_endpoint(request: Request) -> Response:
    """A page dump, HTML or clean text in; the Document `guillemets extract` would write out.

    Body: JSON `{"text", "format": "auto|text|html|clean", "url"}`, or the page itself as
    text/plain or text/html (`?format=` overrides). At most 2 MB (else 413); nothing is stored.
    """
    body = await read_body(request)
    try:
        content, fmt, url = parse_request(body, media_type(request), request.query_params.get("format"))
    except BadPage as exc:
        return bad_body(str(exc), "bad-page")
    try:
        doc = await extract_page(request, content, fmt, url)
    except GuillemetsError as exc:  # an argument the library refused: a bad request, not a crash
        return bad_body(exc.message, exc.code)
    if doc.errors:
        errors = [e.to_dict() for e in doc.errors]
        message = "; ".join(e.message for e in doc.errors)
        body_text = json.dumps(envelope_error(422, f"no article: {message}", errors), ensure_ascii=False)
        return Response(
            body_text[:-1] + ', "document": ' + document_json(doc) + "}",
            status_code=422,
            media_type="application/json",
        )
    return Response('{"ok": true, "document": ' + document_json(doc) + "}", media_type="application/json")
