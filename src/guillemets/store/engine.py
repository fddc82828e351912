"""Open the corpus database: SQLite by default, PostgreSQL for ``postgresql://`` URLs.

``make_engine`` guarantees a database at the current schema version (it runs the Alembic
migrations unless read-only) or raises ``DatabaseUnavailable`` with a one-line reason,
so commands can exit 3 without a traceback. SQLite runs in WAL mode with a busy timeout;
writers take the lock at the start of their transaction (``BEGIN IMMEDIATE``) so two
writers never deadlock half-way.

SQLite connections are pooled one per thread at a time (``QueuePool``, never one connection
shared between the server's threads). A bare path is a file name, character for character
(``#``, ``?`` and ``%`` included): it reaches SQLite as a percent-encoded ``file:`` URI.
Read-only engines open ``mode=ro`` and never create a file; on a read-only filesystem, where
SQLite cannot make the WAL index beside the file, they fall back to ``immutable=1`` when no
WAL file holds changes. On PostgreSQL, migrations run under an advisory lock so two first
ingests into a fresh database do not race.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy import Engine, create_engine, event, exc, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import QueuePool, StaticPool

from guillemets.errors import DatabaseUnavailable, require

log = logging.getLogger(__name__)

SQLITE_TIMEOUT = 10.0  # seconds a writer waits for a lock before "database is locked"
# JSON columns hold real UTF-8 (« grève », not "gr\u00e8ve"), as sqlite-utils and Datasette show them
JSON_SERIALIZER = functools.partial(json.dumps, ensure_ascii=False)
POOL_SIZE, POOL_OVERFLOW = 8, 32  # connections kept, and extra ones: 40 = the server's worker threads
MIGRATION_LOCK = 0x67756D69  # PostgreSQL advisory lock key held while the schema is checked and migrated


def normalize_url(url: str) -> str:
    """A SQLAlchemy URL: a bare path means SQLite; ``postgresql://`` uses the psycopg 3 driver."""
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL of ``url``; a bare path is taken literally (no URL escapes or query)."""
    if "://" not in url:
        return URL.create("sqlite", database=url)
    return make_url(normalize_url(url))


def display_url(url: str) -> str:
    """What messages call the database: the file for SQLite, else the URL with its password hidden."""
    try:
        parsed = parse_url(url)
    except exc.ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return str(parsed.database)
    return parsed.render_as_string(hide_password=True)


def describe(engine: Engine) -> str:
    """The file (SQLite) or the password-less URL of an engine, for messages."""
    if engine.url.get_backend_name() == "sqlite" and engine.url.database:
        return engine.url.database
    return engine.url.render_as_string(hide_password=True)


def make_engine(url: str, *, readonly: bool = False) -> Engine:
    """An engine on ``url`` at the current schema (migrated unless ``readonly``)."""
    try:
        parsed = parse_url(url)
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
    if database in ("", ":memory:"):
        memory = functools.partial(sqlite3.connect, ":memory:", timeout=timeout, check_same_thread=False)
        engine = create_engine(
            "sqlite://", creator=memory, poolclass=StaticPool, json_serializer=JSON_SERIALIZER
        )
        _sqlite_events(engine, readonly, timeout)
        return engine
    path = Path(database).resolve()
    if readonly and not path.is_file():
        raise DatabaseUnavailable(
            f"{database}: no such database; create it with: guillemets ingest INPUT --db {database}"
        )
    if not readonly and not path.parent.is_dir():
        raise DatabaseUnavailable(f"{database}: directory {path.parent} does not exist")
    connect: Callable[[], sqlite3.Connection] = (
        functools.partial(_connect_readonly, path, timeout)
        if readonly
        else functools.partial(
            sqlite3.connect, file_uri(path), uri=True, timeout=timeout, check_same_thread=False
        )
    )
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        creator=connect,
        poolclass=QueuePool,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_timeout=max(timeout, 30.0),
        json_serializer=JSON_SERIALIZER,
    )
    _sqlite_events(engine, readonly, timeout)
    return engine


def file_uri(path: Path, **params: str) -> str:
    """``path`` as an SQLite ``file:`` URI: every character of the name is percent-encoded, so it is plain."""
    query = f"?{urlencode(params)}" if params else ""
    return f"file:{quote(str(path), safe='/')}{query}"


def _connect_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    """A ``mode=ro`` connection; ``immutable=1`` on a read-only filesystem when no WAL holds changes."""
    connection = sqlite3.connect(
        file_uri(path, mode="ro"), uri=True, timeout=timeout, check_same_thread=False
    )
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the WAL index too
        return connection
    except sqlite3.OperationalError:
        connection.close()
        if os.access(path.parent, os.W_OK):
            raise
        if _wal_has_changes(path):
            raise sqlite3.OperationalError(
                "read-only filesystem, and its -wal file holds changes not yet in the database; "
                "copy it (with its -wal) where it is writable and open it once there to fold them in"
            ) from None
    log.info("%s: read-only filesystem and no pending WAL; opening it as immutable", path)
    return sqlite3.connect(
        file_uri(path, mode="ro", immutable="1"), uri=True, timeout=timeout, check_same_thread=False
    )


def _wal_has_changes(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _switch_to_wal(cursor: Any, timeout: float) -> None:
    """``PRAGMA journal_mode=WAL``, retried while the file is locked, for up to ``timeout`` seconds.

    On a fresh file the switch needs an exclusive lock, and SQLite answers "database is locked" at
    once, without its busy handler, when another connection is switching or writing at the same
    moment (three first ingests into one new file failed about one time in thirty under load).
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _sqlite_events(engine: Engine, readonly: bool, timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see on_begin)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        if not readonly:
            _switch_to_wal(cursor, timeout)
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
    line = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if "locked" in line or "busy" in line:
        return f"{line} (another process is writing; try again when it has finished)"
    if "disk is full" in line or "No space left" in line:
        return f"{line} (free some space on the disk that holds it, then run the same command again)"
    return line


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision, in one transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("guillemets.store") / "migrations"))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # concurrent first runs: one migrates, the others wait
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
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
