"""Fixtures of the issue-14 robustness tests: pairs of fresh databases on each backend."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from tests.store.conftest import pg_admin_url


@pytest.fixture
def pg_databases() -> Iterator[tuple[str, str]]:
    """Two brand-new PostgreSQL databases, dropped after the test."""
    admin_url = pg_admin_url()
    names = [f"guillemets_kill_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = admin_url.rpartition("/")[0]
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_databases(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """Two fresh, empty databases (a reference and a victim) on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'reference.db'}", f"sqlite:///{tmp_path / 'killed.db'}"
    pair: tuple[str, str] = request.getfixturevalue("pg_databases")
    return pair
