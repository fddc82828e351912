"""Terminal conventions of ``search`` and ``speakers``: a table on a terminal only, JSON lines when
piped, ``--csv``, no control characters in tables, and a quiet stop when the reader closes the pipe."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.store.corpus_data import build_doc, corpus_documents

import guillemets
from guillemets.cli import cli
from guillemets.cli.output import printable

HOSTILE = "Jean\x1b[31m Escape\x1b[0m\x1b]0;pwned\x07\x07"  # colour, window title and a bell in a name


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("terminal")
    quote = "« Les quais\x1b[2J sont\u202e à nous »"
    hostile = build_doc(
        "h1",
        "Quais\x1b[5m bloqués",
        [f"{quote}, a dit {HOSTILE}."],
        quotes=[(quote, HOSTILE)],
        date="2025-05-01",
    )
    source = folder / "articles.jsonl"
    source.write_text("".join(d.to_json() + "\n" for d in [*corpus_documents(), hostile]), encoding="utf-8")
    path = str(folder / "c.db")
    assert CliRunner().invoke(cli, ["ingest", str(source), "--db", path, "-q"]).exit_code == 0
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [["search", "Koursk", "--articles"], ["search", "quais"], ["speakers"], ["speakers", "--top", "2"]],
)
def test_piped_output_is_json_lines(db: str, args: list[str]) -> None:
    code, stdout, _ = invoke(*args, "--db", db)
    lines = stdout.splitlines()
    assert code == 0 and lines
    assert all(isinstance(json.loads(line), dict) for line in lines)
    assert stdout == invoke(*args, "--db", db, "--json")[1]


def test_search_csv_has_every_field(db: str) -> None:
    code, stdout, _ = invoke("search", "Koursk", "--articles", "--db", db, "--csv")
    rows = list(csv.DictReader(io.StringIO(stdout)))
    as_json = [
        json.loads(line) for line in invoke("search", "Koursk", "--articles", "--db", db)[1].splitlines()
    ]
    assert code == 0 and len(rows) == len(as_json) == 2
    assert list(rows[0]) == list(as_json[0])
    assert [r["document_id"] for r in rows] == [j["document_id"] for j in as_json]


def test_speakers_csv_lists_speakers(db: str) -> None:
    code, stdout, _ = invoke("speakers", "--db", db, "--csv")
    names = [row["name"] for row in csv.DictReader(io.StringIO(stdout))]
    stored = [json.loads(line)["name"] for line in invoke("speakers", "--db", db)[1].splitlines()]
    assert code == 0 and "Vladimir Poutine" in names
    assert names == stored and any("\x1b" in n for n in names)  # CSV is data: values unchanged


@pytest.mark.parametrize(
    "args",
    [
        ["search", "x", "--json", "--csv"],
        ["speakers", "--csv", "--table"],
        ["speakers", "--variants", "1", "--csv"],
    ],
)
def test_conflicting_formats_are_usage_errors(db: str, args: list[str]) -> None:
    code, stdout, stderr = invoke(*args, "--db", db)
    assert code == 2 and stdout == "" and "Error:" in stderr


@pytest.mark.parametrize(
    ("args", "visible"),
    [
        (["search", "quais", "--table"], "Jean Escape"),
        (["search", "quais", "--articles", "--table"], "Quais bloqués"),
        (["speakers", "--table"], "Jean Escape"),
        (["speakers", "--variants", "{id}", "--table"], "Jean Escape (speaker"),
    ],
)
def test_tables_carry_no_control_characters(db: str, args: list[str], visible: str) -> None:
    [hostile] = [
        json.loads(line) for line in invoke("speakers", "--query", "escape", "--db", db)[1].splitlines()
    ]
    code, stdout, _ = invoke(*[a.format(id=hostile["speaker_id"]) for a in args], "--db", db)
    assert code == 0 and visible in stdout
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 or c == "\u202e" for c in stdout)


def test_printable_drops_escape_sequences_whole() -> None:
    assert printable(HOSTILE) == "Jean Escape"
    assert printable("a\tb\nc\x00d\x9b2Je") == "a b cde"
    assert printable(None) == ""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(Path(guillemets.__file__).parents[1]), "COLUMNS": "100"}


def test_terminal_gets_a_table(db: str) -> None:
    leader, follower = pty.openpty()
    process = subprocess.run(
        [sys.executable, "-m", "guillemets", "search", "Koursk", "--db", db],
        stdout=follower, stderr=subprocess.PIPE, env=_env(), timeout=120, check=False,
    )  # fmt: skip
    os.close(follower)
    shown = os.read(leader, 65536).decode("utf-8")
    os.close(leader)
    assert process.returncode == 0
    assert shown.split()[:3] == ["date", "speaker", "quote"] and "Vladimir Poutine" in shown


@pytest.mark.parametrize("args", [["search", "--limit", "50"], ["speakers"], ["search", "port", "--csv"]])
def test_closed_pipe_stops_quietly(db: str, args: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "guillemets", *args, "--db", db],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before anything is written, like `| head` done early
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr and "Exception ignored" not in stderr
