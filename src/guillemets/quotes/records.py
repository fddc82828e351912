"""``guillemets quotes`` as a library: JSON-lines records ``{"id", "text"}`` in, ``{"id", "quotes"}`` out.

A bad line becomes an error (naming file:line); the other lines are still processed.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from guillemets.errors import BadRecord
from guillemets.model import Document, Source
from guillemets.nlp.annotator import Annotator

BATCH = 64


@dataclass(slots=True)
class RecordResult:
    """One input line: the annotated document, or the error that line produced."""

    where: str
    doc: Document | None = None
    error: BadRecord | None = None

    def output(self) -> dict[str, object]:
        """``{"id", "quotes"}``, plus ``quote_stage`` saying why when the stage did not run on it."""
        assert self.doc is not None
        line: dict[str, object] = {"id": self.doc.id, "quotes": [q.to_dict() for q in self.doc.quotes]}
        reason = self.not_run()
        if reason is not None:
            line["quote_stage"] = f"not run: {reason}"
        return line

    def not_run(self) -> str | None:
        """Why the quote stage did not run on this record's document (None when it ran)."""
        from guillemets.nlp.select import not_run_reason

        return not_run_reason(self.doc) if self.doc is not None else None


def parse_record(line: str, where: str) -> Document:
    """A Document from one JSON line holding at least ``text`` (``id`` defaults to the line's place)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"not valid JSON ({exc.msg} at column {exc.colno})", source=where) from exc
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise BadRecord('expected an object with a string "text"', source=where)
    lang = record.get("lang")
    return Document(
        id=str(record.get("id", where)),
        source=Source(where),
        text=record["text"],
        lang=lang if isinstance(lang, str) else None,
    )


def read_records(lines: Iterable[str], name: str) -> Iterator[RecordResult]:
    """Each non-blank line as a document or an error, in input order (a UTF-8 BOM on line 1 is ignored)."""
    for number, line in enumerate(lines, 1):
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield RecordResult(where, doc=parse_record(line, where))
        except BadRecord as exc:
            yield RecordResult(where, error=exc)


def annotate_records(
    results: Iterable[RecordResult], annotator: Annotator, batch: int = BATCH
) -> Iterator[RecordResult]:
    """The same results with quotes filled, the parser batched over each chunk."""
    it = iter(results)
    while chunk := list(itertools.islice(it, batch)):
        annotator.annotate([r.doc for r in chunk if r.doc is not None])
        yield from chunk
