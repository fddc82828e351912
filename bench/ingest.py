"""Ingest rate beside bare extraction, on the DEV pages: what does storing cost?

Extracts the DEV pages once (timed: the bare ``extract`` work, no I/O), then stores those
Documents in a fresh SQLite database with ``ingest_documents`` (timed: the storage cost,
with dedup and full-text indexing). ``ingest`` docs/s = documents / (extract + store).
Runs with the quote stage (if installed and its model loads) and without it.

    python -m bench.ingest [--limit N] [--out FILE] [--db URL]
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.common import SHARED, write_result
from guillemets.model import Document, Source
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import NlpSettings, Settings

DEV = SHARED / "bench" / "pages" / "dev"


def dev_pages(limit: int | None = None) -> list[RawPage]:
    """The DEV page dumps as RawPages (id, url, lang from the gold files), in file order."""
    pages: list[RawPage] = []
    for path in sorted(DEV.glob("*.jsonl.gz")):
        pages.extend(_pages(path))
    return pages[:limit] if limit else pages


def _pages(path: Path) -> Iterator[RawPage]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            source = Source(str(path.relative_to(SHARED)), str(record["id"]))
            yield RawPage(source, PageKind.TEXT, record["dump"], id=str(record["id"]), url=record.get("url"))


def extract(pages: list[RawPage], quotes: bool) -> tuple[list[Document], float, str]:
    """Documents for ``pages`` and the seconds the pipeline took; says which quote stage ran."""
    from guillemets.errors import GuillemetsError
    from guillemets.nlp import make_annotator
    from guillemets.pipeline import process_many

    settings = Settings(nlp=NlpSettings(quotes=quotes))
    annotator, stage = None, "off"
    if quotes:
        try:
            annotator = make_annotator(settings.nlp)
            stage = type(annotator).__name__
        except GuillemetsError as exc:
            stage = f"unavailable ({exc.code})"
    started = time.perf_counter()
    docs = list(process_many(pages, settings, annotator))
    return docs, time.perf_counter() - started, stage


def store(docs: list[Document], url: str | None) -> tuple[float, dict[str, int]]:
    """Seconds ``ingest_documents`` takes to store ``docs`` in a fresh database."""
    from guillemets.store.engine import make_engine
    from guillemets.store.ingest import ingest_documents

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(url or f"sqlite:///{folder}/bench.db")
        started = time.perf_counter()
        summary = ingest_documents(engine, docs, label="bench")
        seconds = time.perf_counter() - started
        engine.dispose()
    return seconds, summary.counts()


def measure(pages: list[RawPage], quotes: bool, url: str | None) -> dict[str, Any]:
    docs, t_extract, stage = extract(pages, quotes)
    t_store, counts = store(docs, url)
    n = len(docs)
    return {
        "quote_stage": stage,
        "documents": n,
        "quotes": sum(len(d.quotes) for d in docs),
        "extract_seconds": round(t_extract, 3),
        "store_seconds": round(t_store, 3),
        "extract_docs_per_s": round(n / t_extract, 1) if t_extract else None,
        "ingest_docs_per_s": round(n / (t_extract + t_store), 1) if t_extract + t_store else None,
        "store_only_docs_per_s": round(n / t_store, 1) if t_store else None,
        "storage_cost_vs_extract": round(t_store / t_extract, 3) if t_extract else None,
        "counts": counts,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Only the first N DEV pages.")
    parser.add_argument("--out", default=None, help="Result file (default bench/results/ingest.json).")
    parser.add_argument(
        "--db", default=None, help="Database URL to store into (default: a temporary SQLite file)."
    )
    args = parser.parse_args(argv)
    pages = dev_pages(args.limit)
    figures = {
        "pages": len(pages),
        "database": "sqlite" if not args.db else args.db.split(":", 1)[0],
        "with_quotes": measure(pages, True, args.db),
        "without_quotes": measure(pages, False, args.db),
    }
    path = write_result("ingest", figures, args.out)
    for key in ("with_quotes", "without_quotes"):
        f = figures[key]
        print(
            f"{key}: extract {f['extract_docs_per_s']} docs/s, ingest {f['ingest_docs_per_s']} docs/s, "
            f"storage = {f['storage_cost_vs_extract']:.0%} of extraction ({f['quote_stage']})"
        )
    print(f"written to {path}")


if __name__ == "__main__":
    main()
