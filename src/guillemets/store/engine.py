"""Open the corpus database: SQLite by default, PostgreSQL for ``postgresql://`` URLs.

``make_engine`` guarantees a database at the current schema version (it runs the Alembic
migrations unless read-only) or raises ``DatabaseUnavailable`` with a one-line reason,
so commands can exit 3 without a traceback. SQLite runs in WAL mode with a busy timeout;
writers take the lock at the start of their transaction (``BEGIN IMMEDIATE``) so two
writers never deadlock half-way.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sqlite3
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool

from guillemets.errors import DatabaseUnavailable, require

log = logging.getLogger(__name__)

SQLITE_TIMEOUT = 10.0  # seconds a writer waits for a lock before "database is locked"
# JSON columns hold real UTF-8 (« grève », not "gr\u00e8ve"), as sqlite-utils and Datasette show them
JSON_SERIALIZER = functools.partial(json.dumps, ensure_ascii=False)


def normalize_url(url: str) -> str:
    """A SQLAlchemy URL: a bare path means SQLite; ``postgresql://`` uses the psycopg 3 driver."""
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def display_url(url: str) -> str:
    """The URL for messages, password hidden."""
    try:
        return make_url(normalize_url(url)).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return url


def make_engine(url: str, *, readonly: bool = False) -> Engine:
    """An engine on ``url`` at the current schema (migrated unless ``readonly``)."""
    try:
        parsed = make_url(normalize_url(url))
    except exc.ArgumentError as error:
        raise DatabaseUnavailable(f"not a database URL: {url!r} ({error})") from error
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed, readonly)
    elif parsed.get_backend_name() == "postgresql":
        engine = _postgres_engine(parsed, readonly)
    else:
        raise DatabaseUnavailable(
            f"{display_url(url)}: unsupported database (use a path, sqlite:/// or postgresql://)"
        )
    with translate_errors(url):
        if readonly:
            _check_schema(engine, url)
        else:
            migrate(engine)
    return engine


def _sqlite_engine(url: URL, readonly: bool) -> Engine:
    database = url.database or ""
    timeout = float(url.query.get("timeout", SQLITE_TIMEOUT))  # type: ignore[arg-type]
    memory = database in ("", ":memory:")
    if not memory:
        path = Path(database)
        if readonly and not path.exists():
            raise DatabaseUnavailable(
                f"{database}: no such database; create it with: guillemets ingest INPUT --db {database}"
            )
        if not readonly and not path.parent.exists():
            raise DatabaseUnavailable(f"{database}: directory {path.parent} does not exist")

    def connect() -> sqlite3.Connection:
        target = f"file:{Path(database).resolve()}?mode=ro" if readonly else (database or ":memory:")
        return sqlite3.connect(target, timeout=timeout, uri=readonly, check_same_thread=False)

    engine = create_engine(
        "sqlite://",
        creator=connect,
        poolclass=StaticPool if memory else None,
        json_serializer=JSON_SERIALIZER,
    )
    _sqlite_events(engine, readonly)
    return engine


def _sqlite_events(engine: Engine, readonly: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see on_begin)
        cursor = dbapi_connection.cursor()
        if not readonly:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def _postgres_engine(url: URL, readonly: bool) -> Engine:
    require("psycopg", "postgres")
    connect_args: dict[str, Any] = {"connect_timeout": 10}
    if readonly:
        connect_args["options"] = "-c default_transaction_read_only=on"
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True, json_serializer=JSON_SERIALIZER)


@contextlib.contextmanager
def translate_errors(url: str) -> Iterator[None]:
    """Turn "cannot connect" and "database is locked" into DatabaseUnavailable (exit 3)."""
    try:
        yield
    except exc.OperationalError as error:
        raise DatabaseUnavailable(f"{display_url(url)}: {_reason(error)}") from error
    except exc.DatabaseError as error:  # e.g. "file is not a database"
        raise DatabaseUnavailable(f"{display_url(url)}: {_reason(error)}") from error


def _reason(error: exc.DBAPIError) -> str:
    text = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if "locked" in text or "busy" in text:
        return f"{text} (another process is writing; try again when it has finished)"
    return text


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision, in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("guillemets.store") / "migrations"))
    with engine.begin() as connection:
        if _current_revision(connection) == head_revision():
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(resources.files("guillemets.store") / "migrations"))
    return str(script.get_current_head())


def _current_revision(connection: Any) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _check_schema(engine: Engine, url: str) -> None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            raise DatabaseUnavailable(
                f"{display_url(url)}: not a guillemets database (no schema); run: guillemets ingest"
            )
        if _current_revision(connection) != head_revision():
            raise DatabaseUnavailable(
                f"{display_url(url)}: schema is out of date; run: guillemets ingest to upgrade it"
            )
