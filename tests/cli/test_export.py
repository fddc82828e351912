"""``guillemets export``: JSONL and CSV on stdout, Parquet to a file, filters, usage errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.store.corpus_data import corpus_documents

from guillemets.cli import cli


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("export")
    source = folder / "articles.jsonl"
    source.write_text("".join(d.to_json() + "\n" for d in corpus_documents()), encoding="utf-8")
    path = str(folder / "c.db")
    assert CliRunner().invoke(cli, ["ingest", str(source), "--db", path, "-q"]).exit_code == 0
    return path


def test_export_jsonl_to_stdout_reingests_identically(db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", db])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and [r["id"] for r in records] == ["a1", "a2", "a3"]
    assert "export: 3 documents" in result.stderr
    (tmp_path / "again.jsonl").write_text(result.stdout, encoding="utf-8")
    again = CliRunner().invoke(cli, ["ingest", str(tmp_path / "again.jsonl"), "--db", str(tmp_path / "b.db")])
    assert again.exit_code == 0 and "3 stored" in again.stderr


def test_export_csv_with_filter(db: str) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--domain", "lavoixdulac.fr", "--db", db])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0 and [r["id"] for r in rows] == ["a3"]


def test_export_parquet_needs_output(db: str, tmp_path: Path) -> None:
    refused = CliRunner().invoke(cli, ["export", "--format", "parquet", "--db", db])
    assert refused.exit_code == 2 and "-o FILE" in refused.stderr
    out = tmp_path / "c.parquet"
    done = CliRunner().invoke(
        cli, ["export", "--format", "parquet", "-o", str(out), "--speaker", "Marie Dupont", "--db", db]
    )
    import pyarrow.parquet as pq

    assert done.exit_code == 0 and pq.read_table(out).column("id").to_pylist() == ["a3"]


def test_export_unwritable_output_exits_3(db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "-o", str(tmp_path / "no" / "dir.jsonl"), "--db", db])
    assert result.exit_code == 3 and result.stderr.startswith("guillemets: error:")
