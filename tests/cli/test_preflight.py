"""Inputs are checked before anything heavy loads: nothing to read is exit 2, a bad -o exit 3, at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the command line in a fresh interpreter, then says which heavy modules it imported.
PROBE = """
import json, sys
from guillemets.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="guillemets")
except SystemExit as exc:
    code = exc.code
heavy = [m for m in ("spacy", "thinc", "numpy", "sqlalchemy") if m in sys.modules]
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def probe(project_root: Path, *args: str, stdout: int = 0) -> tuple[int, list[str], list[str]]:
    """(exit code, heavy modules imported, stderr lines before the probe's own) of one command.

    Checks that the command wrote ``stdout`` JSON lines.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(project_root / "src"), str(project_root)])}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, cwd=project_root, capture_output=True, text=True
    )
    *lines, last = done.stderr.strip().splitlines()
    result = json.loads(last)
    assert len(done.stdout.splitlines()) == stdout
    return result["code"], result["heavy"], lines


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_missing_input_fails_before_the_model_loads(project_root: Path, tmp_path: Path, command: str) -> None:
    db = tmp_path / "corpus.db"
    extra = ["--db", str(db)] if command == "ingest" else []
    code, heavy, lines = probe(project_root, command, str(tmp_path / "missing.txt"), *extra)
    assert code == 2
    assert heavy == []  # neither spaCy nor numpy nor the database layer was imported
    assert lines == [
        f"guillemets: error: {tmp_path / 'missing.txt'}: no such file or directory; check the path"
    ]
    assert not db.exists()


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_empty_directory_and_unmatched_glob_fail_before_the_model_loads(
    project_root: Path, tmp_path: Path, command: str
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".hidden").write_text("not read", encoding="utf-8")
    extra = ["--db", str(tmp_path / "c.db")] if command == "ingest" else []
    code, heavy, lines = probe(
        project_root, command, str(tmp_path / "empty"), str(tmp_path / "*.warc"), *extra
    )
    assert (code, heavy) == (2, [])
    assert len(lines) == 2
    assert "directory holds no file to read" in lines[0] and "no file matches this pattern" in lines[1]


def test_unwritable_output_fails_before_the_model_loads(project_root: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Grève au port\n\nLes dockers ont voté la grève mardi soir.\n", encoding="utf-8")
    out = tmp_path / "no-such-dir" / "out.jsonl"
    code, heavy, lines = probe(project_root, "extract", str(page), "-o", str(out))
    assert (code, heavy) == (3, [])
    assert lines == [f"guillemets: error: {out}: cannot write the output: No such file or directory"]


def test_some_missing_inputs_are_records_not_a_usage_error(project_root: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Grève au port\n\nLes dockers ont voté la grève mardi soir.\n", encoding="utf-8")
    code, _, lines = probe(
        project_root, "extract", "-q", "--no-quotes", str(page), str(tmp_path / "gone.txt"), stdout=2
    )
    assert code == 1
    assert [line for line in lines if "gone.txt" in line] == [
        f"guillemets: error: {tmp_path / 'gone.txt'}: no such file or directory; check the path"
    ]
