"""``guillemets speakers``: top list, JSON, show one, merge and rename with clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.store.corpus_data import corpus_documents

from guillemets.cli import cli


@pytest.fixture
def db(tmp_path: Path) -> str:
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(d.to_json() + "\n" for d in corpus_documents()), encoding="utf-8")
    path = str(tmp_path / "c.db")
    assert CliRunner().invoke(cli, ["ingest", str(source), "--db", path, "-q"]).exit_code == 0
    return path


def speakers(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["speakers", *args])
    lines = [json.loads(line) for line in result.stdout.splitlines()] if "--json" in args else []
    return result.exit_code, lines, result.stderr


def test_speakers_top_json_most_quoted_first(db: str) -> None:
    code, items, _ = speakers("--db", db, "--json", "--top", "2")
    assert code == 0 and len(items) == 2
    assert (items[0]["name"], items[0]["quotes"], items[0]["first_seen"]) == (
        "Vladimir Poutine",
        2,
        "2025-03-12",
    )


def test_speakers_table(db: str) -> None:
    result = CliRunner().invoke(cli, ["speakers", "--db", db, "--table"])
    assert result.exit_code == 0 and "Vladimir Poutine" in result.stdout and "first seen" in result.stdout


def test_speakers_variants_shows_one(db: str) -> None:
    code, [item], _ = speakers("--db", db, "--variants", "VLADIMIR POUTINE", "--json")
    assert code == 0 and item["co_quoted"][0]["name"] == "Oleksandre Syrsky"
    assert [t["month"] for t in item["timeline"]] == ["2025-03", "2025-04"]


def test_speakers_merge_then_rename(db: str) -> None:
    code, [merged], stderr = speakers(
        "--db", db, "--merge", "Oleksandre Syrsky", "Vladimir Poutine", "--json"
    )
    assert code == 0 and merged["quotes"] == 3 and "merged" in stderr
    code, [renamed], _ = speakers(
        "--db", db, "--rename", str(merged["speaker_id"]), "Poutine et Syrsky", "--json"
    )
    assert code == 0 and renamed["name"] == "Poutine et Syrsky"
    assert len(speakers("--db", db, "--json")[1]) == 2


def test_speakers_merge_unknown_changes_nothing(db: str) -> None:
    before = speakers("--db", db, "--json")[1]
    code, _, stderr = speakers("--db", db, "--merge", "Nobody", "Vladimir Poutine")
    assert code == 1 and stderr.startswith("guillemets: error: no speaker named")
    assert speakers("--db", db, "--json")[1] == before
