"""Folding, light stemming and FTS5 escaping: pure functions, property-tested."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from guillemets.store.search import fold, fold_same_length, match_expression, snippet, stem, terms


def test_fold_removes_accents_case_and_ligatures() -> None:
    assert fold("Élysée CŒUR ﬁn Ça") == "elysee cœur fin ca"


def test_stem_merges_plural_and_feminine_forms() -> None:
    assert stem("negociations") == stem("negociation")
    assert stem("declarees") == stem("declaree") == stem("declare")
    assert stem("chevaux") == stem("cheval")
    assert stem("pas") == "pas" and stem("2025") == "2025"


def test_terms_of_query_and_text_agree() -> None:
    assert terms("Les NÉGOCIATIONS reprendront") == terms("les negociation reprendront")


@given(st.text())
def test_match_expression_is_only_quoted_words(query: str) -> None:
    expression = match_expression(query)
    if expression is not None:
        assert re.fullmatch(r'"\w+"( "\w+")*', expression)


@given(st.text())
def test_fold_same_length_keeps_offsets(value: str) -> None:
    assert len(fold_same_length(value)) == len(value)


def test_snippet_centres_on_the_first_hit() -> None:
    body = "début " * 60 + "la région de Koursk est libérée " + "fin " * 60
    assert "Koursk" in snippet(body, "koursk", width=120)
    assert snippet("court", None) == "court"
