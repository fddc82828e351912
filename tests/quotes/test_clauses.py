"""Where a reported clause ends (``guillemets.quotes.clauses``), on hand-built parses."""

from tests.quotes.parses import build

from guillemets.quotes.clauses import cut_before_next_report
from guillemets.rules import load_profile

FIN = "Mood=Ind|Tense=Imp|VerbForm=Fin"


def test_a_fronted_phrase_and_a_conjunction_before_the_next_report(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Elle a dit que, comme lui, elle aimait le jazz et ils ont parlé de musique. »: the comma after
    « comme lui » (no verb before it) does not end the content; « et » before the next report does."""
    doc = build(
        fr_vocab,
        [
            ("Elle", 2, "nsubj", "lui", "PRON"),
            ("a", 2, "aux:tense", "avoir", "AUX"),
            ("dit", 2, "ROOT", "dire", "VERB"),
            ("que", 9, "mark", "que", "SCONJ"),
            (",", 9, "punct", ",", "PUNCT"),
            ("comme", 6, "case", "comme", "SCONJ"),
            ("lui", 9, "obl:mod", "lui", "PRON"),
            (",", 9, "punct", ",", "PUNCT"),
            ("elle", 9, "nsubj", "lui", "PRON"),
            ("aimait", 2, "ccomp", "aimer", "VERB"),
            ("le", 11, "det", "le", "DET"),
            ("jazz", 9, "obj", "jazz", "NOUN"),
            ("et", 15, "cc", "et", "CCONJ"),
            ("ils", 15, "nsubj", "il", "PRON"),
            ("ont", 15, "aux:tense", "avoir", "AUX"),
            ("parlé", 9, "conj", "parler", "VERB"),
            ("de", 17, "case", "de", "ADP"),
            ("musique", 15, "obl:arg", "musique", "NOUN"),
            (".", 2, "punct", ".", "PUNCT"),
        ],
        morphs={9: FIN, 15: "Tense=Past|VerbForm=Part", 14: "Mood=Ind|Tense=Pres|VerbForm=Fin"},
    )
    end = cut_before_next_report(doc, 4, len(doc), load_profile("fr"))
    assert doc[4:end].text.strip(" ,") == "comme lui, elle aimait le jazz"
