"""Pair quotation marks in plain text: « », “ ”, and straight double quotes.

Pure text, no parse. Handles the French habit of reopening « at each new paragraph of
a long quote, closes an unbalanced quote at the end of its paragraph (or of the text),
and never returns overlapping pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

OPENERS = {"«": "»", "“": "”", "„": "“", '"': '"'}
QUOTE_CHARS = frozenset("«»“”„\"")
_PARAGRAPH = re.compile(r"\n\s*\n")
_DASH_TURN = re.compile(r"(?<=[.!?…])\s+[—–]\s+(?=[A-ZÀ-Ý«])")


@dataclass(frozen=True, slots=True)
class MarkPair:
    """Opening mark at ``start``, content ``inner_start:inner_end`` (trimmed), ``end`` after the closing mark."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True

    def inner(self, text: str) -> str:
        return text[self.inner_start : self.inner_end]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, paragraphs being separated by blank lines."""
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


def pair_marks(text: str) -> list[MarkPair]:
    """Ordered, non-overlapping quote pairs of ``text``; a long quote may span paragraphs."""
    pairs: list[MarkPair] = []
    paragraphs = paragraph_spans(text)
    open_at: int | None = None
    closer = ""
    for index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        while i < p_end:
            ch = text[i]
            if open_at is None:
                if ch in OPENERS and _can_open(text, i):
                    open_at, closer = i, OPENERS[ch]
            elif ch == closer and (ch != '"' or _can_close(text, i, open_at)):
                pairs.append(_make(text, open_at, i + 1, i, True))
                open_at = None
            elif ch == "«" and closer == "»" and i > p_start:
                open_at = i  # a second « in the same paragraph: the first one was never closed
            i += 1
        if open_at is not None:
            nxt = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt] == text[open_at] and closer != '"':
                continue  # « reopened at the next paragraph: the same long quote goes on
            pairs.append(_make(text, open_at, p_end, p_end, False))
            open_at = None
    return _split_turns(text, pairs)


def _can_open(text: str, i: int) -> bool:
    """A straight quote opens only before a non-space; other openers always open."""
    if text[i] != '"':
        return True
    return i + 1 < len(text) and not text[i + 1].isspace()


def _can_close(text: str, i: int, open_at: int) -> bool:
    return i > open_at + 1


def _make(text: str, open_at: int, end: int, close_at: int, closed: bool) -> MarkPair:
    inner_start, inner_end = open_at + 1, close_at
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    return MarkPair(open_at, end, inner_start, inner_end, closed)


def _split_turns(text: str, pairs: list[MarkPair]) -> list[MarkPair]:
    """Two utterances inside one pair, separated by a dialogue dash, become two pairs."""
    out: list[MarkPair] = []
    for pair in pairs:
        start, inner = pair.start, pair.inner_start
        for match in _DASH_TURN.finditer(text, pair.inner_start, pair.inner_end):
            piece = _make(text, start, match.start(), match.start(), True)
            out.append(replace(piece, inner_start=max(inner, piece.inner_start)))
            start, inner = match.end() - 1, match.end()
        out.append(replace(pair, start=start, inner_start=inner))
    return out
