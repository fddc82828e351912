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


def test_a_subject_is_never_looked_for_across_a_paragraph_break(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Paul Roy a parlé aux grévistes réunis.¶¶La directrice, Anne Vidal, a estimé que tout va. » parsed
    as one sentence, « estimé » hanging from « réunis »: its subject is Anne Vidal, in its own paragraph,
    not the subject of the sentence before the blank line."""
    rows = [
        ("Paul", 3, "nsubj", "Paul", "PROPN"), ("Roy", 0, "flat:name", "Roy", "PROPN"),
        ("a", 3, "aux:tense", "avoir", "AUX"), ("parlé", 3, "ROOT", "parler", "VERB"),
        ("aux", 5, "case", "à", "ADP"), ("grévistes", 3, "obl:arg", "gréviste", "NOUN"),
        ("réunis", 5, "acl", "réunir", "VERB"), (".", 3, "punct", ".", "PUNCT"),
        ("\n\n", 6, "dep", "\n\n", "SPACE"), ("La", 10, "det", "le", "DET"),
        ("directrice", 6, "obj", "directeur", "NOUN"), (",", 12, "punct", ",", "PUNCT"),
        ("Anne", 10, "appos", "Anne", "PROPN"), ("Vidal", 12, "flat:name", "Vidal", "PROPN"),
        (",", 16, "punct", ",", "PUNCT"), ("a", 16, "aux:tense", "avoir", "AUX"),
        ("estimé", 6, "advcl", "estimer", "VERB"), ("que", 19, "mark", "que", "SCONJ"),
        ("tout", 19, "nsubj", "tout", "PRON"), ("va", 16, "ccomp", "aller", "VERB"),
        (".", 16, "punct", ".", "PUNCT"),
    ]  # fmt: skip
    doc = build(fr_vocab, rows, ents=[(0, 2, "PER"), (12, 14, "PER")])
    subject = subject_of(doc[16], WORDS)
    assert subject is not None
    assert doc[slice(*mention_tokens(subject, WORDS))].text == "Anne Vidal"
    joined = build(fr_vocab, [r if r[0] != "\n\n" else (" ", 6, "dep", " ", "SPACE") for r in rows])
    climbed = subject_of(joined[16], WORDS)  # without the blank line the rule climbs to « parlé »
    assert climbed is not None and climbed.i < 8
