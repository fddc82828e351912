"""pandas reads both Parquet outputs as they are: ``export --format parquet`` and the ``documents``
dataset of a batch run (written by ``write_documents``, the writer every Spark task runs, and by Spark)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from tests.batch.conftest import spark_session  # noqa: F401  (the shared session fixture)
from tests.write.test_clients import corpus, export_file

from guillemets.model import Document
from guillemets.write.parquet import write_documents

pd = pytest.importorskip("pandas")

CRAWLED = "2025-02-04T07:15:00Z"


def _corpus() -> list[Document]:
    docs = corpus()
    docs[0].crawl_date = CRAWLED
    return docs


def _summary(frame: Any) -> list[tuple[Any, ...]]:
    """(id, lang, day, crawl instant, first speaker) per row, by id: what both layouts must agree on."""
    rows = []
    for row in frame.sort_values("id").itertuples():
        speaker = row.quotes[0]["speaker"]["name"] if len(row.quotes) else None
        crawled = None if pd.isna(row.crawl_date) else row.crawl_date.to_pydatetime()
        rows.append((row.id, str(row.lang), row.date, crawled, speaker))
    return rows


def test_pandas_reads_the_exported_parquet(tmp_path: Path) -> None:
    frame = pd.read_parquet(export_file(_corpus(), tmp_path))
    assert list(frame.columns[:6]) == ["id", "source", "url", "lang", "date", "crawl_date"]
    assert str(frame["crawl_date"].dtype) == "datetime64[us, UTC]"
    assert _summary(frame)[0] == (
        "b1", "fr", dt.date(2025, 2, 3), dt.datetime(2025, 2, 4, 7, 15, tzinfo=dt.UTC), "Jeanne Leclerc"
    )  # fmt: skip


def test_pandas_reads_the_batch_dataset_like_the_export(tmp_path: Path) -> None:
    docs = _corpus()
    write_documents(docs, tmp_path / "dataset")
    dataset = pd.read_parquet(tmp_path / "dataset" / "documents")  # lang=…/month=… become columns
    exported = pd.read_parquet(export_file(docs, tmp_path))
    assert _summary(dataset) == _summary(exported)
    assert sorted(dataset["month"].astype(str)) == ["2024-11", "2025-02", "unknown"]
    assert [d for d in _summary(dataset) if d[2] is None] == [("b3", "fr", None, None, "Inès Morel")]


@pytest.mark.spark
@pytest.mark.slow
def test_pandas_reads_spark_output(spark_session: Any, tmp_path: Path) -> None:  # noqa: F811
    from dataclasses import replace

    from guillemets.batch.spark import run_spark
    from guillemets.settings import Settings

    pages = tmp_path / "pages"
    pages.mkdir()
    for i, town in enumerate(["Dinan", "Millau", "Vesoul"]):
        (pages / f"p{i}.txt").write_text(
            f"Publié le {i + 10} avril 2025\n\nÀ {town}, la piscine ferme pour l'été\n\n"
            f"La piscine municipale de {town} fermera ses portes en juillet pour des travaux.\n",
            encoding="utf-8",
        )
    settings = replace(Settings(), nlp=replace(Settings().nlp, quotes=False))
    run_spark([str(pages)], str(tmp_path / "spark"), settings, spark=spark_session)
    frame = pd.read_parquet(tmp_path / "spark" / "documents")
    assert sorted(d.isoformat() for d in frame["date"]) == ["2025-04-10", "2025-04-11", "2025-04-12"]
    assert sorted(frame["source"].map(lambda s: Path(s["path"]).name)) == ["p0.txt", "p1.txt", "p2.txt"]
    assert frame["text"].str.contains("piscine").all() and (frame["errors"].map(len) == 0).all()
