"""Token-level cue matching on a spaCy parse: which token is a cue, and the span of its verb group."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from guillemets.quotes.reasons import Reason
from guillemets.rules import Cue, Profile
from guillemets.rules.mentions import SUBJECT_DEPS, is_clitic


@dataclass(slots=True)
class Found:
    """A quote found on the parse: content in characters, cue as a token range, speaker as a head token."""

    kind: str
    start: int
    end: int
    cue: tuple[int, int] | None
    speaker: int | None
    reason: Reason
    detail: str = ""  # the words the reason's explanation names (a frame, a cue's text)
    follows: int | None = None  # index of an earlier quote whose speaker this one continues
    cue_chars: tuple[int, int] | None = None  # character range of the cue, filled by the finders
    notes: list[str] = field(default_factory=list)  # later steps' additions to the explanation

    def explain(self) -> str:
        """The --explain line: derived from the structured reason, never read back by a rule."""
        return self.reason.value.format(self.detail) + "".join(self.notes)


def match_verb(token: Token, rules: Profile) -> tuple[Cue, int] | None:
    """The lexicon entry ``token`` starts (and the index after its last word), or None."""
    lexicon = rules.cues
    if token.pos_ not in ("VERB", "AUX", "ADJ", "NOUN", "PROPN") or token.lemma_ in rules.words.auxiliary:
        return None
    lemma = token.lemma_.lower()
    if lemma not in lexicon.verbs:
        lemma = lexicon.forms.get(token.lower_, "")
        if not lemma or (token.pos_ in ("NOUN", "PROPN") and not _incise_shape(token, rules)):
            return None
    elif token.pos_ in ("NOUN", "PROPN"):
        return None
    if _journalist(token, rules) or any(c.dep_ == "aux:pass" for c in token.children):
        return None
    reflexive = _has_reflexive(token, rules)
    for cue in lexicon.verbs.get(lemma, ()):
        end = _match_tail(token, cue.tail, rules)
        if end is None or cue.reflexive != reflexive:
            continue
        if token.pos_ == "ADJ" and not cue.tail and not _after_inverted_clitic(token, rules):
            continue  # « les mesures annoncées » is no cue; « a-t-il martelé » is (mistagged ADJ)
        return cue, end
    return None


def _journalist(token: Token, rules: Profile) -> bool:
    """« Rappelons que », « disons »: the writer's own voice (imperative or first person plural)."""
    if "Imp" in token.morph.get("Mood", []):
        return True
    subjects = [c.lower_ for c in token.children if c.dep_ in SUBJECT_DEPS]
    writer = not subjects or (len(subjects) == 1 and subjects[0] in rules.words.writer_plural)
    return rules.morphology.writer_form(token.lower_) and writer


def _after_inverted_clitic(token: Token, rules: Profile) -> bool:
    """« a-t-il martelé », « a-t-elle tranché »: the participle right after an inverted subject clitic."""
    return token.i > 0 and token.doc[token.i - 1].lower_ in rules.words.inverted_clitic


def _incise_shape(token: Token, rules: Profile) -> bool:
    """A mistagged verb still reads as an incise: « , glisse Zineb » or « glisse-t-il »."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    prev = doc[token.i - 1] if token.i > 0 else None
    if nxt is not None and is_clitic(nxt, rules):
        return True
    return (
        prev is not None
        and prev.text in {",", "»", '"', "”"}
        and nxt is not None
        and nxt.pos_ in ("PROPN", "DET")
    )


def _match_tail(token: Token, tail: tuple[str, ...], rules: Profile) -> int | None:
    doc, i = token.doc, token.i + 1
    for word in tail:
        skipped = 0
        while (
            i < len(doc)
            and skipped < 2
            and doc[i].lemma_.lower() != word
            and doc[i].lower_ != word
            and (doc[i].pos_ in ("ADV", "NOUN", "PROPN") or is_clitic(doc[i], rules))
        ):
            i, skipped = i + 1, skipped + 1
        if i >= len(doc) or word not in (doc[i].lemma_.lower(), doc[i].lower_):
            return None
        i += 1
    return i


def _has_reflexive(token: Token, rules: Profile) -> bool:
    doc = token.doc
    for j in range(token.i - 1, max(-1, token.i - 4), -1):
        if doc[j].lower_ in rules.words.reflexive_third:
            return True
        if doc[j].pos_ not in ("AUX", "ADV", "PRON"):
            return False
    return False


def cue_span(token: Token, end: int, rules: Profile) -> tuple[int, int]:
    """The verb group: auxiliaries and what lies between them and the verb, reflexive and inverted clitics."""
    doc = token.doc
    start = token.i
    heads = [token, *doc[token.i + 1 : end]]  # « a fait valoir »: the parse may hang « a » on the tail
    auxes = [
        c.i
        for head in heads
        for c in head.children
        if c.dep_.startswith("aux") and c.i < token.i and token.i - c.i <= 6
    ]
    if auxes:
        start = min(auxes)
    if start > 0 and doc[start - 1].lower_ in rules.words.reflexive:
        start -= 1
    while end < len(doc) and is_clitic(doc[end], rules):
        end += 1
    return start, end


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token range of the sentence holding token ``i``, cut at paragraph breaks."""
    import numpy as np
    from spacy.attrs import IS_SPACE, SENT_START

    arr = doc.to_array([SENT_START, IS_SPACE])
    before = np.flatnonzero(arr[: i + 1, 0] == 1)
    start = int(before[-1]) if len(before) else 0
    spaces = np.flatnonzero(arr[start:i, 1] == 1)  # a whitespace token is a paragraph break
    if len(spaces):
        start = start + int(spaces[-1]) + 1
    after = np.flatnonzero((arr[i + 1 :, 0] == 1) | (arr[i + 1 :, 1] == 1))
    end = i + 1 + int(after[0]) if len(after) else len(doc)
    return start, end


def strip_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range of tokens ``start:end`` without outer spaces and final punctuation."""
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].text in {".", ",", ";", ":", "…", "-", "–", "—"}
    ):
        end -= 1
    while start < end and (doc[start].is_space or doc[start].text in {",", ":", "-", "–", "—", ";"}):
        start += 1
    if end <= start:
        at = doc[start].idx if start < len(doc) else len(doc.text)
        return at, at
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


# « … en 2017.L'ancien candidat … », « (EHESS).La popularité … »: a full stop glued to the next sentence
# (scraped paragraphs), which the parser often leaves inside one sentence. The tokenizer splits some
# of these stops off (nlp/glued.py) but that alone does not end the sentence: contents are cut here
# too (dropping this cut lowered the attributed F1, docs/quotes.md "Eighth round, merged").
_GLUED_STOP = re.compile(r"(?<=[a-zà-ÿ0-9%]{2}|[A-Za-zÀ-ÿ0-9][)»])\.(?=[A-ZÀ-Ý][a-zà-ÿ'’])")


def unglued(text: str, start: int, end: int, after_cue: bool) -> tuple[int, int]:
    """A content's characters cut at a glued full stop: a content after its cue ends before the first,
    one before its cue (an incise) starts after the last."""
    stops = [m.start() for m in _GLUED_STOP.finditer(text, start, end)]
    if not stops:
        return start, end
    return (start, stops[0]) if after_cue else (stops[-1] + 1, end)
