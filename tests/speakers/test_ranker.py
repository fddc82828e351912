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
