"""Export: one record per stored document, readable back as Documents; CSV and Parquet shapes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import Engine

from guillemets.model import Document
from guillemets.store.export import ExportFilter, iter_records, write_csv, write_jsonl, write_parquet
from guillemets.store.ingest import ingest_documents


def test_export_records_round_trip_as_documents(engine: Engine, corpus: list[Document]) -> None:
    ingest_documents(engine, corpus)
    with engine.connect() as conn:
        records = list(iter_records(conn))
    assert [r["id"] for r in records] == ["a1", "a2", "a3"]
    back = [Document.from_dict(json.loads(json.dumps(r))) for r in records]
    originals = {d.id: d for d in corpus}
    for doc in back:
        assert doc.text == originals[doc.id].text
        assert [q.to_dict() for q in doc.quotes] == [q.to_dict() for q in originals[doc.id].quotes]
        assert [e.to_dict() for e in doc.entities] == [e.to_dict() for e in originals[doc.id].entities]
    assert [s["path"] for s in records[2]["sources"]] == ["a3.txt", "mirror/a3.txt"]


def test_export_filters(engine: Engine, corpus: list[Document]) -> None:
    ingest_documents(engine, corpus)
    with engine.connect() as conn:
        rtbf = [r["id"] for r in iter_records(conn, ExportFilter(domain="rtbf.be"))]
        koursk = [r["id"] for r in iter_records(conn, ExportFilter(q="koursk", date_to="2025-03"))]
    assert rtbf == ["a2"] and koursk == ["a1"]


def test_export_chunks_cover_every_document(engine: Engine, make_doc: object, monkeypatch: object) -> None:
    import guillemets.store.export as export

    docs = [make_doc(f"d{i}", f"Titre {i}", [f"Paragraphe numéro {i} de l'article."]) for i in range(7)]  # type: ignore[operator]
    ingest_documents(engine, docs)
    monkeypatch.setattr(export, "CHUNK", 3)  # type: ignore[attr-defined]
    with engine.connect() as conn:
        assert sorted(r["id"] for r in iter_records(conn)) == sorted(d.id for d in docs)


def test_write_csv_and_jsonl(engine: Engine, corpus: list[Document]) -> None:
    ingest_documents(engine, corpus)
    with engine.connect() as conn:
        text, lines = io.StringIO(), io.StringIO()
        assert write_csv(iter_records(conn), text) == 3
        assert write_jsonl(iter_records(conn), lines) == 3
    rows = list(csv.DictReader(io.StringIO(text.getvalue())))
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]
    assert json.loads(rows[1]["quotes"])[0]["speaker_name"] == "Oleksandre Syrsky"
    assert all(json.loads(line)["id"] for line in lines.getvalue().splitlines())


def test_write_parquet_nested(tmp_path: Path, engine: Engine, corpus: list[Document]) -> None:
    import pyarrow.parquet as pq

    ingest_documents(engine, corpus)
    with engine.connect() as conn:
        assert write_parquet(iter_records(conn), str(tmp_path / "c.parquet")) == 3
    table = pq.read_table(tmp_path / "c.parquet")
    assert table.num_rows == 3
    assert table.column("quotes").to_pylist()[1][0]["speaker"]["text"] == "Oleksandre Syrsky"


def test_write_parquet_empty_corpus_has_schema(tmp_path: Path, engine: Engine) -> None:
    import pyarrow.parquet as pq

    with engine.connect() as conn:
        assert write_parquet(iter_records(conn), str(tmp_path / "e.parquet")) == 0
    assert "quotes" in pq.read_table(tmp_path / "e.parquet").column_names
