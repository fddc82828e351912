"""A document the quote stage does not run on says why, and the summary line counts it (issue 9, item 6)."""

from __future__ import annotations

import json

import pytest

from guillemets.model import Document, Source
from guillemets.nlp.select import not_run_reason
from guillemets.quotes.records import RecordResult


def test_german_document_gets_a_reason_french_and_english_do_not() -> None:
    de = Document(id="d", source=Source("x"), text="Der Rat sagte, die Brücke werde schließen.", lang="de")
    en = Document(id="e", source=Source("x"), text="The council said the bridge would close.", lang="en")
    fr = Document(id="f", source=Source("x"), text="Le conseil a dit que le pont fermerait.", lang="fr")
    assert "no model for language 'de'" in (not_run_reason(de) or "")
    assert not_run_reason(fr) is None and not_run_reason(en) is None
    assert RecordResult("x:1", doc=de).output()["quote_stage"].startswith("not run: no model")
    assert "quote_stage" not in RecordResult("x:2", doc=fr).output()


def test_empty_text_says_so() -> None:
    doc = Document(id="e", source=Source("x"), text="  ", lang="fr")
    assert not_run_reason(doc) == "no text"


@pytest.mark.model
def test_summary_line_counts_documents_not_run(tmp_path, nlp_md) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from guillemets.cli import cli

    path = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "lang": "fr", "text": "« Le pont fermera », a déclaré la maire de Trélon."},
        {"id": "b", "lang": "de", "text": "Die Brücke wird geschlossen, sagte die Bürgermeisterin."},
    ]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    result = CliRunner().invoke(cli, ["quotes", str(path)])
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert out[0]["quotes"] and "quote_stage" not in out[0]
    assert out[1]["quotes"] == [] and "'de'" in out[1]["quote_stage"]
    assert "1 not run" in result.stderr
