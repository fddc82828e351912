"""Workers never outlive their parent: kill -9 the caller of a --jobs run, and nothing of it is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Runs process_parallel on an endless stream of pages: only a kill ends it.
ENDLESS = """
import sys
from dataclasses import replace
from tests.batch.conftest import french_page
from guillemets.batch.local import process_parallel
from guillemets.model import Source
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

def endless():
    i = 0
    while True:
        yield RawPage(Source("endless", str(i)), PageKind.TEXT, french_page(i))
        i += 1

if __name__ == "__main__":
    settings = replace(Settings(), nlp=replace(Settings().nlp, quotes=False))
    for doc in process_parallel(endless(), settings, 2, chunk=4, per_worker=1, start_method=sys.argv[1]):
        print(doc.id, flush=True)
"""


# Invented article text whose function words vote French (so a run of such pages earns workers).
FRENCH = (
    "Le conseil municipal a voté mardi soir une nouvelle aide pour les familles qui habitent dans le "
    "quartier du port. « Nous avons fait ce qui était possible avec les moyens de la ville », a déclaré "
    "l'adjointe chargée des affaires sociales, qui dit attendre une réponse de l'État avant la fin du "
    "mois. Les associations du quartier estiment pourtant que cette aide ne suffira pas.\n\n"
)


def write_french_pages(folder: Path, count: int) -> Path:
    """``count`` page dumps in ``folder``: a title, then the paragraphs, a little different each."""
    folder.mkdir()
    for i in range(count):
        text = f"Aide aux familles du port, épisode {i}\n\n" + FRENCH * (2 + i % 3)
        (folder / f"page-{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def session_processes(sid: int) -> set[int]:
    """Every live process of session ``sid`` (a run started in a new session: it and all it starts)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] != "Z" and int(fields[3]) == sid:  # state, ppid, pgrp, session
            found.add(int(entry.name))
    return found


def wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def start(args: list[str], project_root: Path, **kwargs: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(project_root / "src"), str(project_root)])}
    return subprocess.Popen(
        args,
        cwd=project_root,
        env=env,
        start_new_session=True,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def kill_parent_and_check(parent: subprocess.Popen[str], workers_at_least: int, timeout: float) -> None:
    sid = parent.pid
    assert wait_for(lambda: len(session_processes(sid) - {sid}) >= workers_at_least, timeout), "no workers"
    before = session_processes(sid) - {sid}
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    left = set()
    if not wait_for(lambda: not session_processes(sid), 5.0):
        left = session_processes(sid)
        for pid in left:  # clean up before failing
            os.kill(pid, signal.SIGKILL)
    assert before and not left, f"alive 5 s after the kill -9: {sorted(left)} of {sorted(before)}"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_workers_die_with_a_killed_parent(project_root: Path, tmp_path: Path, method: str) -> None:
    script = tmp_path / "endless.py"
    script.write_text(ENDLESS, encoding="utf-8")
    parent = start([sys.executable, str(script), method], project_root, stdout=subprocess.DEVNULL)
    # fork: 2 workers; forkserver: the server, 2 workers and the resource tracker; spawn: tracker too
    kill_parent_and_check(parent, 2 if method == "fork" else 3, timeout=60)
