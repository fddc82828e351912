"""Article text with quotes and mentions highlighted, built safely from character offsets.

Every piece of text is HTML-escaped; the only tags in the output are the ones this module
writes, with attribute values escaped too. Spans that overlap without nesting are split so
the result is always well-formed; spans with offsets outside the text, or whose stored text
does not match the article, are skipped rather than trusted.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from guillemets.model import PARAGRAPH_SEPARATOR


@dataclass(frozen=True, slots=True)
class Span:
    """A highlight: ``tag`` with ``attrs`` around ``text[start:end]``; lower ``layer`` nests outside."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    layer: int = 0
    expect: str | None = None  # the text the span should cover; a mismatch means stale offsets

    def open(self) -> str:
        attrs = "".join(f' {name}="{escape(value)}"' for name, value in self.attrs)
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the article (title, lede or a paragraph) with its offset in the text."""

    kind: str
    start: int
    end: int
    html: Markup = field(default_factory=Markup)


ALLOWED_TAGS = frozenset({"mark", "a", "span"})


def valid_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """The spans inside the text (and matching their expected text), without duplicates, in order."""
    kept: dict[tuple[int, int, str, tuple[tuple[str, str], ...]], Span] = {}
    for span in spans:
        if span.tag not in ALLOWED_TAGS or not 0 <= span.start < span.end <= len(text):
            continue
        if span.expect is not None and text[span.start : span.end] != span.expect:
            continue
        kept.setdefault((span.start, span.end, span.tag, span.attrs), span)
    return sorted(kept.values(), key=_order)


def _order(span: Span) -> tuple[int, int, int]:
    return (span.start, -span.end, span.layer)


def render(text: str, spans: Sequence[Span], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` as escaped HTML with each span wrapped in its tag, split where needed."""
    end = len(text) if end is None else end
    clipped = [s for s in spans if s.start < end and s.end > start]
    bounds = sorted({start, end} | {min(max(p, start), end) for s in clipped for p in (s.start, s.end)})
    out: list[str] = []
    stack: list[Span] = []
    for a, b in itertools.pairwise(bounds):
        active = sorted((s for s in clipped if s.start <= a and s.end >= b), key=_order)
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] == active[keep]:
            keep += 1
        out.extend(s.close() for s in reversed(stack[keep:]))
        out.extend(s.open() for s in active[keep:])
        stack = active
        out.append(str(escape(text[a:b])))
    out.extend(s.close() for s in reversed(stack))
    return Markup("".join(out))


def blocks(text: str, title: str, lede: str, paragraphs: Sequence[str]) -> list[Block]:
    """Where the title, lede and paragraphs sit in ``text``; falls back to splitting on blank lines."""
    parts = [("title", title), ("lede", lede), *(("paragraph", p) for p in paragraphs)]
    found: list[Block] = []
    offset = 0
    for kind, part in parts:
        if not part:
            continue
        if text[offset : offset + len(part)] != part:
            return _split_blocks(text)
        found.append(Block(kind, offset, offset + len(part)))
        offset += len(part) + len(PARAGRAPH_SEPARATOR)
    return found if found else _split_blocks(text)


def _split_blocks(text: str) -> list[Block]:
    found: list[Block] = []
    offset = 0
    for part in text.split(PARAGRAPH_SEPARATOR):
        if part.strip():
            found.append(Block("paragraph", offset, offset + len(part)))
        offset += len(part) + len(PARAGRAPH_SEPARATOR)
    return found


def render_blocks(text: str, layout: Sequence[Block], spans: Sequence[Span]) -> list[Block]:
    """Each block with its highlighted HTML; spans crossing a block edge are cut at the edge."""
    return [Block(b.kind, b.start, b.end, render(text, spans, b.start, b.end)) for b in layout]
