"""Web fixtures: one small SQLite corpus per test module, ingested through the real store."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.corpus import corpus

pytest.importorskip("fastapi")


def build_database(path: Path) -> str:
    from guillemets.store.engine import make_engine
    from guillemets.store.ingest import ingest_documents

    url = f"sqlite:///{path}"
    engine = make_engine(url)
    try:
        ingest_documents(engine, corpus(), label="web-tests")
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_database(tmp_path_factory.mktemp("web") / "corpus.db")


@pytest.fixture(scope="module")
def client(corpus_url: str) -> Iterator[object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from guillemets.web.app import create_app

    app = create_app(corpus_url)
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


@pytest.fixture(scope="module")
def speaker_ids(client: object) -> dict[str, int]:
    """Speaker name → id, read through the API."""
    response = client.get("/api/speakers", params={"per_page": 100})  # type: ignore[attr-defined]
    return {item["name"]: item["speaker_id"] for item in response.json()["items"]}


@pytest.fixture(scope="module")
def pg_corpus_url() -> Iterator[str]:
    """The test corpus in a PostgreSQL database of its own (GUILLEMETS_TEST_PG), dropped afterwards."""
    admin_url = os.environ.get("GUILLEMETS_TEST_PG")
    if not admin_url:
        if os.environ.get("CI") == "true":
            pytest.fail("GUILLEMETS_TEST_PG is not set; CI must start PostgreSQL (.ci/start-postgres.sh)")
        pytest.skip("GUILLEMETS_TEST_PG not set")
    from sqlalchemy import create_engine, text

    from guillemets.store.engine import make_engine
    from guillemets.store.ingest import ingest_documents

    name = f"guillemets_load_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{admin_url.rpartition('/')[0]}/{name}"
    try:
        writer = make_engine(url)
        ingest_documents(writer, corpus(), label="load-tests")
        writer.dispose()
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_client(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A test client over the corpus, once on SQLite and once on PostgreSQL."""
    from guillemets.web.app import create_app

    url = request.getfixturevalue("corpus_url" if request.param == "sqlite" else "pg_corpus_url")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    app = create_app(url)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()
