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


def test_a_party_acronym_glued_to_a_name_after_a_role_noun_is_split(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« L'eurodéputé RN Jean Valmont estime … » with « RN Jean Valmont » one entity (the NER even calls it
    a place): after a person role noun the acronym is the party (ORG) and the rest the person (PER).
    Without the role noun, or with a word that is no acronym, the entity stays as the NER gave it."""
    from guillemets.speakers.entities import split_affiliations

    words = ["L'", "eurodéputé", "RN", "Jean", "Valmont", "estime", "."]
    spaces = [False, True, True, True, True, False, False]
    doc = _doc(fr_vocab, words, spaces, [(2, 5, "LOC")])
    doc[1].lemma_ = "eurodéputé"
    split_affiliations(doc, RULES)
    assert [(e.text, e.label_) for e in doc.ents] == [("RN", "ORG"), ("Jean Valmont", "PER")]
    plain = _doc(
        fr_vocab, ["Hier", "RN", "Jean", "Valmont", "."], [True, True, True, False, False], [(1, 4, "LOC")]
    )
    split_affiliations(plain, RULES)
    assert [(e.text, e.label_) for e in plain.ents] == [("RN Jean Valmont", "LOC")]
    word = _doc(fr_vocab, ["le", "député", "Marc", "Jean", "Roy"], [True] * 4 + [False], [(2, 5, "PER")])
    split_affiliations(word, RULES)
    assert [(e.text, e.label_) for e in word.ents] == [("Marc Jean Roy", "PER")]


def test_a_misc_name_that_speaks_is_a_person_everywhere(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Zélie a posté une vidéo : … Zélie sourit. » with both « Zélie » read as MISC by the NER: the one
    holding a quote's speaker makes every mention of that text a person; another MISC (a label that never
    speaks) and a MISC phrase that speaks but is not capitalised words (« Coupe du monde ») stay MISC."""
    from guillemets.speakers.entities import name_speakers

    words = ["Zélie", "a", "posté", "une", "vidéo", ":", "Zélie", "sourit", "devant", "Noël", "."]
    doc = _doc(
        fr_vocab,
        words,
        [True] * 4 + [False, True, True, True, True, False, False],
        [(0, 1, "MISC"), (6, 7, "MISC"), (9, 10, "MISC")],
    )
    name_speakers(doc, [doc[0]])
    assert [(e.text, e.label_) for e in doc.ents] == [("Zélie", "PER"), ("Zélie", "PER"), ("Noël", "MISC")]
    acronym = _doc(
        fr_vocab, ["La", "FNSEA", "a", "dit", "non", "."], [True] * 4 + [False, False], [(1, 2, "MISC")]
    )
    name_speakers(acronym, [acronym[1]])
    assert [(e.text, e.label_) for e in acronym.ents] == [("FNSEA", "ORG")]
    phrase = _doc(
        fr_vocab, ["la", "Coupe", "du", "monde", "a", "dit"], [True] * 5 + [False], [(1, 4, "MISC")]
    )
    name_speakers(phrase, [phrase[1]])
    assert [(e.text, e.label_) for e in phrase.ents] == [("Coupe du monde", "MISC")]


def test_a_surname_the_ner_calls_a_place_is_the_person_named_in_full(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Lina Ferrat est arrivée. Ferrat a parlé à Nantes. » with the second « Ferrat » read as LOC: it is
    Lina Ferrat; « Nantes » stays a place; « Yves Morel de Nantes » does not make Nantes a person."""
    words = ["Lina", "Ferrat", "est", "arrivée", ".", "Ferrat", "a", "parlé", "à", "Nantes", "."]
    doc = _doc(
        fr_vocab,
        words,
        [True] * 3 + [False, True] * 1 + [True] * 4 + [False, False],
        [(0, 2, "PER"), (5, 6, "LOC"), (9, 10, "LOC")],
    )
    settled = settle(list(doc.ents), ["Lina Ferrat", None, None], set(), RULES)
    assert settled == [("PER", "Lina Ferrat"), ("PER", "Lina Ferrat"), ("LOC", "Nantes")]
    words = ["Yves", "Morel", "de", "Nantes", "parle", "à", "Nantes"]
    doc = _doc(fr_vocab, words, [True] * 6 + [False], [(0, 4, "PER"), (6, 7, "LOC")])
    settled = settle(list(doc.ents), ["Yves Morel de Nantes", None], set(), RULES)
    assert settled[1] == ("LOC", "Nantes")
