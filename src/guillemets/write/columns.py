"""The Parquet columns of the three datasets, and Document <-> row conversion.

``documents`` holds every field of a Document (quotes and entities nested), so a
Document read back equals the one written; ``quotes`` and ``entities`` are flat
copies for querying. The partition keys ``lang`` and ``month`` are directory
names (Hive style: ``lang=fr/month=2025-03``), not columns inside the files;
Spark, pyarrow.dataset, DuckDB and pandas add them back when reading a dataset.
"""

from __future__ import annotations

import re
from typing import Any

import pyarrow as pa

from guillemets.model import Document

UNKNOWN_LANG = "und"  # ISO 639-2 "undetermined": documents whose language is not known
UNKNOWN_MONTH = "unknown"
PARTITION_KEYS = ("lang", "month")
_MONTH = re.compile(r"\d{4}-\d{2}")

_SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
_SPEAKER = pa.struct(
    [("start", pa.int32()), ("end", pa.int32()), ("text", pa.string()), ("name", pa.string())]
)
_QUOTE = pa.struct(
    [
        ("type", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("speaker", _SPEAKER),
        ("cue", _SPAN),
    ]
)
_ENTITY = pa.struct(
    [("name", pa.string()), ("label", pa.string()), ("quotes", pa.int32()), ("mentions", pa.list_(_SPAN))]
)
_CHROME = pa.struct([("line", pa.int32()), ("kind", pa.string()), ("text", pa.string())])
_STORY = pa.struct([("title", pa.string()), ("text", pa.string())])
_ERROR = pa.struct([("stage", pa.string()), ("code", pa.string()), ("message", pa.string())])

DOCUMENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source_path", pa.string()),
        ("source_record", pa.string()),
        ("ordinal", pa.int64()),  # position among the documents of the same source path
        ("url", pa.string()),
        ("date", pa.string()),
        ("section", pa.list_(pa.string())),
        ("title", pa.string()),
        ("lede", pa.string()),
        ("paragraphs", pa.list_(pa.string())),
        ("text", pa.string()),
        ("chrome", pa.list_(_CHROME)),
        ("related", pa.list_(_STORY)),
        ("quotes", pa.list_(_QUOTE)),
        ("entities", pa.list_(_ENTITY)),
        ("errors", pa.list_(_ERROR)),
    ]
)
QUOTE_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("url", pa.string()),
        ("date", pa.string()),
        ("quote_index", pa.int32()),
        ("type", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", pa.string()),
        ("speaker_start", pa.int32()),
        ("speaker_end", pa.int32()),
        ("speaker_text", pa.string()),
        ("speaker_name", pa.string()),
        ("cue_start", pa.int32()),
        ("cue_end", pa.int32()),
        ("cue_text", pa.string()),
    ]
)
ENTITY_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("url", pa.string()),
        ("date", pa.string()),
        ("entity_index", pa.int32()),
        ("name", pa.string()),
        ("label", pa.string()),
        ("quotes", pa.int32()),
        ("mentions", pa.list_(_SPAN)),
    ]
)
SCHEMAS = {"documents": DOCUMENT_SCHEMA, "quotes": QUOTE_SCHEMA, "entities": ENTITY_SCHEMA}


def with_partitions(schema: pa.Schema) -> pa.Schema:
    """``schema`` plus the two partition key columns (what Spark works with before writing)."""
    return schema.append(pa.field("lang", pa.string())).append(pa.field("month", pa.string()))


def partition_of(doc: Document) -> tuple[str, str]:
    """The (lang, month) directory keys of a document: ``und`` / ``unknown`` when not known."""
    month = doc.date[:7] if doc.date and _MONTH.fullmatch(doc.date[:7]) else UNKNOWN_MONTH
    return doc.lang or UNKNOWN_LANG, month


def document_row(doc: Document, ordinal: int) -> dict[str, Any]:
    """The ``documents`` row of ``doc`` (without partition keys)."""
    d = doc.to_dict()
    source = d.pop("source")
    del d["lang"]
    return {
        "id": d.pop("id"),
        "source_path": source["path"],
        "source_record": source["record"],
        "ordinal": ordinal,
        **d,
    }


def quote_rows(doc: Document) -> list[dict[str, Any]]:
    """One flat ``quotes`` row per quote of ``doc``, in document order."""
    rows = []
    for i, q in enumerate(doc.quotes):
        sp, cue = q.speaker, q.cue
        rows.append(
            {
                "doc_id": doc.id,
                "url": doc.url,
                "date": doc.date,
                "quote_index": i,
                "type": str(q.type),
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker_start": sp.start if sp else None,
                "speaker_end": sp.end if sp else None,
                "speaker_text": sp.text if sp else None,
                "speaker_name": sp.name if sp else None,
                "cue_start": cue.start if cue else None,
                "cue_end": cue.end if cue else None,
                "cue_text": cue.text if cue else None,
            }
        )
    return rows


def entity_rows(doc: Document) -> list[dict[str, Any]]:
    """One flat ``entities`` row per entity of ``doc``, in document order."""
    return [
        {"doc_id": doc.id, "url": doc.url, "date": doc.date, "entity_index": i, **e.to_dict()}
        for i, e in enumerate(doc.entities)
    ]


def document_from_row(row: dict[str, Any]) -> Document:
    """The Document a ``documents`` row (with its ``lang`` partition key) was made from."""
    d = dict(row)
    d["source"] = {"path": d.pop("source_path"), "record": d.pop("source_record")}
    lang = d.get("lang")
    d["lang"] = None if lang in (None, UNKNOWN_LANG) else lang
    for key in ("section", "paragraphs", "chrome", "related", "quotes", "entities", "errors"):
        d[key] = d.get(key) or []
    return Document.from_dict(d)


def error_summary(doc: Document) -> str:
    """One line naming the input and its first error, for reports."""
    first = doc.errors[0]
    return f"{doc.source.label()}: {first.message} ({first.code})"
