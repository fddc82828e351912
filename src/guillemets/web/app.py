"""The application factory: the JSON API and the pages over one read-only database.

``create_app(db_url)`` opens the engine read-only; failures become envelopes (API) or pages:
a bad parameter 422, an unknown id 404, a method other than GET/HEAD 405, a database that is
unreachable or locked 503.
"""

from __future__ import annotations

import logging
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from guillemets import __version__
from guillemets.errors import BadQuery, DatabaseUnavailable
from guillemets.settings import Settings
from guillemets.web import api, extract_api, pages, paste
from guillemets.web.db import open_engine, unavailable
from guillemets.web.i18n import LANGUAGES
from guillemets.web.security import SecurityMiddleware, envelope_error
from guillemets.web.ui import make_environment, render, ui_for

log = logging.getLogger(__name__)

DESCRIPTION = """Read-only JSON API over a guillemets corpus: who said what, where and when.

Every answer is an envelope: `{"ok": true, …}` on success, and on failure
`{"ok": false, "error": "one line", "errors": [details], "status": 422}`."""


def create_app(db_url: str, *, lang: str = "fr", settings: Settings | None = None) -> FastAPI:
    """A FastAPI app serving the API under /api and the pages under /, reading ``db_url`` only.

    ``settings``: what ``POST /api/extract`` runs with (its ``nlp.models``: the model per language).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"interface language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    app = FastAPI(
        title="guillemets",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db_url = db_url
    app.state.engine, app.state.engine_error = open_engine(db_url)
    app.state.lang = lang
    app.state.settings = settings or Settings()
    app.state.templates = make_environment()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(extract_api.router)  # POST /api/extract: computes, never writes the corpus
    app.include_router(paste.router)
    static = resources.files("guillemets.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    add_handlers(app)
    app.add_middleware(SecurityMiddleware)
    return app


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path in ("/api", "/openapi.json")


def failure(request: Request, status: int, error: str, errors: list[Any] | None = None) -> Response:
    """The same failure as a JSON envelope for the API or an HTML page for a person."""
    if wants_json(request):
        return JSONResponse(envelope_error(status, error, errors), status_code=status)
    ui = ui_for(request)
    return render(
        request,
        "error.html",
        {"ui": ui, "status": status, "error": error, "errors": errors or []},
        status=status,
    )


def validation_message(errors: list[dict[str, Any]]) -> str:
    """One line: each bad parameter and what is wrong with it."""
    parts = []
    for err in errors:
        loc = ".".join(str(p) for p in err.get("loc", []) if p not in ("query", "path"))
        parts.append(
            f"{loc}: {err.get('msg', 'invalid value')}" if loc else str(err.get("msg", "invalid value"))
        )
    return "invalid parameter: " + "; ".join(parts) if parts else "invalid parameters"


def clean_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Pydantic's errors reduced to location, message and type (no echo of the raw input)."""
    return [
        {
            "loc": list(e.get("loc", [])),
            "msg": str(e.get("msg", "")).removeprefix("Value error, "),
            "type": e.get("type", ""),
        }
        for e in exc.errors()
    ]


def add_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", [])), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return failure(request, 422, validation_message(errors), errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such page: {request.url.path}"
        response = failure(request, exc.status_code, detail)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery) -> Response:
        return failure(
            request,
            422,
            f"invalid parameter: {exc.message}",
            [{"loc": ["query"], "msg": exc.message, "type": exc.code}],
        )

    @app.exception_handler(DatabaseUnavailable)
    async def database_down(request: Request, exc: DatabaseUnavailable) -> Response:
        log.warning("%s", exc)
        return failure(request, 503, str(exc))

    from sqlalchemy.exc import OperationalError

    @app.exception_handler(OperationalError)
    async def database_error(request: Request, exc: OperationalError) -> Response:
        reason = unavailable(exc)
        log.warning("%s", reason)
        return failure(request, 503, str(reason))
