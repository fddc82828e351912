"""One accent folding: search, speaker names, place names and prepositional cues fold text the same way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guillemets.fold import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Élysée", "elysee"), ("ÉLYSÉE", "elysee"), ("Ça", "ca"), ("Straße", "strasse"), ("ﬁn", "fin")],
)
def test_fold_removes_case_accents_and_compatibility_forms(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_every_part_uses_the_same_fold() -> None:
    from guillemets.speakers import entities, index, resolver
    from guillemets.store import search, speakers

    assert search.fold is fold and speakers.fold is fold and index.fold is fold and resolver.fold is fold
    assert entities.fold is fold


def test_no_module_strips_accents_on_its_own() -> None:
    """Decomposing text (NFD/NFKD) or dropping combining marks is fold.py's job alone: a second
    folding written elsewhere would disagree with it (issue 11 found three)."""
    src = Path(__file__).resolve().parents[1] / "src" / "guillemets"
    own_folding = re.compile(
        r"""normalize\(\s*["']NFK?D["']|\bcombining\(|category\([^)]*\)\s*[!=]=\s*["']Mn"""
    )
    found = [
        str(path.relative_to(src))
        for path in sorted(src.rglob("*.py"))
        if path.name != "fold.py" and own_folding.search(path.read_text("utf-8"))
    ]
    assert found == []


def test_place_names_fold_like_search() -> None:
    from guillemets.speakers.entities import _whole_place

    places = ["Saint-Étienne-du-Rouvray", "Besançon"]
    assert _whole_place("SAINT", places) == "Saint-Étienne-du-Rouvray"
    assert _whole_place("besancon", places) == "Besançon"
    assert _whole_place("Besancon-les-Bains", places) is None


def test_prepositional_cues_fold_like_search() -> None:
    from guillemets.rules import load_profile

    prep_words = load_profile("fr").morphology.prep_words

    assert prep_words("À SES YEUX") == prep_words("a ses yeux") == ("a", "ses", "yeux")
    assert prep_words("D'après Noémie") == ("de", "apres", "noemie")
