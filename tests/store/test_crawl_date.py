"""The store keeps ``crawl_date`` beside the publication date, and gives it back everywhere it reads."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

from sqlalchemy import Engine, select
from tests.store.corpus_data import build_doc

from guillemets.model import DOCUMENT_FIELDS, Document
from guillemets.store.export import iter_records, write_csv, write_jsonl, write_parquet
from guillemets.store.ingest import ingest_documents
from guillemets.store.queries import get_article
from guillemets.store.tables import NOT_COLUMNS, STORED_FIELDS, documents


def _fetched(doc_id: str, crawl_date: str | None) -> Document:
    doc = build_doc(doc_id, f"Le port de {doc_id} rouvre", [f"Les dockers de {doc_id} ont voté la reprise."])
    doc.date, doc.crawl_date = "2025-03-12", crawl_date
    return doc


def test_ingest_stores_crawl_date_apart_from_the_publication_date(engine: Engine) -> None:
    ingest_documents(engine, [_fetched("c1", "2025-03-14T06:30:00Z"), _fetched("c2", None)])
    with engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.date, documents.c.crawl_date)).all()
    assert sorted(map(tuple, rows)) == [
        ("c1", "2025-03-12", "2025-03-14T06:30:00Z"),
        ("c2", "2025-03-12", None),
    ]


def test_export_jsonl_and_csv_carry_crawl_date(engine: Engine) -> None:
    ingest_documents(engine, [_fetched("c1", "2025-03-14T06:30:00Z")])
    with engine.connect() as conn:
        lines, table = io.StringIO(), io.StringIO()
        write_jsonl(iter_records(conn), lines)
        write_csv(iter_records(conn), table)
    [record] = [json.loads(line) for line in lines.getvalue().splitlines()]
    [row] = list(csv.DictReader(io.StringIO(table.getvalue())))
    assert record["crawl_date"] == row["crawl_date"] == "2025-03-14T06:30:00Z"
    assert Document.from_dict(record).crawl_date == "2025-03-14T06:30:00Z"


def test_export_record_holds_every_document_field_in_model_order(engine: Engine) -> None:
    ingest_documents(engine, [_fetched("c1", "2025-03-14T06:30:00Z")])
    with engine.connect() as conn:
        [record] = list(iter_records(conn))
    assert tuple(record)[: len(DOCUMENT_FIELDS)] == DOCUMENT_FIELDS


def test_export_parquet_types_crawl_date_as_a_utc_timestamp(engine: Engine, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    ingest_documents(engine, [_fetched("c1", "2025-03-14T06:30:00Z")])
    with engine.connect() as conn:
        write_parquet(iter_records(conn), str(tmp_path / "corpus.parquet"))
    table = pq.read_table(tmp_path / "corpus.parquet", columns=["date", "crawl_date"])
    assert table.column("date").to_pylist() == [dt.date(2025, 3, 12)]
    assert table.column("crawl_date").to_pylist() == [dt.datetime(2025, 3, 14, 6, 30, tzinfo=dt.UTC)]


def test_article_has_crawl_date(engine: Engine) -> None:
    ingest_documents(engine, [_fetched("c1", "2025-03-14T06:30:00Z"), _fetched("c2", None)])
    with engine.connect() as conn:
        one, two = get_article(conn, "c1"), get_article(conn, "c2")
    assert one is not None and two is not None
    assert (one["date"], one["crawl_date"], two["crawl_date"]) == ("2025-03-12", "2025-03-14T06:30:00Z", None)


def test_every_document_field_has_a_column_or_a_table_of_its_own() -> None:
    names = {f.name for f in dataclasses.fields(Document)}
    assert set(STORED_FIELDS) | NOT_COLUMNS == names
    assert all(name in documents.c for name in STORED_FIELDS)
    assert documents.c.crawl_date.nullable and not documents.c.title.nullable
