from __future__ import annotations

import numpy as np
import pytest

from guillemets.clean.classify import CONTEXT, Linear, LineModel, score_context
from guillemets.clean.features import FEATURES, LINE_FEATURES, expand
from guillemets.clean.trees import Trees, from_sklearn
from guillemets.clean.window import PageRows
from guillemets.errors import CleanError

sklearn_ensemble = pytest.importorskip("sklearn.ensemble")


def _fitted(n_features: int = 6, seed: int = 0) -> tuple[object, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(3000, n_features))
    y = ((x[:, 0] + x[:, 1] ** 2 - x[:, 2] * x[:, 3] + rng.normal(scale=0.5, size=3000)) > 0.5).astype(int)
    model = sklearn_ensemble.HistGradientBoostingClassifier(
        max_iter=25, max_leaf_nodes=9, max_depth=4, min_samples_leaf=20, early_stopping=False, random_state=0
    )
    return model.fit(x, y), rng.normal(size=(500, n_features))


def test_flattened_trees_give_scikit_learns_log_odds() -> None:
    model, x = _fitted()
    trees = from_sklearn(model, tuple("abcdef"))
    assert len(trees.roots) == 25 and trees.depth <= 4
    assert np.allclose(trees.logits(x), model.decision_function(x), atol=1e-9)  # type: ignore[attr-defined]


def test_siblings_are_adjacent_and_leaves_point_to_themselves() -> None:
    trees = from_sklearn(_fitted()[0], tuple("abcdef"))
    leaf = np.isinf(trees.threshold)
    assert np.array_equal(trees.left[leaf], np.flatnonzero(leaf))
    inner = np.flatnonzero(~leaf)
    assert (trees.left[inner] > inner).all() and (trees.value[inner] == 0).all()


def test_trees_round_trip_through_their_dict() -> None:
    model, x = _fitted()
    trees = from_sklearn(model, tuple("abcdef"))
    again = Trees.from_dict(trees.to_dict(), tuple("abcdef"))
    assert np.allclose(again.logits(x), trees.logits(x), atol=1e-6)
    with pytest.raises(CleanError, match="train_cleaner"):
        Trees.from_dict(trees.to_dict(), tuple("abcdeg"))
    assert again.logits(np.zeros((0, 6))).shape == (0,)


def test_line_model_with_tree_stage_scores_each_page_alone() -> None:
    rng = np.random.default_rng(1)
    names = (*FEATURES, *CONTEXT)
    model, _ = _fitted(len(names), seed=1)
    first = Linear(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)),
                   rng.normal(size=len(FEATURES)), 0.1)  # fmt: skip
    line_model = LineModel("test", first, from_sklearn(model, names))
    base = rng.normal(size=(9, len(LINE_FEATURES)))
    rows = PageRows(np.array([0, 4, 9]))
    z = line_model.logits(base, rows)
    x = expand(base, rows)
    expected = model.decision_function(np.hstack([x, score_context(first.logits(x), rows)]))  # type: ignore[attr-defined]
    assert np.allclose(z, expected, atol=1e-9)
    alone = line_model.logits(base[4:], PageRows(np.array([0, 5])))
    assert np.allclose(z[4:], alone, atol=1e-9)
    assert np.allclose(LineModel.from_dict(line_model.to_dict()).logits(base, rows), z, atol=1e-5)


def test_walk_in_blocks_and_on_the_tested_columns_only_gives_the_same_log_odds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from guillemets.clean import trees as trees_module

    model, x = _fitted(n_features=8, seed=2)
    trees = from_sklearn(model, tuple("abcdefgh"))
    whole = trees.logits(x)
    monkeypatch.setattr(trees_module, "CHUNK", 7)  # 500 rows: 72 blocks, the last one short
    assert np.array_equal(trees.logits(x), whole)
    assert np.allclose(whole, model.decision_function(x), atol=1e-9)  # type: ignore[attr-defined]
    assert set(trees.used.tolist()) <= set(range(8))
    assert np.array_equal(trees.logits_of_columns(np.ascontiguousarray(x[:, trees.used].T)), whole)


def test_trees_of_fifteen_leaves_score_like_scikit_learn_on_any_number_of_rows() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, 5))
    y = (np.sin(3 * x[:, 0]) + x[:, 1] * x[:, 2] + rng.normal(scale=0.3, size=4000) > 0).astype(int)
    model = sklearn_ensemble.HistGradientBoostingClassifier(
        max_iter=12, max_leaf_nodes=15, max_depth=5, min_samples_leaf=10, early_stopping=False, random_state=0
    ).fit(x, y)
    trees = from_sklearn(model, tuple("abcde"))
    splits = np.diff(np.append(trees.roots, len(trees.left))) // 2  # a tree of k leaves has k - 1 splits
    assert splits.max() == 14
    for n in (1, 7, 8, 9, 333):  # rows that fill whole 8-byte words of outcomes or not
        sample = rng.normal(size=(n, 5))
        assert np.allclose(trees.logits(sample), model.decision_function(sample), atol=1e-9)


def test_a_tree_with_more_splits_than_a_code_holds_is_refused() -> None:
    model = sklearn_ensemble.HistGradientBoostingClassifier(
        max_iter=2, max_leaf_nodes=40, min_samples_leaf=5, early_stopping=False, random_state=0
    )
    rng = np.random.default_rng(4)
    x = rng.normal(size=(3000, 3))
    trees = from_sklearn(model.fit(x, (x.sum(axis=1) + rng.normal(size=3000) > 0).astype(int)), tuple("abc"))
    with pytest.raises(CleanError, match="more than 16"):
        trees.logits(x[:5])


def test_a_tree_that_is_one_leaf_adds_its_value_to_every_row() -> None:
    inf = np.inf
    trees = Trees(
        ("a", "b"), 0.25,
        roots=np.array([0, 1], dtype=np.int32),  # tree 0: one leaf; tree 1: one split on "b" at 0.5
        feature=np.array([0, 1, 0, 0], dtype=np.int32),
        threshold=np.array([inf, 0.5, inf, inf]),
        left=np.array([0, 2, 2, 3], dtype=np.int32),
        value=np.array([1.0, 0.0, -2.0, 3.0]),
        depth=1,
    )  # fmt: skip
    x = np.array([[9.0, 0.0], [9.0, 0.5], [-9.0, 0.75]])
    assert trees.logits(x).tolist() == [0.25 + 1.0 - 2.0, 0.25 + 1.0 - 2.0, 0.25 + 1.0 + 3.0]


def test_a_weights_file_with_trees_out_of_order_is_refused_with_a_clear_error() -> None:
    trees = from_sklearn(_fitted()[0], tuple("abcdef"))
    broken = trees.to_dict()
    broken["roots"] = list(reversed(broken["roots"]))  # a hand-edited or corrupted file
    with pytest.raises(CleanError, match="tree after tree"):
        Trees.from_dict(broken, tuple("abcdef")).logits(np.zeros((3, 6)))
