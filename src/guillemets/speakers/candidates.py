"""The candidates the speaker ranker chooses among: every name mentioned around a quote, with its features.

A candidate is one canonical name (an entity's ``kb_id_``) mentioned in the window around the quote, or
the rules' own choice. Its features say how its mentions relate to the quote and its cue (the subject or
object of the cue, apposed to the rules' mention, inside the quote, same or previous sentence, before or
after), how salient it is (mentions, recency, previous quotes' speakers) and whether it agrees with the
rules' mention (gender, number). Nothing here is learned: the weights are in ``ranker``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from guillemets.nlp.spans import NONE
from guillemets.rules import Profile
from guillemets.rules.words import FEM, MASC

WINDOW = 200  # tokens before the quote where candidate names are looked for (about four sentences)
AFTER = 30  # tokens after the quote (« …, a-t-il ajouté. Le ministre … »)
INCISE_GAP = 8  # tokens between the quote's end and an inverted subject (« », a-t-il expliqué à la radio X)
SUBJECTS = ("nsubj", "nsubj:pass")
OBJECTS = ("obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod")
APPOSED = ("appos", "flat:name", "nmod", "conj")

# What the rules' speaker mention is: the ranker trusts the rules differently for each kind.
NAME, PRONOUN, DESCRIPTION, MISSING = "name", "pronoun", "description", "none"

FEATURES = (
    "bias",
    "rule",
    "rule_is_name",  # the rules' choice when their mention is a name (not a pronoun or description)
    "kind_name",
    "kind_none",
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
    "previous_sentence",
    "plural_mention",
    "cue_subject",
    "cue_object",
    "apposed",
    "in_marks",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name the quote may be given; ``mention``: its mention nearest the quote (outside it if any)."""

    name: str
    features: tuple[float, ...]
    mention: Span | None = None


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


def mention_kind(speaker: Span, rules: Profile) -> str:
    """NAME, PRONOUN, DESCRIPTION (« le bourgmestre », no proper noun) or MISSING (no speaker mention)."""
    if not len(speaker) or speaker.label_ == NONE:
        return MISSING
    if len(speaker) == 1 and speaker.text.lower().lstrip("-") in rules.words.genders:
        return PRONOUN
    root = speaker.root
    if root.pos_ == "NOUN" and not (root.ent_type_ and root.ent_type_ != "MISC"):
        return DESCRIPTION  # « le bourgmestre », « le chef de file de la France insoumise »
    return NAME


def candidates(doc: Doc, i: int, found: Attribution, rules: Profile) -> list[Candidate]:
    """Every name mentioned near quote ``i`` (and the rules' choice), with its features."""
    quote, speaker = found.quotes[i], found.speakers[i]
    kind = mention_kind(speaker, rules)
    previous = _previous_speakers(found, i)
    wanted, plural = _wanted(speaker, rules) if kind != MISSING else (None, False)
    mentions = [
        e for e in found.entities if e.label_ in ("PER", "ORG") and e.kb_id_ and not _office(e.kb_id_, rules)
    ]
    inside = [e for e in mentions if speaker.start <= e.start < speaker.end]
    inner = {e.kb_id_ for e in inside} if kind == DESCRIPTION else set()
    near: dict[str, list[Span]] = {}
    for e in mentions:
        if quote.start - WINDOW <= e.start and e.end <= quote.end + AFTER:
            near.setdefault(e.kb_id_, []).append(e)
    rule = speaker.kb_id_
    if rule and rule not in near:
        near[rule] = []
    recency = sorted(
        near, key=lambda n: (-max((e.start for e in near[n] if e.end <= quote.start), default=-1), n)
    )
    anchor = speaker if kind != MISSING else next((t for t in quote if t.is_alpha), quote[0])
    before_start = _sentence_before(quote)
    cues = _cues(quote, speaker)
    out = []
    for name, spans in near.items():
        all_of = [e for e in mentions if e.kb_id_ == name]
        if name in inner and name != rule:
            continue  # « le père de X », « les dockers du port de X »: X is not who speaks
        outside = [e for e in spans if not (quote.start <= e.start < quote.end)]
        before = [quote.start - e.end for e in outside if e.end <= quote.start]
        gender = _title_gender(doc, all_of, rules)
        feats = (
            1.0,
            float(name == rule),
            float(name == rule and kind == NAME),
            float(kind == NAME),
            float(kind == MISSING),
            math.log1p(min(before)) if before else math.log1p(WINDOW),
            float(bool(outside) and not before),
            math.log1p(len(all_of)),
            float(any(e.label_ == "PER" for e in all_of)),
            float(any(e.label_ == "ORG" for e in all_of) and not any(e.label_ == "PER" for e in all_of)),
            float(len(previous) > 0 and previous[0] == name),
            float(len(previous) > 1 and previous[1] == name),
            float(min(recency.index(name), 5)),
            float(gender is not None and wanted is not None and gender == wanted),
            float(gender is not None and wanted is not None and gender != wanted),
            _quoted_share(found.marks, all_of),
            float(any(e.sent.start == anchor.sent.start for e in outside)),
            float(before_start is not None and any(e.sent.start == before_start for e in outside)),
            float(plural),
            float(any(_governed(e, cues, SUBJECTS) for e in outside)),
            float(any(_governed(e, cues, OBJECTS) for e in outside)),
            float(kind != MISSING and any(_apposed(e, speaker) for e in outside)),
            float(bool(spans) and all(_inside(found.marks, e) for e in spans)),
        )
        nearest = min(outside or spans, key=lambda e: abs(e.start - quote.start), default=None)
        out.append(Candidate(name, feats, nearest))
    return out


def incise_named(doc: Doc, i: int, found: Attribution, rules: Profile) -> Candidate | None:
    """« Après le match, les deux équipes restent au stade. «…», se souvient X »: when the rules' mention
    is outside the quote's sentences and one name is the inverted subject right after the quote, that
    name speaks (``rerank`` asks it only for descriptions). (A guard added after reading the sixth round's
    errors: docs/quotes.md, "Sixth round: speakers".)"""
    quote, speaker = found.quotes[i], found.speakers[i]
    if not len(speaker) or speaker.label_ == NONE:
        return None
    if not _outside_sentences(speaker, quote):
        return None
    named = [
        c
        for c in candidates(doc, i, found, rules)
        if c.name != speaker.kb_id_
        and c.mention is not None
        and not _office(c.mention.text, rules)  # « le ministre de la Santé » tagged ORG: no name
        and _incise_subject(c.mention, quote)
    ]
    return named[0] if len(named) == 1 else None


def _outside_sentences(speaker: Span, quote: Span) -> bool:
    """The mention lies outside the quote's sentences: by the parse, or a sentence end or line break
    between them (the parser often runs a sentence on across « ». ¶ «)."""
    doc = quote.doc
    first = next((t for t in quote if t.is_alpha), quote[0])
    if not (first.sent.start <= speaker.start < quote[-1].sent.end):
        return True
    between = doc[speaker.end : quote.start] if speaker.end <= quote.start else doc[quote.end : speaker.start]
    return any(t.text in (".", "!", "?") or "\n" in t.text for t in between)


def _office(name: str, rules: Profile) -> bool:
    """« ministre de l'Agriculture », or « Roi » alone, tagged as an entity: an office, never a name."""
    words = name.split()
    first = words[0] if words else ""
    if len(words) == 1 and first.lower() in rules.mentions.person:
        return True
    return first[:1].islower() and rules.mentions.role(first.lower())


def _previous_speakers(found: Attribution, i: int) -> list[str]:
    """The rules' names of the two quotes before quote ``i`` in text order, nearest first."""
    quotes = found.quotes
    order = sorted(range(len(quotes)), key=lambda k: (quotes[k].start, k))
    at = order.index(i)
    return [found.speakers[k].kb_id_ for k in order[max(0, at - 2) : at]][::-1]


def _cues(quote: Span, speaker: Span) -> list[Token]:
    """The words that frame the quote: the verb the speaker mention depends on, and the word outside the
    quote that governs it (« a estimé que … », « selon … »)."""
    out = []
    if len(speaker) and speaker.label_ != NONE and speaker.root.head.i != speaker.root.i:
        out.append(speaker.root.head)
    for t in quote:
        if not (quote.start <= t.head.i < quote.end):
            out.append(t.head)
            break
    return out


def _governed(mention: Span, cues: list[Token], deps: tuple[str, ...]) -> bool:
    """The mention (or the noun it is apposed to: « le ministre, Paul X, ») is a ``deps`` child of a cue."""
    root = mention.root
    for tok in (root, root.head if root.dep_ in APPOSED else None):
        if tok is not None and tok.dep_ in deps and any(tok.head.i == c.i for c in cues):
            return True
    return False


def _apposed(mention: Span, speaker: Span) -> bool:
    """« le maire, Paul X, » / « Paul X, le maire, »: the mention is next to (or in) the rules' mention."""
    if mention.start < speaker.end and speaker.start < mention.end:
        return True
    if mention.root.head.i in range(speaker.start, speaker.end) and mention.root.dep_ in APPOSED:
        return True
    if speaker.root.head.i in range(mention.start, mention.end) and speaker.root.dep_ in APPOSED:
        return True
    gap = mention.doc[min(mention.end, speaker.end) : max(mention.start, speaker.start)]
    return len(gap) <= 1 and all(t.text == "," for t in gap)


def _sentence_before(quote: Span) -> int | None:
    """Start of the sentence before the quote's first words (a sentence of marks alone, « alone, is
    skipped: the parser often cuts one there)."""
    doc = quote.doc
    first = next((t for t in quote if t.is_alpha), quote[0])
    j = first.sent.start - 1
    while j >= 0:
        sent = doc[j].sent
        if any(t.is_alpha for t in sent):
            return sent.start
        j = sent.start - 1
    return None


def _wanted(speaker: Span, rules: Profile) -> tuple[str | None, bool]:
    """Gender and plurality the speaker mention asks of its referent (pronoun, or the description's words)."""
    low = speaker.text.lower().lstrip("-")
    if low in rules.words.genders:
        return rules.words.genders[low], low in rules.words.plurals
    det = next((t for t in speaker if t.pos_ == "DET"), speaker.root)
    values = det.morph.get("Gender", [])
    gender = FEM if values == ["Fem"] else MASC if values == ["Masc"] else None
    return gender, "Plur" in speaker.root.morph.get("Number", [])


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


def _incise_subject(mention: Span, quote: Span) -> bool:
    """« «…», se souvient X » / « «…», a dit à la radio X »: the mention follows the quote's end within
    ``INCISE_GAP`` tokens, behind a verb and in the same sentence, with no other name between."""
    doc = mention.doc
    gap = doc[quote.end : mention.start]
    if mention.start < quote.end or len(gap) > INCISE_GAP:
        return False
    words = [t for t in gap if t.pos_ != "PUNCT" and not t.is_punct]
    if not words or words[0].pos_ not in ("VERB", "AUX", "PRON"):
        return False
    if any(t.text in ".!?" for t in gap) or any(t.ent_type_ in ("PER", "ORG") for t in gap):
        return False
    return any(t.pos_ == "VERB" for t in words)


def _inside(marks: Sequence[tuple[int, int]], span: Span) -> bool:
    return any(s <= span.start_char < t for s, t in marks)


def _quoted_share(marks: Sequence[tuple[int, int]], spans: list[Span]) -> float:
    if not spans:
        return 0.0
    inside = sum(_inside(marks, e) for e in spans)
    return inside / len(spans)
