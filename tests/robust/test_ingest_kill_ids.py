"""``ingest`` killed with SIGKILL inside a batch, then run again: the public ids of an uninterrupted run.

Quote and speaker ids appear in API answers and page links. A PostgreSQL sequence keeps the values
a killed transaction took, so ids taken from it would shift after a rerun; ids are max + 1 under
the write lock instead. Checked on both backends, with extracted records (quotes and speakers
included, no model needed).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from tests.store.test_robust import invented_docs, public_ids

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
DOCS = 300
BATCH = 50  # long transactions: the kill lands inside one, after some of its inserts


def ingest(source: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    command = [sys.executable, "-m", "guillemets", "ingest", str(source), "--db", url, "-q"]
    command += ["--batch-size", str(BATCH)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Watcher:
    """Reads a database another process is ingesting into, without creating or locking it for long."""

    def __init__(self, url: str) -> None:
        self.path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
        self.engine = None if self.path else create_engine(url, pool_pre_ping=True)

    def stored(self) -> int:
        try:
            if self.path is not None:
                with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=0.1) as conn:
                    return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
            assert self.engine is not None
            with self.engine.connect() as conn:
                return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
        except Exception:  # no file or no schema yet
            return 0

    def writing(self) -> bool:
        """True while the ingest has a write transaction open (its batch)."""
        if self.path is not None:
            conn = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True, timeout=0, isolation_level=None)
            try:
                conn.execute("BEGIN IMMEDIATE")  # fails at once while another writer holds the lock
                conn.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                conn.close()
        query = text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
            "pg_backend_pid() AND xact_start IS NOT NULL AND now() - xact_start > interval '20 ms'"
        )
        assert self.engine is not None
        with self.engine.connect() as conn:
            return bool(conn.execute(query).scalar())

    def dispose(self) -> None:
        if self.engine is not None:
            self.engine.dispose()


def ids_of(url: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    try:
        return public_ids(engine)
    finally:
        engine.dispose()


def test_kill_9_inside_a_batch_then_rerun_gives_identical_public_ids(
    tmp_path: Path, two_databases: tuple[str, str]
) -> None:
    reference_url, killed_url = two_databases
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(doc.to_json() + "\n" for doc in invented_docs(DOCS)), encoding="utf-8")
    assert ingest(source, reference_url).wait(timeout=600) == 0

    watcher = Watcher(killed_url)
    process = ingest(source, killed_url)
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if watcher.stored() >= BATCH and watcher.writing():
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    killed_at = watcher.stored()
    watcher.dispose()
    assert 0 < killed_at < DOCS and killed_at % BATCH == 0, f"the kill came too late ({killed_at} stored)"
    assert ingest(source, killed_url).wait(timeout=600) == 0

    expected, got = ids_of(reference_url), ids_of(killed_url)
    assert len(expected) == DOCS
    assert got == expected
