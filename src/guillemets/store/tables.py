"""The corpus schema, in SQLAlchemy Core: the same tables on SQLite and PostgreSQL.

The migrations in ``migrations/versions`` create exactly these tables (a test compares
them); full-text search structures are dialect-specific and live only in the migrations.
Documents have an integer surrogate key ``pk`` (small, fast joins, the FTS5 rowid) and
the public string ``id``.

The ``documents`` columns that hold a Document field are derived from ``guillemets.model``:
every field but those stored elsewhere (``NOT_COLUMNS``) is a column of the same name, a JSON
column for a list, text otherwise (``SQL_TYPES`` sizes a few), nullable when the field may be
None. Adding a Document field therefore adds its column here by itself; only the migration that
creates it is written by hand.
"""

from __future__ import annotations

import dataclasses
import types
from typing import Any, get_args, get_origin, get_type_hints

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    CursorResult,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.types import TypeEngine

from guillemets.model import Document

MAX_ID = 2**31 - 1  # integer keys are int4 on PostgreSQL: a larger id cannot exist, so it is a bad parameter

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label", Text),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("status", String(16), nullable=False),  # running | done | failed (a killed run stays running)
    Column("read", Integer, nullable=False, default=0),
    Column("stored", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("near_duplicates", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("errors", Integer, nullable=False, default=0),
)

# Document fields with a table of their own (source: sources, quotes, entities, errors:
# ingest_errors), and ``id`` (its own column, the public id, written by the ingest).
NOT_COLUMNS = frozenset({"id", "source", "quotes", "entities", "errors"})
SQL_TYPES: dict[str, TypeEngine[Any]] = {"lang": String(16), "date": String(40), "crawl_date": String(40)}
INDEXED = frozenset({"lang"})
STORED_FIELDS = tuple(f.name for f in dataclasses.fields(Document) if f.name not in NOT_COLUMNS)


def field_column(name: str, hint: Any) -> Column[Any]:
    """Document field ``name``'s column: JSON for a list, else text; nullable if the field is optional."""
    args = get_args(hint) if isinstance(hint, types.UnionType) else ()
    nullable = type(None) in args
    base = next((a for a in args if a is not type(None)), hint) if args else hint
    sql_type = JSON if get_origin(base) is list else SQL_TYPES.get(name, Text)
    return Column(name, sql_type, nullable=nullable, index=name in INDEXED)


_HINTS = get_type_hints(Document)

documents = Table(
    "documents",
    metadata,
    Column("pk", Integer, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    *(field_column(name, _HINTS[name]) for name in STORED_FIELDS),
    Column("domain", String(255), index=True),
    Column("day", String(10)),  # first 10 chars of an ISO date: the range filters use it
    Column("quote_count", Integer, nullable=False, default=0),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", Integer, ForeignKey("documents.pk"), nullable=False, index=True),
    Column("original_id", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("record", Text, nullable=False, default=""),  # "" rather than NULL so the unique key holds
    Column("url", Text),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
    UniqueConstraint("original_id", "path", "record"),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(255), nullable=False, unique=True),  # folded canonical name
    Column("name", Text, nullable=False),
    Column("kind", String(8)),  # PER | ORG | None when no entity says
    Column("quotes", Integer, nullable=False, default=0),
    Column("articles", Integer, nullable=False, default=0),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Index("ix_speakers_quotes", "quotes"),
)

speaker_variants = Table(
    "speaker_variants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), nullable=False, index=True),
    Column("key", String(255), nullable=False, unique=True),
    Column("name", Text, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", Integer, ForeignKey("documents.pk"), nullable=False),
    Column("n", Integer, nullable=False),
    Column("type", String(16), nullable=False, index=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker_id", Integer, ForeignKey("speakers.id")),
    Column("day", String(10)),  # the document's day, copied: a speaker's quotes list newest first by index
    Column("lang", String(16)),  # the document's lang, copied: full-text search stems the quote in it
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_name", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_text", Text),
    UniqueConstraint("document_pk", "n"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_pk", Integer, ForeignKey("documents.pk"), nullable=False),
    Column("n", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("key", String(255), nullable=False, index=True),
    Column("label", String(8), nullable=False),
    Column("quotes", Integer, nullable=False, default=0),
    UniqueConstraint("document_pk", "n"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False, index=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

near_duplicates = Table(
    "near_duplicates",
    metadata,
    Column("document_pk", Integer, ForeignKey("documents.pk"), primary_key=True),
    Column("other_pk", Integer, ForeignKey("documents.pk"), primary_key=True, index=True),
    Column("similarity", Float, nullable=False),
)

minhashes = Table(
    "minhashes",
    metadata,
    Column("document_pk", Integer, ForeignKey("documents.pk"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("key", BigInteger, primary_key=True),  # hash of (band number, band values)
    Column("document_pk", Integer, ForeignKey("documents.pk"), primary_key=True),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("ingest_runs.id"), nullable=False, index=True),
    Column("document_id", Text),
    Column("path", Text, nullable=False),
    Column("record", Text, nullable=False, default=""),
    Column("stage", String(32), nullable=False),
    Column("code", String(64), nullable=False),
    Column("message", Text, nullable=False),
)

# Newest-first listings walk these indexes; the unique keys above index document_pk for quotes/entities.
Index("ix_documents_day_pk", documents.c.day, documents.c.pk)
Index("ix_quotes_day_id", quotes.c.day, quotes.c.id)
Index("ix_quotes_speaker_id_day", quotes.c.speaker_id, quotes.c.day, quotes.c.id)


def inserted_id(result: CursorResult[Any]) -> int:
    """The integer primary key of the row an INSERT just added."""
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - every table here has an integer key
        raise ValueError("the insert returned no primary key")
    return int(key[0])


class NextIds:
    """Explicit keys for the public ids (quotes, speakers): max + 1, read once per write transaction.

    Writers hold the write lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so the
    maximum cannot move under them; a killed or rolled-back transaction leaves no gap, unlike a
    PostgreSQL sequence, and a rerun gives the same ids. ``forget`` after a rolled-back savepoint.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.next: dict[str, int] = {}

    def take(self, table: Table, count: int = 1) -> int:
        """The first of ``count`` consecutive unused ids of ``table``."""
        name = table.name
        if name not in self.next:
            top = self.conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar()
            self.next[name] = int(top or 0) + 1
        first = self.next[name]
        self.next[name] += count
        return first

    def forget(self) -> None:
        self.next.clear()
