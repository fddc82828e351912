"""Opening the database: URLs, migrations equal to the tables, read-only, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from guillemets.errors import DatabaseUnavailable
from guillemets.store.engine import display_url, head_revision, make_engine, normalize_url
from guillemets.store.tables import metadata


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("corpus.db", "sqlite:///corpus.db"),
        ("sqlite:///x/y.db", "sqlite:///x/y.db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_normalize_url_maps_paths_and_postgres_driver(given: str, expected: str) -> None:
    assert normalize_url(given) == expected


def test_display_url_hides_password() -> None:
    assert "secret" not in display_url("postgresql://me:secret@db.example/news")


def _fts_or_alembic(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (name or "").startswith(  # search_lang: SQLite's FTS token column (0004), not in the model
        ("documents_fts", "quotes_fts", "alembic_version", "ix_documents_fts", "ix_quotes_fts", "search_lang")
    )


def test_migrations_create_exactly_the_tables(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": _fts_or_alembic, "compare_type": True}
        )
        diff = compare_metadata(context, metadata)
        assert context.get_current_revision() == head_revision()
    assert diff == []


def test_make_engine_twice_keeps_data(db_url: str, engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO speakers (key, name, quotes, articles) VALUES ('a', 'A', 0, 0)"))
    again = make_engine(db_url)
    with again.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM speakers")).scalar() == 1
    again.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    engine = make_engine(str(tmp_path / "c.db"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_readonly_missing_sqlite_file_is_unavailable_and_not_created(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="no such database"):
        make_engine(str(tmp_path / "missing.db"), readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_readonly_engine_cannot_write(tmp_path: Path) -> None:
    make_engine(str(tmp_path / "c.db")).dispose()
    engine = make_engine(str(tmp_path / "c.db"), readonly=True)
    with pytest.raises(Exception, match="readonly"), engine.begin() as conn:
        conn.execute(text("INSERT INTO speakers (key, name, quotes, articles) VALUES ('a', 'A', 0, 0)"))
    engine.dispose()


def test_readonly_on_a_foreign_database_says_so(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(DatabaseUnavailable, match="not a guillemets database"):
        make_engine(str(other), readonly=True)


def test_not_a_database_file_is_unavailable(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseUnavailable, match=r"junk\.db"):
        make_engine(str(junk))


def test_missing_directory_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        make_engine(str(tmp_path / "nope" / "c.db"))


def test_locked_sqlite_is_unavailable_to_writers_but_readable(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    make_engine(str(path)).dispose()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        with pytest.raises(DatabaseUnavailable, match="locked"):
            make_engine(f"sqlite:///{path}?timeout=0.1")
        reader = make_engine(str(path), readonly=True)  # WAL: readers are not blocked by a writer
        with reader.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 0
        reader.dispose()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_unreachable_postgres_is_unavailable() -> None:
    with pytest.raises(DatabaseUnavailable, match=r"127\.0\.0\.1"):
        make_engine("postgresql://nobody@127.0.0.1:1/none")


def test_unknown_scheme_is_unavailable() -> None:
    with pytest.raises(DatabaseUnavailable, match="unsupported"):
        make_engine("mysql://u@h/db")


@pytest.mark.postgres
def test_postgres_readonly_engine_refuses_writes(pg_url: str) -> None:
    make_engine(pg_url).dispose()
    engine = make_engine(pg_url, readonly=True)
    with pytest.raises(Exception, match="read-only"), engine.begin() as conn:
        conn.execute(text("INSERT INTO speakers (key, name, quotes, articles) VALUES ('a', 'A', 0, 0)"))
    engine.dispose()


@pytest.mark.postgres
def test_postgres_has_french_text_search_indexes(pg_url: str) -> None:
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        names = {i["name"] for i in inspect(conn).get_indexes("quotes")} | {
            i["name"] for i in inspect(conn).get_indexes("documents")
        }
    engine.dispose()
    assert {"ix_quotes_fts", "ix_documents_fts"} <= names
