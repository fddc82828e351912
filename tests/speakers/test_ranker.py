"""The speaker ranker: weights file contract and argmax choice (no model needed)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from guillemets.rules import load_profile
from guillemets.speakers.ranker import FEATURES, Candidate, Ranker


def test_shipped_weights_match_the_features() -> None:
    weights = load_profile("fr").ranker
    assert weights is not None
    ranker = Ranker.from_weights(weights)
    assert ranker is not None and ranker.weights.shape == (len(FEATURES),)
    assert ranker.weights[FEATURES.index("rule")] > 0  # the rules' choice is evidence, not noise


def test_weights_for_other_features_are_refused() -> None:
    text = json.dumps({"features": ["bias", "something_else"], "weights": [0.0, 1.0]})
    with pytest.raises(ValueError, match="retrain"):
        Ranker.from_json(text)


def test_best_is_the_highest_score() -> None:
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("previous_speaker")] = 2.0
    ranker = Ranker(weights, "test")
    row = [0.0] * len(FEATURES)
    prev = list(row)
    prev[FEATURES.index("previous_speaker")] = 1.0
    cands = [Candidate("Ana Ruiz", tuple(row)), Candidate("Léo Brun", tuple(prev))]
    assert ranker.best(cands).name == "Léo Brun"
    assert ranker.best([]) is None


def _ranker(feature: str, **thresholds: float) -> Ranker:
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index(feature)] = 1.0
    return Ranker(weights, "test", **thresholds)


def _candidate(name: str, feature: str, value: float, mention: object = None) -> Candidate:
    row = [0.0] * len(FEATURES)
    row[FEATURES.index(feature)] = value
    return Candidate(name, tuple(row), mention)  # type: ignore[arg-type]


def test_a_named_mention_is_overruled_only_past_the_margin() -> None:
    mention = object()  # choose() only asks whether the candidate has a mention to point at
    cands = [_candidate("Ana Ruiz", "apposed", 1.0, mention), _candidate("Léo Brun", "apposed", 2.5, mention)]
    assert _ranker("apposed").choose("name", "Ana Ruiz", cands) is None  # default: the rules' name stands
    assert _ranker("apposed", name_margin=2.0).choose("name", "Ana Ruiz", cands) is None
    chosen = _ranker("apposed", name_margin=1.0).choose("name", "Ana Ruiz", cands)
    assert chosen is not None and chosen.name == "Léo Brun"


def test_a_quote_without_speaker_gets_one_only_above_the_floor() -> None:
    mention = object()
    cands = [_candidate("Léo Brun", "apposed", 1.0, mention)]  # probability 0.73
    assert _ranker("apposed").choose("none", "", cands) is None  # default: never
    assert _ranker("apposed", missing_floor=0.8).choose("none", "", cands) is None
    assert _ranker("apposed", missing_floor=0.6).choose("none", "", cands) is not None


def test_an_unnamed_mention_is_named_only_above_its_floor() -> None:
    cands = [_candidate("Léo Brun", "apposed", -1.0)]  # probability 0.27
    assert _ranker("apposed").choose("description", "", cands) is not None  # default floor 0: always
    assert _ranker("apposed", unnamed_floor=0.5).choose("description", "", cands) is None


def test_thresholds_are_read_from_the_weights_file_and_null_means_never() -> None:
    text = json.dumps(
        {
            "features": list(FEATURES),
            "weights": [0.0] * len(FEATURES),
            "name_margin": 1.5,
            "missing_floor": None,
            "unnamed_floor": 0.25,
        }
    )
    ranker = Ranker.from_json(text)
    assert ranker.name_margin == 1.5 and ranker.missing_floor == float("inf") and ranker.unnamed_floor == 0.25
    assert not ranker.decides("none", "") and ranker.decides("name", "Ana Ruiz")
