"""Search in each row's language (0004) against the French-only query of 0002/0003, side by side.

Builds one SQLite corpus as ``bench.search`` does (the DEV pages, copied to ``--docs`` articles;
their ``lang`` as detected: a mix of languages), then times the same one-word queries over quotes
and articles with today's query (one FTS5 MATCH: each language's forms AND that language's
``search_lang`` token, OR-ed) and with the previous one (a MATCH of the French forms), alternating
the two in ``--rounds`` rounds. Reports the median over rounds of each p50/p95 and their ratio.

    python -m bench.search_lang [--limit N] [--docs 30000] [--queries 100] [--rounds 5] [--only fr]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench.common import write_result
from bench.ingest import dev_pages, extract
from bench.search import build_corpus, pick_queries, synthetic_quotes, time_calls


def _previous_expression(table: str, q: str, lang: str | None) -> str | None:
    """The MATCH of revisions 0002/0003: the French forms of ``q``, every row alike."""
    from guillemets.store.search import match_expression

    return match_expression(q, "fr")


@contextmanager
def previous_query() -> Iterator[None]:
    import guillemets.store.search as search

    today = search.sqlite_expression
    search.sqlite_expression = _previous_expression
    try:
        yield
    finally:
        search.sqlite_expression = today


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.search_lang", description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Only the first N DEV pages.")
    parser.add_argument("--docs", type=int, default=30_000, help="Stored articles (default 30000).")
    parser.add_argument("--queries", type=int, default=100, help="Timed calls per kind, per round.")
    parser.add_argument("--rounds", type=int, default=5, help="Alternating rounds (default 5).")
    parser.add_argument("--only", default=None, help="Keep the DEV pages in this language only (e.g. fr).")
    parser.add_argument("--out", default=None, help="Result file (default bench/results/search_lang.json).")
    args = parser.parse_args(argv)
    docs, _, _ = extract(dev_pages(args.limit), quotes=True)
    docs = [d for d in docs if d.ok and d.text and (args.only is None or d.lang == args.only)]
    if not any(d.quotes for d in docs):
        for doc in docs:
            synthetic_quotes(doc)
    from guillemets.store.engine import make_engine
    from guillemets.store.queries import search_articles, search_quotes

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/search.db")
        corpus = build_corpus(engine, docs, args.docs)
        with engine.connect() as conn:
            langs = dict(conn.exec_driver_sql("SELECT lang, count(*) FROM documents GROUP BY lang").all())
            plain, _ = pick_queries(conn, docs, 30)
            kinds: dict[str, list[Callable[[], Any]]] = {
                "quotes_one_word": [lambda w=w: search_quotes(conn, w) for w in plain],
                "articles_one_word": [lambda w=w: search_articles(conn, w) for w in plain],
            }
            same = {}
            for w in plain:
                new = [i["document_id"] for i in search_articles(conn, w, limit=50).items]
                with previous_query():
                    old = [i["document_id"] for i in search_articles(conn, w, limit=50).items]
                same[w] = (len(new), len(old))
            runs: dict[str, dict[str, list[dict[str, float]]]] = {
                k: {"today": [], "previous": []} for k in kinds
            }
            for _ in range(args.rounds):
                for kind, calls in kinds.items():
                    runs[kind]["today"].append(time_calls(calls, args.queries))
                    with previous_query():
                        runs[kind]["previous"].append(time_calls(calls, args.queries))
        engine.dispose()
    figures: dict[str, Any] = {"corpus": corpus, "langs": langs, "words": plain[:10]}
    for kind, by in runs.items():
        row: dict[str, Any] = {}
        for which, timings in by.items():
            row[which] = {m: round(statistics.median(t[m] for t in timings), 2) for m in ("p50_ms", "p95_ms")}
        row["ratio_p50"] = round(row["today"]["p50_ms"] / max(row["previous"]["p50_ms"], 1e-9), 2)
        row["ratio_p95"] = round(row["today"]["p95_ms"] / max(row["previous"]["p95_ms"], 1e-9), 2)
        figures[kind] = row
    figures["first_50_articles_today_vs_previous"] = {w: list(v) for w, v in list(same.items())[:10]}
    path = write_result("search_lang", figures, args.out)
    for kind in runs:
        print(kind, figures[kind])
    print(f"written {path}")


if __name__ == "__main__":
    main()
