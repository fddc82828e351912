from guillemets.quotes.cues import Found
from guillemets.quotes.marks import pair_marks
from guillemets.quotes.mixed import combine
from guillemets.quotes.reasons import Reason

TEXT = "Il a jugé la réforme « indispensable » et promis sa venue. Il a estimé que « tout est possible »."


def _span(text: str, part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def test_indirect_holding_a_fragment_is_mixed_and_swallows_it() -> None:
    pairs = pair_marks(TEXT)
    fragment = Found("direct", *_span(TEXT, "indispensable"), cue=(2, 3), speaker=0, reason=Reason.CUE_BEFORE)
    content = _span(TEXT, "la réforme « indispensable » et promis sa venue")
    indirect = Found("indirect", *content, cue=(2, 3), speaker=0, reason=Reason.OBJECT_FRAGMENT)
    [quote] = [q for q in combine(TEXT, [fragment], [indirect], pairs) if q.start < 60]
    assert quote.kind == "mixed" and (quote.start, quote.end) == content


def test_indirect_wholly_quoted_is_direct() -> None:
    pairs = pair_marks(TEXT)
    indirect = Found(
        "indirect", *_span(TEXT, "« tout est possible »"), cue=(15, 17), speaker=12, reason=Reason.QUE_CLAUSE
    )
    [quote] = combine(TEXT, [], [indirect], pairs)
    assert quote.kind == "direct" and TEXT[quote.start : quote.end] == "tout est possible"
    assert quote.cue == (15, 17)


def _incise_fragment(text: str, fragment: str, indirect: list[Found] | None = None) -> list[Found]:
    start = text.index(fragment)
    quote = Found("direct", start, start + len(fragment), cue=(0, 1), speaker=0, reason=Reason.INCISE_AFTER)
    return combine(text, [quote], indirect or [], pair_marks(text))


def test_a_fragment_closing_a_clause_before_its_incise_is_one_mixed_report() -> None:
    text = "Le bilan reste « très lourd », a estimé le préfet Jean Morel. « Nous resterons là », a-t-il dit."
    [quote] = _incise_fragment(text, "très lourd")
    assert quote.kind == "mixed" and quote.reason is Reason.INCISE_FRAGMENT
    assert text[quote.start : quote.end] == "Le bilan reste « très lourd »"


def test_a_fragment_after_a_bare_connector_or_a_full_quote_stays_direct() -> None:
    [quote] = _incise_fragment("Mais « jamais », a répondu la maire.", "jamais")
    assert quote.kind == "direct"
    text = "« Nous restons mobilisés pour longtemps », a-t-il dit."
    [quote] = _incise_fragment(text, "Nous restons mobilisés pour longtemps")
    assert quote.kind == "direct"  # four words: a quote of its own, not a fragment


def test_a_fragment_already_inside_a_mixed_report_is_not_extended_again() -> None:
    text = "Le bilan reste « très lourd », a estimé le préfet."
    content = text.index("Le bilan reste « très lourd »"), text.index(",")
    indirect = Found("indirect", *content, cue=(7, 9), speaker=10, reason=Reason.INCISE_CONTENT)
    [quote] = _incise_fragment(text, "très lourd", [indirect])
    assert quote.reason is Reason.INCISE_CONTENT and (quote.start, quote.end) == content
