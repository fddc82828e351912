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

from guillemets.clean.shape import arrow_of, numpy_of


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


# What ``str.splitlines`` breaks lines on besides "\n".
# Every white space character of Python's str.split() but the plain space, or two spaces (RE2).
_IRREGULAR_SPACE = (
    r"[\t\n\x{0B}\x{0C}\r\x{1C}-\x{1F}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}"
    r"\x{202F}\x{205F}\x{3000}]|  "
)
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def split_pages(pages: list[str]) -> LineTable:
    """Every non-empty line of every page, white space collapsed, with its number and block."""
    raw, counts = _raw_lines(pages)
    texts, array, filled = _collapsed(raw)
    raw_page = np.repeat(np.arange(len(pages)), counts)
    first_raw = np.cumsum(counts) - counts
    number = np.arange(len(raw)) - first_raw[raw_page]
    previous_blank = np.concatenate([[True], ~filled[:-1]]) if len(raw) else np.zeros(0, bool)
    starts_block = filled & (previous_blank | (number == 0))
    block = (np.cumsum(starts_block) - 1)[filled]
    page = raw_page[filled]
    size = np.bincount(block)[block] if len(block) else np.zeros(0, np.int64)
    bounds = np.concatenate([[0], np.cumsum(np.bincount(page, minlength=len(pages)))])
    tokens = pc.split_pattern(array, " ")  # white space is collapsed: one space between tokens
    lower = pc.utf8_lower(array)
    return LineTable(texts, array, lower, tokens, number[filled], page, block, size, bounds)


def strings(values: list[str]) -> pa.Array:
    """``"\\n".join(values).split("\\n")`` as an Arrow large_string array: ``values`` themselves when
    none holds a "\\n", each value's lines otherwise (how ``_raw_lines`` splits pages).

    Built from one joined UTF-8 buffer: ``pa.array`` on a Python list imports pandas the first
    time (0.2 s of every process's start-up, for a check that a list never needs).
    """
    if not values:
        empty = np.zeros(1, dtype=np.int64)
        return pa.LargeStringArray.from_buffers(0, pa.py_buffer(empty), pa.py_buffer(b""))
    data = "\n".join(values).encode("utf-8")
    offsets = np.array([0, len(data)], dtype=np.int64)
    one = pa.LargeStringArray.from_buffers(1, pa.py_buffer(offsets), pa.py_buffer(data))
    return pc.list_flatten(pc.split_pattern(one, "\n"))


def _collapsed(raw: pa.Array) -> tuple[list[str], pa.Array, np.ndarray]:
    """The non-empty lines with white space collapsed as ``" ".join(line.split())`` (as a list and an
    Arrow array), and which raw lines they are.

    Arrow trims every line; Python collapses only the lines an RE2 scan flags (tabs, runs of
    spaces, no-break and other Unicode spaces): splitting every line on white space in Arrow
    and joining it back cost twice as much. Only those lines are rebuilt in the Arrow array.
    """
    trimmed = pc.utf8_trim_whitespace(raw)
    filled = numpy_of(pc.utf8_length(trimmed), np.int64) > 0
    kept = trimmed.filter(arrow_of(filled))
    texts: list[str] = kept.to_pylist()
    irregular = np.flatnonzero(numpy_of(pc.match_substring_regex(kept, _IRREGULAR_SPACE), bool))
    if len(irregular) == 0:
        return texts, kept, filled
    empty = []
    for i in irregular.tolist():
        texts[i] = " ".join(texts[i].split())
        if not texts[i]:
            empty.append(i)
    mask = np.zeros(len(texts), dtype=bool)
    mask[irregular] = True
    kept = pc.replace_with_mask(kept, arrow_of(mask), strings([texts[i] for i in irregular.tolist()]))
    if empty:  # white space Python knows and Arrow does not: drop the line as Python would
        rows = np.flatnonzero(filled)
        filled[rows[empty]] = False
        keep = np.ones(len(texts), dtype=bool)
        keep[empty] = False
        kept = kept.filter(arrow_of(keep))
        texts = [t for t in texts if t]
    return texts, kept, filled


def _raw_lines(pages: list[str]) -> tuple[pa.Array, np.ndarray]:
    """All lines of all pages (``str.splitlines`` numbering), and each page's number of lines.

    Most dumps break lines on "\\n" only: their lines are then views on one buffer, found by one
    numpy scan (``splitlines`` was 4× slower, an Arrow split 1.3×). A trailing break adds an empty
    last line, which is dropped with the other empty ones.
    Strings are large_string (64-bit offsets): a batch of big pages may hold over 2 GB of text.
    """
    if any(c in page for page in pages for c in _OTHER_BREAKS):  # ``in``: a fast C scan per character
        split = [page.splitlines() for page in pages]
        counts = np.array([len(lines) for lines in split], dtype=np.int64)
        return strings([line for lines in split for line in lines]), counts
    counts = np.array([page.count("\n") + 1 for page in pages], dtype=np.int64)
    return _lines_with_breaks(pages) if pages else strings(pages), counts


def _lines_with_breaks(pages: list[str]) -> pa.Array:
    """The lines of ``"\\n".join(pages)``, each but the last with its "\\n" (trimmed away next),
    as views on the joined UTF-8 buffer: no string is copied (splitting in Arrow copied them all)."""
    data = "\n".join(pages).encode("utf-8")
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0x0A) + 1
    offsets = np.concatenate([[0], ends, [len(data)]]).astype(np.int64)
    return pa.LargeStringArray.from_buffers(len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(data))


def split_lines(text: str) -> list[Line]:
    """Every non-empty line of one page, in order, with its line number (``str.splitlines`` numbering)."""
    return table_lines(split_pages([text]))


def table_lines(t: LineTable) -> list[Line]:
    """The table's rows as ``Line`` objects (block numbers are batch-wide)."""
    return [
        Line(n, s, b, z)
        for n, s, b, z in zip(
            t.number.tolist(), t.texts, t.block.tolist(), t.block_size.tolist(), strict=True
        )
    ]
