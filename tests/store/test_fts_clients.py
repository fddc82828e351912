"""Real clients on an ingested corpus: Datasette's ``?_search=`` and ``sqlite-utils search``."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from click.testing import CliRunner
from datasette import app as datasette_app
from tests.store.corpus_data import build_doc, corpus_documents

from guillemets.store.engine import make_engine
from guillemets.store.ingest import ingest_documents


@pytest.fixture
def corpus_db(tmp_path: Path) -> Path:
    """An ingested SQLite corpus: the shared four articles and one more on a strike."""
    path = tmp_path / "corpus.db"
    extra = build_doc(
        "b1",
        "Les éboueurs en grève",
        ["« Les négociations sont au point mort », a regretté Paul Durand, porte-parole."],
        quotes=[("« Les négociations sont au point mort »", "Paul Durand")],
        url="https://www.lematin.ch/greve",
    )
    engine = make_engine(str(path))
    ingest_documents(engine, [*corpus_documents(), extra])
    engine.dispose()
    return path


def datasette_rows(path: Path, table: str, search: str) -> list[dict[str, Any]]:
    """The rows Datasette's JSON API returns for ``/<db>/<table>.json?_search=...``."""

    async def fetch() -> list[dict[str, Any]]:
        ds = datasette_app.Datasette([str(path)])
        await ds.invoke_startup()
        response = await ds.client.get(
            f"/{path.stem}/{table}.json", params={"_search": search, "_shape": "array", "_size": "max"}
        )
        assert response.status_code == 200, response.text
        rows: list[dict[str, Any]] = response.json()
        return rows

    return asyncio.run(fetch())


def test_datasette_search_documents_is_accent_insensitive(corpus_db: Path) -> None:
    ids = {row["id"] for row in datasette_rows(corpus_db, "documents", "greve")}
    assert ids == {"a1", "a3", "b1"}  # « grève » in the wire text of a1 and a3, and in b1's title
    assert {row["id"] for row in datasette_rows(corpus_db, "documents", "GRÈVE éboueurs")} == {"b1"}


def test_datasette_search_quotes_finds_the_right_rows(corpus_db: Path) -> None:
    rows = datasette_rows(corpus_db, "quotes", "liberee Koursk")
    assert [row["speaker_name"] for row in rows] == ["Vladimir Poutine"]
    assert "libérée" in rows[0]["text"]
    assert datasette_rows(corpus_db, "quotes", "ornithorynque") == []  # no match is no rows, not every row


def test_datasette_phrase_query_keeps_word_order(corpus_db: Path) -> None:
    assert {r["id"] for r in datasette_rows(corpus_db, "documents", '"port mercredi"')} == {"a1", "a3"}
    assert datasette_rows(corpus_db, "documents", '"mercredi port"') == []
    assert {r["id"] for r in datasette_rows(corpus_db, "documents", "mercredi port")} == {"a1", "a3"}
    [quote] = datasette_rows(corpus_db, "quotes", '"point mort"')
    assert quote["speaker_name"] == "Paul Durand"


def test_sqlite_utils_detects_and_searches_the_fts_tables(corpus_db: Path) -> None:
    db = sqlite_utils.Database(corpus_db)
    assert db["quotes"].detect_fts() == "quotes_fts"
    assert db["documents"].detect_fts() == "documents_fts"
    assert [row["speaker_name"] for row in db["quotes"].search("negociations")] == ["Paul Durand"]


def test_sqlite_utils_search_command(corpus_db: Path) -> None:
    from sqlite_utils.cli import cli

    result = CliRunner().invoke(cli, ["search", str(corpus_db), "quotes", "lacherons", "--nl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [row["speaker_name"] for row in rows] == ["Marie Dupont"]


def test_json_columns_are_stored_as_utf8(corpus_db: Path) -> None:
    with sqlite3.connect(corpus_db) as conn:
        [(paragraphs,)] = conn.execute("SELECT paragraphs FROM documents WHERE id = 'b1'").fetchall()
    assert "négociations" in paragraphs and "\\u00e9" not in paragraphs
    assert json.loads(paragraphs)[0].startswith("« Les négociations")


def test_fts_follows_updates_and_deletes(corpus_db: Path) -> None:
    db = sqlite_utils.Database(corpus_db)
    [row] = db["quotes"].search("mort")
    db["quotes"].update(row["id"], {"text": "« Les négociations avancent »"})
    assert list(db["quotes"].search("mort")) == []
    assert [r["id"] for r in db["quotes"].search("avancent")] == [row["id"]]
    db["quotes"].delete(row["id"])
    assert list(db["quotes"].search("avancent")) == []
