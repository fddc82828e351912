"""NER corrections of the speaker stage (hand-built parses, invented sentences)."""

from spacy.tokens import Doc, Span

from guillemets.rules import load_profile
from guillemets.speakers.entities import named_place, settle
from guillemets.speakers.index import build_index

RULES = load_profile("fr")


def _doc(fr_vocab, words: list[str], spaces: list[bool], ents: list[tuple[int, int, str]]) -> Doc:  # type: ignore[no-untyped-def]
    doc = Doc(fr_vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_a_person_after_a_place_noun_is_a_place(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Marc Lavoie a marché jusqu'au rond-point Delvaux »: Delvaux (PER for the NER) is a place,
    never a person a pronoun could take; Marc Lavoie stays a person."""
    words = ["Marc", "Lavoie", "a", "marché", "jusqu'au", "rond", "-", "point", "Delvaux", "."]
    spaces = [True, True, True, True, True, False, False, True, False, False]
    doc = _doc(fr_vocab, words, spaces, [(0, 2, "PER"), (8, 9, "PER")])
    assert [named_place(e, RULES) for e in doc.ents] == [False, True]
    index = build_index(doc, RULES)
    assert index.people == {"Marc Lavoie"}
    settled = settle(list(doc.ents), ["Marc Lavoie", "Delvaux"], set(), RULES)
    assert settled == [("PER", "Marc Lavoie"), ("LOC", "Delvaux")]


def test_a_person_after_an_ordinary_noun_stays_a_person(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« la voisine Anne Roux »: a role noun, not a place noun, before the name."""
    words = ["la", "voisine", "Anne", "Roux", "proteste", "."]
    doc = _doc(fr_vocab, words, [True, True, True, True, False, False], [(2, 4, "PER")])
    assert not named_place(doc.ents[0], RULES)
