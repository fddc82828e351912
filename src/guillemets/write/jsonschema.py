"""The JSON Schema of a JSON line, derived from the dataclasses of ``guillemets.model``.

``src/guillemets/document.schema.json`` is this module's output (a test checks they are equal).
Regenerate it after changing the model::

    python -m guillemets.write.jsonschema > src/guillemets/document.schema.json
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from enum import StrEnum
from typing import Any

from guillemets import model
from guillemets.model import Document

TITLE = "guillemets Document"
DESCRIPTION = (
    "One JSON line written by `guillemets extract` (and read by `quotes`, `ingest`): one page, its clean"
    " article, what was dropped from it, its quotes and entities, and the errors met. Keys appear in this"
    " order. Every character offset (start/end) indexes `text`, with end exclusive, counted in Unicode"
    " code points (Python str indices)."
)
# $defs names: short, as the JSON lines name them (a quote's ``speaker``, a span's ``cue``).
DEF_NAMES = {"CharSpan": "span", "SpeakerMention": "speaker", "RecordError": "error"}


def document_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``Document.to_dict()``."""
    defs: dict[str, Any] = {}
    body = _object_schema(Document, defs)
    del body["description"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://guillemets.invalid/document.schema.json",
        "title": TITLE,
        "description": DESCRIPTION,
        **body,
        "$defs": defs,
    }


def schema_text() -> str:
    """The schema file's exact text."""
    return json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n"


def def_name(cls: type) -> str:
    name = cls.__name__
    return DEF_NAMES.get(name, name[0].lower() + name[1:])


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(model))
    props = {}
    for f in dataclasses.fields(cls):
        meta = f.metadata
        prop = _type_schema(hints[f.name], defs)
        prop.update(meta.get("json", {}))
        about = " ".join(d for d in (meta.get("doc"), prop.get("description")) if d)  # an enum's own
        if about:
            prop["description"] = about
        props[f.name] = prop
    return {
        "type": "object",
        "description": _first_paragraph(cls.__doc__),
        "additionalProperties": False,
        "required": list(props),
        "properties": props,
    }


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema of one annotation: str, int, a StrEnum, a dataclass, ``list[X]`` or ``X | None``."""
    args = typing.get_args(tp)
    if isinstance(tp, types.UnionType) and type(None) in args:
        [inner] = [a for a in args if a is not type(None)]
        schema = _type_schema(inner, defs)
        if schema.get("type") in ("string", "integer"):
            return {**schema, "type": [schema["type"], "null"]}
        return {"anyOf": [schema, {"type": "null"}]}
    if typing.get_origin(tp) is list:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return {"enum": [m.value for m in tp], "description": _first_paragraph(tp.__doc__)}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = def_name(tp)
        if name not in defs:
            defs[name] = {}  # reserve the slot: the order of $defs is the order of first use
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    return {str: {"type": "string"}, int: {"type": "integer"}}[tp]


def _first_paragraph(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())


if __name__ == "__main__":
    sys.stdout.write(schema_text())
