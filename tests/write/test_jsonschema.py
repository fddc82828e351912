"""The shipped JSON Schema is the one derived from the model's dataclasses."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

from guillemets.model import Document, Entity, Quote
from guillemets.write.jsonschema import document_schema, schema_text


def test_shipped_schema_file_equals_the_generated_one() -> None:
    shipped = resources.files("guillemets").joinpath("document.schema.json").read_text("utf-8")
    regenerate = "python -m guillemets.write.jsonschema > src/guillemets/document.schema.json"
    assert shipped == schema_text(), f"the schema file is stale; run: {regenerate}"


def test_schema_properties_follow_the_dataclass_fields() -> None:
    schema = document_schema()
    assert list(schema["properties"]) == [f.name for f in dataclasses.fields(Document)]
    assert list(schema["$defs"]["quote"]["properties"]) == [f.name for f in dataclasses.fields(Quote)]
    assert list(schema["$defs"]["entity"]["properties"]) == [f.name for f in dataclasses.fields(Entity)]


def test_schema_types_come_from_annotations() -> None:
    props = document_schema()["properties"]
    assert props["url"]["type"] == ["string", "null"]
    assert props["section"] == {**props["section"], "type": "array", "items": {"type": "string"}}
    assert props["quotes"]["items"] == {"$ref": "#/$defs/quote"}
    assert props["date"]["format"] == "date"
    speaker = document_schema()["$defs"]["quote"]["properties"]["speaker"]
    assert speaker["anyOf"] == [{"$ref": "#/$defs/speaker"}, {"type": "null"}]


def test_every_to_dict_key_order_is_the_field_order() -> None:
    from tests.write.test_jsonl import full_document

    record = json.loads(full_document().to_json())
    assert list(record) == [f.name for f in dataclasses.fields(Document)]
    assert list(record["entities"][0]) == [f.name for f in dataclasses.fields(Entity)]
    assert list(record["quotes"][0]) == [f.name for f in dataclasses.fields(Quote)]
