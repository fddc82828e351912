"""Train the English attribution scorer on PolNeAR TRAIN; write src/guillemets/data/en/attribution.json.

Each parse candidate (guillemets.attribution.candidates) is labelled 1 when, as a Quote, it
matches a gold quote the way the shared scorer's headline counts it: content token overlap >= 0.3
and a right speaker (both null, or spans sharing a token). A logistic regression on the dense
features (guillemets.attribution.features) learns the probability; the decision threshold and the
duplicate overlap come from the grouped cross-validation of bench/quotes_en.py.

    python -m bench.train_attribution_en [--threshold T] [--max-overlap O]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from guillemets.attribution.candidates import Candidate, CandidateFinder
from guillemets.attribution.en import EnglishAttributor, Weights, to_quote
from guillemets.attribution.features import NAMES, featurize
from guillemets.attribution.lexicon import CueLexicon
from guillemets.attribution.marks import Marks

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/guillemets/data/en/attribution.json"
SCORER = Path("/work/shared/bench/quotes/score.py")
VERSION = "1"
C = 1.0  # inverse L2 strength; the features are few and dense, so the default is fine


def scorer() -> Any:
    """The shared scorer module (standard library only), imported from its file."""
    spec = importlib.util.spec_from_file_location("quote_score", SCORER)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def label(sc: Any, art: Any, gold: list[dict[str, Any]], q: dict[str, Any]) -> int:
    """1 if the predicted quote matches some gold quote at 0.3 with a right speaker."""
    for g in gold:
        if sc.overlap(art, (g["start"], g["end"]), (q["start"], q["end"])) < 0.3:
            continue
        gs, ps = g.get("speaker"), q.get("speaker")
        if gs is None and ps is None:
            return 1
        if (
            gs is not None
            and ps is not None
            and sc.spans_touch(art, (gs["start"], gs["end"]), (ps["start"], ps["end"]))
        ):
            return 1
    return 0


def examples(
    gold: list[dict[str, Any]], docs: list[Doc], lexicon: CueLexicon
) -> tuple[np.ndarray, np.ndarray, list[list[Candidate]]]:
    """Feature matrix, labels, and the candidates of each article (rows in the same order)."""
    sc = scorer()
    finder = CandidateFinder(lexicon)
    xs: list[list[float]] = []
    ys: list[int] = []
    per_doc: list[list[Candidate]] = []
    for article, doc in zip(gold, docs, strict=True):
        marks = Marks.of(doc.text)
        art = sc.Article(marks.text)
        cands = finder(doc, marks)
        per_doc.append(cands)
        for c in cands:
            xs.append(featurize(doc, c, finder, marks))
            ys.append(label(sc, art, article["quotes"], to_quote(doc, c, marks).to_dict()))
    return np.array(xs, dtype=float).reshape(-1, len(NAMES)), np.array(ys, dtype=int), per_doc


def fit(x: np.ndarray, y: np.ndarray, threshold: float, max_overlap: float) -> Weights:
    """A standardised L2 logistic regression, as plain numbers."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit((x - mean) / scale, y)
    return Weights(
        VERSION,
        NAMES,
        tuple(float(v) for v in mean),
        tuple(float(v) for v in scale),
        tuple(float(v) for v in model.coef_[0]),
        float(model.intercept_[0]),
        threshold,
        max_overlap,
    )


def main() -> None:
    from bench.en_parse import load
    from guillemets.attribution.lexicon import load_cues

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--max-overlap", type=float, default=0.5)
    args = ap.parse_args()
    gold, docs = load("train")
    x, y, _ = examples(gold, docs, load_cues())
    weights = fit(x, y, args.threshold, args.max_overlap)
    OUT.write_text(json.dumps(weights.to_dict(), indent=1) + "\n", encoding="utf-8")
    EnglishAttributor(load_cues(), weights)  # the weights load back
    print(f"{OUT}: {len(y)} candidates, {int(y.sum())} positive")


if __name__ == "__main__":
    main()
