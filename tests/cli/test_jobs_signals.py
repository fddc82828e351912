"""``extract --jobs 2`` killed or interrupted: no process of the run survives, Ctrl-C is one line and 130."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.batch.test_lifeline import (
    kill_parent_and_check,
    session_processes,
    start,
    wait_for,
    write_french_pages,
)

pytestmark = [pytest.mark.model, pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")]

PAGES = 60  # French pages: enough estimated work for two workers (batch.plan)


def extract(project_root: Path, tmp_path: Path) -> subprocess.Popen[str]:
    pages = write_french_pages(tmp_path / "pages", PAGES)
    args = [
        sys.executable,
        "-m",
        "guillemets",
        "extract",
        str(pages),
        "--jobs",
        "2",
        "-o",
        str(tmp_path / "o.jsonl"),
    ]
    return start(args, project_root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def workers_of(parent: subprocess.Popen[str]) -> bool:
    return len(session_processes(parent.pid) - {parent.pid}) >= 2


def test_extract_jobs_2_killed_leaves_no_worker(project_root: Path, tmp_path: Path) -> None:
    parent = extract(project_root, tmp_path)
    kill_parent_and_check(parent, 2, timeout=180)


@pytest.mark.parametrize("moment", ["while the model loads", "once the workers run"])
def test_extract_jobs_2_interrupted_is_one_line_and_130(
    project_root: Path, tmp_path: Path, moment: str
) -> None:
    parent = extract(project_root, tmp_path)
    if moment == "once the workers run":
        assert wait_for(lambda: workers_of(parent), 180), "no workers"
    else:
        assert wait_for(lambda: "spacy" in _maps(parent.pid), 60), "spaCy never loaded"
        assert not workers_of(parent)
    os.killpg(parent.pid, signal.SIGINT)  # as Ctrl-C does: the whole foreground group
    _, stderr = parent.communicate(timeout=60)
    assert parent.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if line.startswith("guillemets:")] == [
        "guillemets: interrupted; the records before this point are written"
    ]
    assert wait_for(lambda: not session_processes(parent.pid), 5.0), session_processes(parent.pid)


def _maps(pid: int) -> str:
    """The files mapped by ``pid`` (spaCy's compiled modules appear once it is being imported)."""
    try:
        return Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return ""
