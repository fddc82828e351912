"""Split a page dump into numbered lines and blank-line-separated blocks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class Line:
    """One non-empty line of the dump: its 0-based line number, white-space-collapsed text, block."""

    number: int
    text: str
    block: int  # index of the blank-line-separated block holding the line
    block_size: int  # number of non-empty lines in that block


def split_lines(text: str) -> list[Line]:
    """Every non-empty line of ``text``, in order, with its line number (``str.splitlines`` numbering)."""
    raw: list[tuple[int, str, int]] = []
    sizes: list[int] = []
    previous_blank = True
    for number, line in enumerate(text.splitlines()):
        clean = " ".join(line.split())
        if not clean:
            previous_blank = True
            continue
        if previous_blank:
            sizes.append(0)
        previous_blank = False
        sizes[-1] += 1
        raw.append((number, clean, len(sizes) - 1))
    return [Line(n, t, b, sizes[b]) for n, t, b in raw]
