"""``search --articles`` and ``export --query`` take any text: FTS syntax is plain text, never a traceback.

On SQLite (FTS5) and PostgreSQL (tsquery).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from tests.store.corpus_data import corpus_documents

from guillemets.cli import cli

ODD = [
    "a_b",
    "_",
    '"',
    '"port',
    "*",
    "-grève",
    "title:port",
    "^port",
    "(port)",
    "NEAR(port grève)",
    "port OR x",
    "NOT",
]


@pytest.fixture(scope="module")
def pg_module_db() -> Iterator[str]:
    """A fresh PostgreSQL database for this module, dropped afterwards."""
    from tests.store.conftest import fresh_pg_databases

    with fresh_pg_databases("q") as (url,):
        yield url


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The corpus ingested by the CLI, on each backend."""
    folder = tmp_path_factory.mktemp("escaping")
    source = folder / "articles.jsonl"
    source.write_text("".join(d.to_json() + "\n" for d in corpus_documents()), encoding="utf-8")
    path = str(folder / "c.db") if request.param == "sqlite" else request.getfixturevalue("pg_module_db")
    assert CliRunner().invoke(cli, ["ingest", str(source), "--db", path, "-q"]).exit_code == 0
    return path


@pytest.mark.parametrize("query", ODD)
def test_search_articles_odd_query_exits_0(db: str, query: str) -> None:
    result = CliRunner().invoke(cli, ["search", "--articles", "--db", db, "--json", "--", query])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    assert all(json.loads(line) for line in result.stdout.splitlines())


@pytest.mark.parametrize("query", ODD)
def test_export_odd_query_exits_0(db: str, query: str) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--db", db, f"--query={query}"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0 and "Traceback" not in result.stderr


def test_syntax_is_read_as_the_words_it_holds(db: str) -> None:
    def ids(*args: str) -> list[str]:
        result = CliRunner().invoke(cli, ["search", "--articles", "--db", db, "--json", "--", *args])
        return sorted(json.loads(line)["document_id"] for line in result.stdout.splitlines())

    assert ids("(port)") == ids("port") == ["a1", "a3"]
    assert ids("-grève") == ids("grève") == ["a1", "a3"]  # not "without grève"
    assert ids("port OR Koursk") == []  # OR is a word here, and no article has it
