"""The same API and pages over PostgreSQL: one code path, same answers (needs GUILLEMETS_TEST_PG)."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.corpus import PWN_SCRIPT, corpus

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_client() -> Iterator[Any]:
    admin_url = os.environ.get("GUILLEMETS_TEST_PG")
    if not admin_url:
        if os.environ.get("CI") == "true":
            pytest.fail("GUILLEMETS_TEST_PG is not set; CI must start PostgreSQL (.ci/start-postgres.sh)")
        pytest.skip("GUILLEMETS_TEST_PG not set")
    from sqlalchemy import create_engine, text

    from guillemets.store.engine import make_engine
    from guillemets.store.ingest import ingest_documents
    from guillemets.web.app import create_app

    name = f"guillemets_web_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{admin_url.rpartition('/')[0]}/{name}"
    app = None
    try:
        writer = make_engine(url)
        ingest_documents(writer, corpus(), label="web-tests")
        writer.dispose()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from fastapi.testclient import TestClient
        app = create_app(url)
        with TestClient(app) as client:
            yield client
    finally:
        if app is not None and app.state.engine is not None:
            app.state.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_pg_search_finds_article_by_a_word(pg_client: Any) -> None:
    body = pg_client.get("/api/search", params={"q": "Koursk", "type": "articles"}).json()
    assert [i["document_id"] for i in body["items"]] == ["koursk0000000001"]


def test_pg_search_quotes_folds_accents(pg_client: Any) -> None:
    items = pg_client.get("/api/search", params={"q": "controle"}).json()["items"]
    assert [i["text"] for i in items] == ["La situation est sous contrôle"]


def test_pg_speakers_and_speaker_page(pg_client: Any) -> None:
    items = pg_client.get("/api/speakers").json()["items"]
    poutine = next(i for i in items if i["name"] == "Vladimir Poutine")
    assert poutine["quotes"] == 3
    html = pg_client.get(f"/speakers/{poutine['speaker_id']}").text
    assert "La situation est sous contrôle" in html and 'data-chart="timeline"' in html


@pytest.mark.parametrize("q", ['"', "*", "NEAR(", "'; DROP TABLE quotes; --", "a & b | !c", "(", ":*"])
def test_pg_query_syntax_is_plain_text(pg_client: Any, q: str) -> None:
    for kind in ("quotes", "articles"):
        response = pg_client.get("/api/search", params={"q": q, "type": kind})
        assert response.status_code == 200 and response.json()["ok"] is True


def test_pg_errors_are_envelopes(pg_client: Any) -> None:
    assert pg_client.get("/api/speakers/999999").json()["status"] == 404
    assert pg_client.get("/api/search", params={"q": "x", "per_page": 500}).json()["status"] == 422
    assert pg_client.post("/api/search").status_code == 405


def test_pg_hostile_article_is_text(pg_client: Any) -> None:
    html = pg_client.get("/articles/hostile000000004").text
    assert PWN_SCRIPT not in html and "&lt;script&gt;" in html
