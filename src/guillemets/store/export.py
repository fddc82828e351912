"""Export stored documents: one record per document, quotes and entities included.

Records keep the Document key order (``Document.from_dict`` reads them back, so an export
can be ingested elsewhere) plus ``domain``, all ``sources`` and ``near_duplicates``; each
quote also carries ``quote_id``, ``speaker_id`` and the canonical ``speaker_name``.
Documents are read in key order in chunks, so memory stays flat on any corpus size.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from sqlalchemy import Connection, and_, select

from guillemets.model import DOCUMENT_FIELDS, record_json
from guillemets.store.queries import article_entities, article_quotes, article_sources, document_filters
from guillemets.store.search import check_query, document_condition, present_languages
from guillemets.store.tables import documents, near_duplicates, quotes

CHUNK = 500
CSV_FIELDS = [
    "id", "url", "domain", "lang", "date", "crawl_date", "title", "text", "sources", "quotes", "entities"
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class ExportFilter:
    q: str | None = None
    speaker_id: int | None = None
    domain: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    lang: str | None = None


def iter_records(conn: Connection, where: ExportFilter = ExportFilter()) -> Iterator[dict[str, Any]]:
    """Every stored document matching ``where``, oldest stored first."""
    conditions = document_filters(where.domain, where.date_from, where.date_to, where.lang)
    if (q := check_query(where.q)) is not None:
        conditions.append(
            document_condition(
                conn.dialect.name,
                documents.c.pk,
                documents.c.title,
                documents.c.text,
                documents.c.lang,
                q,
                where.lang,
                None if where.lang else present_languages(conn),
            )
        )
    if where.speaker_id is not None:
        conditions.append(
            documents.c.pk.in_(select(quotes.c.document_pk).where(quotes.c.speaker_id == where.speaker_id))
        )
    last = 0
    while True:
        query = (
            select(documents)
            .where(and_(documents.c.pk > last, *conditions))
            .order_by(documents.c.pk)
            .limit(CHUNK)
        )
        rows = list(conn.execute(query))
        for row in rows:
            yield _record(conn, row)
        if len(rows) < CHUNK:
            return
        last = rows[-1].pk


def _record(conn: Connection, row: Any) -> dict[str, Any]:
    """The export record of a stored row: every Document field in model order, then the store's own."""
    found = article_sources(conn, row.pk)
    first = found[0] if found else {"path": "?", "record": None}
    elsewhere = {
        "id": row.id,
        "source": {"path": first["path"], "record": first["record"]},
        "quotes": article_quotes(conn, row.pk),
        "entities": article_entities(conn, row.pk),
        "errors": [],
    }
    record = {name: elsewhere[name] if name in elsewhere else getattr(row, name) for name in DOCUMENT_FIELDS}
    record.update(domain=row.domain, sources=found, near_duplicates=_near_ids(conn, row.pk))
    return record


def _near_ids(conn: Connection, pk: int) -> list[str]:
    nd = near_duplicates
    others = (
        select(nd.c.other_pk)
        .where(nd.c.document_pk == pk)
        .union(select(nd.c.document_pk).where(nd.c.other_pk == pk))
    )
    rows = conn.execute(select(documents.c.id).where(documents.c.pk.in_(others)).order_by(documents.c.id))
    return [r[0] for r in rows]


def write_jsonl(records: Iterator[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    for record in records:
        stream.write(record_json(record) + "\n")  # the JSON lines' one format, as extract writes
        count += 1
    return count


def write_csv(records: Iterator[dict[str, Any]], stream: IO[str]) -> int:
    """One row per document; list fields (sources, quotes, entities) as JSON text."""
    writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for record in records:
        row = dict(record)
        for key in ("sources", "quotes", "entities"):
            row[key] = json.dumps(record[key], ensure_ascii=False)
        writer.writerow(row)
        count += 1
    return count


def write_parquet(records: Iterator[dict[str, Any]], path: str, rows_per_group: int = CHUNK) -> int:
    """A Parquet file in the layout of ``guillemets.write.columns`` (as ``spark`` writes), group by group."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from guillemets.write.columns import EXPORT_SCHEMA, record_row

    count = 0
    with pq.ParquetWriter(path, EXPORT_SCHEMA) as writer:
        group: list[dict[str, Any]] = []
        for record in records:
            group.append(record_row(record))
            if len(group) >= rows_per_group:
                writer.write_table(pa.Table.from_pylist(group, schema=EXPORT_SCHEMA))
                count, group = count + len(group), []
        if group or count == 0:
            writer.write_table(pa.Table.from_pylist(group, schema=EXPORT_SCHEMA))
            count += len(group)
    return count
