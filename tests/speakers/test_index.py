"""What the article index learns from appositions (hand-built parses, invented sentences)."""

from tests.quotes.parses import build

from guillemets.rules import load_profile
from guillemets.speakers.index import build_index

RULES = load_profile("fr")
FIN = "Mood=Ind|Tense=Pres|VerbForm=Fin"


def _described(doc):  # type: ignore[no-untyped-def]
    return {(min(roles), name) for _, roles, _, name in build_index(doc, RULES).descriptions}


def test_name_comma_description_comma_is_an_apposition(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Paul Renard, le maire, promet une enquête. »: the mayor is Paul Renard."""
    doc = build(
        fr_vocab,
        [
            ("Paul", 6, "nsubj", "Paul", "PROPN"),
            ("Renard", 0, "flat:name", "Renard", "PROPN"),
            (",", 4, "punct", ",", "PUNCT"),
            ("le", 4, "det", "le", "DET"),
            ("maire", 0, "appos", "maire", "NOUN"),
            (",", 4, "punct", ",", "PUNCT"),
            ("promet", 6, "ROOT", "promettre", "VERB"),
            ("une", 8, "det", "un", "DET"),
            ("enquête", 6, "obj", "enquête", "NOUN"),
            (".", 6, "punct", ".", "PUNCT"),
        ],
        ents=[(0, 2, "PER")],
        morphs={6: FIN},
    )
    assert ("maire", "Paul Renard") in _described(doc)


def test_description_opening_the_next_clause_is_not_apposed(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Après la mort de Paul Renard, le maire promet une enquête. »: the mayor is someone else."""
    doc = build(
        fr_vocab,
        [
            ("Après", 2, "case", "après", "ADP"),
            ("la", 2, "det", "le", "DET"),
            ("mort", 9, "obl:mod", "mort", "NOUN"),
            ("de", 4, "case", "de", "ADP"),
            ("Paul", 2, "nmod", "Paul", "PROPN"),
            ("Renard", 4, "flat:name", "Renard", "PROPN"),
            (",", 2, "punct", ",", "PUNCT"),
            ("le", 8, "det", "le", "DET"),
            ("maire", 2, "appos", "maire", "NOUN"),
            ("promet", 9, "ROOT", "promettre", "VERB"),
            ("une", 11, "det", "un", "DET"),
            ("enquête", 9, "obj", "enquête", "NOUN"),
            (".", 9, "punct", ".", "PUNCT"),
        ],
        ents=[(4, 6, "PER")],
        morphs={9: FIN},
    )
    assert ("maire", "Paul Renard") not in _described(doc)
