"""Quote-detection errors of the grouped estimate, by category (issue 9, sixth round).

python -m bench.quote_errors [--list [CATEGORY]] [--out FILE]

The decisions are the quote scorer's out-of-fold ones (``bench.train_quotes.grouped_probabilities``:
each outlet's candidates kept or dropped by a model fit on the other outlets, at the fold's
median-rule threshold), i.e. the headline of ``python -m bench.quotes``, never an in-sample fit.
Predicted and gold quotes are matched one to one by the shared scorer (``match``, overlap >= 0.3).
It prints per file the precision and recall by type (recall over gold quotes of the type,
precision over predictions labelled with it, as the scorer counts them), then sorts every false
negative and false positive into the first category that applies:

false negatives (a gold quote with no twin):
- ``taken by another gold quote``: a kept quote overlaps it at 0.3 but is matched to a gold quote
  it overlaps more (two reports inside one predicted span, or a split);
- ``kept, lost on the way``: a candidate overlapping it at 0.3 was kept but is not in the output;
- ``scorer dropped a rule candidate`` / ``scorer dropped a weak candidate``: candidates overlapping
  it at 0.3 exist, all below the fold's threshold;
- ``wrong span``: candidates touch it, none at 0.3;
- ``no candidate``: nothing touches it.

false positives (a kept quote with no twin):
- ``duplicate``: it overlaps at 0.3 a gold quote matched to another prediction;
- ``right report, overlap < 0.3``: it touches a gold quote, below 0.3;
- ``quoted words, no cue``: a direct quote without a cue touching no gold quote (scare quotes,
  titles, labels, slogans, unattributed quotations);
- ``quoted words, with a cue``: a direct quote with a cue touching no gold quote;
- ``report without a cue``: an indirect or mixed quote without a cue (continued reports);
- ``cued report not in gold``: an indirect or mixed quote with a cue touching no gold quote
  (what the guidelines exclude: noun-phrase objects, intentions, hearsay; or a gold omission).

Every error keeps its reason (the ``--explain`` frame), so the categories split by mechanism; every false
negative also names its nearest candidate (most overlapping, else closest in characters: text, frame,
overlap, distance, probability, kept or dropped), printed by ``--list``.
Writes ``bench/results/quote_errors.json``.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from typing import Any

import numpy as np

from bench.common import write_result

FN = (
    "taken by another gold quote",
    "kept, lost on the way",
    "scorer dropped a rule candidate",
    "scorer dropped a weak candidate",
    "wrong span",
    "no candidate",
)
FP = (
    "duplicate",
    "right report, overlap < 0.3",
    "quoted words, no cue",
    "quoted words, with a cue",
    "report without a cue",
    "cued report not in gold",
)
TYPES = ("direct", "indirect", "mixed")


def frame(explain: str) -> str:
    """The reason part of an ``--explain`` line (without the frame's words and the scorer's note)."""
    head = explain.split(";")[0]
    return re.sub(r"« [^»]*»", "«…»", re.sub(r"\(frame [^)]*\)", "", head)).strip()


def analyse(c: float = 1.0, limit: int | None = None) -> dict[str, Any]:
    """Per file: P/R by type, error counts by category (and by frame), and one record per error
    (``limit``: the first N articles of each file, as bench.train_quotes)."""
    from bench.quotes import load_scorer
    from bench.train_quotes import THRESHOLD_RULE, candidate_data, grouped_probabilities, predictions

    scorer = load_scorer()
    data = candidate_data(limit)
    data["labels"] = data["attributed"]
    probs, thresholds = grouped_probabilities(data, c)
    fold = thresholds[THRESHOLD_RULE]
    golds = data["golds"]
    kept = [probs[i] >= fold[g["_group"]] for i, g in enumerate(golds)]
    preds = predictions(data, lambda i: kept[i], explain=True)
    records: list[dict[str, Any]] = []
    for i, (g, p) in enumerate(zip(golds, preds, strict=True)):
        records += _errors(scorer, g, p, data["cands"][i][0], probs[i], kept[i])
    figures: dict[str, Any] = {"threshold_rule": THRESHOLD_RULE, "files": {}}
    for name in ("dev", "press"):
        ids = {g["id"] for g in golds if g["_file"] == name}
        res = scorer.score([g for g in golds if g["id"] in ids], [p for p in preds if p["id"] in ids])[
            "thresholds"
        ]["0.3"]
        mine = [r for r in records if r["file"] == name]
        figures["files"][name] = {
            "by_type": {
                t: {k: res[t][k] for k in ("n_gold", "n_pred", "precision", "recall", "f1")} for t in TYPES
            },
            "false_negatives": _counts(mine, "fn", FN),
            "false_positives": _counts(mine, "fp", FP),
        }
    figures["errors"] = records
    return figures


def _counts(records: list[dict[str, Any]], side: str, order: tuple[str, ...]) -> dict[str, Any]:
    """Counts per category, split by gold type (false negatives) or predicted type, and by frame."""
    out: dict[str, Any] = {}
    for cat in order:
        mine = [r for r in records if r["side"] == side and r["category"] == cat]
        out[cat] = {
            "n": len(mine),
            "by_type": dict(Counter(r["type"] for r in mine)),
            "by_frame": dict(Counter(r["frame"] for r in mine).most_common()),
        }
    return out


def _errors(
    scorer: Any, g: dict[str, Any], p: dict[str, Any], found: list[Any], prob: np.ndarray, kept: np.ndarray
) -> list[dict[str, Any]]:
    art, text = scorer.Article(g["text"]), g["text"]
    gold = [scorer.Q(q, len(text), lambda _: None, "gold") for q in g["quotes"]]
    pred = [scorer.Q(q, len(text), lambda _: None, "pred") for q in p["quotes"]]
    pairs = scorer.match(art, gold, pred, 0.3)
    g_used, p_used = {gi for gi, _, _ in pairs}, {pi for _, pi, _ in pairs}

    def ov(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
        return scorer.overlap(art, a, b) if a and b and a[0] < b[1] and b[0] < a[1] else 0.0

    def record(side: str, cat: str, q: dict[str, Any], kind: str, why: str, **extra: Any) -> dict[str, Any]:
        return {
            "file": g["_file"], "outlet": g["_group"], "id": g["id"], "side": side, "category": cat,
            "type": kind, "frame": frame(why) if why else "-", "text": q["text"][:160],
            "context": text[max(0, q["start"] - 80) : q["end"] + 80].replace("\n", " / "), **extra,
        }  # fmt: skip

    rows = []
    for gi, gq in enumerate(gold):
        if gi in g_used:
            continue
        near = [(ov(gq.span, (c.start, c.end)), k) for k, c in enumerate(found)]
        good = [k for o, k in near if o >= 0.3]
        if any(ov(gq.span, q.span) >= 0.3 for q in pred):
            cat, k = FN[0], None
        elif any(kept[k] for k in good):
            cat, k = FN[1], next(k for k in good if kept[k])
        elif good:
            k = max(good, key=lambda k: prob[k])
            cat = FN[3] if all(found[j].reason.weak for j in good) else FN[2]
        elif any(o > 0 for o, _ in near):
            cat, k = FN[4], max(near)[1]
        else:
            cat, k = FN[5], None
        why = found[k].explain() if k is not None else ""
        extra = {"p": round(float(prob[k]), 3)} if k is not None else {}
        extra["nearest"] = _nearest(text, gq.span, found, prob, kept, ov)
        rows.append(record("fn", cat, g["quotes"][gi], gq.type, why, **extra))
    for pi, pq in enumerate(pred):
        if pi in p_used:
            continue
        best = max((ov(gq.span, pq.span) for gq in gold), default=0.0)
        raw = p["quotes"][pi]
        if best >= 0.3:
            cat = FP[0]
        elif best > 0:
            cat = FP[1]
        elif pq.type == "direct":
            cat = FP[2] if not pq.cue else FP[3]
        else:
            cat = FP[4] if not pq.cue else FP[5]
        rows.append(record("fp", cat, raw, pq.type, raw.get("explain", ""), overlap=round(best, 2)))
    return rows


def _nearest(
    text: str, span: tuple[int, int] | None, found: list[Any], prob: np.ndarray, kept: np.ndarray, ov: Any
) -> dict[str, Any] | None:
    """The candidate nearest a missed gold quote: the most overlapping one, else the closest in characters
    (what the rules found there, its reason and the scorer's decision: the place to look)."""
    if span is None or not found:
        return None

    def distance(c: Any) -> int:
        return max(0, c.start - span[1], span[0] - c.end)

    k = max(range(len(found)), key=lambda j: (ov(span, (found[j].start, found[j].end)), -distance(found[j])))
    c = found[k]
    return {
        "text": text[c.start : c.end][:120], "start": c.start, "end": c.end, "kind": c.kind,
        "frame": frame(c.explain()), "overlap": round(ov(span, (c.start, c.end)), 2),
        "distance": distance(c), "p": round(float(prob[k]), 3), "kept": bool(kept[k]),
    }  # fmt: skip


def render(figures: dict[str, Any]) -> str:
    lines = []
    for name, f in figures["files"].items():
        lines.append(f"== {name} (grouped CV, {figures['threshold_rule']} rule; overlap 0.3)")
        for t, b in f["by_type"].items():
            pr = " ".join(
                f"{k} {b[k]:.3f}" if b[k] is not None else f"{k}  n/a" for k in ("precision", "recall")
            )
            lines.append(f"  {t:<9} gold {b['n_gold']:>3} pred {b['n_pred']:>3}  {pr}")
        for side, title in (("false_negatives", "false negatives"), ("false_positives", "false positives")):
            lines.append(f"  {title}: {sum(c['n'] for c in f[side].values())}")
            for cat, c in f[side].items():
                types = ", ".join(f"{k} {v}" for k, v in sorted(c["by_type"].items()))
                lines.append(f"    {c['n']:>3}  {cat}  ({types})")
                for fr, n in list(c["by_frame"].items())[:6]:
                    lines.append(f"           {n:>3}  {fr}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation (as bench.train_quotes)")
    parser.add_argument("--list", nargs="?", const="", default=None, help="print the errors (of CATEGORY)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each file")
    parser.add_argument("--out", default=None, help="result file (default bench/results/quote_errors.json)")
    args = parser.parse_args(argv)
    figures = analyse(args.c, args.limit)
    print(render(figures))
    if args.list is not None:
        for r in figures["errors"]:
            if args.list in r["category"]:
                print(f"[{r['file']} {r['side']} {r['category']} | {r['type']} | {r['frame']}] {r['text']!r}")
                print(f"    … {r['context']}")
                if r.get("nearest"):
                    n = r["nearest"]
                    kept = "kept" if n["kept"] else "dropped"
                    where = f"overlap {n['overlap']}, {n['distance']} chars away, p={n['p']} {kept}"
                    print(f"    nearest candidate ({n['frame']}, {where}): {n['text']!r}")
    print(f"written: {write_result('quote_errors', figures, args.out)}")


if __name__ == "__main__":
    main()
