"""Store fixtures: a fresh database per test on each backend, and hand-built Documents.

``engine`` runs every test that uses it on SQLite and on PostgreSQL (``GUILLEMETS_TEST_PG``,
a ``postgresql+psycopg://`` URL to a server where we may create databases; each test gets a
database of its own, dropped afterwards). Without the variable the PostgreSQL cases skip,
except with ``CI=true`` where they fail.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from tests.store.corpus_data import build_doc, corpus_documents

from guillemets.model import Document
from guillemets.store.engine import make_engine


def pg_admin_url() -> str:
    url = os.environ.get("GUILLEMETS_TEST_PG")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("GUILLEMETS_TEST_PG is not set; CI must start PostgreSQL (.ci/start-postgres.sh)")
        pytest.skip('GUILLEMETS_TEST_PG not set (run: eval "$(bash .ci/start-postgres.sh)")')
    return url


@contextlib.contextmanager
def fresh_pg_databases(prefix: str, count: int = 1) -> Iterator[list[str]]:
    """URLs to ``count`` brand-new PostgreSQL databases named ``guillemets_<prefix>_…``, dropped on exit."""
    admin_url = pg_admin_url()
    names = [f"guillemets_{prefix}_{uuid.uuid4().hex[:12]}" for _ in range(count)]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = admin_url.rpartition("/")[0]
    try:
        yield [f"{base}/{name}" for name in names]
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL to a brand-new PostgreSQL database, dropped after the test."""
    with fresh_pg_databases("t") as (url,):
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def make_doc() -> Callable[..., Document]:
    return build_doc


@pytest.fixture
def corpus() -> list[Document]:
    """Four articles: two outlets, three speakers, one exact duplicate, two months."""
    return corpus_documents()
