"""Learned choice of a quote's speaker: a ranking over the names mentioned around the quote.

The rules pick one mention near the cue and resolve it to a name; this ranker weighs every name
mentioned near the quote (``candidates``: the rules' choice, the cue's subject and object, appositions,
recency, salience, the previous quotes' speakers, gender) with a logistic model trained by
``bench/train_speakers.py`` on the DEV files. It names the referent of a pronoun or description mention;
it overrules a named mention only when its best name scores ``name_margin`` above the rules' name, and
gives a speaker to a quote the rules left without one only when that name's probability passes
``missing_floor`` (both chosen by the outlet-grouped CV and stored beside the weights). Weights are a
small JSON file of the language profile (``data/fr/speaker_ranker.json``) applied with numpy.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span

from guillemets.rules import Profile, RankerWeights
from guillemets.speakers.candidates import (
    AFTER,
    DESCRIPTION,
    FEATURES,
    MISSING,
    NAME,
    WINDOW,
    Attribution,
    Candidate,
    candidates,
    incise_named,
    mention_kind,
)

__all__ = ["AFTER", "FEATURES", "WINDOW", "Attribution", "Candidate", "Ranker", "candidates", "rerank"]


@dataclass(frozen=True, slots=True)
class Ranker:
    """Logistic weights over ``FEATURES`` (plus the data version they were trained on).

    ``name_margin``: score lead over the rules' name needed to overrule a named mention (inf: never);
    ``missing_floor``: probability a name needs to become the speaker of a quote without one (inf: never);
    ``unnamed_floor``: probability a name needs to be given to a mention the rules left unnamed.
    """

    weights: np.ndarray
    version: str
    name_margin: float = math.inf
    missing_floor: float = math.inf
    unnamed_floor: float = 0.0

    @classmethod
    def from_weights(cls, data: RankerWeights) -> Ranker:
        if list(data.features) != list(FEATURES):
            raise ValueError("speaker ranker weights were trained on other features; retrain them")
        extra = json.loads(data.raw) if data.raw else {}
        return cls(
            np.asarray(data.weights, dtype=float),
            data.version,
            _threshold(extra.get("name_margin")),
            _threshold(extra.get("missing_floor")),
            float(extra.get("unnamed_floor", 0.0)),
        )

    @classmethod
    def from_json(cls, text: str) -> Ranker:
        return cls.from_weights(RankerWeights.from_json(text))

    def scores(self, candidates: list[Candidate]) -> np.ndarray:
        scores: np.ndarray = np.asarray([c.features for c in candidates], dtype=float) @ self.weights
        return scores

    def best(self, candidates: list[Candidate]) -> Candidate | None:
        if not candidates:
            return None
        return candidates[int(np.argmax(self.scores(candidates)))]

    def decides(self, kind: str, rule: str) -> bool:
        """Whether a quote whose rule mention is of ``kind`` (named ``rule``) is worth ranking at all."""
        if kind == NAME:
            return not rule or self.name_margin < math.inf
        return kind != MISSING or self.missing_floor < math.inf

    def choose(self, kind: str, rule: str, cands: list[Candidate]) -> Candidate | None:
        """The candidate that replaces the rules' name ``rule``, or None when the rules' choice stands."""
        if not cands:
            return None
        scores = self.scores(cands)
        top = int(np.argmax(scores))
        best = cands[top]
        if best.name == rule:
            return None
        if kind == NAME and rule:
            ruled = [s for c, s in zip(cands, scores, strict=True) if c.name == rule]
            if not ruled or scores[top] - ruled[0] <= self.name_margin or best.mention is None:
                return None
        if kind == MISSING and (best.mention is None or _sigmoid(scores[top]) <= self.missing_floor):
            return None
        if kind != MISSING and not rule and _sigmoid(scores[top]) <= self.unnamed_floor:
            return None
        return best


def rerank(doc: Doc, ranker: Ranker, found: Attribution, rules: Profile) -> tuple[list[Span], dict[int, str]]:
    """The speakers as the ranker decides them (features read on the rules' choices in ``found``), and
    the --explain notes of the quotes it changed, by quote index.

    A pronoun or description keeps its mention and gets the chosen name; a named mention overruled, or a
    quote without speaker, gets the chosen name's mention nearest the quote. First, whatever the weights,
    a mention the rules took outside the quote's sentences gives way to the inverted subject right after
    the quote when that mention is a description (``incise_named``)."""
    speakers, notes = list(found.speakers), {}
    for i, old in enumerate(found.speakers):
        kind = mention_kind(old, rules)
        incise = incise_named(doc, i, found, rules) if kind == DESCRIPTION else None
        if incise is not None and incise.mention is not None:
            m = incise.mention
            speakers[i] = Span(doc, m.start, m.end, label=m.label_, kb_id=incise.name)
            notes[i] = (
                f"; the inverted subject after the quote speaks: {incise.name} "
                f"(rules said « {old.text} » ({old.kb_id_ or 'no name'}), outside the quote's sentences)"
            )
            continue
        if not ranker.decides(kind, old.kb_id_):
            continue
        best = ranker.choose(kind, old.kb_id_, candidates(doc, i, found, rules))
        if best is None:
            continue
        if (kind != MISSING and (kind != NAME or not old.kb_id_)) or best.mention is None:
            speakers[i] = Span(doc, old.start, old.end, label=old.label_, kb_id=best.name)
            notes[i] = f"; ranker: « {old.text} » is {best.name} (rules said {old.kb_id_ or 'nobody'})"
            continue
        m = best.mention
        speakers[i] = Span(doc, m.start, m.end, label=m.label_, kb_id=best.name)
        said = f"« {old.text} » ({old.kb_id_ or 'no name'})" if kind == NAME else "no speaker"
        notes[i] = f"; ranker overrules the rules: the speaker is {best.name} (rules said {said})"
    return speakers, notes


def _threshold(value: object) -> float:
    return math.inf if value is None else float(value)  # type: ignore[arg-type]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
