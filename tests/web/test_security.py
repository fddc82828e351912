"""Hostile text in the corpus or the URL is shown as text on every page; headers lock scripts down."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from tests.web.corpus import PWN_IMG, PWN_SCRIPT


def hostile_id(speaker_ids: dict[str, int]) -> int:
    return next(i for name, i in speaker_ids.items() if name.startswith("Jean"))


def hostile_pages(speaker_ids: dict[str, int]) -> list[str]:
    jean = hostile_id(speaker_ids)
    return [
        "/?q=piégée",
        "/?q=piège&type=articles",
        "/?q=Jean",
        f"/?speaker={jean}",
        "/speakers",
        "/speakers?q=pirate",
        f"/speakers/{jean}",
        "/articles/hostile000000004",
        "/?q=" + PWN_SCRIPT,
        "/?q=x&since=" + PWN_IMG,
        "/speakers/" + PWN_SCRIPT,
        "/articles/" + PWN_IMG,
        "/nowhere/" + PWN_SCRIPT,
    ]


class Tags(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    assert PWN_SCRIPT not in html and "<script>" not in html and "<img" not in html
    assert "<b>Pirate" not in html
    parser = Tags()
    parser.feed(html)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}]  # no inline script at all
    assert not [tag for tag, _ in parser.tags if tag in ("img", "iframe", "object", "embed", "b")]
    for tag, attrs in parser.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)


def test_hostile_data_is_text_on_every_page(client: Any, speaker_ids: dict[str, int]) -> None:
    for path in hostile_pages(speaker_ids):
        response = client.get(path)
        assert response.status_code in (200, 404, 422), path
        assert_inert(response.text)


def test_hostile_data_is_still_shown_escaped(client: Any, speaker_ids: dict[str, int]) -> None:
    article = client.get("/articles/hostile000000004").text
    assert "Piège &lt;script&gt;window.__pwned = 1;" in article
    assert "&lt;img src=x onerror=" in article
    assert "javascript:window.__pwned=3" in article  # the bad URL is shown, not linked
    speaker = client.get(f"/speakers/{hostile_id(speaker_ids)}").text
    assert "Jean &lt;script&gt;" in speaker


def test_hostile_quote_is_highlighted_with_our_tags_only(client: Any) -> None:
    html = client.get("/articles/hostile000000004").text
    tags = set(re.findall(r"<(mark|a|span|script|img|b)\b", html.split('<article class="article"')[1]))
    assert tags <= {"mark", "a", "span"} and "mark" in tags


def test_json_keeps_text_verbatim_and_is_not_sniffed(client: Any) -> None:
    response = client.get("/api/articles/hostile000000004")
    assert response.json()["article"]["title"].startswith("Piège <script>")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/api/speakers", "/static/app.js", "/missing", "/api/speakers/abc"])
def test_security_headers_on_every_response(client: Any, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_405_also_has_security_headers(client: Any) -> None:
    headers = client.post("/api/search").headers
    assert "content-security-policy" in headers and headers["x-content-type-options"] == "nosniff"
