"""The inverted subject after a quote beats a description the rules took outside the quote's sentence
(hand-built parse, invented sentences; issue 9, sixth round)."""

from spacy.tokens import Span
from tests.quotes.parses import build

from guillemets.rules import load_profile
from guillemets.speakers.candidates import Attribution, incise_named

RULES = load_profile("fr")
ROWS = [
    # 0-4: « Les deux chorales restent . »
    ("Les", 2, "det", "le", "DET"),
    ("deux", 2, "nummod", "deux", "NUM"),
    ("chorales", 3, "nsubj", "chorale", "NOUN"),
    ("restent", 3, "ROOT", "rester", "VERB"),
    (".", 3, "punct", ".", "PUNCT"),
    # 5-14: « « Nous chantions » , se souvient Paul Renard . »
    ("«", 7, "punct", "«", "PUNCT"),
    ("Nous", 7, "nsubj", "nous", "PRON"),
    ("chantions", 11, "ccomp", "chanter", "VERB"),
    ("»", 7, "punct", "»", "PUNCT"),
    (",", 11, "punct", ",", "PUNCT"),
    ("se", 11, "expl:comp", "se", "PRON"),
    ("souvient", 11, "ROOT", "souvenir", "VERB"),
    ("Paul", 11, "nsubj", "Paul", "PROPN"),
    ("Renard", 12, "flat:name", "Renard", "PROPN"),
    (".", 11, "punct", ".", "PUNCT"),
]


def _found(speaker: tuple[int, int]):  # type: ignore[no-untyped-def]
    from spacy.vocab import Vocab

    doc = build(Vocab(), ROWS, ents=[(12, 14, "PER")])
    people = [Span(doc, 12, 14, label="PER", kb_id="Paul Renard")]
    spk = Span(doc, *speaker, label="speaker", kb_id="les deux chorales")
    return doc, Attribution([Span(doc, 6, 8, label="direct")], [spk], people, [(doc[6].idx, doc[8].idx)])


def test_the_inverted_subject_after_the_quote_speaks() -> None:
    doc, found = _found((0, 3))
    chosen = incise_named(doc, 0, found, RULES)
    assert chosen is not None and chosen.name == "Paul Renard"


def test_a_mention_in_the_quotes_sentence_stands() -> None:
    """The rules' mention inside the quote's own sentence (here: the name itself) is left alone."""
    doc, found = _found((12, 14))
    assert incise_named(doc, 0, found, RULES) is None


def test_rerank_gives_the_quote_to_the_inverted_subject_and_says_why() -> None:
    import numpy as np

    from guillemets.speakers.candidates import FEATURES
    from guillemets.speakers.ranker import Ranker, rerank

    doc, found = _found((0, 3))
    speakers, notes = rerank(doc, Ranker(np.zeros(len(FEATURES)), "test"), found, RULES)
    assert (speakers[0].text, speakers[0].kb_id_) == ("Paul Renard", "Paul Renard")
    assert "inverted subject after the quote" in notes[0] and "les deux chorales" in notes[0]


def test_a_sentence_end_the_parser_ran_over_still_separates() -> None:
    """The parser makes one sentence of « Les deux chorales restent. «…», se souvient Paul Renard. »:
    the full stop between the rules' mention and the quote still puts the mention outside."""
    from spacy.vocab import Vocab

    rows = [
        (w, 11 if k in (3, 4) else h, "parataxis" if k == 3 else d, lem, pos)
        for k, (w, h, d, lem, pos) in enumerate(ROWS)
    ]
    doc = build(Vocab(), rows, ents=[(12, 14, "PER")])
    assert doc[0].sent.start == doc[12].sent.start  # one sentence for the parser
    people = [Span(doc, 12, 14, label="PER", kb_id="Paul Renard")]
    spk = Span(doc, 0, 3, label="speaker", kb_id="les deux chorales")
    found = Attribution([Span(doc, 6, 8, label="direct")], [spk], people, [(doc[6].idx, doc[8].idx)])
    chosen = incise_named(doc, 0, found, RULES)
    assert chosen is not None and chosen.name == "Paul Renard"
