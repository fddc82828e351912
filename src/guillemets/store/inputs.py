"""What ``ingest`` reads: raw pages (extracted here), extracted JSON lines, or batch Parquet.

A JSONL file whose first record has the Document keys (``paragraphs`` and ``source``) was
written by ``guillemets extract``: its lines become Documents again without extracting. A
``.parquet`` file or directory is a batch run's output, read by ``guillemets.write.parquet``.
Anything else goes through the readers and the pipeline (``--jobs`` uses the batch
executor when it is installed). Every input yields Documents, a bad line an error Document.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO

from guillemets.errors import GuillemetsError
from guillemets.model import Document, RecordError, Source, content_id
from guillemets.settings import Settings

log = logging.getLogger(__name__)

DOCUMENT_KEYS = frozenset({"paragraphs", "source"})


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


def _open(path: str) -> IO[str]:
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    if gzipped:
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def _first_record(path: str) -> object:
    try:
        with _open(path) as stream:
            for line in stream:
                if line.strip():
                    return json.loads(line)
    except (OSError, ValueError, EOFError):
        return None
    return None


def read_document_lines(path: str) -> Iterator[Document]:
    """Documents from an ``extract`` JSONL file; a bad line becomes an error Document."""
    try:
        stream = _open(path)
    except OSError as exc:
        yield _error_document(path, None, "unreadable", str(exc))
        return
    with stream:
        try:
            for lineno, line in enumerate(stream, 1):
                if line.strip():
                    yield _document_from_line(path, lineno, line)
        except (OSError, EOFError) as exc:  # e.g. a truncated gzip stream
            yield _error_document(path, None, "truncated-archive", f"{exc}; the lines before it are kept")


def _document_from_line(path: str, lineno: int, line: str) -> Document:
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise ValueError(f"a JSON {type(record).__name__}, not an object")
        return Document.from_dict(record)
    except (ValueError, KeyError, TypeError) as exc:
        return _error_document(
            path, str(lineno), "bad-record", f"line {lineno}: not a document record ({exc})"
        )


def _error_document(path: str, record: str | None, code: str, message: str) -> Document:
    source = Source(path, record)
    doc = Document(id=content_id(source.label()), source=source)
    doc.errors.append(RecordError("read", code, message))
    return doc


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
        yield from read_document_lines(ref.path) if kind is InputKind.DOCUMENTS else read_parquet(ref.path)
    if pending:
        yield from extract_pages(pending, settings)


def extract_pages(paths: list[str], settings: Settings) -> Iterator[Document]:
    """Run the pipeline on page inputs: in worker processes with ``settings.jobs`` > 1."""
    from guillemets.read import iter_pages

    pages = iter_pages(paths, settings.read)
    if settings.jobs > 1:
        try:
            from guillemets.batch.local import process_parallel  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            log.info("guillemets.batch.local is not available; extracting in one process")
        else:
            yield from process_parallel(pages, settings, settings.jobs)
            return
    from guillemets.batch.collector import tune_collector
    from guillemets.nlp import make_annotator
    from guillemets.pipeline import process_many

    annotator = make_annotator(settings.nlp) if settings.nlp.quotes else None
    tune_collector()  # after loading the model: it is frozen out of the collector's scans
    yield from process_many(pages, settings, annotator)
