"""``guillemets serve`` under concurrent clients: a real uvicorn server, 4 threads x 200 mixed requests.

Issue 14: on SQLite the server shared one connection between its threads and crashed under 4
clients. Here every answer must be the status asked for (200, or 404 for an unknown id), with
no crash and no traceback, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from tests.web.conftest import build_database

pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[2]
CLIENTS, REQUESTS = 4, 200


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", quote(path, safe="/?=&"))
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextlib.contextmanager
def serving(db: str) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """``guillemets serve --db db`` on a free loopback port, until the block ends."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    command = [sys.executable, "-m", "guillemets", "serve", "--db", db, "--port", str(port), "-q"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(port, "/api")
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield port, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a stuck server ignores SIGTERM
            process.kill()
            process.wait(timeout=30)


def mixed_paths(port: int, seed: int) -> list[tuple[str, int]]:
    """200 requests over every kind of route, with the status each must get."""
    speakers = json.loads(get(port, "/api/speakers?per_page=100")[1])["items"]
    articles = json.loads(get(port, "/api/search?q=a&type=articles&per_page=100")[1])["items"]
    speaker_ids = [s["speaker_id"] for s in speakers]
    article_ids = [a["document_id"] for a in articles]
    assert speaker_ids and article_ids
    rng = random.Random(seed)
    choices = [
        lambda: ("/api/search?q=" + rng.choice(["Koursk", "sanctions", "situation", "contrôle"]), 200),
        lambda: (f"/api/search?q=le&type=articles&speaker={rng.choice(speaker_ids)}", 200),
        lambda: ("/api/quotes?per_page=5&page=" + str(rng.randint(1, 3)), 200),
        lambda: ("/api/speakers?q=" + rng.choice(["poutine", "a", "x"]), 200),
        lambda: (f"/api/speakers/{rng.choice(speaker_ids)}", 200),
        lambda: (f"/api/articles/{rng.choice(article_ids)}", 200),
        lambda: ("/api/articles/no-such-article", 404),
        lambda: ("/?q=" + rng.choice(["Koursk", "sanctions"]), 200),
        lambda: ("/speakers", 200),
        lambda: (f"/speakers/{rng.choice(speaker_ids)}", 200),
        lambda: (f"/articles/{rng.choice(article_ids)}", 200),
    ]
    return [rng.choice(choices)() for _ in range(REQUESTS)]


def hammer(port: int) -> Counter[str]:
    """CLIENTS threads, each sending its REQUESTS requests one after the other; outcomes counted."""
    plans = [mixed_paths(port, seed) for seed in range(CLIENTS)]
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def client(plan: list[tuple[str, int]]) -> None:
        start.wait(timeout=30)
        for path, expected in plan:
            try:
                status, _ = get(port, path)
            except OSError as error:  # refused, reset or timed out: the server is down or stuck
                with lock:
                    outcomes[f"{type(error).__name__} on {path}"] += 1
                return  # the rest of the plan would only wait on it
            with lock:
                outcomes["ok" if status == expected else f"{status} on {path}"] += 1

    threads = [threading.Thread(target=client, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    return outcomes


def check_load(db: str) -> None:
    with serving(db) as (port, process):
        outcomes = hammer(port)
        assert process.poll() is None, "the server died under load"
    assert outcomes == Counter({"ok": CLIENTS * REQUESTS})
    assert process.stderr is not None and b"Traceback" not in process.stderr.read()


@pytest.mark.slow
def test_serve_sqlite_answers_4_concurrent_clients(tmp_path: Path) -> None:
    db = build_database(tmp_path / "corpus.db").removeprefix("sqlite:///")
    check_load(db)


@pytest.mark.slow
@pytest.mark.postgres
def test_serve_postgres_answers_4_concurrent_clients(pg_corpus_url: str) -> None:
    check_load(pg_corpus_url)
