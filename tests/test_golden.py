"""Golden records (syrupy JSON snapshots): the bundled example page's whole Document, and CLI outputs
(`extract --no-quotes` on an invented page; `search`, `speakers` and `export` as JSON lines and CSV on a
hand-built corpus).

A change to any field, offset, quote or speaker shows up as a snapshot diff. After an intended change,
run ``python -m pytest tests/test_golden.py --snapshot-update`` and review the diff in the same commit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from syrupy.extensions.json import JSONSnapshotExtension

from guillemets.cli import cli

EXAMPLE = "examples/lavoixdulac-greve-port.txt"


@pytest.fixture
def snapshot_json(snapshot: Any) -> Any:
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.mark.model
@pytest.mark.slow
def test_example_page_record(project_root: Path, monkeypatch: pytest.MonkeyPatch, snapshot_json: Any) -> None:
    from guillemets.nlp import make_annotator
    from guillemets.pipeline import process_many
    from guillemets.read import iter_pages
    from guillemets.settings import Settings

    monkeypatch.chdir(project_root)  # the record names its source as given: a relative path
    settings = Settings()
    [doc] = process_many(iter_pages([EXAMPLE], settings.read), settings, make_annotator(settings.nlp))
    record = doc.to_dict()
    assert record["quotes"] and all(
        record["text"][q["start"] : q["end"]] == q["text"] for q in record["quotes"]
    )
    assert record == snapshot_json


def test_extract_no_quotes_cli_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snapshot_json: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("page.txt").write_text(
        "Accueil > Région > Savoie\n\n"
        "Le téléphérique du col rouvre après six mois de travaux\n\n"
        "Publié le 2 octobre 2025 à 8h10\n\n"
        "Partager sur Facebook\n\n"
        "Fermé depuis le printemps, le téléphérique du col a repris du service jeudi matin, après six "
        "mois de travaux sur ses câbles et ses cabines, a annoncé la régie départementale.\n\n"
        "Les premiers passagers, surtout des randonneurs, ont salué des cabines plus grandes et un "
        "trajet plus court de deux minutes, selon les chiffres donnés par l'exploitant.\n\n"
        "Lire aussi\n\nLa station prépare une saison d'hiver sans canons à neige\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["extract", "--jobs", "1", "--no-quotes", "page.txt"])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["date"] for r in lines] == ["2025-10-02"]
    assert lines == snapshot_json


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An ingested corpus of the hand-built documents the store tests share (no model needed)."""
    from tests.store.corpus_data import corpus_documents

    folder = tmp_path_factory.mktemp("golden")
    lines = folder / "articles.jsonl"
    lines.write_text("".join(doc.to_json() + "\n" for doc in corpus_documents()), encoding="utf-8")
    db = str(folder / "corpus.db")
    ingested = CliRunner().invoke(cli, ["ingest", str(lines), "--db", db, "-q", "-j", "1"])
    assert ingested.exit_code == 0, ingested.stderr
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["search", "Koursk", "--json"],
        ["search", "greve", "--articles", "--json"],
        ["search", "port", "--articles", "--csv"],
        ["speakers", "--json"],
        ["speakers", "--csv"],
        ["speakers", "--variants", "Vladimir Poutine", "--json"],
        ["export", "--format", "jsonl"],
        ["export", "--format", "csv", "--speaker", "Vladimir Poutine"],
    ],
    ids=lambda args: "-".join(a.strip("-").replace(" ", "_") for a in args),
)
def test_corpus_command_output(corpus_db: str, args: list[str], snapshot_json: Any) -> None:
    """stdout (each JSON line or CSV row parsed) and the stderr summary of the corpus commands."""
    import csv
    import io

    result = CliRunner().invoke(cli, [*args, "--db", corpus_db])
    assert result.exit_code == 0, result.stderr
    if "--csv" in args or "csv" in args:
        rows: list[Any] = list(csv.reader(io.StringIO(result.stdout)))
    else:
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    assert {"stdout": rows, "stderr": result.stderr.splitlines()} == snapshot_json
