"""`/api/search` takes any query text, on both backends: FTS syntax is plain text, 200 or 422, never 5xx."""

from __future__ import annotations

from typing import Any

import pytest

ODD = [
    "a_b",
    "_",
    '"',
    "*",
    "-x",
    "title:x",
    "^x",
    "(x)",
    "NEAR(x y)",
    "x OR y",
    "NOT",
    ":*",
    "<->",
    "'",
    "\\",
]


@pytest.mark.parametrize("kind", ["quotes", "articles"])
@pytest.mark.parametrize("q", ODD)
def test_api_search_odd_query_is_plain_text(any_client: Any, kind: str, q: str) -> None:
    response = any_client.get("/api/search", params={"q": q, "type": kind})
    assert response.status_code == 200, response.text
    assert response.json()["ok"] is True


@pytest.mark.parametrize("kind", ["quotes", "articles"])
def test_api_search_syntax_around_a_word_finds_the_word(any_client: Any, kind: str) -> None:
    plain = any_client.get("/api/search", params={"q": "sanctions", "type": kind}).json()
    noisy = any_client.get("/api/search", params={"q": '_"(sanctions*)":^', "type": kind}).json()
    assert plain["total"] >= 1 and noisy["total"] == plain["total"]


def test_api_search_nul_is_a_422(any_client: Any) -> None:
    response = any_client.get("/api/search", params={"q": "a\x00b"})
    assert response.status_code == 422 and response.json()["ok"] is False
