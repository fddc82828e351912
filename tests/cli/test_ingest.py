"""``guillemets ingest``: stored once, extracted JSONL as is, errors reported, crash-safe under kill -9."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.store.corpus_data import corpus_documents

from guillemets.cli import cli


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = ["documents", "sources", "quotes", "speakers", "near_duplicates", "entities", "lsh_bands"]
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.fixture
def extracted(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(d.to_json() + "\n" for d in corpus_documents()), encoding="utf-8")
    return path


def test_ingest_extracted_jsonl_twice_adds_nothing(tmp_path: Path, extracted: Path) -> None:
    db = tmp_path / "c.db"
    first = CliRunner().invoke(cli, ["ingest", str(extracted), "--db", str(db)])
    counts = table_counts(db)
    second = CliRunner().invoke(cli, ["ingest", str(extracted), "--db", str(db)])
    assert (first.exit_code, second.exit_code) == (0, 0), first.stderr + second.stderr
    assert first.stdout == "" and "4 read, 3 stored, 1 duplicates" in first.stderr
    assert "0 stored" in second.stderr and "4 already stored" in second.stderr
    assert table_counts(db) == counts and counts["quotes"] == 4


def test_ingest_quiet_prints_no_summary(tmp_path: Path, extracted: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(extracted), "--db", str(tmp_path / "c.db"), "-q"])
    assert result.exit_code == 0 and result.stderr == ""


def test_ingest_bad_lines_reported_rest_stored(tmp_path: Path, extracted: Path) -> None:
    lines = extracted.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(
        "\n".join([lines[0], "{not json", lines[1], '{"paragraphs": [], "source": 3}']) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["ingest", str(bad), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("guillemets: error:")]
    assert len(errors) == 2 and all("mixed.jsonl#" in e for e in errors)
    assert table_counts(tmp_path / "c.db")["documents"] == 2


def test_ingest_pages_from_the_example(tmp_path: Path, project_root: Path) -> None:
    db = tmp_path / "c.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(project_root / "examples"), "--db", str(db), "--no-quotes", "-j", "1"]
    )
    assert result.exit_code == 0, result.stderr
    assert table_counts(db)["documents"] == 1


def test_ingest_unreachable_database_exits_3(tmp_path: Path, extracted: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", str(extracted), "--db", str(tmp_path / "no" / "such" / "dir.db")]
    )
    assert result.exit_code == 3
    assert result.stderr.startswith("guillemets: error:") and len(result.stderr.strip().splitlines()) == 1


def test_ingest_locked_database_exits_3_and_writes_nothing(tmp_path: Path, extracted: Path) -> None:
    db = tmp_path / "c.db"
    assert CliRunner().invoke(cli, ["ingest", str(extracted), "--db", str(db), "-q"]).exit_code == 0
    before = table_counts(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        result = CliRunner().invoke(cli, ["ingest", str(extracted), "--db", f"sqlite:///{db}?timeout=0.2"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 3
    assert "locked" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert table_counts(db) == before


def test_ingest_postgres_unreachable_exits_3(extracted: Path) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    result = CliRunner().invoke(cli, ["ingest", str(extracted), "--db", url])
    assert result.exit_code == 3 and "127.0.0.1" in result.stderr


KILL_TEST_PAGES = 200  # a subset of the DEV pages keeps the three runs of the kill test short


def _write_dev_pages(shared_dir: Path, shared_example: Path, target: Path) -> int:
    """The first DEV pages as one text file each, plus the shared example page."""
    target.mkdir()
    count = 0
    for gold in sorted((shared_dir / "bench" / "pages" / "dev").glob("*.jsonl.gz")):
        with gzip.open(gold, "rt", encoding="utf-8") as stream:
            for line in stream:
                if count >= KILL_TEST_PAGES:
                    break
                record = json.loads(line)
                count += 1
                (target / f"{count:04d}.txt").write_text(record["dump"], encoding="utf-8")
    (target / "example.txt").write_text(shared_example.read_text(encoding="utf-8"), encoding="utf-8")
    return count + 1


def _ingest_process(pages: Path, db: Path, root: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    command = [sys.executable, "-m", "guillemets", "ingest", str(pages), "--db", str(db), "-q", "-j", "1",
               "--no-quotes", "--batch-size", "5"]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_ingest_killed_then_rerun_stores_everything_once(
    tmp_path: Path, shared_dir: Path, shared_example: Path, project_root: Path
) -> None:
    pages = tmp_path / "pages"
    total = _write_dev_pages(shared_dir, shared_example, pages)
    reference, killed = tmp_path / "reference.db", tmp_path / "killed.db"
    assert _ingest_process(pages, reference, project_root).wait(timeout=600) in (0, 1)

    process = _ingest_process(pages, killed, project_root)
    deadline = time.monotonic() + 300
    while process.poll() is None and _stored(killed) < 20 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    stored_when_killed = _stored(killed)
    assert 0 < stored_when_killed < table_counts(reference)["documents"], (
        "the kill came too late to test resuming"
    )

    assert _ingest_process(pages, killed, project_root).wait(timeout=600) in (0, 1)
    assert table_counts(killed) == table_counts(reference)
    with sqlite3.connect(killed) as conn:
        runs = conn.execute("SELECT count(*), sum(read) FROM ingest_runs").fetchone()
        keys = conn.execute(
            "SELECT count(*), count(DISTINCT original_id || path || record) FROM sources"
        ).fetchone()
    assert runs[0] == 2 and keys[0] == keys[1]
    assert table_counts(reference)["sources"] + _errors(reference) == total


def _errors(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(DISTINCT path) FROM ingest_errors").fetchone()[0])
