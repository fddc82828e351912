"""Fixtures of the issue-14 robustness tests: pairs of fresh databases on each backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.store.conftest import fresh_pg_databases


@pytest.fixture
def pg_databases() -> Iterator[tuple[str, str]]:
    """Two brand-new PostgreSQL databases, dropped after the test."""
    with fresh_pg_databases("kill", 2) as (first, second):
        yield first, second


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_databases(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """Two fresh, empty databases (a reference and a victim) on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'reference.db'}", f"sqlite:///{tmp_path / 'killed.db'}"
    pair: tuple[str, str] = request.getfixturevalue("pg_databases")
    return pair
