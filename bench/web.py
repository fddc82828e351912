"""Web benchmark: latency of the JSON API and of the pages over a generated SQLite corpus.

Builds N articles (3 quotes each, 60 speakers, 24 months) with the real store, then times
requests through the ASGI app in-process (no network): p50/p95 per route. The speaker page
is timed twice: its first render (chart drawn by vl-convert) and later ones (chart cached).
Figures are reported, never asserted.

    python -m bench.web --limit 2000 --requests 50
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import write_result
from guillemets.model import Document, Quote, QuoteType, Source, SpeakerMention

WORDS = [
    "négociations",
    "cessez-le-feu",
    "frontière",
    "sanctions",
    "gaz",
    "énergie",
    "budget",
    "élections",
    "réforme",
    "grève",
    "port",
    "hôpital",
    "école",
    "climat",
    "inflation",
    "salaires",
    "armée",
    "village",
    "région",
    "réunion",
    "accord",
]
SPEAKERS = [
    f"{first} {last}"
    for first in ("Anne", "Marc", "Léa", "Paul", "Inès", "Hugo")
    for last in (
        "Martin",
        "Dubois",
        "Lambert",
        "Peeters",
        "Janssens",
        "Leroy",
        "Moreau",
        "Simon",
        "Laurent",
        "Michel",
    )
]


def make_document(n: int, rng: random.Random) -> Document:
    """An article with three attributed direct quotes, built so offsets index its text."""
    month = 1 + n % 24
    doc = Document(
        id=f"bench{n:010d}",
        source=Source(f"bench/{n}.txt"),
        url=f"https://site{n % 7}.be/a/{n}",
        lang="fr",
        date=f"{2023 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}-{1 + n % 28:02d}",
    )
    paragraphs, quotes = [], []
    for _ in range(3):
        words = " ".join(rng.choice(WORDS) for _ in range(12))
        speaker = rng.choice(SPEAKERS)
        paragraphs.append(f"« {words} », a déclaré {speaker}.")
    doc.set_article(f"Article {n} : {rng.choice(WORDS)}", "Un chapeau.", paragraphs)
    offset = 0
    for paragraph in paragraphs:
        start = doc.text.index(paragraph, offset) + 2
        words = paragraph[2 : paragraph.index(" »")]
        speaker = paragraph[paragraph.index("déclaré ") + 8 : -1]
        s_start = doc.text.index(speaker, start)
        quotes.append(
            Quote(
                QuoteType.DIRECT,
                start,
                start + len(words),
                words,
                SpeakerMention(s_start, s_start + len(speaker), speaker, speaker),
            )
        )
        offset = s_start
    doc.quotes = quotes
    return doc


def build_corpus(path: Path, articles: int) -> str:
    from guillemets.store.engine import make_engine
    from guillemets.store.ingest import ingest_documents

    rng = random.Random(7)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    ingest_documents(engine, (make_document(n, rng) for n in range(articles)), label="bench-web")
    engine.dispose()
    return url


def timed(call: Callable[[], Any], runs: int) -> dict[str, float]:
    """p50/p95 in milliseconds of ``runs`` calls (each must answer 200)."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = call()
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{response.url}: status {response.status_code}")
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50_ms": round(statistics.median(samples), 2), "p95_ms": round(p95, 2), "runs": runs}


def measure(url: str, runs: int) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from guillemets.web.app import create_app

    client = TestClient(create_app(url))
    speaker = client.get("/api/speakers", params={"per_page": 1}).json()["items"][0]["speaker_id"]
    article = client.get("/api/quotes", params={"per_page": 1}).json()["items"][0]["document_id"]
    first_chart = timed(lambda: client.get(f"/speakers/{speaker}"), 1)["p50_ms"]
    routes = {
        "api_search_quotes": lambda: client.get("/api/search", params={"q": "sanctions"}),
        "api_search_quotes_speaker": lambda: client.get(
            "/api/search", params={"q": "grève", "speaker": speaker}
        ),
        "api_search_articles": lambda: client.get("/api/search", params={"q": "énergie", "type": "articles"}),
        "api_speakers": lambda: client.get("/api/speakers"),
        "api_speaker": lambda: client.get(f"/api/speakers/{speaker}"),
        "api_article": lambda: client.get(f"/api/articles/{article}"),
        "page_search": lambda: client.get("/", params={"q": "réforme"}),
        "page_speaker_cached_chart": lambda: client.get(f"/speakers/{speaker}"),
        "page_article": lambda: client.get(f"/articles/{article}"),
    }
    figures: dict[str, Any] = {name: timed(call, runs) for name, call in routes.items()}
    figures["page_speaker_first_render_ms"] = round(first_chart, 2)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--limit", type=int, default=2000, help="articles in the generated corpus (default 2000)"
    )
    parser.add_argument(
        "--requests", type=int, default=None, help="requests per route (default 50; 5 with --limit ≤ 5)"
    )
    parser.add_argument("--out", default=None, help="result file (default bench/results/web.json)")
    args = parser.parse_args()
    runs = args.requests or (5 if args.limit <= 5 else 50)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        url = build_corpus(Path(tmp) / "web.db", max(1, args.limit))
        built = time.perf_counter() - started
        figures = {
            "articles": max(1, args.limit),
            "quotes": 3 * max(1, args.limit),
            "build_s": round(built, 1),
            **measure(url, runs),
        }
    path = write_result("web", figures, args.out)
    for name, value in figures.items():
        print(f"{name}: {value}")
    print(f"written: {path}")


if __name__ == "__main__":
    main()
