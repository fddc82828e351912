"""The JSON API over a real (temporary) SQLite corpus: answers, envelopes, errors."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import build_database


def get(client: Any, path: str, **params: Any) -> Any:
    return client.get(path, params=params)


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and "\n" not in body["error"]
    assert isinstance(body["errors"], list)
    return body


def test_search_articles_finds_article_by_a_word(client: Any) -> None:
    body = get(client, "/api/search", q="Koursk", type="articles").json()
    assert body["ok"] is True and body["type"] == "articles"
    assert [item["document_id"] for item in body["items"]] == ["koursk0000000001"]
    assert body["items"][0]["domain"] == "lesoir.be"
    assert "Koursk" in body["items"][0]["snippet"] or "Koursk" in body["items"][0]["title"]


def test_search_quotes_folds_accents(client: Any) -> None:
    body = get(client, "/api/search", q="controle").json()
    assert [item["text"] for item in body["items"]] == ["La situation est sous contrôle"]
    assert body["items"][0]["speaker"] == "Vladimir Poutine"


def test_search_quotes_speaker_filter(client: Any, speaker_ids: dict[str, int]) -> None:
    poutine = speaker_ids["Vladimir Poutine"]
    body = get(client, "/api/search", q="sanctions", speaker=poutine).json()
    assert body["total"] == 1 and body["items"][0]["speaker_id"] == poutine
    other = get(client, "/api/search", q="sanctions", speaker=speaker_ids["Volodymyr Zelensky"]).json()
    assert other["total"] == 0 and other["items"] == []


def test_search_filters_domain_date_and_language(client: Any) -> None:
    assert {i["domain"] for i in get(client, "/api/quotes", domain="rtbf.be").json()["items"]} == {"rtbf.be"}
    since = get(client, "/api/quotes", since="2025-03-01").json()["items"]
    assert since and all(i["date"] >= "2025-03-01" for i in since)
    english = get(client, "/api/quotes", lang="en").json()["items"]
    assert [i["lang"] for i in english] == ["en"]
    direct = get(client, "/api/quotes", quote_type="mixed").json()["items"]
    assert [i["type"] for i in direct] == ["mixed"]


def test_quotes_paginate(client: Any) -> None:
    everything = get(client, "/api/quotes", per_page=100).json()
    assert everything["total"] == len(everything["items"]) >= 5
    first = get(client, "/api/quotes", per_page=2, page=1).json()
    second = get(client, "/api/quotes", per_page=2, page=2).json()
    assert first["pages"] == -(-everything["total"] // 2)
    assert len(first["items"]) == 2
    assert not {i["quote_id"] for i in first["items"]} & {i["quote_id"] for i in second["items"]}
    beyond = get(client, "/api/quotes", per_page=2, page=999).json()
    assert beyond["ok"] is True and beyond["items"] == []


def test_speakers_lists_most_quoted_first(client: Any) -> None:
    body = get(client, "/api/speakers").json()
    names = [item["name"] for item in body["items"]]
    assert names[0] == "Vladimir Poutine"
    assert {"Oleksandre Syrsky", "Volodymyr Zelensky"} <= set(names)
    poutine = body["items"][0]
    assert poutine["quotes"] == 3 and poutine["articles"] == 2
    assert (poutine["first_seen"], poutine["last_seen"]) == ("2025-01-15", "2025-03-04")


def test_speakers_name_filter(client: Any) -> None:
    body = get(client, "/api/speakers", q="zelensky").json()
    assert [item["name"] for item in body["items"]] == ["Volodymyr Zelensky"]


def test_speaker_detail_has_timeline_and_co_quoted(client: Any, speaker_ids: dict[str, int]) -> None:
    body = get(client, f"/api/speakers/{speaker_ids['Vladimir Poutine']}").json()
    speaker = body["speaker"]
    assert body["ok"] is True and speaker["name"] == "Vladimir Poutine"
    assert speaker["timeline"] == [{"month": "2025-01", "quotes": 1}, {"month": "2025-03", "quotes": 2}]
    assert {c["name"] for c in speaker["co_quoted"]} == {"Oleksandre Syrsky", "Volodymyr Zelensky"}


def test_quotes_of_a_speaker(client: Any, speaker_ids: dict[str, int]) -> None:
    syrsky = speaker_ids["Oleksandre Syrsky"]
    items = get(client, "/api/quotes", speaker=syrsky).json()["items"]
    assert [i["text"] for i in items] == ["Nous tiendrons nos positions aussi longtemps que nécessaire"]


def test_article_detail_offsets_index_text(client: Any) -> None:
    article = get(client, "/api/articles/koursk0000000001").json()["article"]
    assert len(article["quotes"]) == 3
    for q in article["quotes"]:
        assert article["text"][q["start"] : q["end"]] == q["text"]
        assert isinstance(q["speaker_id"], int)


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/search", {"q": "x", "per_page": 101}, "per_page"),
        ("/api/search", {"q": "x", "per_page": 0}, "per_page"),
        ("/api/search", {"q": "x", "page": 0}, "page"),
        ("/api/search", {"q": "x", "page": 100000}, "page"),
        ("/api/search", {"q": "x", "page": "deux"}, "page"),
        ("/api/search", {"q": "x", "since": "2025-13-01"}, "since"),
        ("/api/search", {"q": "x", "until": "hier"}, "until"),
        ("/api/search", {"q": "x", "since": "2025-03-01", "until": "2025-01-01"}, "since"),
        ("/api/search", {"q": "x", "type": "people"}, "type"),
        ("/api/search", {"q": "x", "quote_type": "rumour"}, "quote_type"),
        ("/api/search", {"q": "x", "speaker": "poutine"}, "speaker"),
        ("/api/search", {"q": "x", "speaker": -1}, "speaker"),
        ("/api/search", {"q": "x", "domain": "a b/c"}, "domain"),
        ("/api/search", {"q": "x", "lang": "french"}, "lang"),
        ("/api/search", {}, "q"),
        ("/api/search", {"q": "   "}, "q"),
        ("/api/search", {"q": "x" * 301}, "q"),
        ("/api/quotes", {"per_page": 1000}, "per_page"),
        ("/api/speakers", {"page": -3}, "page"),
        ("/api/speakers/abc", {}, "speaker_id"),
        ("/api/speakers/0", {}, "speaker_id"),
        ("/api/articles/bad%01id", {}, "document_id"),  # a control character; spaces and ! are fine
    ],
)
def test_bad_parameter_is_422_envelope(client: Any, path: str, params: dict[str, Any], name: str) -> None:
    body = assert_error(get(client, path, **params), 422)
    assert name in body["error"]
    assert body["errors"] and all({"loc", "msg", "type"} <= set(e) for e in body["errors"])


@pytest.mark.parametrize(
    "q", ['"', "*", "NEAR(", "'; DROP TABLE quotes; --", "a OR b", "^x", "(", "col:val", "-"]
)
def test_query_syntax_is_plain_text(client: Any, q: str) -> None:
    for kind in ("quotes", "articles"):
        response = get(client, "/api/search", q=q, type=kind)
        assert response.status_code == 200, response.text
        assert response.json()["ok"] is True
    assert get(client, "/api/speakers").json()["total"] >= 4  # nothing was dropped


@pytest.mark.parametrize("path", ["/api/speakers/999999", "/api/articles/doesnotexist"])
def test_unknown_id_is_404_envelope(client: Any, path: str) -> None:
    body = assert_error(get(client, path), 404)
    assert path.rsplit("/", 1)[1] in body["error"]


def test_api_index_lists_endpoints(client: Any) -> None:
    body = get(client, "/api").json()
    assert body["ok"] is True and "/api/search" in body["endpoints"] and body["openapi"] == "/openapi.json"


def test_unknown_api_path_is_404_envelope(client: Any) -> None:
    assert_error(get(client, "/api/nothing-here"), 404)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("path", ["/api/search", "/api/speakers/1", "/", "/nowhere"])
def test_write_methods_are_405(client: Any, method: str, path: str) -> None:
    response = client.request(method, path, json={"q": "x"})
    body = assert_error(response, 405)
    assert method in body["error"]
    assert response.headers["allow"] == "GET, HEAD"


def test_head_is_allowed(client: Any) -> None:
    response = client.head("/api/speakers")
    assert response.status_code == 200 and response.content == b""


def test_openapi_describes_every_endpoint(client: Any) -> None:
    spec = get(client, "/openapi.json").json()
    paths = spec["paths"]
    for path in [
        "/api/search",
        "/api/quotes",
        "/api/speakers",
        "/api/speakers/{speaker_id}",
        "/api/articles/{document_id}",
    ]:
        assert set(paths[path]) == {"get"}
    names = {p["name"] for p in paths["/api/search"]["get"]["parameters"]}
    assert {
        "q",
        "type",
        "speaker",
        "domain",
        "since",
        "until",
        "lang",
        "quote_type",
        "page",
        "per_page",
    } <= names
    assert "/" not in paths  # pages are not part of the API description


def client_for(url: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from guillemets.web.app import create_app

    return TestClient(create_app(url))


def test_missing_database_is_503_envelope(tmp_path: Path) -> None:
    client = client_for(f"sqlite:///{tmp_path / 'absent.db'}")
    body = assert_error(client.get("/api/speakers"), 503)
    assert "absent.db" in body["error"]
    page = client.get("/speakers")
    assert page.status_code == 503 and "text/html" in page.headers["content-type"]


def test_database_created_after_start_is_picked_up(tmp_path: Path) -> None:
    path = tmp_path / "later.db"
    client = client_for(f"sqlite:///{path}")
    assert_error(client.get("/api/speakers"), 503)
    build_database(path)
    assert client.get("/api/speakers").json()["ok"] is True


def test_locked_database_is_503_envelope(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    build_database(path)
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=DELETE")  # readers are blocked only outside WAL mode
    client = client_for(f"sqlite:///{path}?timeout=0.1")
    assert client.get("/api/speakers").status_code == 200
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        body = assert_error(client.get("/api/speakers"), 503)
        assert "locked" in body["error"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert client.get("/api/speakers").status_code == 200


def test_article_detail_has_the_crawl_date_apart_from_the_date(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient
    from tests.store.corpus_data import build_doc

    from guillemets.store.engine import make_engine
    from guillemets.store.ingest import ingest_documents
    from guillemets.web.app import create_app

    doc = build_doc("crawled01", "La halle rouvre", ["Le marché couvert de Saintes rouvre samedi."])
    doc.date, doc.crawl_date = "2025-05-02", "2025-05-03T21:40:00Z"
    url = f"sqlite:///{tmp_path / 'crawled.db'}"
    engine = make_engine(url)
    ingest_documents(engine, [doc])
    engine.dispose()
    app = create_app(url)
    with TestClient(app) as client:
        article = get(client, "/api/articles/crawled01").json()["article"]
    app.state.engine.dispose()
    assert (article["date"], article["crawl_date"]) == ("2025-05-02", "2025-05-03T21:40:00Z")
