"""The line classifier: a logistic regression stacked under a second stage, shipped as JSON, numpy inference.

Stage 1 scores each line from ``features.FEATURES``. Stage 2 sees the same features plus the
stage-1 scores of the line's neighbourhood (``score_context``): a line among article lines is
more likely article, whatever it looks like alone — a cheap stand-in for a sequence model.
Stage 2 is either a second logistic regression (``Linear``) or gradient-boosted trees
(``trees.Trees``), whichever the weights file holds.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from guillemets.clean.features import FEATURES, expand_columns, project
from guillemets.clean.trees import Trees
from guillemets.clean.window import PageRows
from guillemets.errors import CleanError

WEIGHTS_FILE = "clean_weights.json"
_CONTEXT_WINDOWS = (1, 2, 5, 10, 20, 40)
CONTEXT = (
    "s1", "s1_prev", "s1_next", *(f"s1_win{w}" for w in _CONTEXT_WINDOWS), "s1_max3",
    "s1_pos_share5", "s1_mass_before", "s1_mass_after", "s1_page_mean", "s1_below_page_max",
)  # fmt: skip


def score_context(z: np.ndarray, rows: PageRows) -> np.ndarray:
    """Matrix (lines × CONTEXT) describing the stage-1 log-odds around each line, within its page."""
    return np.column_stack(score_context_columns(z, rows))


def score_context_columns(z: np.ndarray, rows: PageRows) -> list[np.ndarray]:
    """The columns of ``score_context``, one array each (the trees read them as rows)."""
    col = z[:, None]
    shifted = {k: rows.shift(col, k)[:, 0] for k in (-3, -2, -1, 1, 2, 3)}
    near = z.copy()
    for k in (-3, -2, -1, 1, 2, 3):
        np.maximum(near, shifted[k], out=near)
    positive = np.maximum(z, 0.0)
    total = np.maximum(rows.total(positive), 1e-9)
    # One pass of running sums for every window and sum below (columns: z, z > 0, positive).
    sums = rows.running_sums(np.column_stack([z, (z > 0).astype(np.float64), positive]))
    before = rows.before_of_sums(sums[:, 2:3])[:, 0] / total
    windows = [rows.window_mean_of_sums(sums[:, :1], w)[:, 0] for w in _CONTEXT_WINDOWS]
    return [
        z, shifted[1], shifted[-1], *windows,
        near, rows.window_mean_of_sums(sums[:, 1:2], 5)[:, 0],
        before, 1.0 - before - positive / total,
        rows.total(z) / (rows.end - rows.start), _page_max(z, rows) - z,
    ]  # fmt: skip


def _page_max(z: np.ndarray, rows: PageRows) -> np.ndarray:
    """Each row's page maximum of z."""
    best = np.full(len(rows.bounds) - 1, -np.inf)
    np.maximum.at(best, rows.page, z)
    return np.asarray(best[rows.page])


def _tree_columns(used: np.ndarray, base: np.ndarray, rows: PageRows, z: np.ndarray) -> np.ndarray:
    """The columns of (FEATURES, CONTEXT) that the trees test, one per row (see ``Trees.used``).

    Written into one array (stacking two parts was a 10 MB copy into fresh memory per batch).
    """
    nf = len(FEATURES)
    own, context = used[used < nf], used[used >= nf] - nf
    out = np.empty((len(used), len(z)))
    expand_columns(base, rows, own, out=out[: len(own)])
    ctx = score_context_columns(z, rows)
    for i, j in enumerate(context.tolist(), start=len(own)):
        out[i] = ctx[j]
    return out


@dataclass(frozen=True)  # no slots: cached_property needs a __dict__
class Linear:
    """sigmoid(((x - mean) / scale) · coef + intercept), over the named columns."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logits(self, x: np.ndarray) -> np.ndarray:
        # Standardisation folded into the weights: one matrix-vector product per batch. einsum, not
        # ``@``: a BLAS call starts OpenBLAS's threads, whose spinning cost more CPU than the product
        # itself (clean + language id on DEV: 187 pages/s of CPU time with ``@``, 340 with einsum).
        return np.asarray(np.einsum("ij,j->i", x, self.folded[0]) + self.folded[1])

    @functools.cached_property
    def folded(self) -> tuple[np.ndarray, float]:
        """Weights and intercept with the standardisation folded in: logits = x · w + b."""
        w = self.coef / self.scale
        return w, self.intercept - float(self.mean @ w)

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.names), "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(), "coef": self.coef.round(6).tolist(),
            "intercept": round(self.intercept, 6),
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any], names: tuple[str, ...]) -> Linear:
        if tuple(d["features"]) != names:
            raise CleanError(
                "classifier weights were trained on other features; rerun: python -m bench.train_cleaner"
            )
        arr = functools.partial(np.asarray, dtype=np.float64)
        return cls(names, arr(d["mean"]), arr(d["scale"]), arr(d["coef"]), float(d["intercept"]))


@dataclass(frozen=True, slots=True)
class LineModel:
    """Stage 1 on the line features, stage 2 (optional) on them plus the stage-1 score context."""

    version: str
    first: Linear
    second: Linear | Trees | None = None

    def logits(self, base: np.ndarray, rows: PageRows) -> np.ndarray:
        """Log-odds that each line belongs to the article, from its ``base_features`` (pages: ``rows``).

        The same as the two linear stages on ``expand(base, rows)``, computed without it.
        """
        if base.shape[0] == 0:
            return np.zeros(0)
        w, b = self.first.folded
        z = project(base, rows, w) + b
        if self.second is None:
            return z
        if isinstance(self.second, Trees):
            return self.second.logits_of_columns(_tree_columns(self.second.used, base, rows, z))
        w2, b2 = self.second.folded
        nf = len(FEATURES)
        context = np.einsum("ij,j->i", score_context(z, rows), w2[nf:])
        return np.asarray(project(base, rows, w2[:nf]) + context + b2)

    def to_dict(self) -> dict[str, Any]:
        second = self.second.to_dict() if self.second else None
        return {"version": self.version, "first": self.first.to_dict(), "second": second}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LineModel:
        first = Linear.from_dict(d["first"], FEATURES)
        return cls(d["version"], first, _second_from_dict(d.get("second")))


def _second_from_dict(d: dict[str, Any] | None) -> Linear | Trees | None:
    if not d:
        return None
    names = (*FEATURES, *CONTEXT)
    return Trees.from_dict(d, names) if "roots" in d else Linear.from_dict(d, names)


@functools.cache
def load_model(name: str = WEIGHTS_FILE) -> LineModel:
    """The shipped line classifier (trained by ``bench/train_cleaner.py`` on the DEV pages)."""
    text = resources.files("guillemets.data").joinpath(name).read_text("utf-8")
    return LineModel.from_dict(json.loads(text))
