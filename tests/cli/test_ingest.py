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
from tests.store.conftest import pg_url  # noqa: F401 - the PostgreSQL database fixture
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


def _ingest_example(tmp_path: Path, shared_example: Path, *extra: str) -> str:
    db = str(tmp_path / "example.db")
    result = CliRunner().invoke(cli, ["ingest", str(shared_example), "--db", db, "-j", "1", "-q", *extra])
    assert result.exit_code == 0, result.stderr
    return db


def test_ingest_example_then_search_koursk_finds_it(tmp_path: Path, shared_example: Path) -> None:
    db = _ingest_example(tmp_path, shared_example, "--no-quotes")
    result = CliRunner().invoke(cli, ["search", "Koursk", "--articles", "--db", db, "--json"])
    [item] = [json.loads(line) for line in result.stdout.splitlines()]
    assert "Poutine" in item["title"] and "koursk" in item["snippet"].lower()


@pytest.mark.model
def test_ingest_example_speakers_poutine_and_syrsky_with_quotes(tmp_path: Path, shared_example: Path) -> None:
    from guillemets.nlp import make_annotator
    from guillemets.settings import NlpSettings

    if type(make_annotator(NlpSettings())).__name__ == "NullAnnotator":
        pytest.skip("no quote stage installed")
    db = _ingest_example(tmp_path, shared_example)
    result = CliRunner().invoke(cli, ["speakers", "--db", db, "--json", "--top", "50"])
    people = {item["name"]: item for item in map(json.loads, result.stdout.splitlines())}
    poutine = [p for name, p in people.items() if "poutine" in name.lower()]
    syrsky = [p for name, p in people.items() if "syrsk" in name.lower()]
    assert poutine and poutine[0]["quotes"] >= 1
    assert syrsky, f"no Syrsky among {sorted(people)}"
    quotes = CliRunner().invoke(
        cli, ["search", "--speaker", str(syrsky[0]["speaker_id"]), "--db", db, "--json"]
    )
    assert quotes.exit_code == 0 and len(quotes.stdout.splitlines()) == syrsky[0]["quotes"] >= 1


NUL_PAGES = [  # json.dumps writes NUL as \\u0000 and a lone surrogate as \\ud800
    {"id": "page\x00un", "url": "https://exemple.fr/\x00a", "text": "Grève au port : les dockers ont voté."},
    {"id": "page\ud800deux", "url": "https://exemple.fr/\udc00b", "text": "La mairie a annoncé un budget."},
]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_ingest_nul_and_lone_surrogates_in_ids_and_urls_are_stored(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    db = str(tmp_path / "c.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    pages = tmp_path / "pages.jsonl"
    pages.write_text("".join(json.dumps(page) + "\n" for page in NUL_PAGES), encoding="ascii")
    doc = corpus_documents()[0]
    doc.id, doc.url = "doc\x00nul", "https://exemple.fr/\ud800"
    extracted = tmp_path / "extracted.jsonl"
    extracted.write_text(json.dumps(doc.to_dict()) + "\n", encoding="utf-8")  # escapes \u0000, \ud800
    args = ["ingest", str(pages), str(extracted), "--db", db, "--no-quotes", "-j", "1"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "3 read, 3 stored" in result.stderr and "0 errors" in result.stderr


def test_ingest_bad_lines_of_an_extracted_file_are_records(tmp_path: Path, extracted: Path) -> None:
    lines = extracted.read_text(encoding="utf-8").splitlines()
    deep = '{"paragraphs": [], "source": {"path": "x"}, "k": ' + "[" * 3000 + "]" * 3000 + "}"
    mixed = tmp_path / "mixed.jsonl.gz"
    mixed.write_bytes(gzip.compress(("\n".join([lines[0], deep, lines[1]]) + "\n").encode())[:-40])
    result = CliRunner().invoke(cli, ["ingest", str(mixed), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("guillemets: error:")]
    assert any("line 2: JSON nested deeper than" in e for e in errors)
    assert any("truncated gzip stream" in e for e in errors), errors
    assert table_counts(tmp_path / "c.db")["documents"] == 1


@pytest.mark.slow
def test_ingest_gzip_bomb_stays_under_1_gb_and_stores_the_good_pages(
    tmp_path: Path, project_root: Path
) -> None:
    """A 1.2 MB gzip whose first JSONL line is 1.2 GB: a too-large record, the other input stored."""
    from tests.store.test_inputs_bounds import gzip_bomb

    bomb = gzip_bomb(tmp_path / "bomb.jsonl.gz", b'{"id": "bombe", "text": "', 1200)
    page = tmp_path / "page.txt"
    page.write_text(
        "Grève au port\n\nLes dockers ont voté la reconduite, a dit le délégué.\n", encoding="utf-8"
    )
    db = tmp_path / "c.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(project_root / "src"), str(project_root)])}
    command = [sys.executable, "-m", "guillemets", "ingest", str(bomb), str(page), "--db", str(db),
               "--no-quotes", "-j", "1"]  # fmt: skip
    # Linux charges a child the peak RSS of the process it was spawned from (the pre-exec memory
    # counts): spawned from pytest, which holds spaCy's models by now, the child's ru_maxrss would
    # be pytest's. A small interpreter in between spawns the command and reports its own children.
    probe = (
        "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, *command], env=env, capture_output=True, text=True, check=False
    )
    stderr, peak_kb = proc.stderr, int(proc.stdout.split()[-1])
    assert proc.returncode == 1, stderr
    assert peak_kb < 1024 * 1024, f"peak RSS {peak_kb} kB"  # Linux: kilobytes
    assert "bomb.jsonl.gz#1: line 1 is more than 32.0 MB" in stderr and "Traceback" not in stderr
    assert table_counts(db)["documents"] == 1
