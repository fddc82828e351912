"""Gradient-boosted trees flattened into arrays, evaluated with numpy (no scikit-learn at run time).

``bench/train_cleaner.py`` fits scikit-learn's HistGradientBoostingClassifier and exports its trees
here: every node of every tree in one set of arrays (feature, threshold, child, value), numbered
breadth-first so that a node's two children are adjacent (right = left + 1: one gather fewer per
step). A leaf points to itself with an infinite threshold, so walking all trees for all rows at
once is ``depth`` rounds of gathers, whatever each tree's shape.

Only the columns some node tests are read (``used``; the shipped trees test 58 of 82), in blocks
of ``CHUNK`` rows: a block's columns (under 1 MB) stay in the CPU cache while the gathers jump
between them, which made the walk about twice as fast as one pass over the whole batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from guillemets.errors import CleanError

# Rows walked together: 58 used columns × 2,048 rows of float64 fit a 2 MB L2 cache. Measured on the
# DEV batches (CPU time, the shipped trees): 512 rows 0.30, 2,048 0.24, 8,192 0.34, all rows 0.44 ms/page.
CHUNK = 2048


@dataclass(frozen=True, slots=True)
class Trees:
    """log-odds = baseline + Σ over trees of the value of the leaf each row falls into."""

    names: tuple[str, ...]
    baseline: float
    roots: np.ndarray  # (trees,) node index of each tree's root
    feature: np.ndarray  # (nodes,) column tested at the node (0 at leaves)
    threshold: np.ndarray  # (nodes,) go to left + 1 if x > threshold, else left (+inf at leaves)
    left: np.ndarray  # (nodes,) left child (the right one is left + 1); a leaf's is itself
    value: np.ndarray  # (nodes,) leaf value (0 at inner nodes)
    depth: int  # longest root-to-leaf path
    used: np.ndarray = field(init=False)  # the columns of ``names`` some node tests, ascending
    local: np.ndarray = field(init=False)  # (nodes,) the tested column's index in ``used``

    def __post_init__(self) -> None:
        inner = np.isfinite(self.threshold)
        used = np.unique(self.feature[inner]).astype(np.intp)
        local = np.zeros(len(self.names), dtype=np.int32)
        local[used] = np.arange(len(used), dtype=np.int32)
        object.__setattr__(self, "used", used)
        object.__setattr__(self, "local", np.where(inner, local[self.feature], 0).astype(np.int32))

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Log-odds per row of ``x`` (rows × names), all trees walked together."""
        return self.logits_of_columns(np.ascontiguousarray(x[:, self.used].T))

    def logits_of_columns(self, cols: np.ndarray) -> np.ndarray:
        """Log-odds per row, from the ``used`` columns only, one per row of ``cols`` (used × rows)."""
        n = cols.shape[1]
        if n == 0 or len(self.roots) == 0 or len(self.used) == 0:
            return np.full(n, self.baseline + float(self.value[self.roots].sum()))
        out = np.empty(n)
        for start in range(0, n, CHUNK):
            out[start : start + CHUNK] = self._walk(np.ascontiguousarray(cols[:, start : start + CHUNK]))
        return out

    def _walk(self, cols: np.ndarray) -> np.ndarray:
        n = cols.shape[1]
        flat = cols.ravel()  # column f of row r at f * n + r
        row = np.arange(n, dtype=np.int32)  # int32: half the memory of intp, measured faster
        at_column = self.local * np.int32(n)
        # The first step is the same for every row of a tree: one comparison per (tree, row).
        node = self.left[self.roots][:, None] + (
            cols[self.local[self.roots]] > self.threshold[self.roots][:, None]
        )
        for _ in range(self.depth - 1):  # np.take: faster than fancy indexing for flat gathers
            at = np.take(at_column, node)
            at += row
            node = np.take(self.left, node) + (np.take(flat, at) > np.take(self.threshold, node))
        return np.asarray(np.take(self.value, node).sum(axis=0) + self.baseline)

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.names), "baseline": round(self.baseline, 9), "depth": self.depth,
            "roots": self.roots.tolist(), "feature": self.feature.tolist(),
            "threshold": [None if not np.isfinite(t) else float(t) for t in self.threshold],
            "left": self.left.tolist(),
            "value": [round(float(v), 9) for v in self.value],
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any], names: tuple[str, ...]) -> Trees:
        thr = np.array([np.inf if t is None else t for t in d["threshold"]], dtype=np.float64)
        ints = [np.asarray(d[k], dtype=np.int32) for k in ("roots", "feature", "left")]
        value = np.asarray(d["value"], dtype=np.float64)
        trees = cls(
            tuple(d["features"]), float(d["baseline"]), ints[0], ints[1], thr, ints[2], value, int(d["depth"])
        )
        return trees.widened(names)

    def widened(self, names: tuple[str, ...]) -> Trees:
        """The same trees over ``names`` (a superset of theirs), their columns found by name."""
        if self.names == names:
            return self
        feature = columns_of(self.names, names)[self.feature].astype(np.int32)
        return Trees(
            names, self.baseline, self.roots, feature, self.threshold, self.left, self.value, self.depth
        )


def columns_of(trained: tuple[str, ...] | list[str], names: tuple[str, ...]) -> np.ndarray:
    """Where each feature a weights file was trained on sits in ``names``: a file trained on fewer
    features than the code computes (an older set) still loads, the others weighing nothing."""
    missing = [f for f in trained if f not in names]
    if missing:
        raise CleanError(
            f"classifier weights read features the code lacks ({', '.join(missing[:3])}); "
            "rerun: python -m bench.train_cleaner"
        )
    index = {f: i for i, f in enumerate(names)}
    return np.asarray([index[f] for f in trained], dtype=np.intp)


def from_sklearn(model: Any, names: tuple[str, ...]) -> Trees:
    """Flatten a fitted binary HistGradientBoostingClassifier (numeric features, no missing values)."""
    parts = [_breadth_first(predictor.nodes) for (predictor,) in model._predictors]
    if not parts:
        raise CleanError("no trees to export")
    sizes = np.array([len(p[0]) for p in parts])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    left = np.concatenate([p[2] + off for p, off in zip(parts, offsets, strict=True)])
    feature, threshold, value = (np.concatenate([p[i] for p in parts]) for i in (0, 1, 3))
    depth = max(p[4] for p in parts)
    baseline = float(np.ravel(model._baseline_prediction)[0])
    roots, feature, left = (a.astype(np.int32) for a in (offsets, feature, left))
    return Trees(names, baseline, roots, feature, threshold.astype(np.float64), left,
                 value.astype(np.float64), depth)  # fmt: skip


def _breadth_first(nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """One tree's (feature, threshold, left, value, depth), renumbered so that siblings are adjacent."""
    order, new = [0], {0: 0}
    for old in order:  # grows while walked: breadth-first
        if not nodes["is_leaf"][old]:
            for child in (int(nodes["left"][old]), int(nodes["right"][old])):
                new[child] = len(order)
                order.append(child)
    sel = nodes[order]
    leaf = sel["is_leaf"].astype(bool)
    own = np.arange(len(order))
    left = np.array([own[i] if leaf[i] else new[int(sel["left"][i])] for i in range(len(order))])
    feature = np.where(leaf, 0, sel["feature_idx"])
    threshold = np.where(leaf, np.inf, sel["num_threshold"])
    return feature, threshold, left, np.where(leaf, sel["value"], 0.0), int(sel["depth"].max())
