"""``guillemets quotes``: JSON lines in the scorer's format, bad lines reported, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from guillemets.cli import cli


def _write(tmp_path, lines: list[str]):  # type: ignore[no-untyped-def]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.model
def test_quotes_bad_line_reported_others_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = {"id": "a", "text": "« Nous ne lâcherons rien », a déclaré Paul Martin, le maire de Lyon."}
    path = _write(
        tmp_path,
        [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"id": "b", "text": "Rien."})],
    )
    result = CliRunner().invoke(cli, ["quotes", str(path)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert list(lines[0]) == ["id", "quotes"]
    [quote] = lines[0]["quotes"]
    assert quote["type"] == "direct" and quote["speaker"]["name"] == "Paul Martin"
    assert f"{path}:2" in result.stderr and "not valid JSON" in result.stderr


@pytest.mark.model
def test_quotes_explain_adds_reasons(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _write(
        tmp_path,
        [json.dumps({"id": "a", "text": "Selon la préfecture, trois cents personnes ont manifesté."})],
    )
    result = CliRunner().invoke(cli, ["quotes", str(path), "--explain", "-q"])
    assert result.exit_code == 0
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["explain"] and "selon" in line["explain"][0].lower()
    assert result.stderr == ""


def test_quotes_missing_model_exits_3(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, [json.dumps({"id": "a", "text": "x"})])
    result = CliRunner().invoke(cli, ["quotes", str(path), "--model", "xx_no_such_model"])
    assert result.exit_code == 3
    assert "pip install xx-no-such-model" in result.stderr
