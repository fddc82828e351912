"""Issue 14 on both backends: ids in range, NUL in ids, concurrent first ingests, ids without gaps."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import Engine, text
from tests.store.corpus_data import build_doc

from guillemets.errors import BadQuery, NotInCorpus
from guillemets.model import Document
from guillemets.store import queries
from guillemets.store.engine import make_engine
from guillemets.store.ingest import ingest_documents, without_nul
from guillemets.store.speakers import find_speaker
from guillemets.store.tables import MAX_ID

NAMES = ["Camille Ferrand", "Ousmane Diallo", "Hélène Marchetti", "Bruno Lefort", "Agathe Rivière"]


def invented_docs(count: int, prefix: str = "doc") -> list[Document]:
    """``count`` invented articles, each quoting one of five speakers (new speakers appear over time)."""
    docs = []
    for i in range(count):
        name = NAMES[i % len(NAMES)] if i >= len(NAMES) else NAMES[i]
        words = f"« Le projet {prefix} numéro {i} avance comme prévu »"
        body = f"{words}, a affirmé {name} devant le conseil municipal réuni jeudi soir pour la {i}e fois."
        docs.append(build_doc(f"{prefix}{i}", f"Conseil {i}", [body], quotes=[(words, name)]))
    return docs


def public_ids(engine: Engine) -> list[tuple[Any, ...]]:
    """Every quote's public id with its document and speaker, as the API links them."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT q.id, d.id, q.n, s.id, s.name FROM quotes q JOIN documents d ON d.pk = q.document_pk "
                "LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id"
            )
        )
        return [tuple(r) for r in rows]


@pytest.mark.parametrize("given", [str(MAX_ID + 1), "99999999999999999999999", "0"])
def test_find_speaker_out_of_range_is_bad_query(engine: Engine, given: str) -> None:
    with engine.connect() as conn, pytest.raises(BadQuery, match=f"between 1 and {MAX_ID}"):
        find_speaker(conn, given)


def test_find_speaker_largest_id_is_simply_absent(engine: Engine) -> None:
    with engine.connect() as conn, pytest.raises(NotInCorpus):
        find_speaker(conn, str(MAX_ID))


def test_store_queries_refuse_ids_beyond_the_column(engine: Engine) -> None:
    with engine.connect() as conn:
        for call in (
            lambda: queries.search_quotes(conn, None, speaker_id=MAX_ID + 1),
            lambda: queries.search_articles(conn, "conseil", speaker_id=2**63),
            lambda: queries.search_quotes(conn, None, offset=2**40),
        ):
            with pytest.raises(BadQuery):
                call()
        assert queries.get_speaker(conn, 2**63) is None


def test_nul_in_id_url_and_path_is_stored_and_rerun_is_unchanged(engine: Engine) -> None:
    doc = build_doc("a\x00b", "Titre", ["Un texte inventé, sans rien de spécial."], url="https://ex.be/\x00x")
    doc.source.path = "dir/pa\x00ge.jsonl"
    first = ingest_documents(engine, [doc], label="nul\x00run")
    again = ingest_documents(engine, [doc])
    assert (first.stored, first.errors, again.unchanged, again.stored) == (1, 0, 1, 0)
    with engine.connect() as conn:
        stored_id, url = conn.execute(text("SELECT id, url FROM documents")).one()
    if engine.dialect.name == "postgresql":
        assert (stored_id, url) == ("ab", "https://ex.be/x")
    else:
        assert stored_id == "a\x00b"


def test_without_nul_keeps_offsets_inside_the_article() -> None:
    words = "« Tout\x00va bien »"
    doc = build_doc("x\x00y", "Ti\x00tre", [f"{words}, a dit Paul Martin."], quotes=[(words, "Paul Martin")])
    clean = without_nul(doc)
    assert clean.id == "xy" and "\x00" not in clean.to_json().replace("\\u0000", "\x00")
    [quote] = clean.quotes
    assert clean.text[quote.start : quote.end] == quote.text == "« Tout\ufffdva bien »"
    assert without_nul(clean) is clean


def test_concurrent_first_ingests_into_a_fresh_database_all_succeed(db_url: str) -> None:
    barrier = threading.Barrier(3)
    results: dict[int, Any] = {}

    def run(n: int) -> None:
        try:
            barrier.wait(timeout=20)
            engine = make_engine(db_url)
            results[n] = ingest_documents(engine, invented_docs(6, prefix=f"t{n}-")).stored
            engine.dispose()
        except Exception as error:  # collected and asserted below, with its message
            results[n] = error

    # daemon threads: without the migration lock the sessions can wait on one another for good
    threads = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == {0: 6, 1: 6, 2: 6}


def test_rolled_back_batch_leaves_no_gap_in_public_ids(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guillemets.store import ingest

    docs = invented_docs(12)
    real_refresh, calls = ingest.refresh_stats, []

    def dies_in_second_batch(conn: Any, ids: Any = None) -> None:
        calls.append(1)
        if len(calls) == 2:  # quotes and speakers of the batch are written, the commit never comes
            raise KeyboardInterrupt
        real_refresh(conn, ids)

    monkeypatch.setattr(ingest, "refresh_stats", dies_in_second_batch)
    with pytest.raises(KeyboardInterrupt):
        ingest_documents(engine, docs, batch_size=4)
    monkeypatch.setattr(ingest, "refresh_stats", real_refresh)
    assert len(public_ids(engine)) == 4
    ingest_documents(engine, docs, batch_size=4)
    rows = public_ids(engine)
    assert [(r[0], r[1], r[2]) for r in rows] == [(i + 1, f"doc{i}", 0) for i in range(12)]
    first_seen = {name: n + 1 for n, name in enumerate(NAMES)}
    assert [(r[3], r[4]) for r in rows] == [(first_seen[n], n) for n in (NAMES * 3)[:12]]
