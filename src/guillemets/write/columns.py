"""The Parquet columns, derived from the dataclasses of ``guillemets.model``, and Document <-> row.

One layout for every Parquet file guillemets writes (``guillemets spark``, ``write_documents``,
``guillemets export --format parquet``): a ``documents`` row holds every field of a Document, in
model order, with the model's nesting (``source`` is a struct, quotes and entities are lists of
structs), int32 offsets, ``date`` as date32 and ``crawl_date`` as a UTC timestamp, so a Document
read back equals the one written. A partitioned dataset moves ``lang`` into its directory names
(Hive style: ``lang=fr/month=2025-03``; Spark, pyarrow.dataset, DuckDB and pandas add the keys
back as columns) and adds ``ordinal``; a single exported file keeps ``lang`` as a column.
``quotes`` and ``entities`` are flat copies for querying.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import pyarrow as pa

from guillemets import model
from guillemets.model import CharSpan, Document, Entity, Quote, SpeakerMention

UNKNOWN_LANG = "und"  # ISO 639-2 "undetermined": documents whose language is not known
UNKNOWN_MONTH = "unknown"
PARTITION_KEYS = ("lang", "month")
_MONTH = re.compile(r"\d{4}-\d{2}")
_ARROW_TYPES = {"date32": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC")}


def arrow_type(tp: Any, extra: dict[type, list[pa.Field]] | None = None) -> pa.DataType:
    """Arrow type of a model annotation: str, int, a StrEnum, a dataclass, ``list[X]``, ``X | None``.

    ``extra`` appends fields to the struct of some dataclasses (the export's quote ids).
    """
    args = typing.get_args(tp)
    if isinstance(tp, types.UnionType):
        [inner] = [a for a in args if a is not type(None)]
        return arrow_type(inner, extra)
    if typing.get_origin(tp) is list:
        return pa.list_(arrow_type(args[0], extra))
    if dataclasses.is_dataclass(tp):
        return pa.struct([*arrow_fields(tp, extra), *(extra or {}).get(tp, [])])  # type: ignore[arg-type]
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return pa.string()
    return {str: pa.string(), int: pa.int32()}[tp]


def arrow_fields(cls: type, extra: dict[type, list[pa.Field]] | None = None) -> list[pa.Field]:
    """One Arrow field per dataclass field, in field order; ``describe(arrow=...)`` picks date types."""
    hints = typing.get_type_hints(cls, vars(model))
    out = []
    for f in dataclasses.fields(cls):
        kind = f.metadata.get("arrow")
        out.append(pa.field(f.name, _ARROW_TYPES[kind] if kind else arrow_type(hints[f.name], extra)))
    return out


def _document_field(name: str) -> pa.Field:
    return next(f for f in arrow_fields(Document) if f.name == name)


def _flat(prefix: str, cls: type) -> list[pa.Field]:
    return [pa.field(f"{prefix}_{f.name}", f.type) for f in arrow_fields(cls)]


_DOC_KEYS = [pa.field("doc_id", pa.string()), _document_field("url"), _document_field("date")]
DOCUMENT_FIELDS = arrow_fields(Document)
FILE_SCHEMA = pa.schema(DOCUMENT_FIELDS)  # a single file: every field of Document
DOCUMENT_SCHEMA = pa.schema(
    [f for f in DOCUMENT_FIELDS if f.name != "lang"] + [pa.field("ordinal", pa.int64())]
)  # a partitioned dataset: lang in the path; ordinal = position among the documents of one source path
_QUOTE_SCALARS = [f for f in arrow_fields(Quote) if f.name not in ("speaker", "cue")]
QUOTE_SCHEMA = pa.schema(
    [*_DOC_KEYS, pa.field("quote_index", pa.int32()), *_QUOTE_SCALARS,
     *_flat("speaker", SpeakerMention), *_flat("cue", CharSpan)]
)  # fmt: skip
ENTITY_SCHEMA = pa.schema([*_DOC_KEYS, pa.field("entity_index", pa.int32()), *arrow_fields(Entity)])
SCHEMAS = {"documents": DOCUMENT_SCHEMA, "quotes": QUOTE_SCHEMA, "entities": ENTITY_SCHEMA}
# ``export --format parquet``: a single file, every Document field, then what only the store knows
# (the corpus ids of quotes and speakers, the canonical speaker name, all sources, near-duplicates).
_STORE_IDS = [pa.field("quote_id", pa.int64()), pa.field("speaker_id", pa.int64()),
              pa.field("speaker_name", pa.string())]  # fmt: skip
_SOURCE_SEEN = pa.struct([(name, pa.string()) for name in ("id", "path", "record", "url")])
EXPORT_SCHEMA = pa.schema(
    [*arrow_fields(Document, {Quote: _STORE_IDS}), pa.field("domain", pa.string()),
     pa.field("sources", pa.list_(_SOURCE_SEEN)), pa.field("near_duplicates", pa.list_(pa.string()))]
)  # fmt: skip


def with_partitions(schema: pa.Schema) -> pa.Schema:
    """``schema`` plus the two partition key columns (what Spark works with before writing)."""
    return schema.append(pa.field("lang", pa.string())).append(pa.field("month", pa.string()))


def to_day(value: str | None) -> dt.date | None:
    """The day of an ISO date or date-time (``2025-03-14``, ``2025-03-14T18:02``), else None."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def to_instant(value: str | None) -> dt.datetime | None:
    """An ISO date-time as a UTC datetime (a time without zone is taken as UTC), else None."""
    try:
        parsed = dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    if parsed is None:
        return None
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def from_instant(value: dt.datetime | None) -> str | None:
    """``2025-03-01T08:00:00Z``: the shape readers give ``crawl_date`` (WARC-Date's)."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


_TO_ARROW: dict[str, Callable[[Any], Any]] = {"date32": to_day, "timestamp": to_instant}
_FROM_ARROW: dict[str, Callable[[Any], Any]] = {
    "date32": lambda d: d.isoformat() if d else None,
    "timestamp": from_instant,
}
_TYPED = {f.name: f.metadata["arrow"] for f in dataclasses.fields(Document) if f.metadata.get("arrow")}


def partition_of(doc: Document) -> tuple[str, str]:
    """The (lang, month) directory keys of a document: ``und`` / ``unknown`` when not known.

    The month is the publication date's (a page without one goes to ``unknown``).
    """
    month = doc.date[:7] if doc.date and _MONTH.fullmatch(doc.date[:7]) else UNKNOWN_MONTH
    return doc.lang or UNKNOWN_LANG, month


def file_row(doc: Document) -> dict[str, Any]:
    """Every field of ``doc`` as Arrow values (dates typed), in model order."""
    row = doc.to_dict()
    for name, kind in _TYPED.items():
        row[name] = _TO_ARROW[kind](row[name])
    return row


def record_row(record: dict[str, Any]) -> dict[str, Any]:
    """An export record (``Document.to_dict`` keys plus extras) with its dates typed for Arrow."""
    return {**record, **{name: _TO_ARROW[kind](record.get(name)) for name, kind in _TYPED.items()}}


def document_row(doc: Document, ordinal: int) -> dict[str, Any]:
    """The row of ``doc`` in a partitioned ``documents`` dataset (``lang`` is in the path)."""
    row = file_row(doc)
    del row["lang"]
    row["ordinal"] = ordinal
    return row


def quote_rows(doc: Document) -> list[dict[str, Any]]:
    """One flat ``quotes`` row per quote of ``doc``, in document order."""
    keys = {"doc_id": doc.id, "url": doc.url, "date": to_day(doc.date)}
    rows = []
    for i, q in enumerate(doc.quotes):
        d = q.to_dict()
        row = {**keys, "quote_index": i, **{k: v for k, v in d.items() if k not in ("speaker", "cue")}}
        for part in ("speaker", "cue"):
            row.update({f"{part}_{k}": v for k, v in (d[part] or {}).items()})
        rows.append(row)
    return rows


def entity_rows(doc: Document) -> list[dict[str, Any]]:
    """One flat ``entities`` row per entity of ``doc``, in document order."""
    keys = {"doc_id": doc.id, "url": doc.url, "date": to_day(doc.date)}
    return [{**keys, "entity_index": i, **e.to_dict()} for i, e in enumerate(doc.entities)]


def document_from_row(row: dict[str, Any]) -> Document:
    """The Document a ``documents`` row (with its ``lang`` partition key, or column) was made from."""
    d = dict(row)
    lang = d.get("lang")
    d["lang"] = None if lang in (None, UNKNOWN_LANG) else lang
    for name, kind in _TYPED.items():
        d[name] = _FROM_ARROW[kind](d.get(name))
    return Document.from_dict(d)


def error_summary(doc: Document) -> str:
    """One line naming the input and its first error, for reports."""
    first = doc.errors[0]
    return f"{doc.source.label()}: {first.message} ({first.code})"
