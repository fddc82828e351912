"""Documents as JSON lines: UTF-8, compact (``model.record_json``), keys in schema order, flushed by batch."""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import BinaryIO, TextIO

from guillemets.model import (
    DOCUMENT_CHROME,
    ChromeKind,
    ChromeLine,
    Deferred,
    Document,
    RecordError,
    record_bytes,
    without_surrogates,
)

log = logging.getLogger(__name__)

DEFAULT_FLUSH_EVERY = 64  # documents; the same batch size process_many uses


def document_line(doc: Document) -> str:
    """One JSON line (newline included) for ``doc``: ``document_bytes`` as text."""
    return document_bytes(doc).decode()


def document_json(doc: Document) -> str:
    """``doc.to_json()``, the same characters (``document_bytes`` without its newline)."""
    return document_bytes(doc)[:-1].decode()


def document_bytes(doc: Document) -> bytes:
    """One JSON line (newline included) for ``doc`` as UTF-8: ``doc.to_json()``, the same characters,
    made faster; identical for every executor; always valid UTF-8 (``model.record_bytes``).

    A dump's record is mostly chrome lines (about 140 a page on the DEV dumps): one dict each,
    then encoded key by key, cost more than the rest of the record. The cleaner's chrome lines come
    formatted for the whole batch (``clean/chrome.py``: no objects built); others are written by one
    format string each (the JSON string escaping is the encoder's own ``encode_basestring``). They
    are put where ``to_json`` writes an empty list: the first ``"chrome":[]``, as no field before
    ``chrome`` is an object with free keys and an escaped string never holds ``"chrome":``.
    (The cleaner's chrome texts come from the readers, which repair lone surrogates.) Bytes, not
    text: the line is written as it is made, never decoded and encoded again.
    """
    chrome = DOCUMENT_CHROME.raw(doc)
    if not chrome:
        return record_bytes(doc.to_dict(), doc.source.label()) + b"\n"
    items = _batch_items(doc, chrome) if isinstance(chrome, Deferred) else None
    doc.chrome = []
    try:
        bare = record_bytes(doc.to_dict(), doc.source.label())
    finally:
        doc.chrome = chrome
    if items is None:
        kinds, lines = _kinds(), doc.chrome
        text = ",".join([_CHROME_ITEM % (c.line, kinds[c.kind], encode_basestring(c.text)) for c in lines])
        items = without_surrogates(text).encode()
    at = bare.index(b'"chrome":[]') + len(b'"chrome":[')
    return b"".join((bare[:at], items, bare[at:], b"\n"))


def _batch_items(doc: Document, chrome: Deferred[ChromeLine]) -> bytes | None:
    """The batch-formatted chrome JSON; ``None`` (the lines are then built and formatted one by one)
    if making it fails. It runs at write time, outside the cleaner's per-page guard, so whatever
    it raises must not cost the record or the run."""
    try:
        return chrome.json_items()
    except Exception:
        log.info("%s: chrome lines formatted one by one", doc.source.label(), exc_info=True)
        return None


_CHROME_ITEM = '{"line":%d,"kind":%s,"text":%s}'  # as model.record_json writes a ChromeLine


@functools.cache
def _kinds() -> dict[ChromeKind, str]:
    return {kind: encode_basestring(str(kind)) for kind in ChromeKind}


@dataclass(slots=True)
class EncodedDocument:
    """A document as its JSON line, with what the caller reports about it (counts, error lines).

    What ``--jobs`` workers send back when the caller only writes JSON lines: the line's bytes and
    a few fields pickle far faster than the whole document, and the serialising is done in parallel.
    """

    line: bytes  # document_bytes: UTF-8, newline included
    source: str  # the input's label, for error lines
    lang: str | None
    quotes: int
    errors: list[RecordError]


def encode_document(doc: Document) -> EncodedDocument:
    return EncodedDocument(document_bytes(doc), doc.source.label(), doc.lang, len(doc.quotes), doc.errors)


class JsonlWriter:
    """Writes Documents to a stream, flushing every ``flush_every`` documents and on close.

    A binary stream gets the lines' bytes as they are made; a text stream (``io.StringIO``, a file
    opened in text mode) gets them decoded. An error record is a Document with ``errors``
    non-empty: it is written like any other.
    """

    def __init__(self, stream: TextIO | BinaryIO, flush_every: int = DEFAULT_FLUSH_EVERY) -> None:
        self.stream = stream
        self.text = isinstance(stream, io.TextIOBase)
        self.flush_every = max(1, flush_every)
        self.written = 0

    def write(self, doc: Document) -> None:
        self.write_line(document_bytes(doc))

    def write_line(self, line: bytes) -> None:
        """Write one line made by ``document_bytes`` (or ``encode_document``)."""
        if self.text:
            self.stream.write(line.decode())  # type: ignore[call-overload]
        else:
            self.stream.write(line)  # type: ignore[call-overload]
        self.written += 1
        if self.written % self.flush_every == 0:
            self.stream.flush()

    def write_all(self, docs: Iterable[Document]) -> int:
        """Write every document; returns how many were written."""
        before = self.written
        for doc in docs:
            self.write(doc)
        self.flush()
        return self.written - before

    def flush(self) -> None:
        self.stream.flush()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()
