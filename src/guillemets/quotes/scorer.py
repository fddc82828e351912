"""The learned quote scorer: a logistic model over features of each candidate the rules generate.

Every quote the rules find (and every weak candidate, ``guillemets.quotes.weak``) gets a probability of
being a real quote; candidates below the profile's threshold are dropped. The weights are the profile
file ``quote_scorer.json``, trained by ``bench/train_quotes.py`` (scikit-learn at training time only);
here they are applied with numpy. A weights file whose feature names differ from ``FEATURES`` is refused
(``ProfileError``): the code and the weights must agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from guillemets.quotes.cues import Found
from guillemets.quotes.marks import MarkPair
from guillemets.quotes.reasons import Reason
from guillemets.quotes.weak import stands_alone
from guillemets.rules import ProfileError, ScorerWeights

_WORD = re.compile(r"[^\W_]+")
FEATURES: tuple[str, ...] = (
    "bias",
    "direct",
    "mixed",
    "weak",
    *(f"reason_{r.name.lower()}" for r in Reason),
    "no_cue",
    "speaker_none",
    "speaker_pronoun",
    "speaker_person",
    "speaker_organisation",
    "speaker_description",
    "log_words",
    "short",
    "marks_inside",
    "sentence_start",
    "ends_sentence",
    "question",
    "log_cue_distance",
    "first_second_person",
    "overlaps",
    "follows",
    "first_paragraph",
    "cue_past_participle",
    "label_fragments",
    "quoted_sentence",
)


def features(doc: Doc, quotes: list[Found], pairs: list[MarkPair]) -> np.ndarray:
    """One row of ``FEATURES`` per candidate in ``quotes``."""
    text = doc.text
    starts = doc.to_array("IDX").tolist() if len(doc) else [0]
    sent_starts = doc.to_array("SENT_START").tolist() if len(doc) else [1]
    first_break = text.find("\n\n")
    col = {name: i for i, name in enumerate(FEATURES)}
    rows = np.zeros((len(quotes), len(FEATURES)))
    spans = [(q.start, q.end) for q in quotes]
    labels = _labels(text, pairs)
    for n, q in enumerate(quotes):
        row = rows[n]
        row[col["bias"]] = 1.0
        if q.kind in ("direct", "mixed"):
            row[col[q.kind]] = 1.0
        row[col["weak"]] = float(q.reason.weak)
        row[col[f"reason_{q.reason.name.lower()}"]] = 1.0
        row[col["no_cue"]] = float(q.cue is None)
        row[col[_speaker_kind(doc, q.speaker)]] = 1.0
        content = text[q.start : q.end]
        words = len(_WORD.findall(content))
        row[col["log_words"]] = math.log1p(words)
        row[col["short"]] = float(words < 4)
        row[col["marks_inside"]] = float(
            any(q.start <= p.inner_start and p.inner_end <= q.end for p in pairs)
            and not any(p.inner_start == q.start and p.inner_end == q.end for p in pairs)
        )
        first, last = _token_at(starts, q.start), _token_at(starts, max(q.start, q.end - 1))
        row[col["sentence_start"]] = float(
            any(sent_starts[j] == 1 for j in range(max(0, first - 2), first + 1))
        )
        tail = content.rstrip(" »”\"'")
        row[col["ends_sentence"]] = float(bool(tail) and tail[-1] in ".!?…")
        row[col["question"]] = float(bool(tail) and tail[-1] == "?")
        if q.cue is not None:
            gap = q.cue[0] - last if q.cue[0] > last else first - q.cue[1] if q.cue[1] <= first else 0
            row[col["log_cue_distance"]] = math.log1p(max(0, gap))
        row[col["first_second_person"]] = float(
            any(
                t.pos_ in ("PRON", "VERB", "AUX") and set(t.morph.get("Person", [])) & {"1", "2"}
                for t in doc[first : last + 1]
            )
        )
        row[col["overlaps"]] = float(sum(1 for s, e in spans if s < q.end and q.start < e) - 1)
        row[col["follows"]] = float(q.follows is not None)
        row[col["first_paragraph"]] = float(first_break < 0 or q.start < first_break)
        row[col["cue_past_participle"]] = float(_bare_participle_cue(doc, q.cue))
        inner = [p for p in pairs if q.start <= p.inner_start and p.inner_end <= q.end]
        row[col["label_fragments"]] = float(
            bool(inner)
            and row[col["marks_inside"]] == 1.0
            and all((p.inner_start, p.inner_end) in labels for p in inner)
        )
        row[col["quoted_sentence"]] = float(
            q.reason is Reason.WEAK_DIRECT and stands_alone(text, q.start, q.end)
        )
    return rows


LABEL_WORDS = 3  # a quoted label: at most this many words, quoted again elsewhere in the article


def _labels(text: str, pairs: list[MarkPair]) -> set[tuple[int, int]]:
    """The mark pairs whose inside is a short string quoted more than once in the article (« gilets
    jaunes », « acte V »): a label the article keeps using, not one speaker's wording."""
    inner = [(p.inner_start, p.inner_end, text[p.inner_start : p.inner_end].strip().lower()) for p in pairs]
    seen: dict[str, int] = {}
    for _, _, words in inner:
        seen[words] = seen.get(words, 0) + 1
    return {
        (s, e) for s, e, words in inner if seen[words] > 1 and 0 < len(_WORD.findall(words)) <= LABEL_WORDS
    }


def _bare_participle_cue(doc: Doc, cue: tuple[int, int] | None) -> bool:
    """The cue verb is a past participle without an auxiliary (« les mesures annoncées par X »,
    « interrogé sur Y »): often an adjective or a reduced passive, not a report."""
    for tok in doc[cue[0] : cue[1]] if cue is not None else ():
        form, tense = tok.morph.get("VerbForm", []), tok.morph.get("Tense", [])
        if "Part" in form and "Past" in tense and tok.pos_ != "AUX":  # « été », « eu »: no cue
            return not any(c.dep_.startswith("aux") for c in tok.children)
    return False


def _speaker_kind(doc: Doc, speaker: int | None) -> str:
    if speaker is None:
        return "speaker_none"
    tok = doc[speaker]
    if tok.pos_ == "PRON":
        return "speaker_pronoun"
    if tok.ent_type_ == "PER" or tok.pos_ == "PROPN":
        return "speaker_person"
    if tok.ent_type_ == "ORG":
        return "speaker_organisation"
    return "speaker_description"  # « le ministre », « la direction »


def _token_at(starts: list[int], char: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, char) - 1)


@dataclass(frozen=True, slots=True)
class QuoteScorer:
    """Logistic weights over ``FEATURES`` and the probability below which a candidate is dropped."""

    weights: np.ndarray
    threshold: float
    name: str = "quote_scorer.json"

    @classmethod
    def from_weights(cls, weights: ScorerWeights, name: str = "quote_scorer.json") -> QuoteScorer:
        if weights.features != FEATURES:
            extra = sorted(set(weights.features) - set(FEATURES))
            missing = sorted(set(FEATURES) - set(weights.features))
            raise ProfileError(
                f"{name}: its features do not match the code's (retrain with bench/train_quotes.py); "
                f"unknown {extra or '-'}, missing {missing or '-'}"
            )
        return cls(np.asarray(weights.weights, dtype=float), weights.threshold, name)

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        return np.asarray(1.0 / (1.0 + np.exp(-(rows @ self.weights))), dtype=float)

    def decide(self, doc: Doc, quotes: list[Found], pairs: list[MarkPair]) -> tuple[list[Found], list[Found]]:
        """(kept, dropped): each candidate with a note naming its probability."""
        kept, dropped = [], []
        for q, p in zip(quotes, self.probabilities(features(doc, quotes, pairs)), strict=True):
            if p >= self.threshold:
                q.notes.append(f"; scorer: kept (p={p:.2f})")
                kept.append(q)
            else:
                q.notes.append(f"; scorer: dropped (p={p:.2f})")
                dropped.append(q)
        return kept, dropped
