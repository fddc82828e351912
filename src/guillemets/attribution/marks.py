"""Quotation marks paired within each paragraph, and the quote type they give a span (PolNeAR's rule)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# One mark per match: straight double quote, two apostrophes (the New York Times' '' ... ''), curly
# and angle quotes. In "'''" the last two apostrophes are the mark (a single quote closes first).
MARK = re.compile(r"'?('')|[\"“”«»]")
CLOSING = {"“": "”", "«": "»"}


@dataclass(frozen=True, slots=True)
class Marks:
    """Paired quotation marks of one text: ``pairs`` holds the (start, end) of the text inside each."""

    text: str
    pairs: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> Marks:
        """Pair the marks of each paragraph (a line); unbalanced marks stay unpaired."""
        pairs: list[tuple[int, int]] = []
        offset = 0
        for line in text.split("\n"):
            pairs.extend(_pair_line(line, offset))
            offset += len(line) + 1
        return cls(text, tuple(sorted(pairs)))

    def inside(self, start: int, end: int) -> tuple[int, int]:
        """How many letters/digits of text[start:end] lie inside paired marks, and how many in all."""
        n_in = n_all = 0
        opens = [p[0] for p in self.pairs]
        for i in range(start, end):
            if self.text[i].isalnum():
                n_all += 1
                k = bisect.bisect_right(opens, i) - 1
                if k >= 0 and self.pairs[k][0] <= i < self.pairs[k][1]:
                    n_in += 1
        return n_in, n_all

    def quote_type(self, start: int, end: int) -> str:
        """direct if every letter of the span is inside marks, mixed if some are, else indirect."""
        n_in, n_all = self.inside(start, end)
        if n_all and n_in == n_all:
            return "direct"
        return "mixed" if n_in else "indirect"

    def shrink(self, start: int, end: int) -> tuple[int, int]:
        """A direct span made exactly the text inside the marks it meets (PolNeAR's direct span)."""
        met = [(s, e) for s, e in self.pairs if s < end and start < e]
        if not met:
            return start, end
        return min(s for s, _ in met), max(e for _, e in met)


def _pair_line(line: str, offset: int) -> list[tuple[int, int]]:
    """Pairs in one paragraph: " and '' alternate open/close, curly and angle quotes nest once."""
    pairs: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    for m in MARK.finditer(line):
        ch = m.group(1) or m.group(0)
        start = m.start(1) if m.group(1) else m.start()
        end = start + len(ch)
        if ch in ('"', "''"):
            if ch in open_at:
                pairs.append((offset + open_at.pop(ch), offset + start))
            else:
                open_at[ch] = end
        elif ch in CLOSING:
            open_at[CLOSING[ch]] = end
        elif ch in open_at:
            pairs.append((offset + open_at.pop(ch), offset + start))
    return pairs
