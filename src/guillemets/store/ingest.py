"""Store Documents: idempotent, crash-safe, exact duplicates merged, near-duplicates linked.

Documents are written in batches, one transaction per batch (with the run's counters), so a
process killed at any point leaves whole batches only; running the same input again skips
what is stored (a source — original id, path, record — is stored once) and stores the rest.
A document without text is an error record of the run (``ingest_errors``), never lost.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, bindparam, exc, insert, select, text, update

from guillemets.model import Document, RecordError
from guillemets.store import dedup, search
from guillemets.store.engine import describe, translate_errors
from guillemets.store.speakers import SpeakerResolver, entity_kind, refresh_stats, speaker_key
from guillemets.store.tables import (
    STORED_FIELDS,
    NextIds,
    documents,
    entities,
    ingest_errors,
    ingest_runs,
    inserted_id,
    mentions,
    near_duplicates,
    quotes,
    sources,
)

log = logging.getLogger(__name__)

ErrorHook = Callable[[Document, RecordError], None]
BATCH_SIZE = 200  # documents per transaction: big enough to amortise the commit, small enough to lose little
WRITE_LOCK = 0x6775696C  # PostgreSQL advisory lock key that serialises concurrent ingests
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did; ``errors`` counts documents that could not be stored."""

    run_id: int = 0
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    unchanged: int = 0
    errors: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if k not in ("run_id", "seconds")}


def ingest_documents(
    engine: Engine,
    documents: Iterable[Document],
    *,
    label: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_error: ErrorHook | None = None,
) -> IngestSummary:
    """Store ``documents``; each batch is committed with the run's counters or not at all.

    ``on_error`` is called for each error recorded (a document without text, one that could
    not be stored), so a command can report it as it happens.
    """
    url = describe(engine)
    started = time.perf_counter()
    with translate_errors(url):
        summary = IngestSummary(run_id=_start_run(engine, label))
        status = "failed"
        try:
            for batch in _batches(documents, batch_size):
                _store_batch(engine, batch, summary, on_error)
            status = "done"
        finally:
            summary.seconds = time.perf_counter() - started
            _finish_run(engine, summary, status)
    return summary


def _batches(docs: Iterable[Document], size: int) -> Iterable[list[Document]]:
    it = iter(docs)
    while batch := list(itertools.islice(it, max(1, size))):
        yield batch


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _start_run(engine: Engine, label: str | None) -> int:
    counts = dict.fromkeys(("read", "stored", "duplicates", "near_duplicates", "unchanged", "errors"), 0)
    with engine.begin() as conn:
        if label is not None and conn.dialect.name == "postgresql":
            label = label.replace("\x00", "")
        row = conn.execute(
            insert(ingest_runs).values(label=label, started_at=_now(), status="running", **counts)
        )
        return inserted_id(row)


def _finish_run(engine: Engine, summary: IngestSummary, status: str) -> None:
    try:
        with engine.begin() as conn:
            conn.execute(
                update(ingest_runs)
                .where(ingest_runs.c.id == summary.run_id)
                .values(finished_at=_now(), status=status, **summary.counts())
            )
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA optimize")  # keep the planner's statistics fresh
    except exc.OperationalError:
        log.warning("could not mark ingest run %s as %s", summary.run_id, status)


def _store_batch(
    engine: Engine, batch: Sequence[Document], summary: IngestSummary, on_error: ErrorHook | None = None
) -> None:
    """One transaction: every document of the batch, then the run's counters.

    The batch is first written straight; if the database refuses a document (a constraint, a
    value too long for PostgreSQL), it is written again with one savepoint per document, so
    only that document becomes an error record.
    """
    try:
        writer, delta = _write_batch(engine, batch, summary, careful=False)
    except (exc.IntegrityError, exc.DataError):
        writer, delta = _write_batch(engine, batch, summary, careful=True)
    _add_counts(summary, delta)
    for doc, error in writer.reported if on_error else ():
        on_error(doc, error)  # type: ignore[misc]


def _write_batch(
    engine: Engine, batch: Sequence[Document], summary: IngestSummary, *, careful: bool
) -> tuple[Writer, IngestSummary]:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # one writer at a time, as SQLite's BEGIN IMMEDIATE gives
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
        writer = Writer(conn, summary.run_id, careful=careful)
        delta = IngestSummary(run_id=summary.run_id)
        for doc in batch:
            writer.add(doc, delta)
        refresh_stats(conn, writer.speakers.touched)
        totals = {key: getattr(summary, key) + value for key, value in delta.counts().items()}
        conn.execute(update(ingest_runs).where(ingest_runs.c.id == summary.run_id).values(**totals))
    return writer, delta


def _add_counts(total: IngestSummary, delta: IngestSummary) -> None:
    for key, value in delta.counts().items():
        setattr(total, key, getattr(total, key) + value)


class Writer:
    """Writes documents inside one open transaction (``careful``: each in its own savepoint)."""

    def __init__(
        self, conn: Connection, run_id: int, *, near_duplicates: bool = True, careful: bool = True
    ) -> None:
        self.conn, self.run_id, self.find_near, self.careful = conn, run_id, near_duplicates, careful
        self.ids = NextIds(conn)
        self.speakers = SpeakerResolver(conn, self.ids)
        self.sqlite = conn.dialect.name == "sqlite"
        self.reported: list[tuple[Document, RecordError]] = []

    def add(self, doc: Document, summary: IngestSummary) -> None:
        summary.read += 1
        if not self.sqlite:
            doc = without_nul(doc)
        if doc.errors:
            self._record_errors(doc, doc.errors)
        if not doc.text:
            if not doc.errors:
                self._record_errors(
                    doc, [RecordError("store", "no-article", "document has no text to store")]
                )
            summary.errors += 1
            return
        summary.errors += bool(doc.errors)
        if not self.careful:
            self._add_text(doc, summary)
            return
        try:
            with self.conn.begin_nested():
                self._add_text(doc, summary)
        except (exc.IntegrityError, exc.DataError) as error:
            self.ids.forget()  # ids and speakers taken inside the rolled-back savepoint are free again
            self.speakers.cache.clear()
            self._record_errors(doc, [RecordError("store", "store-failed", str(error.orig).splitlines()[0])])
            summary.errors += 1

    def _add_text(self, doc: Document, summary: IngestSummary) -> None:
        record = doc.source.record or ""
        if self._source_exists(doc.id, doc.source.path, record):
            summary.unchanged += 1
            return
        digest = dedup.text_hash(doc.text)
        existing = self.conn.execute(_BY_HASH, {"digest": digest}).scalar()
        if existing is not None:
            self._add_source(int(existing), doc)
            summary.duplicates += 1
            return
        words = search.words(doc.text)
        pk = self._insert_document(doc, digest, words)
        self._add_source(pk, doc)
        self._add_quotes(pk, doc)
        self._add_entities(pk, doc)
        summary.stored += 1
        if self.find_near:
            summary.near_duplicates += self._link_near_duplicates(pk, words)

    def _source_exists(self, original_id: str, path: str, record: str) -> bool:
        found = self.conn.execute(
            _SOURCE_EXISTS, {"original_id": original_id, "path": path, "record": record}
        )
        return found.first() is not None

    def _insert_document(self, doc: Document, digest: str, words: list[str]) -> int:
        doc_id = doc.id
        if self.conn.execute(select(documents.c.pk).where(documents.c.id == doc_id)).first() is not None:
            doc_id = f"{doc.id}~{digest[:8]}"  # same id, other text (e.g. a page edited between crawls)
        row = document_row(doc, doc_id, digest, self.run_id)
        return inserted_id(self.conn.execute(insert(documents), row))  # SQLite: a trigger fills documents_fts

    def _add_source(self, pk: int, doc: Document) -> None:
        row = {"document_pk": pk, "original_id": doc.id, "path": doc.source.path,
               "record": doc.source.record or "", "url": doc.url, "run_id": self.run_id}  # fmt: skip
        self.conn.execute(insert(sources), row)

    def _add_quotes(self, pk: int, doc: Document) -> None:
        if not doc.quotes:
            return
        known = [(e.name, str(e.label)) for e in doc.entities]
        day = day_of(doc.date)
        rows = [
            quote_row(pk, n, q, self._speaker_of(q, known), day, doc.lang) for n, q in enumerate(doc.quotes)
        ]
        first = self.ids.take(quotes, len(rows))
        for offset, row in enumerate(rows):
            row["id"] = first + offset
        self.conn.execute(insert(quotes), rows)  # SQLite: a trigger fills quotes_fts

    def _speaker_of(self, quote: Any, known: list[tuple[str, str]]) -> int | None:
        if quote.speaker is None:
            return None
        name = quote.speaker.name or quote.speaker.text
        return self.speakers.resolve(name, entity_kind(known, speaker_key(name)))

    def _add_entities(self, pk: int, doc: Document) -> None:
        for n, entity in enumerate(doc.entities):
            row = {
                "document_pk": pk,
                "n": n,
                "name": entity.name,
                "key": speaker_key(entity.name),
                "label": str(entity.label),
                "quotes": entity.quotes,
            }
            entity_id = inserted_id(self.conn.execute(insert(entities).values(**row)))
            if entity.mentions:
                self.conn.execute(
                    insert(mentions),
                    [
                        {"entity_id": entity_id, "start_char": m.start, "end_char": m.end, "text": m.text}
                        for m in entity.mentions
                    ],
                )

    def _link_near_duplicates(self, pk: int, words: list[str]) -> int:
        sig = dedup.signature(words)
        similar = dedup.find_similar(self.conn, sig)
        if similar:
            self.conn.execute(
                insert(near_duplicates),
                [{"document_pk": pk, "other_pk": other, "similarity": s} for other, s in similar],
            )
        dedup.remember(self.conn, pk, sig)
        return 1 if similar else 0

    def _record_errors(self, doc: Document, errors: Sequence[RecordError]) -> None:
        self.reported.extend((doc, error) for error in errors)
        rows = [
            {
                "run_id": self.run_id,
                "document_id": doc.id,
                "path": doc.source.path,
                "record": doc.source.record or "",
                "stage": e.stage,
                "code": e.code,
                "message": e.message,
            }
            for e in errors
        ]
        self.conn.execute(insert(ingest_errors), rows)


_SOURCE_EXISTS = select(sources.c.id).where(
    sources.c.original_id == bindparam("original_id"),
    sources.c.path == bindparam("path"),
    sources.c.record == bindparam("record"),
)
_BY_HASH = select(documents.c.pk).where(documents.c.text_hash == bindparam("digest"))


_KEPT_AS_IS = frozenset(("id", "source", "url", "lang", "date", "section"))


def without_nul(doc: Document) -> Document:
    """``doc`` without NUL characters, which PostgreSQL text cannot hold.

    Identifiers and metadata (id, source, url, lang, date, section) lose them; in the article
    and what points into it a NUL becomes U+FFFD, one character for one, so offsets stay right.
    """
    data = doc.to_dict()
    if "\\u0000" not in json.dumps(data):
        return doc
    for key, value in data.items():
        data[key] = _replace_nul(value, "" if key in _KEPT_AS_IS else "\ufffd")
    return Document.from_dict(data)


def _replace_nul(value: Any, by: str) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", by)
    if isinstance(value, list):
        return [_replace_nul(v, by) for v in value]
    if isinstance(value, dict):
        return {k: _replace_nul(v, by) for k, v in value.items()}
    return value


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` in lower case, without a leading ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def day_of(date: str | None) -> str | None:
    """YYYY-MM-DD of an ISO date, or None when the date is not ISO."""
    match = _DAY.match(date or "")
    return match.group(0) if match else None


def document_row(doc: Document, doc_id: str, digest: str, run_id: int | None) -> dict[str, Any]:
    """The ``documents`` row of ``doc`` (shared with the bulk loader of the search benchmark).

    Every Document field that is a column (``tables.STORED_FIELDS``) is stored as the JSON line
    holds it (a list of records as a list of dicts); the rest is what the store derives.
    """
    return {
        "id": doc_id,
        "text_hash": digest,
        **{name: stored_value(getattr(doc, name)) for name in STORED_FIELDS},
        "domain": domain_of(doc.url),
        "day": day_of(doc.date),
        "quote_count": len(doc.quotes),
        "run_id": run_id,
    }


def stored_value(value: Any) -> Any:
    """A field's value as its column holds it: lists copied, their records as dicts."""
    if isinstance(value, list):
        return [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
    return value


def quote_row(
    pk: int, n: int, quote: Any, speaker_id: int | None, day: str | None, lang: str | None = None
) -> dict[str, Any]:
    """The ``quotes`` row of one Quote (``day`` and ``lang`` are its document's, copied: listings
    walk the day index, full-text search stems the quote in its language)."""
    speaker, cue = quote.speaker, quote.cue
    return {
        "day": day,
        "lang": lang,
        "document_pk": pk,
        "n": n,
        "type": str(quote.type),
        "start_char": quote.start,
        "end_char": quote.end,
        "text": quote.text,
        "speaker_id": speaker_id,
        "speaker_text": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "cue_text": cue.text if cue else None,
    }
