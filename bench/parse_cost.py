"""What the NLP stage costs per page, by language, on the DEV pages: the figures of ``batch.plan``.

    python -m bench.parse_cost [--rounds 3] [--batch-sizes 32,8] [--limit N] [--out FILE]

The 555 DEV dumps are cleaned once (no NLP); then, in this process with the models loaded and
warmed, the annotator runs on each language's documents ``--rounds`` times (CPU time, median).
The planner prices a page by the language the function-word vote finds in its raw text
(``batch.plan.page_languages``), so the figure it needs is the NLP CPU time of a language divided
by the pages that vote for it (``seconds_per_voted_page``); ``seconds_per_document`` divides by
the documents the language id gives that language. With several ``--batch-sizes`` (``nlp.pipe``
batch sizes), each round runs them in turn, so the load of a shared machine hits them alike; the
figures without a suffix are the first size's.
"""

from __future__ import annotations

import argparse
import resource
import statistics
from dataclasses import replace
from typing import Any

from bench.common import write_result
from bench.parallel import dev_records, iter_dev_pages, settings_for
from guillemets.batch.plan import PARSE_SECONDS, page_languages
from guillemets.nlp import make_annotator
from guillemets.pipeline import process_many


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(rounds: int, batch_sizes: list[int], limit: int | None = None) -> dict[str, Any]:
    pages = list(iter_dev_pages(dev_records(limit), 1))
    docs = list(process_many(pages, settings_for(False), None))
    nlp = settings_for(True).nlp
    annotators = [make_annotator(replace(nlp, batch_size=size)) for size in batch_sizes]  # one model
    figures: dict[str, Any] = {"pages": len(pages), "batch_sizes": batch_sizes}
    for lang in sorted(PARSE_SECONDS):
        group = [d for d in docs if d.lang == lang and d.text.strip() and not d.errors]
        if not group:  # a --limit run may hold none
            continue
        voted = sum(lang in page_languages(p.content) for p in pages)
        annotators[0].annotate(group[:4])  # first use (caches) left out
        runs: list[list[float]] = [[] for _ in batch_sizes]
        for _ in range(rounds):
            for annotator, times in zip(annotators, runs, strict=True):
                start = _cpu()
                annotator.annotate(group)
                times.append(round(_cpu() - start, 2))
        cpu = statistics.median(runs[0])
        figures[lang] = {
            "documents": len(group),
            "characters": sum(len(d.text) for d in group),
            "voted_pages": voted,
            "cpu_seconds": runs[0],
            "seconds_per_document": round(cpu / len(group), 3),
            "seconds_per_voted_page": round(cpu / voted, 3) if voted else None,
            "planner": PARSE_SECONDS[lang],
        }
        for size, times in zip(batch_sizes[1:], runs[1:], strict=True):
            figures[lang][f"cpu_seconds_batch_{size}"] = times
            figures[lang][f"cpu_ratio_batch_{size}"] = round(statistics.median(times) / cpu, 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="Runs per language (median; default 3).")
    parser.add_argument("--batch-sizes", default="32", help="nlp.pipe batch sizes, compared (default 32).")
    parser.add_argument("--limit", type=int, default=None, help="The first N DEV pages (default all).")
    parser.add_argument("--out", default=None, help="Result file (default bench/results/parse_cost.json).")
    args = parser.parse_args()
    figures = measure(args.rounds, [int(size) for size in args.batch_sizes.split(",")], args.limit)
    print(write_result("parse_cost", figures, args.out))


if __name__ == "__main__":
    main()
