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
