"""Corpus commands on odd paths, read-only filesystems and out-of-range ids: one line, no traceback."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from tests.store.corpus_data import corpus_documents
from tests.store.test_engine_files import _readonly_mount

from guillemets.cli import cli
from guillemets.store.engine import make_engine
from guillemets.store.ingest import ingest_documents

ODD = "x#y?z%20 w.db"


def build(url: str) -> str:
    engine = make_engine(url)
    ingest_documents(engine, corpus_documents())
    engine.dispose()
    return url


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_line_error(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("guillemets: error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def pg_db() -> Iterator[str]:
    admin_url = os.environ.get("GUILLEMETS_TEST_PG")
    if not admin_url:
        if os.environ.get("CI") == "true":
            pytest.fail("GUILLEMETS_TEST_PG is not set; CI must start PostgreSQL (.ci/start-postgres.sh)")
        pytest.skip("GUILLEMETS_TEST_PG not set")
    name = f"guillemets_cli_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield build(f"{admin_url.rpartition('/')[0]}/{name}")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def corpus_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return build(str(tmp_path / "corpus.db"))
    url: str = request.getfixturevalue("pg_db")
    return url


@pytest.mark.parametrize("speaker", ["2147483648", "99999999999999999999999999"])
def test_search_huge_speaker_id_is_one_line_usage_error(corpus_db: str, speaker: str) -> None:
    result = run("search", "--db", corpus_db, "--speaker", speaker)
    assert result.exit_code == 2
    assert "speaker id must be between 1 and 2147483647" in one_line_error(result)


def test_export_huge_speaker_id_is_one_line_usage_error(corpus_db: str) -> None:
    result = run("export", "--db", corpus_db, "--speaker", "4294967296")
    assert result.exit_code == 2 and "between 1 and" in one_line_error(result)


def test_search_huge_offset_is_one_line_usage_error(corpus_db: str) -> None:
    result = run("search", "--db", corpus_db, "--offset", str(2**70))
    assert result.exit_code == 2 and "offset" in one_line_error(result)


def test_search_on_path_with_hash_question_percent(tmp_path: Path) -> None:
    path = tmp_path / ODD
    build(str(path))
    result = run("search", "Koursk", "--db", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["document_id"] for line in result.stdout.splitlines()] == ["a1"]
    # SQLite's own WAL companions may appear beside a WAL database; nothing else is created
    assert {p.name for p in tmp_path.iterdir()} <= {ODD, f"{ODD}-wal", f"{ODD}-shm"}
    assert (tmp_path / ODD).stat().st_size > 0


def test_search_never_creates_a_file(tmp_path: Path) -> None:
    for name in ("missing.db", "a#b.db", "a?b.db", "a%62.db"):
        result = run("search", "mot", "--db", str(tmp_path / name))
        assert result.exit_code == 3 and "no such database" in one_line_error(result)
    assert list(tmp_path.iterdir()) == []


def test_search_export_and_speakers_on_readonly_filesystem(tmp_path: Path) -> None:
    source = tmp_path / "rw"
    source.mkdir()
    build(str(source / ODD))
    with _readonly_mount(source, tmp_path / "ro"):
        db = str(tmp_path / "ro" / ODD)
        found = run("search", "Koursk", "--db", db, "--json")
        exported = run("export", "--db", db, "--format", "jsonl")
        people = run("speakers", "--db", db, "--json")
        codes = (found.exit_code, exported.exit_code, people.exit_code)
        assert codes == (0, 0, 0), found.stderr + exported.stderr + people.stderr
        assert len(found.stdout.splitlines()) == 1 and len(exported.stdout.splitlines()) == 3
        assert people.stdout.splitlines()
        assert sorted(p.name for p in (tmp_path / "ro").iterdir()) == [ODD]


def test_serve_on_readonly_filesystem(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    from tests.web.test_load import get, serving

    source = tmp_path / "rw"
    source.mkdir()
    build(str(source / ODD))
    with _readonly_mount(source, tmp_path / "ro"), serving(str(tmp_path / "ro" / ODD)) as (port, _):
        status, body = get(port, "/api/search?q=Koursk")
        assert status == 200 and json.loads(body)["total"] == 1
