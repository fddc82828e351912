"""``guillemets search``: JSON lines, table, filters, escaping, clear errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.store.corpus_data import corpus_documents

from guillemets.cli import cli


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("search")
    source = folder / "articles.jsonl"
    source.write_text("".join(d.to_json() + "\n" for d in corpus_documents()), encoding="utf-8")
    path = str(folder / "c.db")
    assert CliRunner().invoke(cli, ["ingest", str(source), "--db", path, "-q"]).exit_code == 0
    return path


def run(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(cli, ["search", *args])
    lines = [json.loads(line) for line in result.stdout.splitlines()] if "--json" in args else []
    return result.exit_code, lines, result.stderr


def test_search_quotes_json(db: str) -> None:
    code, items, stderr = run("Koursk", "--db", db, "--json")
    assert code == 0 and [i["document_id"] for i in items] == ["a1"]
    assert items[0]["speaker"] == "Vladimir Poutine" and "1 quotes found" in stderr


def test_search_articles_json(db: str) -> None:
    code, items, _ = run("Koursk", "--articles", "--db", db, "--json")
    assert code == 0 and sorted(i["document_id"] for i in items) == ["a1", "a2"]


def test_search_speaker_by_name_and_filters(db: str) -> None:
    code, items, _ = run("--speaker", "vladimir poutine", "--since", "2025-04", "--db", db, "--json")
    assert code == 0 and [i["text"] for i in items] == ["« La situation est difficile »"]


def test_search_table_has_header_and_rows(db: str) -> None:
    result = CliRunner().invoke(cli, ["search", "koursk", "--db", db, "--table"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split()[:3] == ["date", "speaker", "quote"]
    assert "Vladimir Poutine" in result.stdout


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "'; DROP TABLE quotes; --"])
def test_search_syntax_is_plain_text(db: str, query: str) -> None:
    code, items, _ = run(query, "--db", db, "--json")
    assert code == 0 and items == []
    assert run("Koursk", "--db", db, "--json")[1]  # the tables are intact


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--speaker", "99999"], 1, "no speaker with id 99999"),
        (["--speaker", "Personne"], 1, "no speaker named"),
        (["--since", "hier"], 2, "date like"),
        (["x" * 600], 2, "limit is 500"),
    ],
)
def test_search_bad_input_one_line_error(db: str, args: list[str], code: int, message: str) -> None:
    exit_code, items, stderr = run(*args, "--db", db, "--json")
    assert (exit_code, items) == (code, [])
    assert stderr.startswith("guillemets: error:") and message in stderr and len(stderr.splitlines()) == 1


def test_search_missing_database_exits_3(tmp_path: Path) -> None:
    code, _, stderr = run("x", "--db", str(tmp_path / "none.db"), "--json")
    assert code == 3 and "guillemets ingest" in stderr and not (tmp_path / "none.db").exists()
