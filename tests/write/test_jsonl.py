"""JSON lines out: UTF-8 as is, keys in schema order, flushed per batch; the schema matches."""

from __future__ import annotations

import io
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from guillemets.model import (
    CharSpan,
    ChromeKind,
    ChromeLine,
    Document,
    Entity,
    EntityLabel,
    Quote,
    QuoteType,
    RecordError,
    Source,
    SpeakerMention,
    Story,
)
from guillemets.write.jsonl import JsonlWriter, document_json, document_line


def load_schema() -> dict[str, Any]:
    text = resources.files("guillemets").joinpath("document.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def full_document() -> Document:
    doc = Document(id="d1", source=Source("crawl.warc.gz", "urn:uuid:1"), url="https://ex.org/a", lang="fr")
    doc.set_article(
        "Grève au port", "Les dockers bloquent le port.", ["« Nous tiendrons », a dit Paul Martin."]
    )
    start = doc.text.index("Nous tiendrons")
    cue = doc.text.index("a dit")
    who = doc.text.index("Paul Martin")
    doc.section = ["Accueil", "Actu"]
    doc.chrome = [ChromeLine(0, ChromeKind.NAVIGATION, "Accueil > Actu")]
    doc.related = [Story("Charleroi", "Un autre sujet.")]
    doc.quotes = [
        Quote(
            QuoteType.DIRECT,
            start,
            start + 14,
            "Nous tiendrons",
            SpeakerMention(who, who + 11, "Paul Martin", "Paul Martin"),
            CharSpan(cue, cue + 5, "a dit"),
        )
    ]
    doc.entities = [Entity("Paul Martin", EntityLabel.PERSON, [CharSpan(who, who + 11, "Paul Martin")], 1)]
    return doc


def test_document_line_is_utf8_json_in_schema_key_order() -> None:
    doc = full_document()
    line = document_line(doc)
    assert line.endswith("\n") and line.count("\n") == 1
    assert "« Nous tiendrons »" in line  # ensure_ascii=False
    assert list(json.loads(line)) == list(load_schema()["properties"])


def test_writer_flushes_per_batch_and_counts() -> None:
    class Recorder(io.StringIO):
        flushes = 0

        def flush(self) -> None:
            self.flushes += 1
            super().flush()

    out = Recorder()
    writer = JsonlWriter(out, flush_every=2)
    assert writer.write_all(Document(id=str(i), source=Source(f"p{i}.txt")) for i in range(5)) == 5
    assert out.flushes >= 3  # after 2, after 4, and at the end
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == ["0", "1", "2", "3", "4"]


def test_error_record_keeps_id_and_source() -> None:
    doc = Document(id="e1", source=Source("bad.jsonl", "3"))
    doc.errors.append(RecordError("read", "bad-record", "line 3: not JSON"))
    record = json.loads(document_line(doc))
    assert (record["id"], record["source"], record["errors"][0]["code"]) == (
        "e1", {"path": "bad.jsonl", "record": "3"}, "bad-record",
    )  # fmt: skip


def test_schema_is_valid_draft_2020_12_and_documents_every_field() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert "description" in prop or "$ref" in prop, f"{where}.{name} has no description"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(schema, "$")
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), f"$defs.{name} has no description"


@pytest.mark.parametrize("doc", [full_document(), Document(id="x", source=Source("p.txt"))])
def test_schema_accepts_documents(doc: Document) -> None:
    jsonschema.validate(json.loads(document_line(doc)), load_schema(), cls=jsonschema.Draft202012Validator)


def test_schema_rejects_unknown_and_missing_fields() -> None:
    record = json.loads(document_line(full_document()))
    validator = jsonschema.Draft202012Validator(load_schema())
    assert not validator.is_valid({**record, "extra": 1})
    assert not validator.is_valid({k: v for k, v in record.items() if k != "text"})
    assert not validator.is_valid({**record, "quotes": [{**record["quotes"][0], "type": "rumour"}]})


def test_schema_enums_match_the_model() -> None:
    defs = load_schema()["$defs"]
    assert defs["chromeLine"]["properties"]["kind"]["enum"] == [k.value for k in ChromeKind]
    assert defs["quote"]["properties"]["type"]["enum"] == [t.value for t in QuoteType]
    assert defs["entity"]["properties"]["label"]["enum"] == [label.value for label in EntityLabel]


def test_document_line_never_fails_on_lone_surrogates_or_nul() -> None:
    doc = Document(id="a\ud800b", source=Source("r\udcffpertoire/p.txt", "1"), url="https://x.fr/\x00")
    doc.set_article("Gr\udc8fve", "", ["Le port \ud83d reste fermé."])
    line = document_line(doc)
    line.encode("utf-8")
    record = json.loads(line)
    assert record["id"] == "a\ufffdb" and record["url"] == "https://x.fr/\x00"
    assert record["text"] == "Gr\ufffdve\n\nLe port \ufffd reste fermé."
    assert len(record["text"]) == len(doc.text)  # offsets into text stay right
    out = io.StringIO()
    JsonlWriter(out).write(doc)
    assert out.getvalue() == line


_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ['"chrome": []', 'x", "chrome": [], "y', "\\", "«\u00a0»", "\x00\x1f\u2028", "\ud800"]
)


@given(
    st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(list(ChromeKind)), _ANY_TEXT), max_size=6),
    _ANY_TEXT,
    _ANY_TEXT,
)
def test_document_json_is_to_json_character_for_character(
    chrome: list[tuple[int, ChromeKind, str]], title: str, url: str
) -> None:
    doc = full_document()
    doc.url, doc.title = url, title  # strings before the chrome field that try to look like it
    doc.section = ['"chrome": []', title]
    doc.chrome = [ChromeLine(line, kind, text) for line, kind, text in chrome]
    before = list(doc.chrome)
    assert document_json(doc) == doc.to_json()
    assert doc.chrome == before  # the document is left as it was
