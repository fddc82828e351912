"""Server-rendered pages: search, speakers, a speaker, an article, API docs, errors, languages."""

from __future__ import annotations

import re
from typing import Any

import pytest


def page(client: Any, path: str, status: int = 200, **params: Any) -> str:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return str(response.text)


def unmarked(html: str) -> str:
    """The page without the query-word marks, to look for whole sentences."""
    return re.sub(r'<mark class="hit">(.*?)</mark>', r"\1", html)


def test_home_is_french_by_default(client: Any) -> None:
    html = page(client, "/")
    assert '<html lang="fr">' in html
    assert 'name="q"' in html and "Rechercher" in html
    assert "Vladimir Poutine" in html  # most quoted, listed on the home page


def test_home_in_english_by_parameter_or_header(client: Any) -> None:
    by_param = page(client, "/", lang="en")
    assert '<html lang="en">' in by_param and "Search quotes and articles" in by_param
    assert 'href="/speakers?lang=en"' in by_param  # a chosen language sticks to the links
    by_header = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"}).text
    assert '<html lang="en">' in by_header and 'href="/speakers"' in by_header


def test_language_switch_link_keeps_the_query(client: Any) -> None:
    html = page(client, "/", q="Koursk")
    switch = re.search(r'<a class="lang-switch" href="([^"]+)"', html)
    assert switch is not None and switch.group(1) == "/?q=Koursk&amp;lang=en"


def test_search_shows_quote_cards(client: Any, speaker_ids: dict[str, int]) -> None:
    html = page(client, "/", q="positions")
    assert '<mark class="hit">positions</mark>' in html
    html = unmarked(html)
    assert "Nous tiendrons nos positions aussi longtemps que nécessaire" in html
    assert f'href="/speakers/{speaker_ids["Oleksandre Syrsky"]}"' in html
    assert 'href="/articles/koursk0000000001#quote-' in html
    assert "lesoir.be" in html and "4 mars 2025" in html


def test_search_articles_shows_article_cards(client: Any) -> None:
    html = unmarked(page(client, "/", q="sanctions", type="articles"))
    assert 'href="/articles/sanctions0000002"' in html
    assert "Nouvelles sanctions européennes contre Moscou" in html


def test_search_form_ignores_empty_fields(client: Any) -> None:
    html = page(
        client, "/", q="contrôle", type="quotes", domain="", since="", until="", doc_lang="", quote_type=""
    )
    assert "La situation est sous contrôle" in unmarked(html)


def test_search_filters_from_the_form(client: Any) -> None:
    html = page(client, "/", q="nécessaire", doc_lang="en")
    assert "Aucun résultat." in html and "Nous tiendrons" not in html
    html = unmarked(page(client, "/", q="air defence", doc_lang="en"))
    assert "We need more air defence systems now" in html


def test_search_lists_matching_speakers(client: Any, speaker_ids: dict[str, int]) -> None:
    html = page(client, "/", q="Zelensky")
    assert f'href="/speakers/{speaker_ids["Volodymyr Zelensky"]}"' in html


def test_search_bad_parameter_is_a_422_page(client: Any) -> None:
    html = page(client, "/", status=422, q="x", since="2025-02-30")
    assert "since" in html and "Paramètre invalide" in html


def test_speakers_page_lists_speakers(client: Any, speaker_ids: dict[str, int]) -> None:
    html = page(client, "/speakers")
    for name in ("Vladimir Poutine", "Oleksandre Syrsky", "Volodymyr Zelensky"):
        assert f'href="/speakers/{speaker_ids[name]}">{name}</a>' in html


def test_speaker_page_shows_quotes_chart_and_co_quoted(client: Any, speaker_ids: dict[str, int]) -> None:
    html = page(client, f"/speakers/{speaker_ids['Vladimir Poutine']}")
    assert "<h1>Vladimir Poutine</h1>" in html
    assert "3 citation(s) dans 2 article(s), du 15 janvier 2025 au 4 mars 2025" in html
    for words in ("La situation est sous contrôle", "Ces sanctions n’ont aucun effet sur notre économie"):
        assert words in html
    chart = re.search(r"<svg[^>]*data-chart=\"timeline\".*?</svg>", html, re.S)
    assert chart is not None and "mark-rect" in chart.group(0)
    assert f'href="/speakers/{speaker_ids["Oleksandre Syrsky"]}"' in html  # quoted with


def test_speaker_page_of_syrsky_shows_his_quote(client: Any, speaker_ids: dict[str, int]) -> None:
    html = page(client, f"/speakers/{speaker_ids['Oleksandre Syrsky']}")
    assert "Nous tiendrons nos positions aussi longtemps que nécessaire" in html
    assert "La situation est sous contrôle" not in html


def test_article_page_highlights_quotes_and_speakers(client: Any, speaker_ids: dict[str, int]) -> None:
    html = page(client, "/articles/koursk0000000001")
    marks = re.findall(r'<mark class="quote quote-(\w+)" id="quote-\d+"[^>]*>(.*?)</mark>', html, re.S)
    texts = [re.sub(r"<[^>]+>", "", inner) for _, inner in marks]
    assert "La situation est sous contrôle" in texts
    assert {kind for kind, _ in marks} == {"direct", "mixed"}
    poutine = speaker_ids["Vladimir Poutine"]
    assert re.search(rf'<a class="speaker" href="/speakers/{poutine}">(<span[^>]*>)?Vladimir Poutine', html)
    assert 'class="entity entity-LOC" title="Koursk"' in html


def test_article_page_lists_every_source(client: Any) -> None:
    html = page(client, "/articles/sanctions0000002")
    assert 'href="https://www.rtbf.be/article/sanctions.html"' in html
    assert 'href="https://www.lalibre.be/sanctions"' in html


def test_unknown_speaker_and_article_are_404_pages(client: Any) -> None:
    assert "999999" in page(client, "/speakers/999999", status=404)
    assert "nope" in page(client, "/articles/nope", status=404)
    assert "Cette page n’existe pas" in page(client, "/no/such/page", status=404)


def test_docs_page_lists_endpoints_without_third_party_script(client: Any) -> None:
    html = page(client, "/docs")
    for path in ("/api/search", "/api/quotes", "/api/speakers", "/api/articles/{document_id}"):
        assert f"{path}</code>" in html
    assert "per_page" in html
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']


@pytest.mark.parametrize("asset", ["/static/style.css", "/static/app.js", "/static/favicon.svg"])
def test_static_assets_are_served(client: Any, asset: str) -> None:
    assert client.get(asset).status_code == 200
