"""The sixth round's choice of the quote scorer's C (``bench.train_quotes.choose_c``), on invented data."""

from __future__ import annotations

from typing import Any

import numpy as np


def _data(rows: list[np.ndarray], labels: list[np.ndarray]) -> dict[str, Any]:
    """One article per outlet: the inner leave-one-outlet-out is leave-one-article-out."""
    return {"golds": [{"_group": f"outlet{i}"} for i in range(len(rows))], "rows": rows, "labels": labels}


def test_noise_features_choose_the_strongest_regularisation() -> None:
    from bench.train_quotes import choose_c

    rng = np.random.default_rng(7)
    rows = [np.column_stack([np.ones(40), rng.normal(size=(40, 3))]) for _ in range(4)]
    labels = [np.tile([0.0, 1.0], 20) for _ in range(4)]  # no feature says anything about them
    best, losses = choose_c(_data(rows, labels), [0, 1, 2, 3])
    assert best == 0.1
    assert losses[0.1] < losses[1.0] < losses[10.0]


def test_a_separating_feature_chooses_the_weakest_regularisation() -> None:
    from bench.train_quotes import choose_c

    x = np.tile([-2.0, -1.0, 1.0, 2.0], 5)
    rows = [np.column_stack([np.ones(20), x]) for _ in range(3)]
    labels = [(x > 0).astype(float) for _ in range(3)]
    best, losses = choose_c(_data(rows, labels), [0, 1, 2])
    assert best == 10.0
    assert losses[10.0] < losses[1.0] < losses[0.1]


def test_a_tie_goes_to_the_value_nearest_one() -> None:
    from bench.train_quotes import C_GRID, choose_c, log_loss

    rows = [np.zeros((6, 2)) for _ in range(3)]  # every model predicts 0.5, whatever its C
    labels = [np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0]) for _ in range(3)]
    best, losses = choose_c(_data(rows, labels), [0, 1, 2])
    assert best == 1.0
    assert set(losses) == set(C_GRID)
    assert np.isclose(losses[0.1], log_loss(np.full(6, 0.5), labels[0]))
    # only the articles asked for are used: a tie among the first two as well
    assert choose_c(_data(rows, labels), [0, 1])[0] == 1.0
