"""Dense features of one candidate: a few dozen numbers read off the parse and the cue lexicon."""

from __future__ import annotations

import math

from spacy.tokens import Doc, Token

from guillemets.attribution.candidates import FRAMES, Candidate, CandidateFinder
from guillemets.attribution.lexicon import word_kind
from guillemets.attribution.marks import Marks

PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "who"}
FIRST_PERSON = {"i", "we"}
TYPES = ("direct", "mixed", "indirect")
NAMES = (
    "bias",
    *(f"frame_{f}" for f in FRAMES),
    "joined",
    "no_cue",
    "cue_precision",
    "cue_log_count",
    "cue_noun",
    "cue_negated",
    "cue_modal",
    "cue_past",
    "cue_present",
    "cue_gerund",
    "cue_participle",
    "has_speaker",
    "speaker_pronoun",
    "speaker_first_person",
    "speaker_person",
    "speaker_org",
    "speaker_propn",
    *(f"type_{t}" for t in TYPES),
    "content_log_tokens",
    "content_that",
    "content_to",
    "content_whether",
    "content_before_cue",
    "log_distance",
    "first_sentence",
    "crosses_sentence",
    "prec_x_ccomp",
    "prec_x_direct",
)


def featurize(doc: Doc, cand: Candidate, finder: CandidateFinder, marks: Marks) -> list[float]:
    """The feature vector of ``cand``, in the order of ``NAMES``."""
    f: dict[str, float] = {"bias": 1.0, f"frame_{cand.frame}": 1.0, "joined": float(cand.joined)}
    span = doc.char_span(*cand.content, alignment_mode="expand")
    words = [t for t in span if not t.is_punct] if span is not None else []
    v = doc[cand.cue_token] if cand.cue_token is not None else None
    f.update(_cue(v, finder))
    f.update(_speaker(doc, cand))
    kind = "direct" if cand.joined else marks.quote_type(*cand.content)
    f[f"type_{kind}"] = 1.0
    first = words[0].lower_ if words else ""
    f["content_log_tokens"] = math.log1p(len(words))
    f["content_that"] = float(first == "that")
    f["content_to"] = float(first == "to")
    f["content_whether"] = float(first in ("whether", "if", "how", "why", "what"))
    if cand.cue is not None:
        f["content_before_cue"] = float(cand.content[1] <= cand.cue[0])
        gap = max(cand.cue[0] - cand.content[1], cand.content[0] - cand.cue[1], 0)
        f["log_distance"] = math.log1p(gap)
    if span is not None and len(span):
        f["first_sentence"] = float(span[0].sent.start == 0)
        f["crosses_sentence"] = float(span[0].sent.start != span[-1].sent.start)
    f["prec_x_ccomp"] = f.get("cue_precision", 0.0) * f.get("frame_ccomp", 0.0)
    f["prec_x_direct"] = f.get("cue_precision", 0.0) * f.get("type_direct", 0.0)
    return [f.get(n, 0.0) for n in NAMES]


def _cue(v: Token | None, finder: CandidateFinder) -> dict[str, float]:
    if v is None:
        return {"no_cue": 1.0}
    stat = finder.lexicon.get(v.lemma_.lower(), word_kind(v.pos_))
    kids = {c.dep_ for c in v.children}
    return {
        "cue_precision": finder.precision(v),
        "cue_log_count": math.log1p(stat.cues) if stat else 0.0,
        "cue_noun": float(v.pos_ in ("NOUN", "PROPN")),
        "cue_negated": float("neg" in kids),
        "cue_modal": float(any(c.tag_ == "MD" for c in v.children)),
        "cue_past": float(v.tag_ == "VBD"),
        "cue_present": float(v.tag_ in ("VBZ", "VBP")),
        "cue_gerund": float(v.tag_ == "VBG"),
        "cue_participle": float(v.tag_ == "VBN"),
    }


def _speaker(doc: Doc, cand: Candidate) -> dict[str, float]:
    if cand.speaker is None:
        return {}
    span = doc.char_span(*cand.speaker, alignment_mode="expand")
    if span is None or not len(span):
        return {}
    head = span.root
    ents = {t.ent_type_ for t in span}
    return {
        "has_speaker": 1.0,
        "speaker_pronoun": float(head.lower_ in PRONOUNS),
        "speaker_first_person": float(head.lower_ in FIRST_PERSON),
        "speaker_person": float("PERSON" in ents),
        "speaker_org": float(bool(ents & {"ORG", "NORP", "GPE"})),
        "speaker_propn": float(head.pos_ == "PROPN"),
    }
