"""Decide what an input holds from its name and first bytes: text dump, HTML, WARC/WET or JSONL."""

from __future__ import annotations

import json
import os
import re
from enum import StrEnum

from guillemets.errors import BinaryInput, EmptyInput
from guillemets.read.limits import nests_deeper_than


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    WARC = "warc"
    JSONL = "jsonl"


_WARC_EXT = {".warc", ".wet", ".arc"}
_JSONL_EXT = {".jsonl", ".ndjson"}
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"(\xb5/\xfd", "zstd archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"\x00\x00\x00", "binary data"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head)\b", re.IGNORECASE | re.DOTALL
)
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_PAGE_KEYS = ("text", "html", "dump")
SNIFF_LIMIT = 64 * 1024  # a first line longer than what was sniffed cannot be checked
_CONTROL_LIMIT = 0.05  # share of control bytes above which a file is binary; text has ~0


def sniff_format(name: str, head: bytes) -> Format:
    """The format of an input; raises EmptyInput or BinaryInput when it holds no page at all."""
    if not head:
        raise EmptyInput("empty file: nothing to read")
    if not head.strip():
        raise EmptyInput("the file holds only blank space: nothing to read")
    ext = os.path.splitext(name)[1].lower()  # PurePath(name).suffix, without a Path object per input
    if head.startswith(b"WARC/") or ext in _WARC_EXT:
        return Format.WARC
    _reject_binary(head)
    if ext in _JSONL_EXT or _looks_like_jsonl(head):
        return Format.JSONL
    if ext in _HTML_EXT or _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")[:2048]):
        return Format.HTML
    return Format.TEXT


def _looks_like_jsonl(head: bytes) -> bool:
    """True when the first line is a JSON object with a page field (stdin, .json, no extension)."""
    first = head.lstrip().split(b"\n", 1)[0]
    if not first.startswith(b"{") or (b"\n" not in head.lstrip() and len(head) >= SNIFF_LIMIT):
        return False
    if nests_deeper_than(first):
        return True  # a record, too deep to parse: the JSONL reader reports it as too-deep
    try:
        value = json.loads(first)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and any(key in value for key in _PAGE_KEYS)


def _reject_binary(head: bytes) -> None:
    if head.startswith(_BOMS):
        return
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise BinaryInput(f"binary file ({kind}), not a text, HTML, WARC or JSONL page")
    sample = head[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL))  # one pass, not one per byte value
    if controls > _CONTROL_LIMIT * len(sample):
        raise BinaryInput("binary file (many NUL/control bytes), not a text, HTML, WARC or JSONL page")
