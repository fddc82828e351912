"""Every stored article opens from its own link, whatever its id.

An article's id is the input's own ``id`` when it has one (a JSONL line), so it may hold slashes,
spaces, ``#?%``, accents, or be long. The API and the pages must find it by that id, percent-encoded
in the URL, and the links the pages write must lead to it (they once gave 404 or 422).
"""

from __future__ import annotations

import contextlib
import html
import http.client
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from tests.store.corpus_data import build_doc
from tests.web.test_load import serving

ODD_IDS = [
    "lesoir/2025/03/12/grève-au-port",
    "une page#1?x=%41&y=2",
    "https://exemple.fr/a b/c?d=é",
    "..",
    "a" * 600,
]


def odd_docs() -> list[Any]:
    docs = []
    for n, doc_id in enumerate(ODD_IDS):
        words = f"« Le bac restera à quai jusqu'au vote numéro {n} »"
        body = f"{words}, a prévenu Lucie Garnier devant les passagers du bac."
        docs.append(build_doc(doc_id, f"Le bac à quai {n}", [body], quotes=[(words, "Lucie Garnier")]))
    return docs


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def odd_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """``guillemets serve`` (real uvicorn: the test client decodes ``%25`` twice) over the odd ids."""
    from tests.store.conftest import fresh_pg_databases

    from guillemets.store.engine import make_engine
    from guillemets.store.ingest import ingest_documents

    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = str(tmp_path_factory.mktemp("ids") / "c.db")
        else:
            (url,) = stack.enter_context(fresh_pg_databases("ids"))
        engine = make_engine(url)
        ingest_documents(engine, odd_docs())
        engine.dispose()
        with serving(url) as (port, _):
            yield port


def fetch(port: int, path: str) -> tuple[int, str]:
    """GET ``path`` exactly as given (already percent-encoded)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        conn.close()


def test_api_finds_every_article_by_its_percent_encoded_id(odd_server: int) -> None:
    status, body = fetch(odd_server, "/api/search?q=bac&type=articles&per_page=100")
    assert status == 200 and sorted(i["document_id"] for i in json.loads(body)["items"]) == sorted(ODD_IDS)
    for doc_id in ODD_IDS:
        status, body = fetch(odd_server, "/api/articles/" + quote(doc_id, safe=""))
        assert status == 200, (doc_id, body)
        assert json.loads(body)["article"]["document_id"] == doc_id


@pytest.mark.parametrize("page", ["/?q=bac&type=articles", "/?q=bac"])
def test_page_links_open_every_article(odd_server: int, page: str) -> None:
    links = {html.unescape(h) for h in re.findall(r'href="(/articles/[^"#]*)', fetch(odd_server, page)[1])}
    assert len(links) == len(ODD_IDS)
    titles = set()
    for link in links:
        status, body = fetch(odd_server, link)
        assert status == 200, (link, status)
        titles.update(re.findall(r"<h1>([^<]*)</h1>", body))
    assert titles == {f"Le bac à quai {n}" for n in range(len(ODD_IDS))}


@pytest.mark.parametrize("bad", ["a%00b", "a%0Ab", "a%1Bb"])
def test_control_characters_or_huge_ids_are_refused(odd_server: int, bad: str) -> None:
    for route in ("/api/articles/", "/articles/"):
        assert fetch(odd_server, route + bad)[0] in (404, 422)  # 404: no route takes a newline
    assert fetch(odd_server, "/api/articles/" + "x" * 2001)[0] == 422


def test_unknown_odd_id_is_a_404(odd_server: int) -> None:
    assert fetch(odd_server, "/api/articles/" + quote("pas/là ?", safe=""))[0] == 404
