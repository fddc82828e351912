"""Full-text indexes that Datasette and sqlite-utils use as they are; JSON columns as real UTF-8.

SQLite: the contentless FTS5 tables of 0001 (text folded and stemmed in Python, no phrase
positions for articles) become external-content tables over the real text, linked to their
table the way Datasette and sqlite-utils detect it (``<table>_fts`` with ``content=[<table>]``),
accent-insensitive (``unicode61 remove_diacritics 2``), with positions (``detail=full``) for
phrase queries, and kept in sync by triggers. They are rebuilt from the stored rows.
Both backends: JSON columns written ASCII-escaped (``\\u00e9``) are rewritten as UTF-8.

Revision ID: 0002_fts
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002_fts"
down_revision = "0001"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize='unicode61 remove_diacritics 2', detail=full"

# (FTS table, content table, its integer primary key, indexed columns)
FTS_TABLES = [
    ("documents_fts", "documents", "pk", ["title", "text"]),
    ("quotes_fts", "quotes", "id", ["text"]),
]

JSON_COLUMNS = {"documents": ("pk", ["section", "paragraphs", "chrome", "related"])}
JSON_BATCH = 500  # rows rewritten per statement


def fts_statements(fts: str, table: str, key: str, columns: list[str]) -> list[str]:
    """CREATE the FTS5 table over ``table``, its three sync triggers, and fill it from ``table``."""
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    insert_new = f"INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.[{key}], {new});"
    delete_old = f"INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES ('delete', old.[{key}], {old});"
    return [
        f"CREATE VIRTUAL TABLE [{fts}] USING FTS5 ({cols}, content=[{table}], content_rowid=[{key}], "
        f"{TOKENIZE})",
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN {insert_new} END",
        f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN {delete_old} END",
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {cols} ON [{table}] "
        f"BEGIN {delete_old} {insert_new} END",
        f"INSERT INTO [{fts}] ([{fts}]) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for fts, table, key, columns in FTS_TABLES:
            op.execute(f"DROP TABLE IF EXISTS [{fts}]")
            for statement in fts_statements(fts, table, key, columns):
                op.execute(statement)
    _json_as_utf8(bind)


def _json_as_utf8(bind: sa.Connection) -> None:
    """Rewrite JSON values that hold ``\\uXXXX`` escapes as plain UTF-8 (the same JSON value)."""
    for table, (key, columns) in JSON_COLUMNS.items():
        t = sa.table(table, sa.column(key), *[sa.column(c, sa.Text) for c in columns])
        as_text = [sa.cast(t.c[c], sa.Text) for c in columns]
        escaped = sa.or_(*[col.like("%\\u%", escape="!") for col in as_text])
        rows = bind.execute(sa.select(t.c[key], *as_text).where(escaped)).all()
        for start in range(0, len(rows), JSON_BATCH):
            values = [
                {"k": row[0], **{c: _utf8(v) for c, v in zip(columns, row[1:], strict=True)}}
                for row in rows[start : start + JSON_BATCH]
            ]
            statement = sa.text(
                f"UPDATE {table} SET "
                + ", ".join(f"{c} = {_bind(bind, c)}" for c in columns)
                + f" WHERE {key} = :k"
            )
            bind.execute(statement, values)


def _utf8(value: str | None) -> str | None:
    return None if value is None else json.dumps(json.loads(value), ensure_ascii=False)


def _bind(bind: sa.Connection, column: str) -> str:
    return f"CAST(:{column} AS json)" if bind.dialect.name == "postgresql" else f":{column}"


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    from guillemets.store.search import index_text  # the folded, stemmed text 0001 indexed

    for fts, table, _key, _columns in FTS_TABLES:
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS [{table}_{trigger}]")
        op.execute(f"DROP TABLE IF EXISTS [{fts}]")
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, content='', detail='none', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE VIRTUAL TABLE quotes_fts USING fts5(body, content='', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    documents = [
        {"pk": pk, "title": index_text(title), "body": index_text(body)}
        for pk, title, body in bind.execute(sa.text("SELECT pk, title, text FROM documents"))
    ]
    if documents:
        bind.execute(
            sa.text("INSERT INTO documents_fts(rowid, title, body) VALUES (:pk, :title, :body)"), documents
        )
    quotes = [
        {"id": i, "body": index_text(t)} for i, t in bind.execute(sa.text("SELECT id, text FROM quotes"))
    ]
    if quotes:
        bind.execute(sa.text("INSERT INTO quotes_fts(rowid, body) VALUES (:id, :body)"), quotes)
