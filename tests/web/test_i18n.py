"""Interface language: negotiation, translations, dates."""

from __future__ import annotations

import pytest

from guillemets.web.i18n import LANGUAGES, MESSAGES, negotiate, normalise, translator


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-US,en;q=0.9", "en"),
        ("fr-BE,fr;q=0.9,en;q=0.8", "fr"),
        ("de-DE,de;q=0.9,en;q=0.5", "en"),
        ("en;q=0.2, fr;q=0.8", "fr"),
        ("de, es", "xx"),
        ("", "xx"),
        (None, "xx"),
        ("en;q=0", "xx"),
        ("en;q=abc, fr", "fr"),
    ],
)
def test_negotiate_picks_best_supported(header: str | None, expected: str) -> None:
    assert negotiate(header, "xx") == expected


def test_normalise_accepts_regional_codes() -> None:
    assert [normalise(c) for c in ("fr-BE", "EN_us", "de", "", None)] == ["fr", "en", None, None, None]


def test_every_message_has_every_language() -> None:
    missing = [key for key, entry in MESSAGES.items() if set(entry) != set(LANGUAGES)]
    assert missing == []


def test_translator_formats_and_falls_back() -> None:
    fr, en = translator("fr"), translator("en")
    assert fr("search.results", total=3, q="Koursk") == "3 résultat(s) pour « Koursk »"
    assert en("nav.search") == "Search"
    assert translator("de").lang == "fr"
    assert fr("no.such.key") == "no.such.key"


def test_dates_in_each_language() -> None:
    assert translator("fr").date("2025-03-04") == "4 mars 2025"
    assert translator("en").date("2025-03-04T10:00:00+01:00") == "4 March 2025"
    assert translator("fr").date(None) == "—"
    assert translator("fr").date("printemps") == "printemps"
    assert translator("en").month("2024-12") == "December 2024"
