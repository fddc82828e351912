"""A/B of the full-text index on one corpus: revision 0001's index against 0002's, interleaved.

0001 held folded, stemmed words in contentless FTS5 tables (articles without positions) and
matched a query's stems; 0002 indexes the real text (external content, ``detail=full``) and
expands each query word to its forms. This script adds 0001-style tables (``*_fts_old``,
filled as 0001 filled them) to a corpus built by ``python -m bench.search --db URL``, then
times the full-text part of each search (a newest-first page of 20 and the match count) on
both indexes, alternating which goes first, in one process, so both see the same machine
load. It also checks that both return the same number of matches for every word.

    python -m bench.search --db sqlite:////tmp/corpus.db --out /tmp/search.json
    python -m bench.search_fts --db /tmp/corpus.db --words-from /tmp/search.json [--rounds 10]
    python -m bench.search_fts [--limit N]   # builds the corpus itself first (bench.search)
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import write_result
from guillemets.store.search import index_text, match_expression, terms, words

SQL = {
    "articles_page": "SELECT pk FROM documents WHERE pk IN (SELECT rowid FROM documents_fts{s} "
    "WHERE documents_fts{s} MATCH ?) ORDER BY day DESC, pk DESC LIMIT 20",
    "articles_count": "SELECT count(*) FROM documents_fts{s} WHERE documents_fts{s} MATCH ?",
    "quotes_page": "SELECT id FROM quotes WHERE id IN (SELECT rowid FROM quotes_fts{s} "
    "WHERE quotes_fts{s} MATCH ?) ORDER BY day DESC, id DESC LIMIT 20",
    "quotes_count": "SELECT count(*) FROM quotes_fts{s} WHERE quotes_fts{s} MATCH ?",
}


def old_expression(q: str) -> str:
    """0001's MATCH string: the folded, stemmed words, each quoted."""
    return " ".join(f'"{w}"' for w in dict.fromkeys(terms(q)))


VARIANTS: dict[str, tuple[str, Callable[[str], str | None]]] = {
    "0001": ("_old", old_expression),
    "0002": ("", match_expression),
}


def add_old_index(conn: sqlite3.Connection) -> float:
    """Create and fill the 0001-style tables once; the seconds it took (0 when already there)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents_fts_old'").fetchone():
        return 0.0
    started = time.perf_counter()
    tokenize = "tokenize='unicode61 remove_diacritics 2'"
    conn.execute(
        "CREATE VIRTUAL TABLE documents_fts_old USING fts5(title, body, content='', detail='none', "
        f"{tokenize})"
    )
    conn.execute(f"CREATE VIRTUAL TABLE quotes_fts_old USING fts5(body, content='', {tokenize})")
    documents = conn.execute("SELECT pk, title, text FROM documents").fetchall()
    conn.executemany(
        "INSERT INTO documents_fts_old(rowid, title, body) VALUES (?, ?, ?)",
        ((pk, index_text(title), index_text(body)) for pk, title, body in documents),
    )
    quotes = conn.execute("SELECT id, text FROM quotes").fetchall()
    conn.executemany(
        "INSERT INTO quotes_fts_old(rowid, body) VALUES (?, ?)", ((i, index_text(t)) for i, t in quotes)
    )
    conn.commit()
    return time.perf_counter() - started


def run(conn: sqlite3.Connection, words: list[str], rounds: int) -> dict[str, Any]:
    timings: dict[str, dict[str, list[float]]] = {kind: {v: [] for v in VARIANTS} for kind in SQL}
    counts: dict[str, dict[str, int]] = {}
    for r in range(rounds + 1):  # round 0 warms the page cache and is not timed
        order = list(VARIANTS.items()) if r % 2 else list(reversed(VARIANTS.items()))
        for word in words:
            for kind, sql in SQL.items():
                for name, (suffix, expression) in order:
                    started = time.perf_counter()
                    rows = conn.execute(sql.format(s=suffix), (expression(word) or '""',)).fetchall()
                    if r:
                        timings[kind][name].append((time.perf_counter() - started) * 1000)
                    if kind == "articles_count":
                        counts.setdefault(word, {})[name] = rows[0][0]
    figures: dict[str, Any] = {
        kind: {v: _summary(xs) for v, xs in by.items()} for kind, by in timings.items()
    }
    figures["words"] = words
    figures["article_counts_differ"] = {w: c for w, c in counts.items() if len(set(c.values())) > 1}
    return figures


BASE_TABLES = [
    "CREATE TABLE documents (pk INTEGER PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL)",
    "CREATE TABLE quotes (id INTEGER PRIMARY KEY, document_pk INTEGER NOT NULL, text TEXT NOT NULL)",
]


def store_cost(conn: sqlite3.Connection, limit: int, batch: int = 200) -> dict[str, Any]:
    """Seconds per 1,000 articles to store the text and index it, 0001's way against 0002's.

    0001: rows, then the folded, stemmed text inserted by Python (the words themselves are
    computed anyway by ingest, for near-duplicates, so they are not timed). 0002: rows only,
    the triggers index them. Batches of ``batch`` articles with their quotes, one transaction
    each, alternating which variant goes first.
    """
    import importlib

    fts_0002 = importlib.import_module("guillemets.store.migrations.versions.0002_fts")
    docs = conn.execute("SELECT pk, title, text FROM documents ORDER BY pk LIMIT ?", (limit,)).fetchall()
    quotes = conn.execute(
        "SELECT id, document_pk, text FROM quotes WHERE document_pk <= ?", (docs[-1][0],)
    ).fetchall()
    folder = tempfile.mkdtemp(prefix="guillemets-store-fts-")
    old, new = sqlite3.connect(f"{folder}/old.db"), sqlite3.connect(f"{folder}/new.db")
    for target in (old, new):
        for statement in BASE_TABLES:
            target.execute(statement)
    tokenize = "tokenize='unicode61 remove_diacritics 2'"
    old.execute(
        f"CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, content='', detail='none', {tokenize})"
    )
    old.execute(f"CREATE VIRTUAL TABLE quotes_fts USING fts5(body, content='', {tokenize})")
    for fts, table, key, columns in fts_0002.FTS_TABLES:
        for statement in fts_0002.fts_statements(fts, table, key, columns):
            new.execute(statement)
    seconds = {"0001": 0.0, "0002": 0.0}
    for start in range(0, len(docs), batch):
        chunk = docs[start : start + batch]
        pks = {pk for pk, _, _ in chunk}
        chunk_quotes = [q for q in quotes if q[1] in pks]
        chunk_words = {pk: words(body) for pk, _, body in chunk}  # ingest computes them for dedup anyway
        runs = [("0001", old, True), ("0002", new, False)]
        for name, target, by_python in runs if (start // batch) % 2 else reversed(runs):
            started = time.perf_counter()
            target.executemany("INSERT INTO documents VALUES (?, ?, ?)", chunk)
            target.executemany("INSERT INTO quotes VALUES (?, ?, ?)", chunk_quotes)
            if by_python:
                target.executemany(
                    "INSERT INTO documents_fts(rowid, title, body) VALUES (?, ?, ?)",
                    [(pk, index_text(title), index_text(chunk_words[pk])) for pk, title, _ in chunk],
                )
                target.executemany(
                    "INSERT INTO quotes_fts(rowid, body) VALUES (?, ?)",
                    [(i, index_text(text)) for i, _, text in chunk_quotes],
                )
            target.commit()
            seconds[name] += time.perf_counter() - started
    sizes = {name: (Path(folder) / f"{name}.db").stat().st_size for name in ("old", "new")}
    return {
        "articles": len(docs),
        "quotes": len(quotes),
        "seconds_per_1000_articles": {k: round(v * 1000 / len(docs), 2) for k, v in seconds.items()},
        "database_mb": {"0001": round(sizes["old"] / 1e6, 1), "0002": round(sizes["new"] / 1e6, 1)},
    }


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    pick = lambda f: round(ordered[min(len(ordered) - 1, int(f * len(ordered)))], 2)  # noqa: E731
    return {"calls": len(ordered), "p50_ms": pick(0.5), "p95_ms": pick(0.95)}


def build_corpus(limit: int | None) -> tuple[str, str]:
    """Run bench.search on a new SQLite file; that file and its result file (which holds the words)."""
    from bench.search import main as search_main

    folder = tempfile.mkdtemp(prefix="guillemets-search-fts-")
    db, result = f"{folder}/corpus.db", f"{folder}/search.json"
    search_main([*(["--limit", str(limit)] if limit else []), "--db", f"sqlite:///{db}", "--out", result])
    return db, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.search_fts", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", help="SQLite file of a corpus built by bench.search --db (default: build one)."
    )
    parser.add_argument("--words-from", help="That bench.search run's result file (its query words).")
    parser.add_argument("--rounds", type=int, default=10, help="Timed passes over the words.")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N words.")
    parser.add_argument("--store", type=int, default=2000, help="Articles stored by each index (0: skip).")
    parser.add_argument("--out", default=None, help="Result file (default bench/results/search_fts.json).")
    args = parser.parse_args(argv)
    if args.db is None or args.words_from is None:
        args.db, args.words_from = build_corpus(args.limit)
    with open(args.words_from, encoding="utf-8") as handle:
        words = json.load(handle)["figures"]["queries"]["words"][: args.limit]
    conn = sqlite3.connect(args.db)
    build = add_old_index(conn)
    figures = run(conn, words, args.rounds)
    figures["old_index_build_seconds"] = round(build, 1)
    if args.store:
        figures["store"] = store_cost(conn, args.store)
        print("store", figures["store"])
    with open("/proc/loadavg", encoding="ascii") as handle:
        figures["load_average_after"] = handle.read().split()[:3]
    conn.close()
    path = write_result("search_fts", figures, args.out)
    for kind in SQL:
        print(kind, {v: f"p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms" for v, s in figures[kind].items()})
    print(f"article counts that differ: {figures['article_counts_differ'] or 'none'}; written to {path}")


if __name__ == "__main__":
    main()
