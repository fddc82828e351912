"""The line classifier: a logistic regression stacked under a second stage, shipped as JSON, numpy inference.

Stage 1 scores each line from ``features.FEATURES``. Stage 2 sees the same features plus the
stage-1 scores of the line's neighbourhood (``score_context``): a line among article lines is
more likely article, whatever it looks like alone — a cheap stand-in for a sequence model.
Stage 2 is either a second logistic regression (``Linear``) or gradient-boosted trees
(``trees.Trees``), whichever the weights file holds.

Two models ship (issue 13): the main one, trained on pages featurised with the word lists, and an
``unlisted`` one trained on every page featurised blind (the lists read as empty). A page whose
lines hold almost no stop word of any list (``unlisted_pages``: a language no list knows, such as
Georgian or Amharic, or text the lists cannot tokenise) or whose letters are mostly in scripts
written without spaces (``scripts.spaceless_pages``: Chinese, Japanese, Thai…; ``routed_pages`` takes
both) is scored by the second, which never learnt to lean on the lists; every other page by the
first, which never sees the second.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import numpy as np
import pyarrow as pa

from guillemets.clean.features import FEATURES, LINE_FEATURES, PAGE_WORD_FEATURES, expand_columns, project
from guillemets.clean.scripts import spaceless_pages
from guillemets.clean.trees import Trees, columns_of
from guillemets.clean.window import PageRows
from guillemets.errors import CleanError

WEIGHTS_FILE = "clean_weights.json"
UNLISTED_WEIGHTS_FILE = "clean_weights_unlisted.json"
# A page goes to the unlisted model when its stop words (``features._stopword_array``, the union of
# every jusText list) are fewer than this share of its white-space tokens. Fixed before the routed
# CV: on the DEV + TRAIN pages the median page has 33 %, 1 % of them under 16.8 %, the lowest 2.2 %
# (none is routed); a page read blind has 0 %.
UNLISTED_STOP_SHARE = 0.02
_STOP, _WORDS_LOG = LINE_FEATURES.index("stop_density"), LINE_FEATURES.index("words_log")
_CONTEXT_WINDOWS = (1, 2, 5, 10, 20, 40)
# The stage-1 scores of the line's block and of the blocks around it (``block_context_columns``).
BLOCK_CONTEXT = ("s1_block_mean", "s1_block_max", "s1_block_min", "s1_prev_block", "s1_next_block")
CONTEXT = (
    "s1", "s1_prev", "s1_next", *(f"s1_win{w}" for w in _CONTEXT_WINDOWS), "s1_max3",
    "s1_pos_share5", "s1_mass_before", "s1_mass_after", "s1_page_mean", "s1_below_page_max",
    *BLOCK_CONTEXT,
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
        *block_context_columns(z, rows),
    ]  # fmt: skip


def block_context_columns(z: np.ndarray, rows: PageRows) -> list[np.ndarray]:
    """The ``BLOCK_CONTEXT`` columns: the mean, max and min of z over the line's block (``rows.block``:
    the lines between blank lines), and the mean of z over the block before and the block after it
    in the same page (0 at the page's first or last block).

    Sums by ``np.bincount`` (one block's lines added in order, whatever else is in the batch) and
    extremes by ``reduceat`` over the blocks' contiguous rows: a page's floats do not depend on its batch.
    """
    if len(z) == 0:
        return [np.zeros(0)] * len(BLOCK_CONTEXT)
    starts = rows.block_starts()
    first = np.flatnonzero(starts)
    ids = np.cumsum(starts) - 1
    count = len(first)
    mean = np.bincount(ids, z, count) / np.bincount(ids, minlength=count)
    same_page = rows.page[first[1:]] == rows.page[first[:-1]]
    before, after = np.zeros(count), np.zeros(count)
    before[1:] = np.where(same_page, mean[:-1], 0.0)
    after[:-1] = np.where(same_page, mean[1:], 0.0)
    top, bottom = np.maximum.reduceat(z, first), np.minimum.reduceat(z, first)
    return [mean[ids], top[ids], bottom[ids], before[ids], after[ids]]


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

    def widened(self, names: tuple[str, ...]) -> Linear:
        """The same scores over ``names`` (a superset): the columns it was not trained on weigh 0."""
        if self.names == names:
            return self
        at = columns_of(self.names, names)

        def full(values: np.ndarray, fill: float) -> np.ndarray:
            out = np.full(len(names), fill)
            out[at] = values
            return out

        return Linear(
            names, full(self.mean, 0.0), full(self.scale, 1.0), full(self.coef, 0.0), self.intercept
        )

    @classmethod
    def from_dict(cls, d: dict[str, Any], names: tuple[str, ...]) -> Linear:
        """The weights of ``d`` over ``names`` (a file trained on fewer features loads: ``widened``)."""
        trained = tuple(d["features"])
        if any(len(d[key]) != len(trained) for key in ("mean", "scale", "coef")):
            raise CleanError(
                "classifier weights do not match their feature list; rerun: python -m bench.train_cleaner"
            )
        arr = functools.partial(np.asarray, dtype=np.float64)
        linear = cls(trained, arr(d["mean"]), arr(d["scale"]), arr(d["coef"]), float(d["intercept"]))
        return linear.widened(names)


@dataclass(frozen=True, slots=True)
class LineModel:
    """Stage 1 on the line features, stage 2 (optional) on them plus the stage-1 score context."""

    version: str
    first: Linear
    second: Linear | Trees | None = None
    unlisted: LineModel | None = None  # for the pages ``unlisted_pages`` picks (module docstring)
    page_words: bool = True  # reads ``features.PAGE_WORD_FEATURES`` (a file trained before them does not)

    def logits(self, base: np.ndarray, rows: PageRows, pages: np.ndarray | None = None) -> np.ndarray:
        """Log-odds that each line belongs to the article, from its ``base_features`` (pages: ``rows``);
        the pages ``unlisted_pages`` picks (or ``pages``: ``segment.decide`` passes ``routed_pages``,
        which adds the script rule) are scored by ``unlisted``, when there is one."""
        z = self.own_logits(base, rows)
        if self.unlisted is None or base.shape[0] == 0:
            return z
        pages = unlisted_pages(base, rows) if pages is None else pages
        if len(pages):
            at, sub = rows.subset(pages)
            z[at] = self.unlisted.own_logits(base[at], sub)
        return z

    def own_logits(self, base: np.ndarray, rows: PageRows) -> np.ndarray:
        """This model's log-odds on every page (no routing).

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

    def widened(self) -> LineModel:
        """This model over every column the code computes (``Linear.widened``), ready to run."""
        first = self.first.widened(FEATURES)
        second = self.second.widened((*FEATURES, *CONTEXT)) if self.second is not None else None
        return LineModel(self.version, first, second, self.unlisted, _reads_page_words(first, second))

    def with_unlisted(self, unlisted: LineModel | None) -> LineModel:
        """This model, routing the pages ``unlisted_pages`` picks to ``unlisted``."""
        return replace(self, unlisted=unlisted)

    def to_dict(self) -> dict[str, Any]:
        """The weights of this model alone (``unlisted`` has a file of its own)."""
        second = self.second.to_dict() if self.second else None
        return {"version": self.version, "first": self.first.to_dict(), "second": second}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LineModel:
        first = Linear.from_dict(d["first"], FEATURES)
        return cls(d["version"], first, _second_from_dict(d.get("second"))).widened()


# The columns of FEATURES built from ``PAGE_WORD_FEATURES`` (theirs, their neighbours').
_PAGE_WORD_COLUMNS = np.array([i for i, f in enumerate(FEATURES) if f.endswith(PAGE_WORD_FEATURES)])


def _reads_page_words(first: Linear, second: Linear | Trees | None) -> bool:
    """Whether a model's score depends on the page-word columns (an older weights file's does not)."""
    if np.any(first.coef[_PAGE_WORD_COLUMNS] != 0):
        return True
    if isinstance(second, Linear):
        return bool(np.any(second.coef[_PAGE_WORD_COLUMNS] != 0))
    return second is not None and bool(np.isin(second.used, _PAGE_WORD_COLUMNS).any())


def _second_from_dict(d: dict[str, Any] | None) -> Linear | Trees | None:
    if not d:
        return None
    names = (*FEATURES, *CONTEXT)
    return Trees.from_dict(d, names) if "roots" in d else Linear.from_dict(d, names)


def unlisted_pages(base: np.ndarray, rows: PageRows) -> np.ndarray:
    """The pages (indices) whose stop words are under ``UNLISTED_STOP_SHARE`` of their tokens."""
    words = np.rint(np.expm1(base[:, _WORDS_LOG]))
    stop = base[:, _STOP] * np.maximum(words, 1.0)
    pages = len(rows.bounds) - 1
    tokens = np.bincount(rows.page, weights=words, minlength=pages)
    stops = np.bincount(rows.page, weights=stop, minlength=pages)
    return np.flatnonzero(stops < UNLISTED_STOP_SHARE * tokens)


def routed_pages(base: np.ndarray, rows: PageRows, lines: pa.Array) -> np.ndarray:
    """The pages (sorted indices) the unlisted model scores: ``unlisted_pages`` and the pages of
    ``lines`` (the batch's line texts) that ``scripts.spaceless_pages`` picks."""
    page_count = len(rows.bounds) - 1
    return np.union1d(unlisted_pages(base, rows), spaceless_pages(lines, rows.page, page_count))


@functools.cache
def load_model(name: str = WEIGHTS_FILE, unlisted: str | None = UNLISTED_WEIGHTS_FILE) -> LineModel:
    """The shipped line classifier (trained by ``bench/train_cleaner.py`` on the DEV and TRAIN pages),
    with its ``unlisted`` model (``unlisted=None``: without)."""
    model = LineModel.from_dict(_read(name))
    return model.with_unlisted(LineModel.from_dict(_read(unlisted)) if unlisted else None)


def _read(name: str) -> dict[str, Any]:
    return dict(json.loads(resources.files("guillemets.data").joinpath(name).read_text("utf-8")))
