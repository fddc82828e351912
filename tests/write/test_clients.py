"""One Parquet layout: what ``export --format parquet`` and ``spark`` write reads the same in DuckDB,
and ``ingest`` (``read_documents``) reads both back as Documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.batch.conftest import spark_session  # noqa: F401  (the shared session fixture)

from guillemets.model import CharSpan, Document, Entity, EntityLabel, Quote, QuoteType, Source, SpeakerMention
from guillemets.store.engine import make_engine
from guillemets.store.export import iter_records, write_parquet
from guillemets.store.ingest import ingest_documents
from guillemets.write.parquet import read_documents, write_documents

duckdb = pytest.importorskip("duckdb")

QUERY = """
    SELECT id, lang, date, title, len(quotes) AS n, quotes[1].speaker.name AS who, quotes[1].start AS at
    FROM read_parquet(?, hive_partitioning = true, union_by_name = true)
    ORDER BY id
"""


def invented(doc_id: str, date: str | None, words: str, speaker: str, lang: str = "fr") -> Document:
    doc = Document(id=doc_id, source=Source(f"{doc_id}.txt"), url=f"https://journal.example/{doc_id}",
                   lang=lang, date=date)  # fmt: skip
    doc.set_article(f"Titre {doc_id}", "", [f"« {words} », a lancé {speaker} devant la mairie."])
    start, who = doc.text.index(words), doc.text.index(speaker)
    mention = SpeakerMention(who, who + len(speaker), speaker, speaker)
    doc.quotes = [Quote(QuoteType.DIRECT, start, start + len(words), words, mention)]
    doc.entities = [Entity(speaker, EntityLabel.PERSON, [CharSpan(who, who + len(speaker), speaker)], 1)]
    return doc


def corpus() -> list[Document]:
    return [
        invented("b1", "2025-02-03", "Le pont rouvrira au printemps", "Jeanne Leclerc"),
        invented("b2", "2024-11-20", "Nous avons voté contre", "Marc Aubert"),
        invented("b3", None, "Rien n'est décidé", "Inès Morel"),
    ]


def export_file(docs: list[Document], tmp_path: Path) -> Path:
    engine = make_engine(f"sqlite:///{tmp_path / 'corpus.db'}")
    ingest_documents(engine, docs)
    out = tmp_path / "export.parquet"
    with engine.connect() as conn:
        write_parquet(iter_records(conn), str(out))
    engine.dispose()
    return out


def duck(path: str) -> list[tuple[Any, ...]]:
    return duckdb.connect().execute(QUERY, [path]).fetchall()  # type: ignore[no-any-return]


def test_duckdb_reads_export_and_dataset_with_one_query(tmp_path: Path) -> None:
    import datetime as dt

    docs = corpus()
    exported = export_file(docs, tmp_path)
    write_documents(docs, tmp_path / "dataset")  # the writer every Spark task runs
    from_export = duck(str(exported))
    from_dataset = duck(str(tmp_path / "dataset" / "documents" / "**" / "*.parquet"))
    assert from_export == from_dataset
    at = docs[0].text.index("Le pont")
    assert from_export[0] == ("b1", "fr", dt.date(2025, 2, 3), "Titre b1", 1, "Jeanne Leclerc", at)
    assert [row[2] for row in from_export] == [dt.date(2025, 2, 3), dt.date(2024, 11, 20), None]


def test_exported_parquet_reads_back_as_the_documents(tmp_path: Path) -> None:
    docs = corpus()
    back = {d.id: d for d in read_documents(export_file(docs, tmp_path))}
    assert sorted(back) == ["b1", "b2", "b3"]
    for doc in docs:
        again = back[doc.id]
        assert (again.lang, again.date, again.url, again.text) == (doc.lang, doc.date, doc.url, doc.text)
        assert again.quotes == doc.quotes and again.entities == doc.entities


def test_export_and_dataset_share_column_types(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    docs = corpus()
    exported = pq.read_schema(export_file(docs, tmp_path))
    write_documents(docs, tmp_path / "dataset")
    [first, *_] = sorted((tmp_path / "dataset" / "documents").rglob("*.parquet"))
    written = pq.read_schema(first)
    for name in written.names:
        if name in exported.names and name != "quotes":  # the export's quotes add the store's ids
            assert exported.field(name).type == written.field(name).type, name


@pytest.mark.spark
@pytest.mark.slow
def test_duckdb_reads_spark_output_like_the_export(spark_session: Any, tmp_path: Path) -> None:  # noqa: F811
    from dataclasses import replace

    from guillemets.batch.spark import run_spark
    from guillemets.pipeline import process_many
    from guillemets.read import iter_pages
    from guillemets.settings import Settings

    pages = tmp_path / "pages"
    pages.mkdir()
    for i, (town, verb) in enumerate([("Rennes", "grève"), ("Nancy", "travaux"), ("Pau", "budget")]):
        (pages / f"p{i}.txt").write_text(
            f"Publié le {i + 3} mars 2025\n\nÀ {town}, le conseil discute du {verb}\n\n"
            f"Le conseil municipal de {town} s'est réuni mardi pour parler du {verb} de la ville.\n",
            encoding="utf-8",
        )
    settings = replace(Settings(), nlp=replace(Settings().nlp, quotes=False))
    run_spark([str(pages)], str(tmp_path / "spark"), settings, spark=spark_session)
    paths = sorted(str(p) for p in pages.iterdir())
    local = list(process_many(iter_pages(paths, settings.read), settings, None))
    from_spark = duck(str(tmp_path / "spark" / "documents" / "**" / "*.parquet"))
    assert from_spark == duck(str(export_file(local, tmp_path)))
    assert sorted(row[2].isoformat() for row in from_spark) == ["2025-03-03", "2025-03-04", "2025-03-05"]
    assert sorted(d.id for d in read_documents(tmp_path / "spark")) == sorted(d.id for d in local)
    from click.testing import CliRunner

    from guillemets.cli import cli

    db = str(tmp_path / "from-spark.db")
    ran = CliRunner().invoke(cli, ["ingest", str(tmp_path / "spark"), "--db", db, "-q", "-j", "1"])
    assert ran.exit_code == 0, ran.stderr
    stored = {r["id"]: (r["date"], r["text"]) for r in _exported_lines(db)}
    assert stored == {d.id: (d.date, d.text) for d in local}


def test_cli_ingest_reads_an_export_back(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from guillemets.cli import cli

    exported = export_file(corpus(), tmp_path)
    again = str(tmp_path / "again.db")
    ingested = CliRunner().invoke(cli, ["ingest", str(exported), "--db", again, "-j", "1"])
    assert ingested.exit_code == 0, ingested.stderr
    lines = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--db", again])
    records = {r["id"]: r for r in map(json.loads, lines.stdout.splitlines())}
    assert sorted(records) == ["b1", "b2", "b3"]
    assert records["b2"]["date"] == "2024-11-20"
    assert records["b1"]["quotes"][0]["speaker"]["name"] == "Jeanne Leclerc"


def _exported_lines(db: str) -> list[dict[str, Any]]:
    from click.testing import CliRunner

    from guillemets.cli import cli

    result = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--db", db])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cli_ingest_reads_a_batch_dataset_back_like_the_documents(tmp_path: Path) -> None:
    """The layout every Spark task writes goes back into a corpus as the Documents themselves would."""
    from click.testing import CliRunner

    from guillemets.cli import cli

    docs = corpus()
    write_documents(docs, tmp_path / "dataset")
    direct = tmp_path / "direct.jsonl"
    direct.write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")
    for name, source in [("from-dataset.db", tmp_path / "dataset"), ("direct.db", direct)]:
        ran = CliRunner().invoke(cli, ["ingest", str(source), "--db", str(tmp_path / name), "-q", "-j", "1"])
        assert ran.exit_code == 0, ran.stderr
    by_id = {r["id"]: r for r in _exported_lines(str(tmp_path / "from-dataset.db"))}
    direct_by_id = {r["id"]: r for r in _exported_lines(str(tmp_path / "direct.db"))}
    store_ids = ("quote_id", "speaker_id")  # the corpus numbers quotes and speakers in ingest order
    for record in [*by_id.values(), *direct_by_id.values()]:
        record["quotes"] = [{k: v for k, v in q.items() if k not in store_ids} for q in record["quotes"]]
    assert by_id == direct_by_id
    assert [(i, r["date"]) for i, r in sorted(by_id.items())] == [
        ("b1", "2025-02-03"), ("b2", "2024-11-20"), ("b3", None),
    ]  # fmt: skip
