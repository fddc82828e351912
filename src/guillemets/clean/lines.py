"""Split page dumps into numbered lines and blank-line-separated blocks, a batch of pages at a time.

The cleaner works on many pages at once (``LineTable``): one Arrow string array holds every line
of the batch, so each feature is one C-level call over all of them instead of one per page
(this is most of what makes cleaning run at several hundred pages per second on one core).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(slots=True)  # not frozen: a frozen dataclass is 2× slower to build, and lines are many
class Line:
    """One non-empty line of the dump: its 0-based line number, white-space-collapsed text, block."""

    number: int
    text: str
    block: int  # index of the blank-line-separated block holding the line
    block_size: int  # number of non-empty lines in that block


@dataclass(slots=True)
class LineTable:
    """The non-empty lines of a batch of pages, one row per line, in page order then line order."""

    texts: list[str]  # white-space-collapsed text
    array: pa.Array  # the same texts as an Arrow string array, for pyarrow.compute
    lower: pa.Array  # the same, lower-cased
    tokens: pa.Array  # each line's white-space-separated tokens (an Arrow list array)
    number: np.ndarray  # line number within its page (``str.splitlines`` numbering)
    page: np.ndarray  # index of the page holding the line
    block: np.ndarray  # batch-wide index of the blank-line-separated block holding the line
    block_size: np.ndarray  # non-empty lines in that block
    bounds: np.ndarray  # the lines of page p are rows bounds[p]:bounds[p + 1]

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def pages(self) -> int:
        return len(self.bounds) - 1

    def rows(self, p: int) -> slice:
        return slice(int(self.bounds[p]), int(self.bounds[p + 1]))


def split_pages(pages: list[str]) -> LineTable:
    """Every non-empty line of every page, white space collapsed, with its number and block."""
    raw: list[str] = []
    counts = np.zeros(len(pages), dtype=np.int64)
    for p, text in enumerate(pages):
        lines = text.splitlines()
        raw.extend(lines)
        counts[p] = len(lines)
    trimmed = pc.utf8_trim_whitespace(pa.array(raw, pa.string()))
    filled = np.asarray(pc.utf8_length(trimmed), dtype=np.int64) > 0
    # Split the kept lines only: str.split() semantics once trimmed (a run of spaces is one separator).
    tokens = pc.utf8_split_whitespace(trimmed.filter(pa.array(filled)))
    raw_page = np.repeat(np.arange(len(pages)), counts)
    first_raw = np.cumsum(counts) - counts
    number = np.arange(len(raw)) - first_raw[raw_page]
    previous_blank = np.concatenate([[True], ~filled[:-1]]) if len(raw) else np.zeros(0, bool)
    starts_block = filled & (previous_blank | (number == 0))
    block = (np.cumsum(starts_block) - 1)[filled]
    array = pc.binary_join(tokens, " ")
    page = raw_page[filled]
    size = np.bincount(block)[block] if len(block) else np.zeros(0, np.int64)
    bounds = np.concatenate([[0], np.cumsum(np.bincount(page, minlength=len(pages)))])
    return LineTable(array.to_pylist(), array, pc.utf8_lower(array), tokens, number[filled], page, block, size, bounds)


def split_lines(text: str) -> list[Line]:
    """Every non-empty line of one page, in order, with its line number (``str.splitlines`` numbering)."""
    return table_lines(split_pages([text]))


def table_lines(t: LineTable) -> list[Line]:
    """The table's rows as ``Line`` objects (block numbers are batch-wide)."""
    return [
        Line(n, s, b, z)
        for n, s, b, z in zip(t.number.tolist(), t.texts, t.block.tolist(), t.block_size.tolist(), strict=True)
    ]
