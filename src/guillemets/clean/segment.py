"""Decide which lines form the article: classifier log-odds, smoothed into contiguous runs (Viterbi)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from guillemets.clean.chrome import ChromeBatch
from guillemets.clean.classify import LineModel, load_model, routed_pages
from guillemets.clean.features import LINE_FEATURES, add_page_words, base_features, marked, marker_kinds
from guillemets.clean.lines import LineTable, split_pages
from guillemets.clean.result import Cleaned
from guillemets.clean.window import PageRows

# Cost (in log-odds) of entering or leaving the article between two lines: higher merges short
# gaps, lower follows each line's own score. Grid on DEV, in-sample overall F1 (switch × bias):
# 0.5 × 0.5 best, 0.912 (stacked model); 0 × 0 0.909; 1.5 × 1.0 0.907; 0.5 × 1.5 0.895.
# The context features and the stacked stage already carry most of what smoothing adds.
SWITCH_COST = 0.5
# Log-odds given to a related-stories marker in the smoothing: a strong boundary.
BOUNDARY_LOGIT = -6.0
# When no line passes, the best line is lifted to this log-odds and its near-equals come along.
FALLBACK_MARGIN = 1.0
# Offset added to every line's log-odds: the classifier (sources weighted equally) under-keeps;
# +0.5 trades about 0.01 precision for 0.03 recall on DEV. Checked in grouped CV (bias 0.3 / 0.5 /
# 0.7 / 0.9 → overall F1 0.912 / 0.912 / 0.911 / 0.908), so 0.5 is not an in-sample artefact.
BIAS = 0.5
# Vectorised rounds of _clipped_sums before a loop takes over (most runs of undecided lines are short).
_ROUNDS = 8
_DATE_LINE, _WORDS_LOG = LINE_FEATURES.index("date_line"), LINE_FEATURES.index("words_log")


@dataclass(slots=True)
class Decisions:
    """One page's per-line evidence, which the assembly step and ``--explain`` use."""

    texts: list[str]  # the page's non-empty lines, white space collapsed
    numbers: list[int]  # their line numbers in the dump
    features: np.ndarray  # the lines' own features (columns: features.LINE_FEATURES)
    logits: np.ndarray
    keep: np.ndarray  # bool per line: in the article body (before title/lede assignment)
    kinds: list[str | None]  # marker kind per line
    marked: list[int] = field(default_factory=list)  # the lines that have a marker kind, in order
    chrome: ChromeBatch | None = None  # the batch's chrome lines, which assembly adds this page's to
    start: int = 0  # the page's first row in its batch
    _cols: dict[str, list[float]] = field(default_factory=dict)
    _words: list[int] = field(default_factory=list)

    def col(self, name: str) -> list[float]:
        """One feature for every line, as plain floats (indexing numpy per line is slow)."""
        if name not in self._cols:
            self._cols[name] = self.features[:, LINE_FEATURES.index(name)].tolist()
        return self._cols[name]

    def words(self) -> list[int]:
        """Each line's number of words (from the ``words_log`` feature)."""
        if not self._words and len(self.texts):
            self._words = np.rint(np.expm1(self.features[:, _WORDS_LOG])).astype(np.int64).tolist()
        return self._words


def decide(t: LineTable, model: LineModel | None = None, *, switch_cost: float = SWITCH_COST,
           bias: float = BIAS, blind: bool = False) -> list[Decisions]:  # fmt: skip
    """Score every line of every page, then keep each page's best segmentation into article runs.

    ``blind``: read the word lists as empty (``features.line_features``; bench/ only).
    """
    model = model or load_model()
    rows = PageRows(t.bounds, t.block)  # the blocks: stage 2's block context
    kinds = marker_kinds(t, blind=blind)
    # The page-function-word columns cost a tenth of the features: only for a model that reads them.
    x = base_features(t, kinds, blind=blind, page_words=model.page_words)
    routed = routed_pages(x, rows, t.array) if model.unlisted is not None else np.zeros(0, np.intp)
    if len(routed) and model.unlisted is not None and model.unlisted.page_words and not model.page_words:
        add_page_words(x, t, routed)  # the main model's weights on them are 0: its scores do not move
    logits = model.logits(x, rows, routed) + bias
    # Marker and date lines are never article text, whatever their score. In the smoothing they are
    # neutral (an "Advertisement" or date line inside the article must not split it), except the
    # markers that announce other stories ("Lire aussi", "Les plus lus"): those end a run.
    rows_marked, names = marked(kinds)
    marker, boundary = np.zeros(len(t), dtype=bool), np.zeros(len(t), dtype=bool)
    marker[rows_marked] = True
    boundary[rows_marked[[k == "related" for k in names]]] = True
    hard_drop = marker | (x[:, _DATE_LINE] > 0)
    smoothed = np.where(boundary, BOUNDARY_LOGIT, np.where(hard_drop, 0.0, logits))
    keep_all = smooth_pages(smoothed, t.bounds, switch_cost) & ~hard_drop
    numbers = t.number.tolist()
    words = np.rint(np.expm1(x[:, _WORDS_LOG])).astype(np.int64).tolist()  # one pass, not one per page
    cuts = np.searchsorted(rows_marked, t.bounds).tolist()
    chrome = ChromeBatch(t.array, t.number)
    out = []
    for p in range(t.pages):
        r = t.rows(p)
        keep = keep_all[r]
        if not keep.any() and not hard_drop[r].all():
            keep = _fallback(smoothed[r], hard_drop[r], switch_cost)
        marked_here = [i - r.start for i in (rows_marked[cuts[p] : cuts[p + 1]]).tolist()]
        d = Decisions(t.texts[r], numbers[r], x[r], logits[r], keep, kinds[r], marked_here, chrome, r.start)
        d._words = words[r]
        out.append(d)
    return out


def _fallback(smoothed: np.ndarray, hard_drop: np.ndarray, switch_cost: float) -> np.ndarray:
    """Nothing passed: every page has a best part, so lower the bar until the best line passes.

    (3 DEV pages came out empty; the gold always has some text.)
    """
    best = float(np.max(np.where(hard_drop, -np.inf, smoothed)))
    return np.asarray(smooth(smoothed - best + FALLBACK_MARGIN, switch_cost) & ~hard_drop)


def smooth(logits: np.ndarray, switch_cost: float) -> np.ndarray:
    """Two-state Viterbi on one page: maximise Σ ±logit/2 minus ``switch_cost`` per state change."""
    return smooth_pages(logits, np.array([0, len(logits)]), switch_cost)


def smooth_pages(logits: np.ndarray, bounds: np.ndarray, switch_cost: float) -> np.ndarray:
    """``smooth`` on every page of a batch (rows ``bounds[p]:bounds[p+1]``), in one pass.

    The Viterbi recursion needs only the difference between its two scores, δ = take − drop:
    δᵢ = clip(δᵢ₋₁, −c, c) + zᵢ (c the switch cost). The best path then keeps line i when
    δᵢ > c, drops it when δᵢ < −c, and otherwise does what line i + 1 does (the last line of a
    page: keep when δ > 0) — a backward fill, done with numpy.
    """
    n = len(logits)
    if n == 0:
        return np.zeros(0, dtype=bool)
    c = float(switch_cost)
    delta = _clipped_sums(np.asarray(logits, dtype=np.float64), bounds[:-1], c)
    decided = np.where(delta > c, 1, np.where(delta < -c, 0, -1))
    last = bounds[1:][np.diff(bounds) > 0] - 1
    decided[last] = delta[last] > 0
    where = np.where(decided >= 0, np.arange(n), n)
    return np.asarray(decided[np.minimum.accumulate(where[::-1])[::-1]] == 1)


def _clipped_sums(z: np.ndarray, starts: np.ndarray, c: float) -> np.ndarray:
    """δ of ``smooth_pages``, restarting at each page start: δᵢ = zᵢ + clip(δᵢ₋₁, −c, c).

    Sequential in principle, but clip(δᵢ) is known without δᵢ₋₁ wherever |zᵢ| > 2c (it is ±c),
    and most lines' log-odds are that far from 0; the rest follow from their predecessor in a
    few vectorised rounds (a plain loop finishes long undecided runs). The same float
    operations as the loop, so the same δ bit for bit (a property test compares them).
    """
    n = len(z)
    first = np.zeros(n, dtype=bool)
    first[starts[starts < n]] = True
    clipped = np.full(n, np.nan)
    margin = 2.0 * c + 1e-9  # beyond it, z ± c is past ±c whatever the predecessor's clip
    clipped[z > margin] = c
    clipped[z < -margin] = -c
    clipped[first] = np.clip(z[first], -c, c)
    for _ in range(_ROUNDS):
        todo = np.flatnonzero(np.isnan(clipped[1:]) & ~np.isnan(clipped[:-1])) + 1
        if len(todo) == 0:
            break
        clipped[todo] = np.clip(z[todo] + clipped[todo - 1], -c, c)
    rest = np.flatnonzero(np.isnan(clipped)).tolist()
    if rest:
        values, out = z.tolist(), clipped.tolist()
        for i in rest:  # ascending: each one's predecessor is known by then
            d = values[i] + out[i - 1]
            out[i] = c if d > c else -c if d < -c else d
        clipped = np.array(out)
    delta = z.copy()
    later = np.flatnonzero(~first)
    delta[later] = z[later] + clipped[later - 1]
    return delta


def clean_dumps(texts: list[str], *, explain: bool = False, model: LineModel | None = None,
                blind: bool = False) -> list[Cleaned]:  # fmt: skip
    """Clean a batch of plain-text page dumps; every non-empty line lands in exactly one output field.

    ``blind`` reads every word list as empty, as for a page in a language none knows (bench/).
    """
    from guillemets.clean.assemble import assemble

    return [assemble(d, explain=explain) for d in decide(split_pages(texts), model, blind=blind)]


def clean_dump(text: str, lang: str | None = None, *, explain: bool = False,
               model: LineModel | None = None) -> Cleaned:  # fmt: skip
    """Clean one plain-text page dump (``clean_dumps`` is faster on many)."""
    return clean_dumps([text], explain=explain, model=model)[0]
