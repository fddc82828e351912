"""Bounds on what one input may cost: a page larger than ``ReadSettings.max_bytes``, or a JSON record
nested deeper than ``MAX_JSON_DEPTH``, is an error record, never a crash."""

from __future__ import annotations

import re
from typing import BinaryIO

from guillemets.errors import TooDeep, TooLarge

MB = 1024 * 1024
# Python's json parser recurses once per level and fails near 1,000; Documents nest 4 levels deep.
MAX_JSON_DEPTH = 200
# JSON strings (skipped whole, unrolled and possessive: no backtracking) or a bracket
_JSON_TOKENS = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"|[\[\]{}]', re.DOTALL)


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


def nests_deeper_than(data: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the JSON in ``data`` nests deeper than ``limit``, found without parsing it.

    Cheap for ordinary records: the brackets are only walked when there are more than ``limit``.
    """
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    depth = 0
    for token in _JSON_TOKENS.finditer(data):
        char = token.group()
        if char in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif char in (b"]", b"}"):
            depth -= 1
    return False


def check_json_depth(data: bytes, what: str, limit: int = MAX_JSON_DEPTH) -> None:
    """Raise TooDeep when the JSON in ``data`` nests deeper than ``limit`` (before any parser recurses)."""
    if nests_deeper_than(data, limit):
        raise TooDeep(f"{what}: JSON nested deeper than {limit} levels; not parsed")
