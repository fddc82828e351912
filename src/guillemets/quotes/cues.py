"""Token-level cue matching on a spaCy parse: which token is a cue, and the span of its verb group."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from guillemets.quotes.lexicon import Cue, Lexicon

CLITICS = frozenset({"-il", "-elle", "-ils", "-elles", "-on", "-t-il", "-t-elle", "-t-on"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubj:caus"})
QUE = frozenset({"que", "qu'", "qu’"})
REFLEXIVE = frozenset({"se", "s'", "s’", "me", "m'", "te", "t'", "nous", "vous"})


@dataclass(slots=True)
class Found:
    """A quote found on the parse: content in characters, cue as a token range, speaker as a head token."""

    kind: str
    start: int
    end: int
    cue: tuple[int, int] | None
    speaker: int | None
    rule: str
    follows: int | None = None  # index of an earlier quote whose speaker this one continues


def is_clitic(token: Token) -> bool:
    return token.lower_ in CLITICS or token.lower_ == "-t"


def match_verb(token: Token, lexicon: Lexicon) -> tuple[Cue, int] | None:
    """The lexicon entry ``token`` starts (and the index after its last word), or None."""
    if token.pos_ not in ("VERB", "AUX", "ADJ") or token.lemma_ in ("avoir", "être"):
        return None
    for cue in lexicon.verbs.get(token.lemma_.lower(), ()):
        end = _match_tail(token, cue.tail)
        if end is None or (cue.reflexive and not _has_reflexive(token)):
            continue
        if token.pos_ == "ADJ" and not cue.tail:
            continue
        return cue, end
    return None


def _match_tail(token: Token, tail: tuple[str, ...]) -> int | None:
    doc, i = token.doc, token.i + 1
    for word in tail:
        while i < len(doc) and (doc[i].pos_ == "ADV" or is_clitic(doc[i])) and doc[i].lemma_.lower() != word:
            i += 1
        if i >= len(doc) or word not in (doc[i].lemma_.lower(), doc[i].lower_):
            return None
        i += 1
    return i


def _has_reflexive(token: Token) -> bool:
    doc = token.doc
    for j in range(token.i - 1, max(-1, token.i - 4), -1):
        if doc[j].lower_ in REFLEXIVE:
            return True
        if doc[j].pos_ not in ("AUX", "ADV", "PRON"):
            return False
    return False


def cue_span(token: Token, end: int) -> tuple[int, int]:
    """The verb group: auxiliaries and what lies between them and the verb, reflexive and inverted clitics."""
    doc = token.doc
    start = token.i
    auxes = [c.i for c in token.children if c.dep_.startswith("aux") and c.i < token.i and token.i - c.i <= 6]
    if auxes:
        start = min(auxes)
    if start > 0 and doc[start - 1].lower_ in REFLEXIVE:
        start -= 1
    while end < len(doc) and is_clitic(doc[end]):
        end += 1
    return start, end


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token range of the sentence holding token ``i``, cut at paragraph breaks."""
    sent = doc[i].sent
    start, end = sent.start, sent.end
    for j in range(i, start - 1, -1):
        if "\n" in doc[j].text and j < i:
            start = j + 1
            break
    for j in range(i, end):
        if "\n" in doc[j].text and j > i:
            end = j
            break
    return start, end


def strip_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character range of tokens ``start:end`` without outer spaces and final punctuation."""
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {".", ",", ";", ":", "…", "-", "–", "—"}):
        end -= 1
    while start < end and (doc[start].is_space or doc[start].text in {",", ":", "-", "–", "—", ";"}):
        start += 1
    if end <= start:
        return (doc[start].idx if start < len(doc) else len(doc.text),) * 2  # type: ignore[return-value]
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
