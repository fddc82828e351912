"""The shared example page, extracted for real and served: Koursk, Poutine, Syrsky (issue 4's checks)."""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def example_client(shared_example: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from guillemets.settings import Settings
    from guillemets.store.engine import make_engine
    from guillemets.store.ingest import ingest_documents
    from guillemets.store.inputs import iter_documents
    from guillemets.web.app import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('example') / 'corpus.db'}"
    engine = make_engine(url)
    summary = ingest_documents(engine, iter_documents([str(shared_example)], Settings()), label="example")
    engine.dispose()
    assert summary.stored == 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(url)) as client:
        yield client


def speaker_id(client: Any, fragment: str) -> int:
    items = client.get("/api/speakers", params={"q": fragment}).json()["items"]
    assert items, f"no speaker matching {fragment!r}"
    return int(items[0]["speaker_id"])


def test_example_search_koursk_finds_the_article(example_client: Any) -> None:
    items = example_client.get("/api/search", params={"q": "Koursk", "type": "articles"}).json()["items"]
    assert len(items) == 1
    page = example_client.get("/", params={"q": "Koursk", "type": "articles"}).text
    assert f'href="/articles/{items[0]["document_id"]}"' in page


def test_example_speakers_list_poutine_with_quotes(example_client: Any) -> None:
    poutine = example_client.get(f"/api/speakers/{speaker_id(example_client, 'Poutine')}").json()["speaker"]
    assert "Poutine" in poutine["name"] and poutine["quotes"] >= 1


def test_example_syrsky_page_shows_his_quotes(example_client: Any) -> None:
    syrsky = speaker_id(example_client, "Syrsky")
    quotes = example_client.get("/api/quotes", params={"speaker": syrsky, "per_page": 100}).json()["items"]
    assert quotes
    page = html.unescape(re.sub(r"<[^>]+>", "", example_client.get(f"/speakers/{syrsky}").text))
    for quote in quotes:
        assert " ".join(quote["text"].split()) in " ".join(page.split())
    article = example_client.get(f"/articles/{quotes[0]['document_id']}").text
    assert f'href="/speakers/{syrsky}"' in article and '<mark class="quote' in article
