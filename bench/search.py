"""Search latency (p50/p95) on a corpus of >= 100,000 stored articles built from the DEV pages.

The DEV pages are extracted once and stored with ``ingest_documents``; those rows are then
copied many times under distinct ids (a bulk path: explicit keys, executemany, one
transaction per chunk), each copy on another day, so the corpus has the DEV pages' text,
quotes and speakers at 100,000-document scale. Then one-word queries are timed with and
without a speaker filter, over quotes and over articles (each call returns a full Page:
20 items and the total count).

If no quote stage is installed (no quotes come out of extraction), quoted passages and a
nearby capitalised name are marked with a regular expression so that the speaker filter
has data; ``quotes_source`` in the result says which was used.

    python -m bench.search [--limit N] [--docs 100000] [--queries 200] [--out FILE] [--db URL]
"""

from __future__ import annotations

import argparse
import collections
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from bench.common import write_result
from bench.ingest import dev_pages, extract
from guillemets.model import Document, Quote, QuoteType, SpeakerMention

COPY_CHUNK = 2000  # rows per executemany / transaction while copying


def synthetic_quotes(doc: Document) -> None:
    """Mark quoted passages and the next capitalised name as quote and speaker (bench only)."""
    names = [(m.start(), m.group(0)) for m in _NAME.finditer(doc.text)]
    for match in _QUOTED.finditer(doc.text):
        after = [(at, name) for at, name in names if at > match.end()][:1]
        speaker = (
            SpeakerMention(after[0][0], after[0][0] + len(after[0][1]), after[0][1], after[0][1])
            if after
            else None
        )
        doc.quotes.append(Quote(QuoteType.DIRECT, match.start(), match.end(), match.group(0), speaker))


_QUOTED = re.compile(r"«[^«»]{20,300}»|“[^“”]{20,300}”|\"[^\"\n]{20,300}\"|„[^„“]{20,300}“")
_NAME = re.compile(r"\b[A-ZÉ][a-zéèëäöüß]+ [A-ZÉ][a-zéèëäöüß]+\b")


def build_corpus(engine: Engine, docs: list[Document], target: int) -> dict[str, Any]:
    """Store ``docs`` once, then copy them until ``target`` documents are stored."""
    from guillemets.store.ingest import ingest_documents
    from guillemets.store.speakers import refresh_stats

    started = time.perf_counter()
    ingest_documents(engine, docs, label="bench-search base")
    base_seconds = time.perf_counter() - started
    with engine.connect() as conn:
        base = _base_rows(conn)
    copies = max(0, -(-target // max(1, len(base["documents"]))) - 1)
    started = time.perf_counter()
    for chunk in _copy_chunks(base, copies, target):
        with engine.begin() as conn:
            _insert_chunk(conn, chunk)
    with engine.begin() as conn:
        refresh_stats(conn)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(_t().documents)).scalar_one()
        quotes = conn.execute(select(func.count()).select_from(_t().quotes)).scalar_one()
    return {
        "documents": stored,
        "quotes": quotes,
        "base_documents": len(base["documents"]),
        "base_ingest_seconds": round(base_seconds, 2),
        "copy_seconds": round(time.perf_counter() - started, 2),
    }


def reused(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(_t().documents)).scalar_one()
        quotes = conn.execute(select(func.count()).select_from(_t().quotes)).scalar_one()
    return {"documents": stored, "quotes": quotes, "reused": True}


def _t() -> Any:
    from guillemets.store import tables

    return tables


def _base_rows(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    t = _t()
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [dict(r._mapping) for r in conn.execute(select(t.documents).order_by(t.documents.c.pk))],
        "quotes": [dict(r._mapping) for r in conn.execute(select(t.quotes).order_by(t.quotes.c.id))],
    }
    return rows


def _copy_chunks(
    base: dict[str, list[dict[str, Any]]], copies: int, target: int
) -> Iterator[dict[str, list[Any]]]:
    """Rows for copies 1..copies, with new keys, ids, hashes and days, in chunks."""
    import datetime

    n_docs, top_pk = len(base["documents"]), max((d["pk"] for d in base["documents"]), default=0)
    top_quote = max((q["id"] for q in base["quotes"]), default=0)
    quotes_by_doc = collections.defaultdict(list)
    for q in base["quotes"]:
        quotes_by_doc[q["document_pk"]].append(q)
    fts = {r["rowid"]: r for r in base.get("fts", [])}
    quotes_fts = {r["rowid"]: r for r in base.get("quotes_fts", [])}
    chunk: dict[str, list[Any]] = collections.defaultdict(list)
    total, next_quote = n_docs, top_quote
    for k in range(1, copies + 1):
        day = datetime.date(2020, 1, 1) + datetime.timedelta(days=k % 2000)
        for doc in base["documents"]:
            if total >= target:
                break
            total += 1
            pk = doc["pk"] + k * top_pk
            chunk["documents"].append(
                {
                    **doc,
                    "pk": pk,
                    "id": f"{doc['id']}#{k}",
                    "text_hash": f"{doc['text_hash'][:48]}#{k}",
                    "day": day.isoformat(),
                    "date": day.isoformat(),
                    "chrome": [],
                }
            )
            if doc["pk"] in fts:
                chunk["fts"].append({**fts[doc["pk"]], "rowid": pk})
            for q in quotes_by_doc[doc["pk"]]:
                next_quote += 1
                chunk["quotes"].append({**q, "id": next_quote, "document_pk": pk, "day": day.isoformat()})
                if q["id"] in quotes_fts:
                    chunk["quotes_fts"].append({"rowid": next_quote, "body": quotes_fts[q["id"]]["body"]})
            if len(chunk["documents"]) >= COPY_CHUNK:
                yield chunk
                chunk = collections.defaultdict(list)
    if chunk["documents"]:
        yield chunk


def _insert_chunk(conn: Connection, chunk: dict[str, list[Any]]) -> None:
    t = _t()
    conn.execute(insert(t.documents), chunk["documents"])
    if chunk["quotes"]:
        conn.execute(insert(t.quotes), chunk["quotes"])
    if chunk["fts"]:
        conn.execute(
            text("INSERT INTO documents_fts(rowid, title, body) VALUES (:rowid, :title, :body)"), chunk["fts"]
        )
    if chunk["quotes_fts"]:
        conn.execute(text("INSERT INTO quotes_fts(rowid, body) VALUES (:rowid, :body)"), chunk["quotes_fts"])


def pick_queries(
    conn: Connection, docs: list[Document], how_many: int
) -> tuple[list[str], list[tuple[int, str]]]:
    """One-word queries from the titles, and (speaker, word from their quotes) pairs."""
    from guillemets.store.search import words

    counts = collections.Counter(
        w for d in docs for w in set(words(d.title)) if len(w) >= 5 and not w.isdigit()
    )
    plain = [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))][:how_many] or [
        "article"
    ]
    t = _t()
    top = conn.execute(
        select(t.speakers.c.id)
        .where(t.speakers.c.quotes > 0)
        .order_by(t.speakers.c.quotes.desc(), t.speakers.c.id)
        .limit(20)
    )
    pairs: list[tuple[int, str]] = []
    for (speaker_id,) in top:
        said = conn.execute(
            select(t.quotes.c.text).where(t.quotes.c.speaker_id == speaker_id).limit(5)
        ).scalars()
        candidates = sorted({w for q in said for w in words(q) if len(w) >= 5 and not w.isdigit()})
        pairs.extend((speaker_id, w) for w in candidates[:5])
    return plain, pairs


def time_calls(calls: list[Callable[[], Any]], repeat: int) -> dict[str, float]:
    """p50/p95/max in ms over ``repeat`` calls cycling through ``calls`` (after one warm-up each)."""
    for call in calls:
        call()
    timings = []
    for i in range(repeat):
        started = time.perf_counter()
        calls[i % len(calls)]()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "calls": repeat,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[min(len(timings) - 1, int(0.95 * len(timings)))], 2),
        "max_ms": round(timings[-1], 2),
    }


def measure(engine: Engine, docs: list[Document], repeat: int) -> dict[str, Any]:
    from guillemets.store.queries import search_articles, search_quotes

    with engine.connect() as conn:
        plain, pairs = pick_queries(conn, docs, 30)
        if not pairs:
            pairs = [(0, w) for w in plain]
        figures = {
            "quotes_one_word_with_speaker": time_calls(
                [lambda s=s, w=w: search_quotes(conn, w, speaker_id=s) for s, w in pairs], repeat
            ),
            "quotes_one_word": time_calls([lambda w=w: search_quotes(conn, w) for w in plain], repeat),
            "articles_one_word": time_calls([lambda w=w: search_articles(conn, w) for w in plain], repeat),
            "articles_one_word_with_speaker": time_calls(
                [lambda s=s, w=w: search_articles(conn, w, speaker_id=s) for s, w in pairs], repeat
            ),
            "speaker_quotes_no_text": time_calls(
                [lambda s=s: search_quotes(conn, None, speaker_id=s) for s, _ in pairs], repeat
            ),
        }
        figures["queries"] = {"words": plain[:10], "speaker_pairs": len(pairs)}
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--limit", type=int, default=None, help="Only the first N DEV pages (and a corpus of N*20)."
    )
    parser.add_argument(
        "--docs", type=int, default=100_000, help="Stored articles to build (default 100000)."
    )
    parser.add_argument("--queries", type=int, default=200, help="Timed calls per kind of query.")
    parser.add_argument("--out", default=None, help="Result file (default bench/results/search.json).")
    parser.add_argument("--reuse", action="store_true", help="--db holds the corpus: only time queries.")
    parser.add_argument(
        "--db", default=None, help="An empty database URL (default: a temporary SQLite file)."
    )
    args = parser.parse_args(argv)
    target = args.docs if args.limit is None else min(args.docs, max(100, args.limit * 20))
    repeat = args.queries if args.limit is None else min(args.queries, 20)
    docs, extract_seconds, stage = extract(dev_pages(args.limit), quotes=True)
    docs = [d for d in docs if d.ok and d.text]
    source = "pipeline" if any(d.quotes for d in docs) else "synthetic (no quote stage installed)"
    if source != "pipeline":
        for doc in docs:
            synthetic_quotes(doc)
    from guillemets.store.engine import make_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(args.db or f"sqlite:///{folder}/search.db")
        corpus = reused(engine) if args.reuse else build_corpus(engine, docs, target)
        figures = {
            "database": engine.dialect.name,
            "quote_stage": stage,
            "quotes_source": source,
            "extract_seconds": round(extract_seconds, 2),
            "corpus": corpus,
            **measure(engine, docs, repeat),
        }
        engine.dispose()
    path = write_result("search", figures, args.out)
    for key, value in figures.items():
        if isinstance(value, dict) and "p95_ms" in value:
            print(f"{key}: p50 {value['p50_ms']} ms, p95 {value['p95_ms']} ms")
    print(f"corpus {corpus['documents']} documents, {corpus['quotes']} quotes; written to {path}")


if __name__ == "__main__":
    main()
