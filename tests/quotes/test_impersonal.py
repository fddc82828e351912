"""Impersonal « on » speakers: a source complement of the cue names who « on » is (invented sentences)."""

from tests.quotes.parses import build

from guillemets.quotes.cues import Found
from guillemets.quotes.impersonal import named_on
from guillemets.quotes.reasons import Reason
from guillemets.rules import load_profile


def _on_cue(fr_vocab, complement: list[tuple[str, int, str, str, str]]):  # type: ignore[no-untyped-def]
    """« On parle <complement> . »: « on » subject of the cue « parle »."""
    return build(
        fr_vocab,
        [
            ("On", 1, "nsubj", "on", "PRON"),
            ("parle", 1, "ROOT", "parler", "VERB"),
            *complement,
            (".", 1, "punct", ".", "PUNCT"),
        ],
    )


def test_a_complement_inside_the_content_is_no_source(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« On parle de « relance ». »: « de relance » is what is spoken of, not who speaks."""
    doc = _on_cue(
        fr_vocab,
        [
            ("de", 4, "case", "de", "ADP"),
            ("«", 4, "punct", "«", "PUNCT"),
            ("relance", 1, "obl:arg", "relance", "NOUN"),
            ("»", 4, "punct", "»", "PUNCT"),
        ],
    )
    start = doc[4].idx
    quote = Found("direct", start, start + len("relance"), (1, 2), 0, Reason.CUE_BEFORE)
    assert not named_on(doc, quote, load_profile("fr"))


def test_a_complement_outside_the_content_names_the_source(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« On parle de relance à la mairie. », the content being « relance »: « à la mairie » is the source."""
    doc = _on_cue(
        fr_vocab,
        [
            ("de", 3, "case", "de", "ADP"),
            ("relance", 1, "obl:arg", "relance", "NOUN"),
            ("à", 6, "case", "à", "ADP"),
            ("la", 6, "det", "le", "DET"),
            ("mairie", 1, "obl:mod", "mairie", "NOUN"),
        ],
    )
    start = doc[3].idx
    quote = Found("indirect", start, start + len("relance"), (1, 2), 0, Reason.QUE_CLAUSE)
    assert named_on(doc, quote, load_profile("fr"))
    assert doc[quote.speaker].text == "mairie"
