"""Decide which lines form the article: classifier log-odds, smoothed into contiguous runs (Viterbi)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from guillemets.clean.classify import LineModel, load_model
from guillemets.clean.features import FEATURES, line_features, marker_kinds
from guillemets.clean.lines import Line, split_lines
from guillemets.clean.result import Cleaned

# Cost (in log-odds) of entering or leaving the article between two lines; calibrated on DEV
# (bench.pages --sweep): higher merges short gaps, lower follows each line's own score.
SWITCH_COST = 2.0
# Log-odds given to a related-stories marker in the smoothing: a strong boundary.
BOUNDARY_LOGIT = -6.0
# Offset added to every line's log-odds before smoothing (a precision/recall knob, DEV-calibrated).
BIAS = 0.0


@dataclass(slots=True)
class Decisions:
    """Per-line evidence the assembly step and ``--explain`` use."""

    lines: list[Line]
    features: np.ndarray
    logits: np.ndarray
    keep: np.ndarray  # bool per line: in the article body (before title/lede assignment)
    kinds: list[str | None]  # marker kind per line


def decide(lines: list[Line], model: LineModel | None = None, *, switch_cost: float = SWITCH_COST,
           bias: float = BIAS) -> Decisions:  # fmt: skip
    """Score every line, then keep the best-scoring segmentation into article / not-article runs."""
    model = model or load_model()
    x = line_features(lines)
    logits = model.logits(x) + bias
    kinds = marker_kinds(lines)
    # Marker and date lines are never article text, whatever their score. In the smoothing they are
    # neutral (an "Advertisement" or date line inside the article must not split it), except the
    # markers that announce other stories ("Lire aussi", "Les plus lus"): those end a run.
    marker = np.array([k is not None for k in kinds], dtype=bool)
    boundary = np.array([k == "related" for k in kinds], dtype=bool)
    hard_drop = marker | (x[:, FEATURES.index("date_line")] > 0)
    smoothed = np.where(boundary, BOUNDARY_LOGIT, np.where(hard_drop, 0.0, logits))
    keep = smooth(smoothed, switch_cost) & ~hard_drop
    return Decisions(lines, x, logits, keep, kinds)


def smooth(logits: np.ndarray, switch_cost: float) -> np.ndarray:
    """Two-state Viterbi: maximise Σ ±logit/2 minus ``switch_cost`` per state change."""
    n = len(logits)
    keep = np.zeros(n, dtype=bool)
    if n == 0:
        return keep
    half = (logits / 2).tolist()  # plain floats: a Python loop over numpy scalars is 5× slower
    drop, take = -half[0], half[0]
    back_drop, back_take = [False] * n, [False] * n  # True: came from the other state
    for i in range(1, n):
        h = half[i]
        from_take, from_drop = take - switch_cost, drop - switch_cost
        back_drop[i], back_take[i] = from_take > drop, from_drop > take
        drop, take = max(drop, from_take) - h, max(take, from_drop) + h
    state = take > drop
    for i in range(n - 1, -1, -1):
        keep[i] = state
        if (back_take if state else back_drop)[i]:
            state = not state
    return keep


def clean_dump(text: str, lang: str | None = None, *, explain: bool = False,
               model: LineModel | None = None) -> Cleaned:  # fmt: skip
    """Clean a plain-text page dump: every non-empty line lands in exactly one output field."""
    from guillemets.clean.assemble import assemble

    lines = split_lines(text)
    return assemble(decide(lines, model), explain=explain)
