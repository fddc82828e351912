from __future__ import annotations

import pytest

from guillemets.clean.markers import load_markers, load_stoplist, load_stopwords, word_lists


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Lire aussi", "related"), ("À lire aussi :", "related"), ("Les plus lus", "related"),
        ("Mehr zum Thema", "related"), ("Read more »", "related"), ("Contenus sponsorisés", "advertising"),
        ("Anzeige", "advertising"), ("Partager sur Facebook", "social"), ("Newsletter", "social"),
        ("Impressum", "legal"), ("© 2024 The Daily Example", "legal"), ("Se connecter", "navigation"),
    ],
)  # fmt: skip
def test_marker_kind_recognises_multilingual_markers(text: str, kind: str) -> None:
    assert load_markers().kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Lire aussi les travaux de la commission, qui ont duré plus de deux ans et coûté cher à la ville.",
        "Sharethrough",
        "Homeland security officials said on Tuesday",
        "Publicitaires et annonceurs",
    ],
)
def test_marker_kind_ignores_text_that_only_starts_like_a_marker(text: str) -> None:
    assert load_markers().kind(text) is None


def test_stopwords_have_each_language_and_their_union() -> None:
    lists = load_stopwords()
    assert {"fr", "en", "de"} <= set(lists)
    assert "les" in lists["fr"] and "the" in lists["en"] and "und" in lists["de"]
    assert lists["*"] >= lists["fr"] | lists["de"]


def test_stoplist_holds_function_words_of_many_languages_not_navigation() -> None:
    words = load_stoplist()
    assert {"the", "und", "les", "и", "και", "w", "oraz"} <= words
    assert not {"home", "menu", "business", "news"} & words


def test_word_lists_name_each_list_with_its_hash() -> None:
    lists = word_lists()
    assert {"clean_markers.tsv", "clean_cta.txt"} <= set(lists)
    assert any(name.startswith("justext-") for name in lists)
    assert all(len(digest) == 64 for digest in lists.values())
