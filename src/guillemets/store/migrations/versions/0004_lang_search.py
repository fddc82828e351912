"""Full-text search in each row's language: quotes keep their document's ``lang``; PostgreSQL
indexes each row with its language's text search configuration.

Both backends: ``quotes.lang`` (the document's, copied as ``day`` is), filled from the stored
documents. SQLite: ``documents`` and ``quotes`` get a virtual generated column ``search_lang``
(``'lang' || lang``: ``langfr``, ``langen``, ``langde``, ``lang`` for none), and the FTS5 tables of
0002 are rebuilt with it as one more indexed column, so a query keeps each language's forms to
that language's rows inside the index (``… AND search_lang:langen``), as fast as before; the
stemming is still done at query time, per language, in ``store.search``. PostgreSQL: the GIN
expression indexes of 0001 (``to_tsvector('french', …)`` for every row) are replaced by
``guillemets_tsv(guillemets_regconfig(lang), …)``: 'french' for ``fr``, 'english' for ``en``,
'simple' (folding only) for any other language or none.

Revision ID: 0004_lang_search
Revises: 0003_crawl_date
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_lang_search"
down_revision = "0003_crawl_date"
branch_labels = None
depends_on = None

POSTGRES_UP = [
    "CREATE OR REPLACE FUNCTION guillemets_regconfig(text) RETURNS regconfig LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE AS $$ SELECT CASE $1 WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END $$",
    "CREATE OR REPLACE FUNCTION guillemets_tsv(regconfig, text) RETURNS tsvector LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE STRICT AS $$ SELECT to_tsvector($1, guillemets_unaccent($2)) $$",
    "DROP INDEX IF EXISTS ix_documents_fts",
    "DROP INDEX IF EXISTS ix_quotes_fts",
    "CREATE INDEX ix_documents_fts ON documents "
    "USING gin (guillemets_tsv(guillemets_regconfig(lang), title || ' ' || text))",
    "CREATE INDEX ix_quotes_fts ON quotes USING gin (guillemets_tsv(guillemets_regconfig(lang), text))",
]

POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_documents_fts",
    "DROP INDEX IF EXISTS ix_quotes_fts",
    "CREATE INDEX ix_documents_fts ON documents USING gin (guillemets_tsv(title || ' ' || text))",
    "CREATE INDEX ix_quotes_fts ON quotes USING gin (guillemets_tsv(text))",
    "DROP FUNCTION IF EXISTS guillemets_tsv(regconfig, text)",
    "DROP FUNCTION IF EXISTS guillemets_regconfig(text)",
]


TOKENIZE = "tokenize='unicode61 remove_diacritics 2', detail=full"
SEARCH_LANG = "search_lang TEXT GENERATED ALWAYS AS ('lang' || coalesce(lang, '')) VIRTUAL"

# (FTS table, content table, its integer primary key, indexed columns) before and after
FTS_0002 = [
    ("documents_fts", "documents", "pk", ["title", "text"]),
    ("quotes_fts", "quotes", "id", ["text"]),
]
FTS_0004 = [(fts, table, key, [*columns, "search_lang"]) for fts, table, key, columns in FTS_0002]


def fts_statements(fts: str, table: str, key: str, columns: list[str]) -> list[str]:
    """CREATE the FTS5 table over ``table``, its three sync triggers, and fill it (as 0002 does)."""
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    insert_new = f"INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.[{key}], {new});"
    delete_old = f"INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES ('delete', old.[{key}], {old});"
    watched = ", ".join(f"[{c}]" for c in columns if c != "search_lang") + (
        ", [lang]" if "search_lang" in columns else ""
    )
    return [
        f"CREATE VIRTUAL TABLE [{fts}] USING FTS5 ({cols}, content=[{table}], content_rowid=[{key}], "
        f"{TOKENIZE})",
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN {insert_new} END",
        f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN {delete_old} END",
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {watched} ON [{table}] "
        f"BEGIN {delete_old} {insert_new} END",
        f"INSERT INTO [{fts}] ([{fts}]) VALUES ('rebuild')",
    ]


def _replace_fts(layout: list[tuple[str, str, str, list[str]]]) -> None:
    for fts, table, key, columns in layout:
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS [{table}_{trigger}]")
        op.execute(f"DROP TABLE IF EXISTS [{fts}]")
        for statement in fts_statements(fts, table, key, columns):
            op.execute(statement)


def upgrade() -> None:
    # plain ADD COLUMNs on both backends (SQLite's batch mode would copy the table and drop the
    # FTS triggers of 0002); the UPDATE touches no indexed column, so no FTS trigger fires
    op.add_column("quotes", sa.Column("lang", sa.String(16), nullable=True))
    op.execute("UPDATE quotes SET lang = (SELECT d.lang FROM documents d WHERE d.pk = quotes.document_pk)")
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_UP:
            op.execute(statement)
        return
    for table in ("documents", "quotes"):
        op.execute(f"ALTER TABLE {table} ADD COLUMN {SEARCH_LANG}")
    _replace_fts(FTS_0004)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DOWN:
            op.execute(statement)
    else:
        _replace_fts(FTS_0002)
        for table in ("documents", "quotes"):
            op.execute(f"ALTER TABLE {table} DROP COLUMN search_lang")
    op.drop_column("quotes", "lang")
