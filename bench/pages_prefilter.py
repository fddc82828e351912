"""The HTML language prefilter (``extract --lang``) on the DEV HTML pages: what it saves, what it loses.

    python -m bench.pages_prefilter [--runs N] [--limit N] [--out FILE]

1. In this process, for each of the 555 DEV HTML pages (../shared/bench/pages/dev-html): the
   prefilter's CPU time (``clean.prefilter.wanted``) against trafilatura's (``clean_html``), and,
   for each of fr, en, de, es, pl asked alone, the pages it would skip among those whose language
   the pipeline finds after cleaning (``lang.detect_language`` of the article) is that one
   ("wrongly skipped": pages ``--lang`` loses that it would have kept without the prefilter).
2. The whole command, pages written as ``.html`` files, fresh processes alternated over ``--runs``
   runs (CPU time of the child, medians): ``guillemets extract DIR --no-quotes --jobs 1`` without a
   filter, with ``--lang fr`` and with ``--lang en``; the records of the pages kept are compared
   with the unfiltered run's (they must be the same lines).

Result: bench/results/pages_prefilter.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import write_result
from bench.pages_cli import timed
from bench.pages_html import DEV_HTML
from bench.train_cleaner import load_pages
from guillemets.clean.html import clean_html
from guillemets.clean.prefilter import wanted
from guillemets.lang import detect_language

LANGS = ("fr", "en", "de", "es", "pl")
FILTERS: dict[str, list[str]] = {"all": [], "fr": ["--lang", "fr"], "en": ["--lang", "en"]}


def in_process(pages: list[dict[str, Any]]) -> dict[str, Any]:
    pre = full = 0.0
    keeps: dict[str, list[bool]] = {lang: [] for lang in LANGS}
    finals: list[str | None] = []
    for page in pages:
        start = time.process_time()
        for lang in LANGS:
            keeps[lang].append(wanted(page["html"], (lang,))[0])
        pre += (time.process_time() - start) / len(LANGS)
        start = time.process_time()
        cleaned = clean_html(page["html"], page.get("url"))
        full += time.process_time() - start
        text = "\n".join([cleaned.title, cleaned.lede, *cleaned.paragraphs]).strip()
        finals.append(detect_language(text) if text else None)
    per_lang = {}
    for lang in LANGS:
        pairs = list(zip(keeps[lang], finals, strict=True))
        per_lang[lang] = {
            "pages_in_lang": sum(final == lang for _, final in pairs),
            "skipped": sum(not keep for keep, _ in pairs),
            "wrongly_skipped": sum(not keep and final == lang for keep, final in pairs),
            "cleaned_then_other_language": sum(keep and final != lang for keep, final in pairs),
        }
    return {
        "pages": len(pages),
        "prefilter_ms_per_page_cpu": round(1000 * pre / len(pages), 2),
        "trafilatura_ms_per_page_cpu": round(1000 * full / len(pages), 2),
        "per_language": per_lang,
    }


def whole_command(pages: list[dict[str, Any]], runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "pages")
        folder.mkdir()
        for i, page in enumerate(pages):
            (folder / f"{i:04d}.html").write_text(page["html"], encoding="utf-8")
        times: dict[str, list[float]] = {name: [] for name in FILTERS}
        outputs: dict[str, list[str]] = {}
        for _ in range(runs):
            for name, args in FILTERS.items():
                out = Path(tmp, f"{name}.jsonl")
                cmd = [sys.executable, "-m", "guillemets", "extract", str(folder), "--no-quotes",
                       "--jobs", "1", "-q", "-o", str(out), *args]  # fmt: skip
                times[name].append(timed(cmd, ok=(0, 1))["cpu_s"])  # 1: pages with no article
                outputs[name] = out.read_text(encoding="utf-8").splitlines()
    base = statistics.median(times["all"])
    figures: dict[str, Any] = {"runs": runs, "cpu_s": {k: sorted(v) for k, v in times.items()}}
    for name in FILTERS:
        kept = [line for line in outputs[name] if '"other-language"' not in line]
        figures[name] = {
            "cpu_s_median": statistics.median(times[name]),
            "speed_vs_no_filter": round(base / statistics.median(times[name]), 2),
            "records": len(outputs[name]),
            "kept": len(kept),
            "kept_lines_as_without_filter": set(kept) <= set(outputs["all"]),
        }
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="alternated runs of the three commands (default 3)")
    ap.add_argument("--limit", type=int, default=None, help="pages per source")
    ap.add_argument("--out", default=None, help="result file (default bench/results/pages_prefilter.json)")
    args = ap.parse_args()
    pages = load_pages(DEV_HTML, args.limit)
    figures = {"in_process": in_process(pages), "extract": whole_command(pages, args.runs)}
    figures["command"] = " ".join(["python -m bench.pages_prefilter", *sys.argv[1:]])
    path = write_result("pages_prefilter", figures, args.out)
    print(json.dumps(figures, indent=1))
    print(f"bench.pages_prefilter -> {path}")


if __name__ == "__main__":
    main()
