"""``ingest --jobs 2`` killed with SIGKILL: no worker, forkserver or tracker of the run survives it.

``extract --jobs 2`` has the same test (tests/cli/test_jobs_signals.py); ``ingest`` runs the same
executor while it holds the database, so it is checked too (issue 14, case 8).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.batch.test_lifeline import kill_parent_and_check, start, write_french_pages

pytestmark = [pytest.mark.model, pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")]

PAGES = 60  # French pages: enough estimated work for two workers (batch.plan)


def test_ingest_jobs_2_killed_leaves_no_worker_and_a_readable_database(
    project_root: Path, tmp_path: Path
) -> None:
    pages = write_french_pages(tmp_path / "pages", PAGES)
    db = tmp_path / "c.db"
    args = [sys.executable, "-m", "guillemets", "ingest", str(pages), "--jobs", "2", "--db", str(db), "-q"]
    parent = start(args, project_root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kill_parent_and_check(parent, 2, timeout=180)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:  # whole batches or nothing
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
