"""Initial corpus schema: documents, sources, quotes, speakers, entities, dedup, runs, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# SQLite: contentless FTS5 tables; the text indexed is folded and stemmed in Python (store.search),
# so the rowid is the only thing kept and user query syntax never reaches FTS5 as syntax. Queries
# are all-words, never phrases, so the article index keeps no positions (detail='none': a smaller,
# faster index); quotes are short and keep them.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, content='', detail='none', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2')",
]

# PostgreSQL: French text search over unaccented text; unaccent() is only STABLE, so it is wrapped
# in an IMMUTABLE function that expression indexes accept.
POSTGRES_FTS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION guillemets_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
    "CREATE OR REPLACE FUNCTION guillemets_tsv(text) RETURNS tsvector LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE STRICT AS $$ SELECT to_tsvector('french'::regconfig, guillemets_unaccent($1)) $$",
    "CREATE INDEX ix_documents_fts ON documents USING gin (guillemets_tsv(title || ' ' || text))",
    "CREATE INDEX ix_quotes_fts ON quotes USING gin (guillemets_tsv(text))",
]


def upgrade() -> None:
    _create_runs_and_documents()
    _create_speakers_and_quotes()
    _create_entities()
    _create_dedup()
    statements = {"sqlite": SQLITE_FTS, "postgresql": POSTGRES_FTS}.get(op.get_bind().dialect.name, [])
    for statement in statements:
        op.execute(statement)


def _create_runs_and_documents() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("label", sa.Text),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        *[sa.Column(n, sa.Integer, nullable=False) for n in _RUN_COUNTS],
        sa.PrimaryKeyConstraint("id", name="pk_ingest_runs"),
    )
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("domain", sa.String(255)),
        sa.Column("lang", sa.String(16)),
        sa.Column("date", sa.String(40)),
        sa.Column("day", sa.String(10)),
        sa.Column("section", sa.JSON, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("lede", sa.Text, nullable=False),
        sa.Column("paragraphs", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("chrome", sa.JSON, nullable=False),
        sa.Column("related", sa.JSON, nullable=False),
        sa.Column("quote_count", sa.Integer, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.PrimaryKeyConstraint("pk", name="pk_documents"),
        sa.UniqueConstraint("id", name="uq_documents_id"),
        sa.UniqueConstraint("text_hash", name="uq_documents_text_hash"),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], name="fk_documents_run_id_ingest_runs"),
    )
    op.create_index("ix_documents_domain", "documents", ["domain"])
    op.create_index("ix_documents_lang", "documents", ["lang"])
    op.create_index("ix_documents_day_pk", "documents", ["day", "pk"])
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("original_id", sa.Text, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("run_id", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("original_id", "path", "record", name="uq_sources_original_id_path_record"),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], name="fk_sources_document_pk_documents"),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], name="fk_sources_run_id_ingest_runs"),
    )
    op.create_index("ix_sources_document_pk", "sources", ["document_pk"])


_RUN_COUNTS = ["read", "stored", "duplicates", "near_duplicates", "unchanged", "errors"]


def _create_speakers_and_quotes() -> None:
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(8)),
        sa.Column("quotes", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.PrimaryKeyConstraint("id", name="pk_speakers"),
        sa.UniqueConstraint("key", name="uq_speakers_key"),
    )
    op.create_index("ix_speakers_quotes", "speakers", ["quotes"])
    op.create_table(
        "speaker_variants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("speaker_id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_speaker_variants"),
        sa.UniqueConstraint("key", name="uq_speaker_variants_key"),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speakers.id"], name="fk_speaker_variants_speaker_id_speakers"
        ),
    )
    op.create_index("ix_speaker_variants_speaker_id", "speaker_variants", ["speaker_id"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker_id", sa.Integer),
        sa.Column("day", sa.String(10)),
        sa.Column("speaker_text", sa.Text),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("speaker_name", sa.Text),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("cue_text", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
        sa.UniqueConstraint("document_pk", "n", name="uq_quotes_document_pk_n"),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], name="fk_quotes_document_pk_documents"),
        sa.ForeignKeyConstraint(["speaker_id"], ["speakers.id"], name="fk_quotes_speaker_id_speakers"),
    )
    op.create_index("ix_quotes_type", "quotes", ["type"])
    op.create_index("ix_quotes_day_id", "quotes", ["day", "id"])
    op.create_index("ix_quotes_speaker_id_day", "quotes", ["speaker_id", "day", "id"])


def _create_entities() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("quotes", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.UniqueConstraint("document_pk", "n", name="uq_entities_document_pk_n"),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], name="fk_entities_document_pk_documents"),
    )
    op.create_index("ix_entities_key", "entities", ["key"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name="fk_mentions_entity_id_entities"),
    )
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])


def _create_dedup() -> None:
    op.create_table(
        "near_duplicates",
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("other_pk", sa.Integer, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("document_pk", "other_pk", name="pk_near_duplicates"),
        sa.ForeignKeyConstraint(
            ["document_pk"], ["documents.pk"], name="fk_near_duplicates_document_pk_documents"
        ),
        sa.ForeignKeyConstraint(["other_pk"], ["documents.pk"], name="fk_near_duplicates_other_pk_documents"),
    )
    op.create_index("ix_near_duplicates_other_pk", "near_duplicates", ["other_pk"])
    op.create_table(
        "minhashes",
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("document_pk", name="pk_minhashes"),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], name="fk_minhashes_document_pk_documents"),
    )
    op.create_table(
        "lsh_bands",
        sa.Column("key", sa.BigInteger, nullable=False),
        sa.Column("document_pk", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("key", "document_pk", name="pk_lsh_bands"),
        sa.ForeignKeyConstraint(["document_pk"], ["documents.pk"], name="fk_lsh_bands_document_pk_documents"),
    )
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Text),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_errors"),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], name="fk_ingest_errors_run_id_ingest_runs"),
    )
    op.create_index("ix_ingest_errors_run_id", "ingest_errors", ["run_id"])


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS quotes_fts")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in [
        "ingest_errors", "lsh_bands", "minhashes", "near_duplicates", "mentions", "entities",
        "quotes", "speaker_variants", "speakers", "sources", "documents", "ingest_runs",
    ]:  # fmt: skip
        op.drop_table(table)
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS guillemets_tsv(text)")
        op.execute("DROP FUNCTION IF EXISTS guillemets_unaccent(text)")
