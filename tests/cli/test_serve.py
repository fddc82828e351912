"""``guillemets serve``: help, a clear exit 3 on a bad database, and a real server answering on 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.web.conftest import build_database

from guillemets.cli import cli
from guillemets.cli.serve import is_loopback

ROOT = Path(__file__).resolve().parents[2]


def test_serve_help_has_examples_and_loopback_default() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "127.0.0.1" in result.output


def test_serve_missing_database_exits_3_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("guillemets: error: ") and "none.db" in lines[0]
    assert result.stdout == ""


def test_serve_not_a_database_exits_3(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    result = CliRunner().invoke(cli, ["serve", "--db", str(junk)])
    assert result.exit_code == 3 and "guillemets: error:" in result.stderr


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    db = build_database(tmp_path / "corpus.db").removeprefix("sqlite:///")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    process = subprocess.Popen(
        [sys.executable, "-m", "guillemets", "serve", "--db", db, "--port", str(port), "-q"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = fetch(f"http://127.0.0.1:{port}/api/speakers")
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert status == 200 and body["ok"] is True and body["total"] >= 3
        assert fetch(f"http://127.0.0.1:{port}/api/speakers/999999")[0] == 404
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert process.stdout is not None and process.stdout.read() == b""  # stdout stays data-only (empty)
