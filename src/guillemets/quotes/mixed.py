"""Mixed quotes and the merge of direct and indirect findings.

An indirect content that holds quoted fragments is ``mixed``; one that is wholly a quoted
span is ``direct`` (« Il a estimé que « tout est possible » »); a fragment left alone after
a cue (« a dénoncé « la furie destructrice » ») is direct. Quoted fragments inside a mixed
content are not quotes on their own.
"""

from __future__ import annotations

import re

from guillemets.quotes.cues import Found
from guillemets.quotes.marks import MarkPair

_EDGE = re.compile(r"^[\s,.;:«»“”\"]+|[\s,.;:«»“”\"]+$")


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without outer spaces, punctuation and quotation marks."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(" \n,.;:«»“”\""))
    trail = len(piece) - len(piece.rstrip(" \n,.;:«»“”\""))
    return start + lead, max(start + lead, end - trail)


def combine(text: str, direct: list[Found], indirect: list[Found], pairs: list[MarkPair]) -> list[Found]:
    """Direct, indirect and mixed quotes without duplicates, in text order."""
    keep_direct = {(d.start, d.end): d for d in direct}
    out: list[Found] = []
    for quote in indirect:
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
                if d is not None and (d.cue is None or d.cue == quote.cue):
                    del keep_direct[(p.inner_start, p.inner_end)]
        out.append(quote)
    out.extend(keep_direct.values())
    return _dedupe(sorted(out, key=lambda q: (q.start, q.end)))


def _whole_pair(text: str, quote: Found, pairs: list[MarkPair]) -> MarkPair | None:
    core = _core(text, quote.start, quote.end)
    for p in pairs:
        if p.start - 1 <= core[0] <= p.inner_start and p.inner_end <= core[1] + 1 <= p.end + 1:
            if core[1] <= p.end:
                return p
    return None


def _merge_into_direct(quote: Found, pair: MarkPair, keep: dict[tuple[int, int], Found], out: list[Found]) -> None:
    d = keep.get((pair.inner_start, pair.inner_end))
    if d is None:
        out.append(Found("direct", pair.inner_start, pair.inner_end, quote.cue, quote.speaker, quote.rule + " (quoted)"))
    elif d.cue is None:
        d.cue, d.speaker, d.rule = quote.cue, quote.speaker, d.rule + "; attributed by " + quote.rule


def _reports_a_direct_quote(quote: Found, direct: list[Found]) -> bool:
    """« P », a déclaré X, selon des propos …: the trailing selon frames a quote that has its cue."""
    if "selon X »" not in quote.rule:
        return False
    return any(d.cue is not None and quote.start <= d.start and d.end <= quote.end for d in direct)


def _dedupe(quotes: list[Found]) -> list[Found]:
    out: list[Found] = []
    for q in quotes:
        if out and (q.start, q.end) == (out[-1].start, out[-1].end):
            continue
        out.append(q)
    return out
