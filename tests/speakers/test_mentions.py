from tests.quotes.parses import build

from guillemets.rules import load_profile
from guillemets.rules.mentions import mention_span, mention_tokens, subject_of

WORDS = load_profile("fr")


def _doc(fr_vocab):  # type: ignore[no-untyped-def]
    # « Le commandant en chef de l'armée, Oleksandre Syrsky, a suggéré que … »
    return build(
        fr_vocab,
        [
            ("Le", 1, "det", "le", "DET"),
            ("commandant", 10, "nsubj", "commandant", "NOUN"),
            ("en", 3, "case", "en", "ADP"),
            ("chef", 1, "nmod", "chef", "NOUN"),
            ("de", 6, "case", "de", "ADP"),
            ("l'", 6, "det", "le", "DET"),
            ("armée", 3, "nmod", "armée", "NOUN"),
            (",", 8, "punct", ",", "PUNCT"),
            ("Oleksandre", 1, "appos", "Oleksandre", "PROPN"),
            ("Syrsky", 8, "flat:name", "Syrsky", "PROPN"),
            (",", 8, "punct", ",", "PUNCT"),
            ("a", 12, "aux:tense", "avoir", "AUX"),
            ("suggéré", 12, "ROOT", "suggérer", "VERB"),
            (".", 12, "punct", ".", "PUNCT"),
        ],
        ents=[(8, 10, "PER")],
    )


def test_apposed_name_is_the_mention_nearest_the_cue(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(fr_vocab)
    doc[1].head = doc[12]
    subject = subject_of(doc[12], WORDS)
    assert subject is not None
    start, end = mention_span(subject, WORDS)
    assert doc.text[start:end] == "Oleksandre Syrsky"


def test_title_is_part_of_a_name_mention(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("M.", 3, "nsubj", "m.", "NOUN"),
            ("Syrsky", 0, "flat:name", "Syrsky", "PROPN"),
            ("a", 3, "aux:tense", "avoir", "AUX"),
            ("détaillé", 3, "ROOT", "détailler", "VERB"),
            (".", 3, "punct", ".", "PUNCT"),
        ],
        ents=[(1, 2, "PER")],
    )
    subject = subject_of(doc[3], WORDS)
    assert subject is not None
    assert doc[slice(*mention_tokens(subject, WORDS))].text == "M. Syrsky"


def test_inverted_clitic_mention_drops_the_hyphen(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("dit", 0, "ROOT", "dire", "VERB"),
            ("-il", 0, "nsubj", "il", "PRON"),
            (".", 0, "punct", ".", "PUNCT"),
        ],
    )
    start, end = mention_span(doc[1], WORDS)
    assert doc.text[start:end] == "il"
