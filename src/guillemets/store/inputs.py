"""What ``ingest`` reads: raw pages (extracted here), extracted JSON lines, or batch Parquet.

A JSONL file whose first record has the Document keys (``paragraphs`` and ``source``) was
written by ``guillemets extract``: its lines become Documents again without extracting. A
``.parquet`` file or directory is a batch run's output, read by ``guillemets.write.parquet``.
Anything else goes through the readers and the pipeline (``--jobs`` uses the batch
executor, chosen by ``guillemets.api.Extractor``). Every input yields Documents, a bad line an error Document.

Every read is bounded: a line (the first one, read to decide, included) is read up to
``DOCUMENT_LINE_LIMIT`` bytes, a longer one is an error record; JSON nesting is checked before
parsing. Whatever one input raises ends that input with an error Document; the run goes on.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from guillemets.errors import BadRecord, GuillemetsError, TooLarge, TruncatedArchive, error_for
from guillemets.model import Document, RecordError, Source, content_id
from guillemets.read.decode import utf8_repaired
from guillemets.read.jsonl import iter_lines
from guillemets.read.limits import check_json_depth, megabytes, nests_deeper_than
from guillemets.read.streams import display_path, open_input
from guillemets.settings import Settings

log = logging.getLogger(__name__)

DOCUMENT_KEYS = frozenset({"paragraphs", "source"})
# An extracted Document line holds its page's text about 3 times (text, paragraphs, chrome): 4 x the
# 32 MB page limit. Memory for one line stays bounded whatever the file (a gzip bomb included).
DOCUMENT_LINE_LIMIT = 128 * 1024 * 1024
# JSON escapes of what no output holds: NUL and surrogates (an escaped valid pair parses into one
# character, which is kept; a lone half becomes U+FFFD)
_UNHOLDABLE_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
_UNHOLDABLE = re.compile("[\x00\ud800-\udfff]")


class InputKind(StrEnum):
    PAGES = "pages"
    DOCUMENTS = "documents"
    PARQUET = "parquet"


def input_kind(path: str) -> InputKind:
    """How to read ``path``: by extension, then by the keys of its first JSON record."""
    lower = path.lower()
    if lower.endswith(".parquet"):
        return InputKind.PARQUET
    if path != "-" and any(
        lower.endswith(ext) for ext in (".jsonl", ".jsonl.gz", ".ndjson", ".json", ".json.gz")
    ):
        first = _first_record(path)
        if isinstance(first, dict) and first.keys() >= DOCUMENT_KEYS:
            return InputKind.DOCUMENTS
    return InputKind.PAGES


def _first_record(path: str, limit: int = DOCUMENT_LINE_LIMIT) -> object:
    """The first JSON record of ``path`` (read at most ``limit`` bytes), or None if there is none."""
    try:
        with open_input(path) as opened:
            while line := opened.stream.readline(limit + 1):
                if len(line) > limit or nests_deeper_than(line):
                    return None  # read as pages: the reader reports it as too-large / too-deep
                if line.strip():
                    return json.loads(_text(line))
    except Exception:  # cannot tell: read as pages, whose reader reports what is wrong
        log.debug("%s: first record unreadable", path, exc_info=True)
    return None


def read_document_lines(path: str, limit: int = DOCUMENT_LINE_LIMIT) -> Iterator[Document]:
    """Documents from an ``extract`` JSONL file (gzipped or not); a bad line becomes an error Document."""
    shown = display_path(path)
    with open_input(path) as opened:
        for lineno, line in iter_lines(opened.stream, limit):
            if line is not None and not line.strip():
                continue
            if opened.broken and line is not None and not line.endswith(b"\n"):
                break  # the cut line: reported below
            yield _document_from_line(shown, lineno, line, limit)
        if opened.broken:
            yield _error_document(
                shown, None, TruncatedArchive.code, f"{opened.broken}; the lines before it are kept"
            )


def _text(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return utf8_repaired(line)


def _document_from_line(path: str, lineno: int, line: bytes | None, limit: int) -> Document:
    try:
        if line is None:
            raise TooLarge(f"line {lineno} is over the {megabytes(limit)} limit for one document")
        check_json_depth(line, f"line {lineno}")
        record = json.loads(_text(line))
        if not isinstance(record, dict):
            raise ValueError(f"a JSON {type(record).__name__}, not an object")
        if _UNHOLDABLE_ESCAPE.search(line):
            record = _holdable(record)
        return Document.from_dict(record)
    except GuillemetsError as exc:
        return _error_document(path, str(lineno), exc.code, exc.message)
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        message = f"line {lineno}: not a document record ({exc})"
        return _error_document(path, str(lineno), BadRecord.code, message)


def _holdable(value: Any) -> Any:
    """``value`` with NUL and lone surrogates in every string replaced by U+FFFD (offsets unchanged)."""
    if isinstance(value, str):
        return _UNHOLDABLE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_holdable(v) for v in value]
    if isinstance(value, dict):
        return {k: _holdable(v) for k, v in value.items()}
    return value


def _error_document(path: str, record: str | None, code: str, message: str) -> Document:
    source = Source(path, record)
    doc = Document(id=content_id(source.label()), source=source)
    doc.errors.append(RecordError("read", code, message))
    return doc


def guarded(path: str, docs: Iterator[Document]) -> Iterator[Document]:
    """``docs``, then, if reading them raised, an error Document for ``path`` saying why (the guard)."""
    try:
        yield from docs
    except Exception as exc:  # this input fails, the run goes on; -vv shows the traceback
        log.debug("reading %s failed", path, exc_info=True)
        error = error_for(exc, "read")
        yield _error_document(display_path(path), None, error.code, error.message)


def read_parquet(path: str) -> Iterator[Document]:
    """Documents of a batch run's Parquet output (needs ``guillemets.write.parquet``)."""
    try:
        from guillemets.write.parquet import read_documents  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        yield _error_document(path, None, "unreadable", "reading Parquet needs guillemets.write.parquet")
        return
    try:
        yield from read_documents(path)
    except (GuillemetsError, OSError, ValueError) as exc:
        yield _error_document(path, None, "unreadable", f"cannot read Parquet: {exc}")


def is_parquet_dataset(item: str) -> bool:
    """A directory holding Parquet files: the output of a batch run, read as one dataset."""
    path = Path(item)
    return path.is_dir() and next(path.rglob("*.parquet"), None) is not None


def iter_documents(inputs: Iterable[str], settings: Settings) -> Iterator[Document]:
    """Documents for every input, in input order; consecutive page inputs are extracted together."""
    from guillemets.read import expand_inputs

    pending: list[str] = []
    items = list(inputs)
    for item in items:  # a batch output folder (documents/, quotes/, entities/ datasets) is read whole
        if is_parquet_dataset(item):
            yield from read_parquet(item)
    for ref in expand_inputs([item for item in items if not is_parquet_dataset(item)]):
        kind = InputKind.PAGES if ref.problem else input_kind(ref.path)
        if kind is InputKind.PAGES:
            pending.append(ref.path)
            continue
        if pending:
            yield from extract_pages(pending, settings)
            pending = []
        docs = read_document_lines(ref.path) if kind is InputKind.DOCUMENTS else read_parquet(ref.path)
        yield from guarded(ref.path, docs)
    if pending:
        yield from extract_pages(pending, settings)


def extract_pages(paths: list[str], settings: Settings) -> Iterator[Document]:
    """Run the pipeline on page inputs through the library's entry point (``settings.jobs`` workers)."""
    from guillemets.api import Extractor
    from guillemets.read import iter_pages

    yield from Extractor(settings, batch=True).pages(iter_pages(paths, settings.read))
