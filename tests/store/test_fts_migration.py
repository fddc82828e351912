"""Migration 0002_fts moves a corpus stored at revision 0001 to the linked FTS5 tables and UTF-8 JSON."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text
from tests.store.corpus_data import corpus_documents

from guillemets.store.engine import make_engine, normalize_url
from guillemets.store.ingest import ingest_documents
from guillemets.store.queries import search_articles, search_quotes
from guillemets.store.search import index_text


def _alembic(engine: Engine, action: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(resources.files("guillemets.store") / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, action)(config, revision)


def _lend_later_columns(engine: Engine) -> list[tuple[str, str]]:
    """Add the ``documents``/``quotes`` columns of the model that the database lacks; returns them."""
    from sqlalchemy import inspect
    from sqlalchemy.schema import CreateColumn

    from guillemets.store.tables import documents, quotes

    later = []
    for table in (documents, quotes):
        have = {c["name"] for c in inspect(engine).get_columns(table.name)}
        later += [(table.name, c) for c in table.columns if c.name not in have]
    with engine.begin() as conn:
        for table_name, column in later:
            ddl = CreateColumn(column).compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE {table_name} ADD COLUMN {ddl}"))
    return [(t, c.name) for t, c in later]


def _corpus_at_0001(db_url: str) -> None:
    """A corpus as revision 0001 stored it: ASCII-escaped JSON, contentless folded FTS rows."""
    old = create_engine(normalize_url(db_url))  # SQLAlchemy's default JSON: ensure_ascii=True
    _alembic(old, "upgrade", "0001")
    later = _lend_later_columns(old)  # today's ingest writes the columns later revisions add
    ingest_documents(old, corpus_documents())
    with old.begin() as conn:
        for table_name, name in later:
            conn.execute(text(f"ALTER TABLE {table_name} DROP COLUMN {name}"))
    with old.begin() as conn:
        if conn.dialect.name == "sqlite":
            for pk, title, body in conn.execute(text("SELECT pk, title, text FROM documents")).all():
                conn.execute(
                    text("INSERT INTO documents_fts(rowid, title, body) VALUES (:pk, :t, :b)"),
                    {"pk": pk, "t": index_text(title), "b": index_text(body)},
                )
        escaped = conn.execute(text("SELECT CAST(paragraphs AS TEXT) FROM documents")).scalars().all()
    old.dispose()
    assert any("\\u00e8" in p for p in escaped)  # the old layout really is escaped


def test_upgrade_moves_a_0001_corpus(db_url: str) -> None:
    _corpus_at_0001(db_url)
    engine = make_engine(db_url)  # migrates to head
    with engine.connect() as conn:
        assert search_quotes(conn, "liberee koursk").total == 1
        assert {i["document_id"] for i in search_articles(conn, "grèves").items} == {"a1", "a3"}
        stored = conn.execute(text("SELECT CAST(paragraphs AS TEXT) FROM documents")).scalars().all()
        values = conn.execute(text("SELECT paragraphs FROM documents WHERE id = 'a3'")).scalar()
    engine.dispose()
    assert not any("\\u00e8" in p for p in stored) and any("grève" in p for p in stored)
    assert "« Nous ne lâcherons rien », a lancé Marie Dupont, déléguée syndicale." in str(values)


def test_downgrade_restores_the_0001_index(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/corpus.db"
    engine = make_engine(db_url)
    ingest_documents(engine, corpus_documents())
    _alembic(engine, "downgrade", "0001")
    with engine.connect() as conn:
        match = text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q")
        hits = conn.execute(match, {"q": index_text("libérée")}).all()  # 0001 held stemmed words
        triggers = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all()
    engine.dispose()
    assert len(hits) == 1 and triggers == []


def test_new_json_values_are_utf8_on_both_backends(engine: Engine) -> None:
    ingest_documents(engine, corpus_documents())
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT CAST(paragraphs AS TEXT) FROM documents")).scalars().all()
    assert any("grève" in p for p in stored) and not any("\\u00e8" in p for p in stored)
