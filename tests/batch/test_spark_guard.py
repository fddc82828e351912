"""Spark's per-input guard (run without Spark): a file that fails mid-way keeps its valid records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from guillemets.batch import spark
from guillemets.batch.spark import run_task
from guillemets.model import Source
from guillemets.read import InputRef, PageKind, RawPage
from guillemets.settings import ReadSettings, Settings
from guillemets.write.parquet import read_documents

NO_QUOTES = replace(Settings(), nlp=replace(Settings().nlp, quotes=False))
PAGE = (
    "Grève au port numéro {i}\n\nLes dockers ont voté la poursuite du mouvement, a indiqué le délégué ({i})."
)


def test_run_task_keeps_the_valid_records_of_a_file_that_fails_mid_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_input(ref: InputRef, settings: ReadSettings) -> Iterator[RawPage]:
        for i in range(70):  # more than one chunk, then a failure inside the second chunk
            yield RawPage(Source(ref.path, str(i + 1)), PageKind.TEXT, PAGE.format(i=i))
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(spark, "read_input", read_input)
    summary = run_task(0, [InputRef(str(tmp_path / "p.jsonl"))], str(tmp_path / "out"), NO_QUOTES)
    docs = list(read_documents(tmp_path / "out"))
    assert sum(d.ok for d in docs) == 70
    [failed] = [d for d in docs if d.errors]
    assert [(e.stage, e.code) for e in failed.errors] == [("read", "too-deep")]
    assert summary.written.errors == 1 and len(summary.error_lines) == 1


def test_run_task_bad_encoding_and_deep_jsonl_are_records(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PAGE.format(i=1), encoding="utf-8")
    bom = tmp_path / "utf16.txt"
    bom.write_bytes(b"\xff\xfe" + PAGE.format(i=2).encode("utf-16-le") + b"A")
    deep = tmp_path / "deep.jsonl"
    deep.write_bytes(b'{"id": "d", "text": ' + b"[" * 3000 + b"]" * 3000 + b"}\n")
    refs = [InputRef(str(p)) for p in (bom, deep, good)]
    run_task(0, refs, str(tmp_path / "out"), NO_QUOTES)
    by_path = {d.source.path: d for d in read_documents(tmp_path / "out")}
    assert by_path[str(good)].ok and by_path[str(bom)].ok  # the broken last unit became U+FFFD
    assert [e.code for e in by_path[str(deep)].errors] == ["too-deep"]
