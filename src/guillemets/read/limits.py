"""The per-page size limit: a page larger than ``ReadSettings.max_bytes`` is an error, never a crash."""

from __future__ import annotations

from typing import BinaryIO

from guillemets.errors import TooLarge

MB = 1024 * 1024


def megabytes(n: int) -> str:
    return f"{n / MB:.1f} MB"


def too_large(size: int | None, limit: int, what: str = "page") -> TooLarge:
    """The error for a page over the limit, saying what to do about it."""
    got = megabytes(size) if size is not None else f"more than {megabytes(limit)}"
    return TooLarge(
        f"{what} is {got}, over the {megabytes(limit)} limit for one page; "
        "split it into pages (e.g. one JSONL record per page) or raise --max-page-mb"
    )


def read_bounded(stream: BinaryIO, limit: int, size: int | None = None, what: str = "page") -> bytes:
    """At most ``limit`` bytes of ``stream``; raises TooLarge (after reading limit+1 bytes at most)."""
    if size is not None and size > limit:
        raise too_large(size, limit, what)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(size, limit, what)
    return data
