"""Train the quote scorer on French DEV + press DEV, and estimate it by leave-one-outlet-out CV.

python -m bench.train_quotes [--c C | --choose-c] [--no-write] [--out FILE]

Every candidate the rules generate (``QuoteFinder.candidates``, weak candidates included) is one
example: its features (``guillemets.quotes.scorer.FEATURES``), labelled 1 when it overlaps a gold quote
at 0.3 or more (the shared scorer's ``overlap``). A logistic regression (scikit-learn, at training time
only) weighs them; weights and threshold go to ``src/guillemets/data/fr/quote_scorer.json``.

The estimate: for each outlet (the CV group, ``bench.quotes.outlet``), a model trained on all other
outlets scores that outlet's candidates; its threshold is chosen inside the fold, by an inner
leave-one-outlet-out CV over the training outlets: since the fifth round (``THRESHOLD_RULE = "median"``)
the median of each training outlet's own best threshold (candidate-level quote F1 of its inner
out-of-fold probabilities) over a coarse grid 0.25 … 0.45; the fourth round's rule (``pooled``: the
fine grid's best on the pooled inner probabilities) is reported beside it. Kept candidates go
through the component's speaker resolution as usual; the pooled predictions are scored beside the
rules alone (no weak candidates, no scorer) and, for reference only, beside a threshold of 0.5
fixed beforehand.
C is 1.0 unless forced (``--c``); ``--choose-c`` chooses it from ``C_GRID`` in each fold by the inner
leave-one-outlet-out log-loss (``choose_c``; docs/quotes.md, "Sixth round: regularisation chosen by the
data": tried, not kept as the default, since it chose 1.0 everywhere).
Deterministic: the solver is lbfgs with no randomness; the data files' hashes are recorded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from typing import Any

import numpy as np

from bench.common import ROOT, write_result
from bench.quotes import FILES, load_scorer, outlet, parsed_docs, read_gold, report

WEIGHTS = ROOT / "src" / "guillemets" / "data" / "fr" / "quote_scorer.json"
GRID = tuple(round(0.05 * k, 2) for k in range(2, 16))  # the fourth round's grid ("pooled"): 0.10 … 0.75
COARSE = (0.25, 0.30, 0.35, 0.40, 0.45)  # the fifth round's grid ("median"), declared in docs/quotes.md
THRESHOLD_RULES = ("median", "pooled")
THRESHOLD_RULE = "median"  # the rule the estimate and the shipped threshold use
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)  # the sixth round's grid for C, declared in docs/quotes.md


def rules_finder() -> Any:
    """The quote component as the factory builds it, without the quote scorer: the shipped weights
    file may be stale (a new feature), and training must not need it."""
    from guillemets.quotes.component import QuoteFinder
    from guillemets.rules import load_profile
    from guillemets.speakers.ranker import Ranker
    from guillemets.speakers.resolver import RuleResolver

    rules = load_profile("fr").without_scorer()
    ranker = Ranker.from_weights(rules.ranker) if rules.ranker is not None else None
    return QuoteFinder(rules, RuleResolver(rules), ranker=ranker)


def candidate_data(limit: int | None = None) -> dict[str, Any]:
    """Gold articles (with ``_group`` and ``_file``), their Docs, candidates, features and labels."""
    from guillemets.quotes.scorer import features

    scorer = load_scorer()
    finder = rules_finder()
    golds, docs = [], []
    for name in ("dev", "press"):
        gold = read_gold(FILES[name], limit)
        for g in gold:
            g["_group"], g["_file"] = outlet(g.get("source", "")), name
        golds += gold
        docs += parsed_docs(gold)
    cands, rows, labels = [], [], []
    for g, doc in zip(golds, docs, strict=True):
        found, pairs, inside = finder.candidates(doc, weak=True)
        art = scorer.Article(g["text"])
        spans = [(q["start"], q["end"]) for q in g["quotes"]]
        cands.append((found, inside))
        rows.append(features(doc, found, pairs))
        labels.append(
            np.asarray(
                [any(scorer.overlap(art, s, (q.start, q.end)) >= 0.3 for s in spans) for q in found], float
            )
        )
    data = {"golds": golds, "docs": docs, "cands": cands, "rows": rows, "labels": labels, "finder": finder}
    data["attributed"] = attributed_labels(scorer, data)
    return data


def attributed_labels(scorer: Any, data: dict[str, Any]) -> list[np.ndarray]:
    """Per candidate: 1 when, with every candidate kept, its quote matches a gold quote at 0.3 and its
    speaker passes the scorer's attribution rule (the headline's true positive)."""
    preds = predictions(data, lambda i: np.ones(len(data["cands"][i][0]), bool))
    out = []
    for i, (g, p) in enumerate(zip(data["golds"], preds, strict=True)):
        art, n = scorer.Article(g["text"]), len(g["text"])
        gold = [scorer.Q(q, n, lambda _: None, "gold") for q in g["quotes"]]
        pred = [scorer.Q(q, n, lambda _: None, "pred") for q in p["quotes"]]
        good = [
            any(
                x.span is not None
                and q.span is not None
                and scorer.overlap(art, x.span, q.span) >= 0.3
                and scorer.judge_pair(art, x, q)["speaker"]
                for x in gold
            )
            for q in pred
        ]
        labels = []
        for c in data["cands"][i][0]:
            best = max(
                range(len(pred)),
                key=lambda k: scorer.overlap(art, pred[k].span, (c.start, c.end)) if pred[k].span else 0.0,
                default=None,
            )
            labels.append(float(best is not None and good[best]))
        out.append(np.asarray(labels))
    return out


def fit(x: np.ndarray, y: np.ndarray, c: float) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(x, y)
    return np.asarray(model.coef_[0])


def prob(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w))) if len(x) else np.zeros(0)


def best_threshold(p: np.ndarray, y: np.ndarray, gold: int) -> float:
    """The grid threshold maximising the candidate-level quote F1 (kept positives against gold quotes)."""

    def f1(t: float) -> float:
        kept = p >= t
        return 2 * float((y[kept]).sum()) / (int(kept.sum()) + gold) if kept.any() else 0.0

    return max(GRID, key=lambda t: (f1(t), -abs(t - 0.5)))


def outlet_threshold(p: np.ndarray, y: np.ndarray, gold: int) -> float:
    """The coarse-grid threshold maximising one outlet's candidate-level quote F1; ties go to the
    value nearest the middle of the grid."""
    mid = COARSE[len(COARSE) // 2]

    def f1(t: float) -> float:
        kept = p >= t
        return 2 * float((y[kept]).sum()) / (int(kept.sum()) + gold) if kept.any() and gold else 0.0

    return max(COARSE, key=lambda t: (round(f1(t), 12), -abs(t - mid)))


def median_threshold(values: list[float]) -> float:
    """The median of per-outlet thresholds; for an even count the lower middle value (a grid value)."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def oof(data: dict[str, Any], arts: list[int], c: float) -> list[np.ndarray]:
    """Out-of-fold probabilities, per article of ``arts`` (leave one outlet out among them)."""
    golds, rows, labels = data["golds"], data["rows"], data["labels"]
    out = [np.zeros(0)] * len(golds)
    for group in sorted({golds[i]["_group"] for i in arts}):
        train = [i for i in arts if golds[i]["_group"] != group]
        w = fit(np.vstack([rows[i] for i in train]), np.concatenate([labels[i] for i in train]), c)
        for i in arts:
            if golds[i]["_group"] == group:
                out[i] = prob(rows[i], w)
    return out


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log-likelihood of labels ``y`` under probabilities ``p`` (clipped away from 0 and 1)."""
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))) if len(p) else 0.0


def choose_c(
    data: dict[str, Any], arts: list[int], grid: tuple[float, ...] = C_GRID
) -> tuple[float, dict[float, float]]:
    """The C of ``grid`` whose leave-one-outlet-out probabilities over the articles ``arts`` have the
    lowest pooled candidate-level log-loss (rounded to 9 places; ties go to the value nearest 1.0 on a
    log scale), and every grid value's log-loss."""
    y = np.concatenate([data["labels"][i] for i in arts])
    losses = {}
    for c in grid:
        probs = oof(data, arts, c)
        losses[c] = log_loss(np.concatenate([probs[i] for i in arts]), y)
    best = min(grid, key=lambda c: (round(losses[c], 9), abs(np.log(c))))
    return best, losses


def thresholds_for(data: dict[str, Any], arts: list[int], c: float) -> dict[str, float]:
    """The threshold of each rule (``THRESHOLD_RULES``) chosen by leave-one-outlet-out CV over the
    articles ``arts`` only: ``pooled``, the fine grid's best on the pooled out-of-fold probabilities
    (the fourth round's); ``median``, the median of each outlet's own best on the coarse grid."""
    golds, labels = data["golds"], data["labels"]
    probs = oof(data, arts, c)
    y = np.concatenate([labels[i] for i in arts])
    gold = sum(len(golds[i]["quotes"]) for i in arts)
    pooled = best_threshold(np.concatenate([probs[i] for i in arts]), y, gold)
    per_outlet = []
    for group in sorted({golds[i]["_group"] for i in arts}):
        mine = [i for i in arts if golds[i]["_group"] == group]
        per_outlet.append(
            outlet_threshold(
                np.concatenate([probs[i] for i in mine]),
                np.concatenate([labels[i] for i in mine]),
                sum(len(golds[i]["quotes"]) for i in mine),
            )
        )
    return {"pooled": pooled, "median": median_threshold(per_outlet)}


def predictions(data: dict[str, Any], keep_for: Any, explain: bool = False) -> list[dict[str, Any]]:
    """Scorer-format predictions: article i keeps the candidates ``keep_for(i)`` marks; speakers named.
    With ``explain`` each quote also carries its ``--explain`` line (key ``explain``, which the scorer
    ignores)."""
    from guillemets.convert import explained_quotes
    from guillemets.quotes.component import Matches

    finder, out = data["finder"], []
    for i, (g, doc) in enumerate(zip(data["golds"], data["docs"], strict=True)):
        found, inside = data["cands"][i]
        keep = keep_for(i)
        matches = Matches([q for q, k in zip(found, keep, strict=True) if k], inside)
        finder.set_annotations(doc, matches, finder.resolve(doc, matches))
        quotes = [q.to_dict() | ({"explain": why} if explain else {}) for q, why in explained_quotes(doc)]
        out.append({"id": g["id"], "quotes": quotes})
    return out


def grouped_probabilities(
    data: dict[str, Any],
    c: float | None = 1.0,
    fold_c: dict[str, float] | None = None,
    fold_losses: dict[str, dict[float, float]] | None = None,
) -> tuple[list[np.ndarray], dict[str, dict[str, float]]]:
    """Out-of-fold probabilities of every article's candidates (a model fit on the other outlets) and
    each outlet's fold threshold under every rule (``THRESHOLD_RULES``): the grouped estimate's decisions.
    ``c`` None: each fold's C is chosen on its training outlets (``choose_c``) and recorded in ``fold_c``,
    the grid's inner log-losses in ``fold_losses``."""
    golds, rows, labels = data["golds"], data["rows"], data["labels"]
    everything = list(range(len(golds)))
    probs: list[np.ndarray] = [np.zeros(0)] * len(golds)
    thresholds: dict[str, dict[str, float]] = {rule: {} for rule in THRESHOLD_RULES}
    fold_c = {} if fold_c is None else fold_c
    fold_losses = {} if fold_losses is None else fold_losses
    for group in sorted({g["_group"] for g in golds}):
        train = [i for i in everything if golds[i]["_group"] != group]
        if c is None:
            chosen, fold_losses[group] = choose_c(data, train)
        else:
            chosen = c
        fold_c[group] = chosen
        w = fit(np.vstack([rows[i] for i in train]), np.concatenate([labels[i] for i in train]), chosen)
        for rule, t in thresholds_for(data, train, chosen).items():
            thresholds[rule][group] = t
        for i in everything:
            if golds[i]["_group"] == group:
                probs[i] = prob(rows[i], w)
    return probs, thresholds


def estimate(
    c: float | None = 1.0, limit: int | None = None, label: str = "attributed"
) -> tuple[dict[str, Any], np.ndarray, float]:
    """Rules alone, the grouped-CV estimate (nested threshold), and the model fit on everything.
    ``c`` None: C chosen by ``choose_c`` in each fold, and over all outlets for the shipped model."""
    from guillemets.quotes.scorer import FEATURES

    data = candidate_data(limit)
    if label == "attributed":
        data["labels"] = data["attributed"]
    scorer, golds, rows, labels = load_scorer(), data["golds"], data["rows"], data["labels"]
    weak = [np.asarray([q.reason.weak for q in found], bool) for found, _ in data["cands"]]
    groups = sorted({g["_group"] for g in golds})
    everything = list(range(len(golds)))
    fold_c: dict[str, float] = {}
    fold_losses: dict[str, dict[float, float]] = {}
    probs, thresholds = grouped_probabilities(data, c, fold_c, fold_losses)
    c_losses = None
    if c is None:
        c, c_losses = choose_c(data, everything)
    full = fit(np.vstack(rows), np.concatenate(labels), c)
    shipped = thresholds_for(data, everything, c)
    threshold = shipped[THRESHOLD_RULE]
    y = np.concatenate(labels)
    other = next(r for r in THRESHOLD_RULES if r != THRESHOLD_RULE)

    def grouped(rule: str) -> dict[str, Any]:
        return report(
            scorer, golds, predictions(data, lambda i: probs[i] >= thresholds[rule][golds[i]["_group"]])
        )

    figures = {
        "candidates": len(y),
        "positives": int(y.sum()),
        "weak_candidates": int(sum(int(w.sum()) for w in weak)),
        "weak_positives": int(sum(float(labels[i][weak[i]].sum()) for i in everything)),
        "groups": groups,
        "threshold_rule": THRESHOLD_RULE,
        "fold_thresholds": thresholds[THRESHOLD_RULE],
        f"fold_thresholds_{other}": thresholds[other],
        "rules": report(scorer, golds, predictions(data, lambda i: ~weak[i])),
        "grouped_cv": grouped(THRESHOLD_RULE),
        f"grouped_cv_{other}": grouped(other),
        "grouped_cv_fixed_0.5": report(scorer, golds, predictions(data, lambda i: probs[i] >= 0.5)),
        "in_sample": report(scorer, golds, predictions(data, lambda i: prob(rows[i], full) >= threshold)),
        "threshold": threshold,
        f"threshold_{other}": shipped[other],
        "weights": dict(zip(FEATURES, [round(float(w), 4) for w in full], strict=True)),
        "c": c,
        "c_rule": "forced" if c_losses is None else "inner log-loss",
        "fold_c": fold_c,
        "c_log_loss": c_losses,
        "fold_c_log_loss": fold_losses or None,
        "label": label,
        "data_sha256": {n: hashlib.sha256(FILES[n].read_bytes()).hexdigest() for n in ("dev", "press")},
    }
    return figures, full, threshold


def joint_estimate(c: float = 1.0, limit: int | None = None) -> dict[str, Any]:
    """The honest joint estimate: for each outlet, the speaker ranker AND the quote scorer are both fit on
    the other outlets only, then decide that outlet's quotes and names; the pooled predictions are scored.

    Per fold: the ranker is refit (``bench.train_speakers.fit``, pointwise over every quote, with the
    shipped thresholds) on the training outlets' ranking examples; the scorer's attributed labels are
    recomputed with that ranker, the scorer refit on the training outlets, and its threshold chosen by the
    inner leave-one-outlet-out median rule on them. One leak remains, stated: the ranker's examples are
    the quotes the shipped scorer keeps (``bench.train_speakers.rule_docs``), as in its own estimate.
    """
    import dataclasses

    from bench.train_speakers import examples, rule_docs
    from bench.train_speakers import fit as fit_ranker

    scorer = load_scorer()
    data = candidate_data(limit)
    finder, golds = data["finder"], data["golds"]
    shipped = finder.ranker
    sgolds, sdocs = rule_docs(limit)
    if [g["id"] for g in sgolds] != [g["id"] for g in golds]:
        raise RuntimeError("the ranker's articles are not the scorer's: the two loaders disagree on order")
    ranking = [examples(scorer, g, d) for g, d in zip(sgolds, sdocs, strict=True)]
    everything = list(range(len(golds)))
    by_id: dict[str, dict[str, Any]] = {}
    fold_thresholds: dict[str, float] = {}
    try:
        for group in sorted({g["_group"] for g in golds}):
            train = [i for i in everything if golds[i]["_group"] != group]
            w = fit_ranker([r for i in train for r in ranking[i]], c, "pointwise")
            finder.ranker = None if w is None or shipped is None else dataclasses.replace(shipped, weights=w)
            data["labels"] = attributed_labels(scorer, data)
            rows, labels = data["rows"], data["labels"]
            model = fit(np.vstack([rows[i] for i in train]), np.concatenate([labels[i] for i in train]), c)
            t = fold_thresholds[group] = thresholds_for(data, train, c)[THRESHOLD_RULE]
            test = {golds[i]["id"] for i in everything if golds[i]["_group"] == group}
            keep = [
                prob(rows[i], model) >= t if golds[i]["id"] in test else np.zeros(len(rows[i]), bool)
                for i in everything
            ]
            preds = predictions(data, keep.__getitem__)
            by_id.update({p["id"]: p for p in preds if p["id"] in test})
    finally:
        finder.ranker = shipped
    return {
        "grouped_cv_joint": report(scorer, golds, [by_id[g["id"]] for g in golds]),
        "fold_thresholds_joint": fold_thresholds,
        "threshold_rule": THRESHOLD_RULE,
    }


def print_estimate(figures: dict[str, Any]) -> None:
    for kind in (
        "rules",
        "grouped_cv",
        *(f"grouped_cv_{r}" for r in THRESHOLD_RULES),
        "grouped_cv_joint",
        "grouped_cv_fixed_0.5",
        "in_sample",
    ):
        for name, h in figures.get(kind, {}).items():
            print(
                f"{kind:>20} {name:>5}: quote F1 {h['quote_f1']:.3f} · "
                f"speaker-name {h['speaker_name_acc']:.3f} · attributed F1 {h['attributed_f1']:.3f}  "
                f"(P {h['quote_p']:.3f} R {h['quote_r']:.3f}, {h['pred_quotes']} pred)"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--c",
        type=float,
        default=1.0,
        help="inverse regularisation of the logistic model (default 1.0)",
    )
    parser.add_argument(
        "--choose-c",
        action="store_true",
        help="choose C from C_GRID by inner leave-one-outlet-out log-loss (docs/quotes.md, sixth round)",
    )
    parser.add_argument(
        "--label",
        choices=("attributed", "quote"),
        default="attributed",
        help="positive: matched at 0.3 with a speaker the attribution rule accepts (default), or matched",
    )
    parser.add_argument("--no-write", action="store_true", help="only report; keep the weights file as it is")
    parser.add_argument(
        "--limit", type=int, default=None, help="first N articles of each file (implies --no-write)"
    )
    parser.add_argument(
        "--out", default=None, help="result file (default bench/results/quotes_scorer_cv.json)"
    )
    args = parser.parse_args(argv)
    figures, full, threshold = estimate(None if args.choose_c else args.c, args.limit, args.label)
    print_estimate(figures)
    shown = ("threshold", "fold_thresholds", "fold_c", "c_")
    for key in sorted(k for k in figures if k == "c" or k.startswith(shown)):
        print(f"{key}: {figures[key]}")
    if not args.no_write and args.limit is None:
        from guillemets.quotes.scorer import FEATURES

        data = {
            "version": "1",
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in full],
            "threshold": threshold,
            "trained_on": "fr-dev.jsonl + fr-press-dev.jsonl",
            "data_sha256": figures["data_sha256"],
            "c": figures["c"],
            "label": args.label,
            "candidates": figures["candidates"],
        }
        WEIGHTS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"weights: {WEIGHTS}")
    print(f"written: {write_result('quotes_scorer_cv', figures, args.out)}")


if __name__ == "__main__":
    main()
