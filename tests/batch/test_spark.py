"""Spark: same documents as one process and --jobs 2, Parquet readable back, a corrupt input isolated.

The task (``run_task``) is tested without Spark: deterministic file names, a rerun that
replaces its files, corrupt inputs; the Spark tests share one session.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner
from tests.batch.conftest import write_wet

from guillemets.batch.local import process_parallel
from guillemets.batch.spark import (
    MAX_ERROR_LINES,
    TaskSummary,
    combine,
    expand_globs,
    run_spark,
    run_task,
    task_prefix,
)
from guillemets.cli import cli
from guillemets.errors import MissingExtra, OutputExists
from guillemets.model import Document
from guillemets.nlp import make_annotator
from guillemets.pipeline import process_many
from guillemets.read import expand_inputs, iter_pages
from guillemets.settings import Settings
from guillemets.write.jsonl import document_line
from guillemets.write.parquet import WriteSummary, read_documents, write_documents

NO_QUOTES = replace(Settings(), nlp=replace(Settings().nlp, quotes=False))


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


MIXED_FR = [
    "« Nous rouvrirons la halle aux grains en juin », a déclaré Odile Garnier, maire de Vierzon.",
    "Le conseil municipal votera le budget des travaux lundi prochain, selon la mairie de Vierzon.",
    "« Les commerçants attendent depuis deux ans », a ajouté l'adjoint au commerce, Karim Belaïd.",
]
MIXED_EN = [
    "Senator Ada Quill told reporters in Boston that the Harbour Trust would vote on the plan.",
    "The trust has delayed the vote twice since the spring, according to its annual report.",
    "Quill said the delay had cost the city more than it would admit in public.",
]


def mixed_jsonl(folder: Path) -> list[Path]:
    """Two JSON lines files, each alternating invented French and English articles."""
    paths = []
    for f in range(2):
        rows = []
        for i in range(6):
            french = i % 2 == 0
            lines = MIXED_FR if french else MIXED_EN
            title = f"La halle {f}.{i} rouvre" if french else f"Harbour plan vote, file {f} week {i}"
            body = [f"{lines[k % len(lines)]} ({f}.{i}.{k})" for k in range(8)]
            rows.append({"id": f"m{f}-{i}", "text": "\n\n".join([title, *body])})
        path = folder / f"mixed-{f}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.spark
@pytest.mark.model
def test_spark_mixed_french_english_equals_single_process(spark_session: Any, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    inputs = [str(p) for p in mixed_jsonl(folder)]
    settings = Settings()
    single = list(process_many(iter_pages(inputs, settings.read), settings, make_annotator(settings.nlp)))
    summary = run_spark(inputs, str(tmp_path / "spark"), settings, spark=spark_session)
    spark_docs = sorted(read_documents(tmp_path / "spark"), key=key)
    assert [document_line(d) for d in spark_docs] == [document_line(d) for d in sorted(single, key=key)]
    assert (summary.inputs, summary.documents, summary.errors) == (2, 12, 0)
    assert [d.lang for d in single] == ["fr", "en"] * 6
    assert all(d.quotes for d in single if d.lang == "fr")  # French quotes compared, not empty lists
    assert all(any(e.name == "Ada Quill" for e in d.entities) for d in single if d.lang == "en")
    write_documents(single, tmp_path / "local")
    for name in ("documents", "quotes", "entities"):
        assert dataset_rows(tmp_path / "spark" / name) == dataset_rows(tmp_path / "local" / name)


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


def test_run_spark_refuses_existing_output_before_starting(text_inputs: list[Path], tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    (tmp_path / "out" / "documents").mkdir(parents=True)
    (tmp_path / "out" / "documents" / "part-0.parquet").write_bytes(b"x")
    with pytest.raises(OutputExists):
        run_spark([str(p) for p in text_inputs], str(tmp_path / "out"), Settings())


def files_under(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones too), by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_run_task_writes_files_named_after_the_task(
    text_inputs: list[Path], wet_input: Path, tmp_path: Path
) -> None:
    refs = expand_globs([str(wet_input), *map(str, text_inputs)])
    summary = run_task(3, refs, str(tmp_path / "out"), NO_QUOTES)
    names = {Path(name).name for name in files_under(tmp_path / "out")}
    assert names and all(re.fullmatch(r"part-00003-[0-9a-f]{8}-\d{5}\.parquet", n) for n in names)
    assert {n[:19] for n in names} == {task_prefix(3, refs)} != {task_prefix(3, refs[1:])}
    single = list(process_many(iter_pages([r.path for r in refs], NO_QUOTES.read), NO_QUOTES, None))
    assert sorted(read_documents(tmp_path / "out"), key=key) == sorted(single, key=key)
    assert (summary.written.documents, summary.written.errors, summary.written.files) == (
        len(single), 0, len(names)
    )  # fmt: skip


def test_run_task_rerun_replaces_its_files(text_inputs: list[Path], wet_input: Path, tmp_path: Path) -> None:
    refs = expand_globs([str(wet_input), *map(str, text_inputs)])
    run_task(0, refs, str(tmp_path / "out"), NO_QUOTES)
    first = files_under(tmp_path / "out")
    (tmp_path / "out" / next(iter(first))).write_bytes(b"half-written")  # an attempt that died mid-way
    run_task(0, refs, str(tmp_path / "out"), NO_QUOTES)  # a retried attempt
    assert files_under(tmp_path / "out") == first  # same names, same bytes, nothing added
    assert len(list(read_documents(tmp_path / "out"))) == 5 + 4  # the text pages and the archive's 4 records


def test_run_task_corrupt_inputs_fail_only_their_documents(text_inputs: list[Path], tmp_path: Path) -> None:
    bad = corrupt_inputs(text_inputs[0].parent)
    refs = expand_globs([str(text_inputs[0].parent)])
    summary = run_task(0, refs, str(tmp_path / "out"), NO_QUOTES)
    docs = list(read_documents(tmp_path / "out"))
    assert {d.source.path for d in docs if d.errors} == {str(p) for p in bad}
    assert {d.source.path for d in docs if d.ok} >= {str(p) for p in text_inputs}
    assert summary.written.errors == sum(1 for d in docs if d.errors) == len(summary.error_lines)
    assert [k for k, _ in summary.error_lines] == sorted(k for k, _ in summary.error_lines)


def test_combine_sums_tasks_and_keeps_the_first_error_lines_by_input() -> None:
    late_lines = [(("b.txt", 0), "b.txt: late"), (("b.txt", 1), "b.txt#2: later")]
    late = TaskSummary(WriteSummary(3, 1, 2, 2, 4), late_lines)
    early_lines = [(("a.txt", i), f"a.txt#{i}: early") for i in range(MAX_ERROR_LINES)]
    early = TaskSummary(WriteSummary(200, 0, 0, 150, 3), early_lines)
    summary = combine([late, early], inputs=5)
    assert (summary.inputs, summary.documents, summary.quotes, summary.entities, summary.errors) == (
        5, 203, 1, 2, 152
    )  # fmt: skip
    assert summary.error_lines == [f"a.txt#{i}: early" for i in range(MAX_ERROR_LINES)]


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
