"""One accent folding: search, speaker names and prepositional cues fold text the same way."""

from __future__ import annotations

import pytest

from guillemets.fold import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Élysée", "elysee"), ("ÉLYSÉE", "elysee"), ("Ça", "ca"), ("Straße", "strasse"), ("ﬁn", "fin")],
)
def test_fold_removes_case_accents_and_compatibility_forms(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_every_part_uses_the_same_fold() -> None:
    from guillemets.speakers import index, resolver
    from guillemets.store import search, speakers

    assert search.fold is fold and speakers.fold is fold and index.fold is fold and resolver.fold is fold


def test_prepositional_cues_fold_like_search() -> None:
    from guillemets.rules import load_profile

    prep_words = load_profile("fr").morphology.prep_words

    assert prep_words("À SES YEUX") == prep_words("a ses yeux") == ("a", "ses", "yeux")
    assert prep_words("D'après Noémie") == ("de", "apres", "noemie")
