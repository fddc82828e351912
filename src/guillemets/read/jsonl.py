"""JSONL pages: one JSON object per line, ``{"id", "text"}`` (a page dump) or ``{"id", "html"}``.

``"dump"`` is read as a synonym of ``"text"`` (the shared benchmark files use it).
Optional keys ``url``, ``lang``, ``date``. Streamed line by line: memory is bounded by the page
size limit, whatever the file size. A bad line becomes an error record for that line; the
other lines are still read. ``Source.record`` is the 1-based line number.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from guillemets.errors import BadRecord, EmptyInput, TooDeep, TruncatedArchive, error_for
from guillemets.model import Source
from guillemets.read.base import PageKind, RawPage, error_page
from guillemets.read.decode import decode_bytes, repair_field, repair_text
from guillemets.read.limits import check_json_depth, too_large
from guillemets.settings import ReadSettings

log = logging.getLogger(__name__)

_CHUNK = 1024 * 1024
TOO_LONG = None  # marker for a line over the page size limit


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes is None for a line over ``limit`` (skipped unread)."""
    lineno = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield lineno, TOO_LONG
        else:
            yield lineno, line


def parse_record(line: bytes, lineno: int) -> dict[str, Any]:
    """The JSON object on one line; raises BadRecord (TooDeep) naming the line and what is wrong."""
    check_json_depth(line, f"line {lineno}")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = decode_bytes(line)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"line {lineno}: not JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:  # nesting under the limit, called from deep in a caller's stack
        raise TooDeep(f"line {lineno}: JSON nested too deeply to parse") from None
    if not isinstance(value, dict):
        raise BadRecord(f"line {lineno}: a JSON {type(value).__name__}, not an object")
    return value


def page_from_record(record: dict[str, Any], source: Source, kind: PageKind) -> RawPage:
    """A RawPage from a parsed record: "text" (of ``kind``) wins over "html"; raises BadRecord."""
    page = RawPage(source, kind, id=_opt_str(record.get("id")))
    page.url, page.lang, page.date = (_opt_str(record.get(k)) for k in ("url", "lang", "date"))
    text, html = record.get("text", record.get("dump")), record.get("html")
    if isinstance(text, str) and text.strip():
        page.content = repair_text(text)
    elif isinstance(html, str) and html.strip():
        page.kind, page.content = PageKind.HTML, repair_text(html)
    elif "text" in record or "html" in record or "dump" in record:
        raise BadRecord(f'line {source.record}: "text"/"html" is empty or not a string')
    else:
        raise BadRecord(f'line {source.record}: no "text" or "html" field; each record needs one')
    return page


def _opt_str(value: Any) -> str | None:
    """A metadata field as text that every output can hold (no NUL, no lone surrogate), or None."""
    if value is None or isinstance(value, dict | list):
        return None
    return repair_field(str(value))


def read_jsonl(
    stream: BinaryIO,
    path: str,
    settings: ReadSettings,
    kind: PageKind = PageKind.TEXT,
    broken: Callable[[], str | None] = lambda: None,
) -> Iterator[RawPage]:
    """A RawPage (or error page) per non-blank line; text records get ``kind`` (CLEAN for clean text).

    ``broken`` tells whether the (gzip) stream ended at a break: the cut line is then not parsed,
    and one truncated-archive error record names the line where it broke.
    """
    records, last, cut_at = 0, 0, None
    for lineno, line in iter_lines(stream, settings.max_bytes):
        if line is not None and not line.endswith(b"\n") and broken():
            cut_at = lineno
            break
        last = lineno
        if line is not None and not line.strip():
            continue
        records += 1
        yield _one_line(line, lineno, Source(path, str(lineno)), settings, kind)
    if reason := broken():
        where = cut_at or last + 1
        exc = TruncatedArchive(f"{reason} in line {where}; the {records} records before it are kept")
        yield error_page(Source(path, f"line {where}"), exc, kind)
    elif records == 0:
        raise EmptyInput("the file holds only blank lines: no JSONL record")


def _one_line(
    line: bytes | None, lineno: int, source: Source, settings: ReadSettings, kind: PageKind
) -> RawPage:
    """The page on one line, or its error record: whatever goes wrong stays in this line's record."""
    record: dict[str, Any] = {}
    try:
        if line is None:
            raise too_large(None, settings.max_bytes, f"line {lineno}")
        record = parse_record(line, lineno)
        return page_from_record(record, source, kind)
    except Exception as exc:  # the per-record guard: a bug fails this line only, -vv shows it
        log.debug("%s failed", source.label(), exc_info=True)
        return error_page(source, error_for(exc, "read"), kind, _opt_str(record.get("id")))
