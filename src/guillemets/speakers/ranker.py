"""Learned choice of the name behind a pronoun speaker: a ranking over the names mentioned around the quote.

The rules resolve « il a déclaré » to one antecedent; this ranker weighs every name mentioned near the
quote (the rules' choice, recency, salience, the previous quotes' speakers, title gender) with a
logistic model trained by ``bench/train_speakers.py`` on the DEV files. Weights are a small JSON file
of the language profile (``data/fr/speaker_ranker.json``) applied with numpy; its inputs (the rules'
quotes, speakers and entities) are given as arguments.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span

from guillemets.nlp.spans import NONE
from guillemets.rules import Profile, RankerWeights
from guillemets.rules.words import FEM, MASC

WINDOW = 200  # tokens before the quote where candidate names are looked for (about four sentences)
AFTER = 30  # tokens after the quote (« …, a-t-il ajouté. Le ministre … »)
FEATURES = (
    "bias",
    "rule",
    "log_distance",
    "after_only",
    "log_mentions",
    "person",
    "organisation",
    "previous_speaker",
    "speaker_two_back",
    "recency_rank",
    "gender_agrees",
    "gender_conflict",
    "quoted_share",
    "same_sentence",
    "plural_mention",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    features: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Ranker:
    """Logistic weights over ``FEATURES`` (plus the data version they were trained on)."""

    weights: np.ndarray
    version: str

    @classmethod
    def from_weights(cls, data: RankerWeights) -> Ranker:
        if list(data.features) != list(FEATURES):
            raise ValueError("speaker ranker weights were trained on other features; retrain them")
        return cls(np.asarray(data.weights, dtype=float), data.version)

    @classmethod
    def from_json(cls, text: str) -> Ranker:
        return cls.from_weights(RankerWeights.from_json(text))

    def best(self, candidates: list[Candidate]) -> Candidate | None:
        if not candidates:
            return None
        scores = np.asarray([c.features for c in candidates], dtype=float) @ self.weights
        return candidates[int(np.argmax(scores))]


@dataclass(slots=True)
class Attribution:
    """What the rules decided on one article: the ranker's whole input, given as arguments.

    ``quotes``, ``speakers`` (parallel; ``kb_id_`` = the rules' name) and ``entities`` (PER/ORG/LOC with
    canonical names as ``kb_id_``) are spans of the Doc; ``marks``: character ranges inside quotation marks.
    """

    quotes: Sequence[Span]
    speakers: Sequence[Span]
    entities: Sequence[Span]
    marks: Sequence[tuple[int, int]]


def pronoun_quotes(speakers: Sequence[Span], rules: Profile) -> list[int]:
    """Indexes of the quotes the ranker decides: the speaker mention is a third-person pronoun or a
    description (« le bourgmestre », « la porte-parole »), not a name."""
    out = []
    for i, s in enumerate(speakers):
        if not len(s) or s.label_ == NONE:
            continue
        pronoun = len(s) == 1 and s.text.lower().lstrip("-") in rules.words.genders
        description = s.root.pos_ == "NOUN" and not any(t.pos_ == "PROPN" or t.ent_type_ for t in s)
        if pronoun or description:
            out.append(i)
    return out


def _wanted(speaker: Span, rules: Profile) -> tuple[str | None, bool]:
    """Gender and plurality the speaker mention asks of its referent (pronoun, or the description's words)."""
    low = speaker.text.lower().lstrip("-")
    if low in rules.words.genders:
        return rules.words.genders[low], low in rules.words.plurals
    det = next((t for t in speaker if t.pos_ == "DET"), speaker.root)
    values = det.morph.get("Gender", [])
    gender = FEM if values == ["Fem"] else MASC if values == ["Masc"] else None
    return gender, "Plur" in speaker.root.morph.get("Number", [])


def candidates(doc: Doc, i: int, found: Attribution, rules: Profile) -> list[Candidate]:
    """Every name mentioned near quote ``i`` (and the rules' choice), with its features."""
    quotes, speakers = found.quotes, found.speakers
    quote, speaker = quotes[i], speakers[i]
    order = sorted(range(len(quotes)), key=lambda k: quotes[k].start)
    at = order.index(i)
    previous = [speakers[k].kb_id_ for k in order[max(0, at - 2) : at]][::-1]
    wanted, plural = _wanted(speaker, rules)
    mentions = [e for e in found.entities if e.label_ in ("PER", "ORG") and e.kb_id_]
    near: dict[str, list[Span]] = {}
    for e in mentions:
        if (
            quote.start - WINDOW <= e.start
            and e.end <= quote.end + AFTER
            and not (quote.start <= e.start < quote.end)
        ):
            near.setdefault(e.kb_id_, []).append(e)
    rule = speaker.kb_id_
    if rule and rule not in near:
        near[rule] = []
    recency = sorted(
        near, key=lambda n: -max((e.start for e in near[n] if e.start < quote.start), default=-1)
    )
    out = []
    for name, spans in near.items():
        if not name:
            continue
        before = [quote.start - e.end for e in spans if e.end <= quote.start]
        gender = _title_gender(doc, [e for e in mentions if e.kb_id_ == name], rules)
        all_of = [e for e in mentions if e.kb_id_ == name]
        feats = (
            1.0,
            float(name == rule),
            math.log1p(min(before)) if before else math.log1p(WINDOW),
            float(bool(spans) and not before),
            math.log1p(len(all_of)),
            float(any(e.label_ == "PER" for e in all_of)),
            float(any(e.label_ == "ORG" for e in all_of) and not any(e.label_ == "PER" for e in all_of)),
            float(len(previous) > 0 and previous[0] == name),
            float(len(previous) > 1 and previous[1] == name),
            float(min(recency.index(name), 5)),
            float(gender is not None and gender == wanted),
            float(gender is not None and gender != wanted),
            _quoted_share(found.marks, all_of),
            float(any(e.sent.start == speaker.sent.start for e in spans)),
            float(plural),
        )
        out.append(Candidate(name, feats))
    return out


def rerank(doc: Doc, ranker: Ranker, found: Attribution, rules: Profile) -> tuple[list[Span], dict[int, str]]:
    """The speakers with each pronoun speaker named by the ranker's best candidate (features read on the
    rules' choices in ``found``), and the --explain notes of the quotes it changed, by quote index."""
    speakers, notes = list(found.speakers), {}
    for i in pronoun_quotes(found.speakers, rules):
        best = ranker.best(candidates(doc, i, found, rules))
        old = found.speakers[i]
        if best is None or best.name == old.kb_id_:
            continue
        speakers[i] = Span(doc, old.start, old.end, label=old.label_, kb_id=best.name)
        notes[i] = f"; ranker: « {old.text} » is {best.name} (rules said {old.kb_id_ or 'nobody'})"
    return speakers, notes


def _title_gender(doc: Doc, spans: list[Span], rules: Profile) -> str | None:
    """« M. X », « Mme X », « la ministre X »: gender from a title or role noun just before a mention."""
    titles = rules.mentions.titles
    for e in spans:
        if e.start == 0:
            continue
        prev = doc[e.start - 1]
        if titles.get(prev.text):
            return titles[prev.text]
        values = prev.morph.get("Gender", []) if prev.pos_ in ("NOUN", "DET") else []
        if values in (["Masc"], ["Fem"]) and prev.pos_ == "NOUN":
            return MASC if values == ["Masc"] else FEM
    return None


def _quoted_share(marks: Sequence[tuple[int, int]], spans: list[Span]) -> float:
    if not spans:
        return 0.0
    inside = sum(any(s <= e.start_char < t for s, t in marks) for e in spans)
    return inside / len(spans)
