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
from typing import Any

from bench.common import write_result
from guillemets.store.search import index_text, match_expression, terms

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
    with open("/proc/loadavg", encoding="ascii") as handle:
        figures["load_average_after"] = handle.read().split()[:3]
    conn.close()
    path = write_result("search_fts", figures, args.out)
    for kind in SQL:
        print(kind, {v: f"p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms" for v, s in figures[kind].items()})
    print(f"article counts that differ: {figures['article_counts_differ'] or 'none'}; written to {path}")


if __name__ == "__main__":
    main()
