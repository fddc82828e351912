"""Folding, light stemming and FTS5 escaping: pure functions, property-tested."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from guillemets.store.search import (
    fold,
    fold_same_length,
    fts_fold,
    match_expression,
    query_words,
    snippet,
    stem,
    terms,
    word_forms,
)


def test_fold_removes_accents_case_and_ligatures() -> None:
    assert fold("Élysée CŒUR ﬁn Ça") == "elysee cœur fin ca"


def test_stem_merges_plural_and_feminine_forms() -> None:
    assert stem("negociations") == stem("negociation")
    assert stem("declarees") == stem("declaree") == stem("declare")
    assert stem("chevaux") == stem("cheval")
    assert stem("pas") == "pas" and stem("2025") == "2025"


def test_terms_of_query_and_text_agree() -> None:
    assert terms("Les NÉGOCIATIONS reprendront") == terms("les negociation reprendront")


_GROUP = r'\("[^\W_]+"( OR "[^\W_]+")*\)'


@given(st.text())
def test_match_expression_is_only_quoted_words(query: str) -> None:
    expression = match_expression(query)
    if expression is not None:
        assert re.fullmatch(rf"{_GROUP}( AND {_GROUP})*", expression)


def test_word_forms_cover_plural_and_feminine_forms_only() -> None:
    assert {"negociation", "negociations"} <= set(word_forms("negociation"))
    assert not {"negociateur", "negocier"} & set(word_forms("negociation"))
    assert {"cheval", "chevaux"} <= set(word_forms("chevaux"))
    assert {"declare", "declaree", "declarees", "declares"} <= set(word_forms("declarees"))
    assert word_forms("pas") == ["pas"]


@given(st.text(alphabet="abcdeéèxsuil", min_size=1, max_size=9))
def test_word_forms_all_stem_alike(word: str) -> None:
    forms = word_forms(word)
    assert forms[0] == word and {stem(f) for f in forms} == {stem(word)}


def test_query_words_fold_like_fts5_and_split_on_underscores() -> None:
    assert query_words('Grève a_b NEAR(x*) "l\'Élysée" -ça') == [
        "greve",
        "a",
        "b",
        "near",
        "x",
        "l",
        "elysee",
        "ca",
    ]
    assert fts_fold("Ωά Straße") == "ωά straße"  # accents dropped from Latin letters only, as FTS5 does


@given(st.text())
def test_fold_same_length_keeps_offsets(value: str) -> None:
    assert len(fold_same_length(value)) == len(value)


def test_snippet_centres_on_the_first_hit() -> None:
    body = "début " * 60 + "la région de Koursk est libérée " + "fin " * 60
    assert "Koursk" in snippet(body, "koursk", width=120)
    assert snippet("court", None) == "court"
