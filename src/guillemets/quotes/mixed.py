"""Mixed quotes and the merge of direct and indirect findings.

An indirect content that holds quoted fragments is ``mixed``; one that is wholly a quoted
span is ``direct`` (« Il a estimé que « tout est possible » »); a fragment left alone after
a cue (« a dénoncé « la furie destructrice » ») is direct. Quoted fragments inside a mixed
content are not quotes on their own.
"""

from __future__ import annotations

import itertools
import re

from guillemets.quotes.cues import Found
from guillemets.quotes.direct import is_fragment
from guillemets.quotes.marks import MarkPair
from guillemets.quotes.reasons import Reason

_EDGE = re.compile(r"^[\s,.;:«»“”\"]+|[\s,.;:«»“”\"]+$")
_WORD = re.compile(r"[^\W_]+")
_CLAUSE_STOP = frozenset('.!?…;:«»“”"\n')
LEAD_WORDS = 2  # unquoted words before a fragment that make it part of a clause (« Mais » alone does not)


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without outer spaces, punctuation and quotation marks."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(' \n,.;:«»“”"'))
    trail = len(piece) - len(piece.rstrip(' \n,.;:«»“”"'))
    return start + lead, max(start + lead, end - trail)


def combine(text: str, direct: list[Found], indirect: list[Found], pairs: list[MarkPair]) -> list[Found]:
    """Direct, indirect and mixed quotes without duplicates, in text order."""
    keep_direct = {(d.start, d.end): d for d in direct}
    out: list[Found] = []
    for quote in indirect:
        if _inside_a_pair(text, quote, pairs) or _nested(quote, indirect):
            continue
        inner = [p for p in pairs if quote.start <= p.inner_start and p.inner_end <= quote.end + 1]
        whole = _whole_pair(text, quote, pairs)
        if whole is not None:
            _merge_into_direct(quote, whole, keep_direct, out)
            continue
        if _reports_a_direct_quote(quote, direct):
            continue
        if inner:
            quote.kind = "mixed"
            for p in inner:
                d = keep_direct.get((p.inner_start, p.inner_end))
                if d is not None and (
                    d.cue is None
                    or d.cue == quote.cue
                    or is_fragment(text[d.start : d.end])
                    or _cue_inside(d, quote)
                ):
                    del keep_direct[(p.inner_start, p.inner_end)]
        out.append(quote)
    _fragments_closing_a_clause(text, keep_direct, pairs, out)
    out.extend(keep_direct.values())
    return _inherit_speakers(text, _dedupe(sorted(out, key=lambda q: (q.start, q.end))))


def _fragments_closing_a_clause(
    text: str, direct: dict[tuple[int, int], Found], pairs: list[MarkPair], out: list[Found]
) -> None:
    """« La réforme est « une faute », a estimé X »: a fragment whose incise follows it, after unquoted
    words of its own sentence, is one mixed report from the sentence start to the closing mark (the
    parse often cuts the sentence at the mark, so the indirect incise never saw it)."""
    by_inner = {(p.inner_start, p.inner_end): p for p in pairs}
    for d in direct.values():
        pair = by_inner.get((d.start, d.end))
        if d.reason is not Reason.INCISE_AFTER or pair is None or not is_fragment(text[d.start : d.end]):
            continue
        start = pair.start
        while start > 0 and text[start - 1] not in _CLAUSE_STOP:
            start -= 1
        lead = text[start : pair.start]
        if len(_WORD.findall(lead)) < LEAD_WORDS:
            continue
        start += len(lead) - len(lead.lstrip(" ,-–—"))
        if any(o.start < pair.end and start < o.end for o in out):
            continue
        d.kind, d.start, d.end, d.reason = "mixed", start, pair.end, Reason.INCISE_FRAGMENT


def _inherit_speakers(text: str, quotes: list[Found]) -> list[Found]:
    """A quote left without a speaker takes the previous quote's speaker when it follows closely."""
    for prev, q in itertools.pairwise(quotes):
        close = q.start - prev.end < 400 and text.count("\n\n", prev.end, q.start) <= 1
        if q.speaker is None and prev.speaker is not None and close:
            q.speaker = prev.speaker
            q.notes.append("; speaker of the previous quote")
    return quotes


def _whole_pair(text: str, quote: Found, pairs: list[MarkPair]) -> MarkPair | None:
    """The pair an indirect content really is: it starts at the opening mark, ends inside or at the close."""
    core = _core(text, quote.start, quote.end)
    for p in pairs:
        if p.start - 1 <= core[0] <= p.inner_start and core[1] <= p.end:
            return p
    return None


def _inside_a_pair(text: str, quote: Found, pairs: list[MarkPair]) -> bool:
    """Content wholly inside quotation marks that do not open it: speech the quoted person reports."""
    core = _core(text, quote.start, quote.end)
    return any(p.inner_start < core[0] and core[1] <= p.inner_end + 1 for p in pairs)


def _merge_into_direct(
    quote: Found, pair: MarkPair, keep: dict[tuple[int, int], Found], out: list[Found]
) -> None:
    d = keep.get((pair.inner_start, pair.inner_end))
    if d is None:
        out.append(
            Found(
                "direct",
                pair.inner_start,
                pair.inner_end,
                quote.cue,
                quote.speaker,
                quote.reason,
                quote.detail,
                notes=[*quote.notes, " (quoted)"],
            )
        )
    elif d.cue is None:
        d.cue, d.speaker = quote.cue, quote.speaker
        d.notes.append("; attributed by " + quote.explain())


def _nested(quote: Found, indirect: list[Found]) -> bool:
    """A report inside the content of a verb-cued report (« a dit qu'il allait demander de … ») is part of it;
    under « selon X, P » it is kept (the source reports someone else's report)."""
    if quote.cue_chars is None:
        return False
    at = quote.cue_chars[0]
    return any(o is not quote and o.start <= at < o.end and not o.reason.prepositional for o in indirect)


def _cue_inside(direct: Found, quote: Found) -> bool:
    """The direct quote's cue lies in the reported content: it is part of what the speaker said."""
    return direct.cue_chars is not None and quote.start <= direct.cue_chars[0] < quote.end


def _reports_a_direct_quote(quote: Found, direct: list[Found]) -> bool:
    """« P », a déclaré X, selon des propos …: the trailing selon frames a quote that has its cue."""
    if not quote.reason.trailing_prep:
        return False
    return any(d.cue is not None and quote.start <= d.start and d.end <= quote.end for d in direct)


def _dedupe(quotes: list[Found]) -> list[Found]:
    out: list[Found] = []
    for q in quotes:
        if out and (q.start, q.end) == (out[-1].start, out[-1].end):
            continue
        out.append(q)
    return out
