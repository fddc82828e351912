"""Web fixtures: one small SQLite corpus per test module, ingested through the real store."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

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
