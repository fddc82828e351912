"""Benchmark the HTML cleaner on the shared DEV pages as HTML (../shared/bench/pages/dev-html).

    python -m bench.pages_html [--limit N] [--out FILE]

Runs ``clean_html`` (trafilatura, then markers and teasers set apart) on each page's `html`, writes
predictions {"id", "text"} (text = lede + paragraphs, as for dumps), scores them with the shared
scorer against the gold in ../shared/bench/pages/dev and records every figure plus pages/s
(cleaning only, one process) in bench/results/pages_html.json.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from bench.common import SHARED, write_result
from bench.pages import article_text, score, summary
from bench.train_cleaner import load_pages
from guillemets.clean.html import clean_html

DEV_HTML = SHARED / "bench" / "pages" / "dev-html"


def run(pages: list[dict[str, Any]]) -> tuple[dict[str, str], float]:
    preds: dict[str, str] = {}
    spent = 0.0
    clean_html("<html><body><p>Warm-up: imports and data load here, not in the timing.</p></body></html>")
    for page in pages:
        start = time.perf_counter()
        cleaned = clean_html(page["html"], page.get("url"))
        spent += time.perf_counter() - start
        preds[page["id"]] = article_text(cleaned)
    return preds, spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per source")
    ap.add_argument("--out", default=None, help="result file (default bench/results/pages_html.json)")
    args = ap.parse_args()
    pages = load_pages(DEV_HTML, args.limit)
    preds, spent = run(pages)
    figures: dict[str, Any] = {"dev": summary(score(preds, [p for p in load_pages() if p["id"] in preds]))}
    figures["pages"] = len(pages)
    figures["pages_per_second"] = round(len(pages) / spent, 1)
    path = write_result("pages_html", figures, args.out)
    print(json.dumps(figures, indent=1))
    print(f"bench.pages_html: {len(pages)} pages, {figures['pages_per_second']} pages/s -> {path}")


if __name__ == "__main__":
    main()
