"""Gradient-boosted trees flattened into arrays, evaluated with numpy (no scikit-learn at run time).

``bench/train_cleaner.py`` fits scikit-learn's HistGradientBoostingClassifier and exports its trees
here: every node of every tree in one set of arrays (feature, threshold, child, value), numbered
breadth-first so that a node's two children are adjacent (right = left + 1).

Evaluation does not walk the trees. A tree of at most ``SLOTS`` splits (the shipped ones have 15
leaves, so 14 splits) is a function of its splits' outcomes: each split is one comparison of a
column with a threshold, done for every row at once (contiguous, no gather), the outcomes of one
tree's splits are packed into a code (bit ``slot`` = whether the row goes right at that split),
and a table built once holds the tree's leaf value for every code. Walking the trees instead cost
``depth`` rounds of four gathers per (tree, row); the table is about twice as fast on the DEV
batches, and gives the same floats (the same comparisons, the same leaf values summed in the same
order).

Only the columns some split tests are read (``used``; the shipped trees test 58 of 82), in blocks
of ``CHUNK`` rows that stay in the CPU cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from guillemets.errors import CleanError

# Rows scored together. Measured on the DEV batches (CPU time, the shipped trees, best of 5):
# 1,024 rows 0.17, 2,048 0.18, 4,096 0.12, 8,192 0.12, 16,384 0.13 ms/page (walking: 0.21–0.23 at 2,048).
CHUNK = 4096
# Most splits a tree may have: its outcomes are packed into 16 bits, and its table holds 2^splits values.
SLOTS = 16
_RETRAIN = "rerun: python -m bench.train_cleaner"


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
    _codes: list[Codes] = field(init=False, repr=False, compare=False)  # built on first use

    def __post_init__(self) -> None:
        inner = np.isfinite(self.threshold)
        used = np.unique(self.feature[inner]).astype(np.intp)
        local = np.zeros(len(self.names), dtype=np.int32)
        local[used] = np.arange(len(used), dtype=np.int32)
        object.__setattr__(self, "used", used)
        object.__setattr__(self, "local", np.where(inner, local[self.feature], 0).astype(np.int32))
        object.__setattr__(self, "_codes", [])

    @property
    def codes(self) -> Codes:
        """The splits as comparisons and the trees as tables (``Codes``), built the first time."""
        if not self._codes:
            self._codes.append(Codes.of(self))
        return self._codes[0]

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Log-odds per row of ``x`` (rows × names), all trees walked together."""
        return self.logits_of_columns(np.ascontiguousarray(x[:, self.used].T))

    def logits_of_columns(self, cols: np.ndarray) -> np.ndarray:
        """Log-odds per row, from the ``used`` columns only, one per row of ``cols`` (used × rows)."""
        n = cols.shape[1]
        if n == 0 or len(self.roots) == 0 or len(self.used) == 0:
            return np.full(n, self.baseline + float(self.value[self.roots].sum()))
        codes, out = self.codes, np.empty(n)
        for start in range(0, n, CHUNK):
            out[start : start + CHUNK] = codes.leaf_values(cols[:, start : start + CHUNK]).sum(axis=0)
        return out + self.baseline

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


@dataclass(frozen=True, slots=True)
class Codes:
    """Every split of every tree as one comparison, and each tree's leaf value for every outcome.

    A split's row in the comparison matrix: splits sorted by the column they test, then by
    ``threshold`` (those of column c are rows ``bounds[c]:bounds[c + 1]``), then one all-False row
    that stands for the unused slots. ``rows`` lays them out as (tree, slot): ``rows[t * SLOTS + s]``
    is the comparison row of tree t's split in slot s.
    """

    threshold: np.ndarray  # (splits,) the row goes right when its value is > threshold
    bounds: np.ndarray  # (used + 1,)
    rows: np.ndarray  # (trees * SLOTS,) intp
    table: np.ndarray  # (trees * 2^splits,) leaf value of tree t for code c at t * 2^splits + c
    offsets: np.ndarray  # (trees, 1) int32: t * 2^splits

    @classmethod
    def of(cls, trees: Trees) -> Codes:
        nodes, n_trees = len(trees.left), len(trees.roots)
        inner = np.isfinite(trees.threshold)
        if (np.diff(trees.roots) <= 0).any():
            raise CleanError(f"tree nodes are not stored tree after tree; {_RETRAIN}")
        tree = np.repeat(np.arange(n_trees), np.diff(np.append(trees.roots, nodes)))
        split = np.flatnonzero(inner)
        first = np.searchsorted(split, trees.roots)  # each tree's first split among ``split``
        slot = np.zeros(nodes, dtype=np.int64)
        slot[split] = np.arange(len(split)) - first[tree[split]]
        most = int(slot[split].max()) + 1 if len(split) else 0
        if most > SLOTS:
            raise CleanError(f"a tree has {most} splits, more than {SLOTS}; {_RETRAIN}")
        order = np.lexsort((trees.threshold[split], trees.local[split]))
        rows = np.full(n_trees * SLOTS, len(split), dtype=np.intp)  # the all-False row
        rows[tree[split] * SLOTS + slot[split]] = np.argsort(order)
        column = trees.local[split][order]
        size = 1 << most
        code = np.arange(size, dtype=np.int64)
        table = np.empty((n_trees, size))
        for t, root in enumerate(trees.roots.tolist()):  # every outcome walked down the tree once
            node = np.full(size, root, dtype=np.int64)
            for _ in range(trees.depth):
                right = np.where(inner[node], (code >> slot[node]) & 1, 0)
                node = trees.left[node] + right
            table[t] = trees.value[node]
        bounds = np.searchsorted(column, np.arange(len(trees.used) + 1))
        offsets = (np.arange(n_trees, dtype=np.int32) * np.int32(size))[:, None]
        return cls(trees.threshold[split][order], bounds, rows, table.ravel(), offsets)

    def leaf_values(self, cols: np.ndarray) -> np.ndarray:
        """(trees, rows) leaf value of each tree for each row of ``cols`` (used × rows)."""
        n = cols.shape[1]
        width = -(-n // 8) * 8  # whole 8-byte words per comparison row
        outcome = np.empty((len(self.threshold) + 1, width), dtype=bool)
        outcome[:, n:] = False
        outcome[-1] = False
        for c in range(len(self.bounds) - 1):
            a, b = int(self.bounds[c]), int(self.bounds[c + 1])
            if b > a:  # every split on column c at once: one broadcast comparison
                np.greater(cols[c], self.threshold[a:b, None], out=outcome[a:b, :n])
        # (tree, slot, rows) outcomes; 8 rows' outcomes of one split are the bytes of one uint64, so
        # shifting slot s by s bits and or-ing the slots packs each row's code into its own byte.
        words = np.take(outcome, self.rows, axis=0).view("<u8").reshape(len(self.offsets), SLOTS, -1)
        low, high = words[:, 0].copy(), words[:, 8].copy()
        for s in range(1, 8):
            low |= words[:, s] << np.uint64(s)
            high |= words[:, 8 + s] << np.uint64(s)
        code = high.view(np.uint8).astype(np.int32)
        code <<= 8
        code |= low.view(np.uint8)
        code += self.offsets
        return np.asarray(np.take(self.table, code[:, :n]))


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
