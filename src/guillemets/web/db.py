"""The read-only engine of the app and one connection per request.

A database that cannot be opened, is locked, or has no schema yet becomes
``DatabaseUnavailable``, which the app turns into a 503 envelope (or page).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from fastapi import Request

from guillemets.errors import DatabaseUnavailable, StoreError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)


def open_engine(url: str) -> tuple[Engine | None, DatabaseUnavailable | None]:
    """The read-only engine, or the reason it could not be made (served later as a 503)."""
    from guillemets.store.engine import make_engine

    try:
        return make_engine(url, readonly=True), None
    except DatabaseUnavailable as exc:
        return None, exc
    except StoreError as exc:
        return None, DatabaseUnavailable(exc.message)


def unavailable(exc: BaseException) -> DatabaseUnavailable:
    """A database failure as the one error the app reports (503), with a one-line reason."""
    if isinstance(exc, DatabaseUnavailable):
        return exc
    first_line = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
    return DatabaseUnavailable(f"database unavailable: {first_line}")


_reopen = threading.Lock()


def current_engine(request: Request) -> Engine:
    """The app's engine; if it could not be opened yet (no file, server down), try again now."""
    state = request.app.state
    if state.engine is None:
        with _reopen:
            if state.engine is None:
                state.engine, state.engine_error = open_engine(state.db_url)
    if state.engine is None:
        raise state.engine_error
    engine: Engine = state.engine
    return engine


def connection(request: Request) -> Iterator[Connection]:
    """A connection for this request, closed after the response is built."""
    from sqlalchemy.exc import OperationalError

    engine = current_engine(request)
    try:
        conn = engine.connect()
    except OperationalError as exc:
        raise unavailable(exc) from exc
    with conn:
        yield conn


def check(engine: Engine) -> None:
    """Raise DatabaseUnavailable unless the database answers a query (``serve`` checks before it starts)."""
    from sqlalchemy.exc import OperationalError

    from guillemets.store.queries import list_speakers

    try:
        with engine.connect() as conn:
            list_speakers(conn, limit=1)
    except OperationalError as exc:
        raise unavailable(exc) from exc
