"""Full-text search in each row's language: quotes keep their document's ``lang``; PostgreSQL
indexes each row with its language's text search configuration.

Both backends: ``quotes.lang`` (the document's, copied as ``day`` is), filled from the stored
documents. SQLite: the FTS5 tables of 0002 are unchanged (they index the folded real text; the
stemming is done at query time, per language, in ``store.search``). PostgreSQL: the GIN
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


def upgrade() -> None:
    # a plain ADD COLUMN on both backends (SQLite's batch mode would copy the table and drop the
    # FTS triggers of 0002); the UPDATE touches no indexed column, so no FTS trigger fires
    op.add_column("quotes", sa.Column("lang", sa.String(16), nullable=True))
    op.execute("UPDATE quotes SET lang = (SELECT d.lang FROM documents d WHERE d.pk = quotes.document_pk)")
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DOWN:
            op.execute(statement)
    op.drop_column("quotes", "lang")
