"""PostgreSQL: ``ingest`` killed with SIGKILL, then run again, gives the public ids of an uninterrupted run.

Quote and speaker ids appear in API answers and page links; a PostgreSQL sequence keeps the
values a killed transaction took, so ids taken from it would shift after a rerun.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from tests.store.test_robust import invented_docs, public_ids

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
DOCS = 600


@pytest.fixture
def two_databases() -> Iterator[tuple[str, str]]:
    admin_url = os.environ.get("GUILLEMETS_TEST_PG")
    if not admin_url:
        if os.environ.get("CI") == "true":
            pytest.fail("GUILLEMETS_TEST_PG is not set; CI must start PostgreSQL (.ci/start-postgres.sh)")
        pytest.skip("GUILLEMETS_TEST_PG not set")
    names = [f"guillemets_kill_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = admin_url.rpartition("/")[0]
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def ingest(source: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    command = [sys.executable, "-m", "guillemets", "ingest", str(source), "--db", url, "-q"]
    command += ["--batch-size", "50"]  # long transactions: the kill lands inside one, after its inserts
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stored(engine: Any) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
    except Exception:  # the schema is not there yet
        return 0


def writing(engine: Any) -> bool:
    """True while another session has a transaction open on this database (the ingest's batch)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND now() - xact_start > interval '20 ms'"
    )
    with engine.connect() as conn:
        return bool(conn.execute(query).scalar())


def test_kill_9_then_rerun_gives_identical_public_ids(tmp_path: Path, two_databases: tuple[str, str]) -> None:
    reference_url, killed_url = two_databases
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(doc.to_json() + "\n" for doc in invented_docs(DOCS)), encoding="utf-8")
    assert ingest(source, reference_url).wait(timeout=600) == 0

    watcher = create_engine(killed_url, pool_pre_ping=True)
    process = ingest(source, killed_url)
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if stored(watcher) >= 50 and writing(watcher):
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    killed_at = stored(watcher)
    assert 0 < killed_at < DOCS, "the kill came too late to test resuming"
    assert ingest(source, killed_url).wait(timeout=600) == 0
    watcher.dispose()

    reference, resumed = create_engine(reference_url), create_engine(killed_url)
    try:
        expected, got = public_ids(reference), public_ids(resumed)
    finally:
        reference.dispose()
        resumed.dispose()
    assert len(expected) == DOCS
    assert got == expected
