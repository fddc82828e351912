"""English who-said-what: parse candidates scored by a small logistic model learned on PolNeAR TRAIN.

    attributor = EnglishAttributor.load()
    quotes = attributor(nlp("The senator said that the bill would pass."))   # list[Quote]

The weights (``data/en/attribution.json``) and the cue lexicon (``data/en/cues.tsv``) are built by
``bench/train_attribution_en.py`` and ``bench/en_cues.py``; see docs/english.md.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Doc

from guillemets.attribution.candidates import Candidate, CandidateFinder
from guillemets.attribution.features import NAMES, featurize
from guillemets.attribution.lexicon import CueLexicon, load_cues
from guillemets.attribution.marks import Marks
from guillemets.model import CharSpan, Quote, QuoteType, SpeakerMention


@dataclass(frozen=True, slots=True)
class Weights:
    """A logistic model over standardised ``features``, with the decision threshold and the overlap
    above which a lower-scored candidate is dropped as a duplicate."""

    version: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    max_overlap: float

    def score(self, x: list[float]) -> float:
        z = self.intercept + sum(
            c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "max_overlap": self.max_overlap,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Weights:
        """Read weights; features that differ from this code's ``NAMES`` raise ValueError."""
        if tuple(d["features"]) != NAMES:
            raise ValueError("attribution weights: feature list differs from the code; retrain them")
        return cls(
            str(d["version"]),
            tuple(d["features"]),
            tuple(map(float, d["mean"])),
            tuple(map(float, d["scale"])),
            tuple(map(float, d["coef"])),
            float(d["intercept"]),
            float(d["threshold"]),
            float(d["max_overlap"]),
        )


@functools.cache
def load_weights(name: str = "en/attribution.json") -> Weights:
    """The shipped English weights, read once per process."""
    text = resources.files("guillemets.data").joinpath(name).read_text("utf-8")
    return Weights.from_dict(json.loads(text))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared characters over the longer span (0 when apart)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0])) / max(a[1] - a[0], b[1] - b[0], 1)


def select(scored: list[tuple[float, Candidate]], threshold: float, max_overlap: float) -> list[Candidate]:
    """Candidates over the threshold, best first, skipping one whose content repeats a kept one
    or whose cue word already has a content."""
    kept: list[Candidate] = []
    cues: set[int] = set()
    for p, c in sorted(scored, key=lambda pc: (-pc[0], pc[1].content)):
        if p < threshold:
            break
        if c.cue_token is not None and c.cue_token in cues:
            continue
        if any(overlap(c.content, k.content) >= max_overlap for k in kept):
            continue
        kept.append(c)
        if c.cue_token is not None:
            cues.add(c.cue_token)
    return sorted(kept, key=lambda c: c.content)


def to_quote(doc: Doc, cand: Candidate, marks: Marks) -> Quote:
    """The project's Quote for a candidate: type from the marks, direct content inside them."""
    text = marks.text
    start, end = cand.content
    kind = "direct" if cand.joined else marks.quote_type(start, end)
    if kind == "direct":
        start, end = marks.shrink(start, end)
    speaker = None
    if cand.speaker is not None:
        s, e = cand.speaker
        speaker = SpeakerMention(s, e, text[s:e], None)
    cue = CharSpan(cand.cue[0], cand.cue[1], text[cand.cue[0] : cand.cue[1]]) if cand.cue else None
    return Quote(QuoteType(kind), start, end, text[start:end], speaker, cue)


class EnglishAttributor:
    """Finds the quotes of a parsed English Doc (en_core_web_* with parser, tagger and NER)."""

    def __init__(self, lexicon: CueLexicon, weights: Weights) -> None:
        self.finder = CandidateFinder(lexicon)
        self.weights = weights

    @classmethod
    def load(cls) -> EnglishAttributor:
        return cls(load_cues(), load_weights())

    def scored(self, doc: Doc, marks: Marks | None = None) -> list[tuple[float, Candidate]]:
        """Every candidate of ``doc`` with its probability of being a right attribution."""
        marks = marks or Marks.of(doc.text)
        w = self.weights
        return [(w.score(featurize(doc, c, self.finder, marks)), c) for c in self.finder(doc, marks)]

    def __call__(self, doc: Doc) -> list[Quote]:
        marks = Marks.of(doc.text)
        chosen = select(self.scored(doc, marks), self.weights.threshold, self.weights.max_overlap)
        return [to_quote(doc, c, marks) for c in chosen]

    def predict(self, doc: Doc) -> list[dict[str, Any]]:
        """The quotes in the shared scorer's prediction format."""
        return [q.to_dict() for q in self(doc)]
