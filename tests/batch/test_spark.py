"""Spark: same documents as one process and --jobs 2, Parquet readable back, a corrupt input isolated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner
from tests.batch.conftest import write_wet

from guillemets.batch.local import process_parallel
from guillemets.batch.spark import expand_globs, run_spark, spark_ddl
from guillemets.cli import cli
from guillemets.errors import MissingExtra, OutputExists
from guillemets.model import Document
from guillemets.nlp import make_annotator
from guillemets.pipeline import process_many
from guillemets.read import expand_inputs, iter_pages
from guillemets.settings import Settings
from guillemets.write.columns import SCHEMAS
from guillemets.write.parquet import read_documents, write_documents


def key(doc: Document) -> tuple[str, str, str]:
    return doc.source.path, doc.source.record or "", doc.id


def corrupt_inputs(folder: Path) -> list[Path]:
    """A file that is not text at all, and a WET archive cut in the middle of its third record."""
    binary = folder / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\x00\x9f\x92\x96" * 50)
    whole = write_wet(folder / "whole.tmp", 20, 4).read_bytes()
    (folder / "whole.tmp").unlink()
    cut = folder / "cut.warc.wet.gz"
    cut.write_bytes(whole[: len(whole) * 5 // 8])
    return [binary, cut]


@pytest.mark.spark
@pytest.mark.model
def test_spark_equals_single_process_and_jobs(
    spark_session: Any, text_inputs: list[Path], wet_input: Path, tmp_path: Path
) -> None:
    settings = Settings()
    inputs = [str(p) for p in [*text_inputs, wet_input]]
    single = list(process_many(iter_pages(inputs, settings.read), settings, make_annotator(settings.nlp)))
    parallel = list(process_parallel(iter_pages(inputs, settings.read), settings, jobs=2, chunk=2))
    summary = run_spark([str(wet_input), str(wet_input.parent / "*.txt")], str(tmp_path / "spark"), settings,
                        spark=spark_session)  # fmt: skip
    assert parallel == single
    assert sorted(read_documents(tmp_path / "spark"), key=key) == sorted(single, key=key)
    assert (summary.inputs, summary.documents, summary.errors) == (6, 9, 0)
    assert summary.quotes == sum(len(d.quotes) for d in single) > 0  # quotes compared, not just empty lists
    write_documents(single, tmp_path / "local")
    for name in ("documents", "quotes", "entities"):
        assert dataset_rows(tmp_path / "spark" / name) == dataset_rows(tmp_path / "local" / name)
    files = [ref.path for ref in expand_inputs([str(tmp_path / "spark")])]  # what ingest does with a folder
    assert all(f.endswith(".parquet") for f in files)
    assert sorted((d for f in files for d in read_documents(f)), key=key) == sorted(single, key=key)


def dataset_rows(path: Path) -> list[str]:
    """Every row of a Parquet dataset, partition keys included, in a comparable order."""
    table = ds.dataset(path, format="parquet", partitioning="hive").to_table()
    return sorted(map(repr, table.to_pylist()))


@pytest.mark.spark
def test_spark_corrupt_input_fails_only_itself(
    spark_session: Any, text_inputs: list[Path], tmp_path: Path
) -> None:
    bad = corrupt_inputs(text_inputs[0].parent)
    summary = run_spark([str(text_inputs[0].parent)], str(tmp_path / "out"), Settings(), spark=spark_session)
    docs = list(read_documents(tmp_path / "out"))
    assert {d.source.path for d in docs if d.errors} == {str(p) for p in bad}
    assert {d.source.path for d in docs if d.ok} >= {str(p) for p in text_inputs}
    cut_kept = [d for d in docs if d.source.path == str(bad[1]) and d.ok]
    assert 1 <= len(cut_kept) < 4  # the records before the cut are kept
    assert summary.errors == sum(1 for d in docs if d.errors) >= len(bad)
    assert summary.inputs == len(text_inputs) + len(bad)
    assert all(any(str(p) in line for line in summary.error_lines) for p in bad)


@pytest.mark.spark
def test_spark_cli_reports_errors_and_exit_code(
    spark_session: Any, text_inputs: list[Path], tmp_path: Path
) -> None:
    corrupt_inputs(text_inputs[0].parent)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["spark", str(text_inputs[0].parent), "-o", str(out), "--master", "local[2]"]
    )
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "guillemets: error: " in result.stderr and "binary.txt" in result.stderr
    docs = list(read_documents(out))
    errors = sum(1 for d in docs if d.errors)
    assert (
        f"spark: 7 inputs, {len(docs)} documents, " in result.stderr and f", {errors} errors" in result.stderr
    )
    assert {d.source.path for d in docs if d.ok} >= {str(p) for p in text_inputs}


@pytest.mark.spark
def test_spark_ddl_matches_parquet_columns(spark_session: Any) -> None:
    for name, schema in SCHEMAS.items():
        frame = spark_session.createDataFrame([], spark_ddl(name))
        assert frame.columns == [*schema.names, "lang", "month"]


def test_run_spark_refuses_existing_output_before_starting(text_inputs: list[Path], tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    (tmp_path / "out" / "documents").mkdir(parents=True)
    (tmp_path / "out" / "documents" / "part-0.parquet").write_bytes(b"x")
    with pytest.raises(OutputExists):
        run_spark([str(p) for p in text_inputs], str(tmp_path / "out"), Settings())


def test_run_spark_without_pyspark_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a)
    )
    with pytest.raises(MissingExtra, match=r"guillemets\[spark\]"):
        run_spark(["x.txt"], str(tmp_path / "out"), Settings())


def test_expand_globs_sorted_and_unmatched_kept(text_inputs: list[Path]) -> None:
    folder = text_inputs[0].parent
    patterns = [str(folder / "page-0[3-4].txt"), str(folder / "page-00.txt"), str(folder / "none-*.txt")]
    refs = expand_globs(patterns)
    assert [Path(r.path).name for r in refs] == ["none-*.txt", "page-00.txt", "page-03.txt", "page-04.txt"]
    assert refs[0].problem and not any(r.problem for r in refs[1:])
