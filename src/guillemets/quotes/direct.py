"""Direct quotes: words inside paired marks, with the cue and speaker that attribute them.

Order of evidence: an incise after the closing mark (« … », a-t-il dit), an incise inside
the marks (« …, affirme-t-elle. … »), a cue before the opening mark in the same sentence
(a déclaré : « … »), a colon after a clause naming the speaker, then the continuation of
the previous quote. Short fragments are kept only when a cue governs them; otherwise they
are scare quotes, titles or names, and left to the mixed-quote rules.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from guillemets.quotes.cues import Found, cue_span, match_verb, sentence_bounds
from guillemets.quotes.marks import MarkPair
from guillemets.quotes.prep import source_after_mark
from guillemets.quotes.reasons import Reason
from guillemets.rules import Frame, Profile
from guillemets.rules.mentions import (
    entity_of,
    inverted_clitic,
    is_clitic,
    nearest_left,
    nearest_right,
    person_like,
    subject_of,
)

_WORD = re.compile(r"[^\W_]+")
MIN_SENTENCE_WORDS = 4
INCISE_TAIL = 4  # words after an inverted name before the comma or stop closing an incise inside marks
BETWEEN_BEFORE = (
    9  # tokens allowed between a cue and the opening mark (« a précisé en conférence de presse : »)
)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_fragment(text: str) -> bool:
    """Too short to stand alone as speech: fewer than four words and no sentence punctuation."""
    return word_count(text) < MIN_SENTENCE_WORDS and not re.search(r"[.!?…]\s*$", text)


class TokenIndex:
    """Character → token lookups over one doc, in O(log n)."""

    def __init__(self, doc: Doc) -> None:
        self._starts = doc.to_array("IDX").tolist() if len(doc) else [0]
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on each access: read it once

    def at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._starts, char) - 1)

    def after(self, char: int) -> int:
        """First token starting at or after ``char``."""
        i = self.at(char)
        return i + 1 if self._starts[i] < char and i + 1 < len(self._starts) else i


def find_direct(doc: Doc, rules: Profile, pairs: list[MarkPair]) -> list[Found]:
    """Direct quotes of ``doc`` (one per accepted mark pair), in text order."""
    index = TokenIndex(doc)
    found: list[Found] = []
    for pair in pairs:
        quote = _attribute(doc, index, rules, pair, found)
        if quote is not None:
            found.append(quote)
    return found


def _attribute(
    doc: Doc, index: TokenIndex, rules: Profile, pair: MarkPair, found: list[Found]
) -> Found | None:
    text = pair.inner(index.text)
    if not _WORD.search(text):
        return None
    fragment = is_fragment(text)
    if fragment and (_label(doc, index, pair, rules) or _inside_a_phrase(doc, index, pair, rules)):
        return None  # les « gilets jaunes »: a label; « une quarantaine » de viols: part of a mixed report
    for rule in (_incise_after, _cue_before):
        quote = rule(doc, index, rules, pair, fragment)
        if quote is not None:
            return quote
    if fragment:
        return None
    return (
        _incise_inside(doc, index, rules, pair)
        or _after_colon(doc, index, rules, pair)
        or _continuation(doc, index, pair, found)
        or _standalone(doc, index, rules, pair)
    )


def _incise_after(
    doc: Doc, index: TokenIndex, rules: Profile, pair: MarkPair, fragment: bool
) -> Found | None:
    """« … », a déclaré X / « … » indique le quotidien / « … », a-t-il affirmé."""
    if not pair.closed:
        return None
    i = index.after(pair.end)
    for j in range(i, min(len(doc), i + 6)):
        tok = doc[j]
        if "\n" in tok.text or tok.text in {".", "«", '"', "»", ":", ";"}:
            return None
        if j == i + 1 and (prep := source_after_mark(doc, tok, rules)) is not None:
            cue, source = prep
            return Found("direct", pair.inner_start, pair.inner_end, cue, source.i, Reason.PREP_AFTER_MARK)
        hit = match_verb(tok, rules)
        if hit is not None and hit[0].allows(Frame.INCISE):
            cue = cue_span(tok, hit[1], rules)
            speaker = (
                inverted_clitic(tok, rules) or nearest_right(tok, cue[1], rules) or _subject_if_inverted(tok)
            )
            return Found(
                "direct",
                pair.inner_start,
                pair.inner_end,
                cue,
                speaker.i if speaker else None,
                Reason.INCISE_AFTER,
            )
        if tok.pos_ == "VERB" and not fragment:
            return _shaped_incise(doc, tok, pair, rules)
        if not (tok.text == "," or tok.pos_ in ("AUX", "ADV") or is_clitic(tok, rules)):
            return None
    return None


def _shaped_incise(doc: Doc, verb: Token, pair: MarkPair, rules: Profile) -> Found | None:
    """« … », a relayé devant les députés Jean Dupont.: a verb outside the lexicon in the shape of an
    incise — right after the closing mark and a comma, with a named person as inverted subject that
    ends the sentence — is a cue."""
    if "Fin" not in verb.morph.get("VerbForm", []) and "Part" not in verb.morph.get("VerbForm", []):
        return None
    j = verb.i + 1
    while j < min(len(doc), verb.i + 10) and doc[j].ent_type_ != "PER":
        if doc[j].text in {",", ".", "«", "»", ":", ";", '"'} or "\n" in doc[j].text or doc[j].pos_ == "VERB":
            return None
        j += 1
    if j >= len(doc) or doc[j].ent_type_ != "PER" or doc[j].ent_iob_ != "B":
        return None
    k = j
    while k < len(doc) and doc[k].ent_type_ == "PER" and (k == j or doc[k].ent_iob_ == "I"):
        k += 1
    if k < len(doc) and doc[k].text not in {".", ","}:
        return None
    speaker = doc[k - 1]
    first = verb.i
    while first > 0 and (doc[first - 1].pos_ == "AUX" or is_clitic(doc[first - 1], rules)):
        first -= 1
    return Found(
        "direct",
        pair.inner_start,
        pair.inner_end,
        (first, verb.i + 1),
        speaker.i,
        Reason.SHAPED_INCISE,
        verb.text,
    )


def _subject_if_inverted(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and child.i > verb.i:
            return child
    return None


def _cue_before(doc: Doc, index: TokenIndex, rules: Profile, pair: MarkPair, fragment: bool) -> Found | None:
    """X a déclaré : « … » / il confie que « … » / a dénoncé « … »: a cue verb governs the quote."""
    open_tok = index.at(pair.start)
    start, _ = sentence_bounds(doc, open_tok)
    limit = 3 if fragment else BETWEEN_BEFORE
    for j in range(open_tok - 1, max(start - 1, open_tok - limit - 3), -1):
        tok = doc[j]
        if tok.text in {"»", '"', "”", "."} or "\n" in tok.text:
            return None
        hit = match_verb(tok, rules)
        if hit is not None and not (hit[0].allows(Frame.COLON) or hit[0].allows(Frame.NP)):
            return None
        if hit is not None:
            between = doc[hit[1] : open_tok]
            if len([t for t in between if not t.is_punct]) > limit:
                return None
            speaker = subject_of(tok, rules)
            cue = cue_span(tok, hit[1], rules)
            return Found(
                "direct",
                pair.inner_start,
                pair.inner_end,
                cue,
                speaker.i if speaker else None,
                Reason.CUE_BEFORE,
            )
        if tok.pos_ == "VERB" and "Fin" in tok.morph.get("VerbForm", []):
            return None
    return None


def _incise_inside(doc: Doc, index: TokenIndex, rules: Profile, pair: MarkPair) -> Found | None:
    """« Cette loi, c'est …, affirme-t-elle. Je crois … »: an inverted cue inside the marks."""
    lo, hi = index.after(pair.inner_start), index.at(max(pair.inner_start, pair.inner_end - 1))
    for j in range(lo + 2, hi):
        tok = doc[j]
        hit = match_verb(tok, rules)
        if hit is None or not _after_comma(doc, j, lo, rules):
            continue
        cue = cue_span(tok, hit[1], rules)
        speaker = inverted_clitic(tok, rules) or _inverted_name(
            tok, cue[1], hi, rules, hit[0].allows(Frame.INCISE)
        )
        if speaker is not None:
            return Found("direct", pair.inner_start, pair.inner_end, cue, speaker.i, Reason.INCISE_INSIDE)
    return None


def _inverted_name(verb: Token, end: int, hi: int, rules: Profile, incise: bool) -> Token | None:
    """« P1, a souligné le maire. P2 »: an inverted subject that closes the incise with a comma or stop,
    a few words after its name's last token (« souffle Jeanne B. Dupont au téléphone. »)."""
    if not incise:
        return None
    speaker = nearest_right(verb, end, rules)
    if speaker is None or speaker.i >= hi:
        return None
    name = entity_of(speaker) if speaker.ent_type_ == "PER" else None
    last = name.end - 1 if name is not None else speaker.i
    k = last + 1
    while k < hi and doc_text(verb, k) not in {",", ".", ";", "!", "?"} and k - last <= INCISE_TAIL:
        k += 1
    return speaker if k < hi and doc_text(verb, k) in {",", ".", ";"} else None


def _after_comma(doc: Doc, j: int, lo: int, rules: Profile) -> bool:
    """A comma right before the cue, or before its auxiliary (« , a souligné »)."""
    k = j - 1
    while k > lo and (doc[k].pos_ == "AUX" or is_clitic(doc[k], rules)) and j - k <= 2:
        k -= 1
    return doc[k].text == ","


def doc_text(tok: Token, i: int) -> str:
    return tok.doc[i].text


def _after_colon(doc: Doc, index: TokenIndex, rules: Profile, pair: MarkPair) -> Found | None:
    """X : « … » — the clause before the colon names the speaker; there is no cue."""
    before = index.text[: pair.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = index.at(len(before) - 1)
    start, _ = sentence_bounds(doc, colon)
    speaker = _clause_speaker(doc, start, colon, rules)
    return Found(
        "direct",
        pair.inner_start,
        pair.inner_end,
        None,
        speaker.i if speaker else None,
        Reason.AFTER_COLON,
    )


def _clause_speaker(doc: Doc, start: int, end: int, rules: Profile) -> Token | None:
    """Subject of the clause ``start:end`` if it is person-like, else its last person-like mention."""
    for tok in doc[start:end]:
        if tok.dep_ in ("nsubj", "nsubj:pass") and person_like(tok, rules):
            return tok
    if end > start:
        return nearest_left(doc[end], rules)
    return None


def _continuation(doc: Doc, index: TokenIndex, pair: MarkPair, found: list[Found]) -> Found | None:
    """« A », a-t-il dit. « B »: a quote that opens a sentence right after another quote."""
    if not found:
        return None
    previous = found[-1]
    gap = index.text[previous.end : pair.start]
    if gap.count("\n\n") > 1 or len(gap) > 400:
        return None
    before = index.text[: pair.start].rstrip()
    if before and before[-1] not in '.!?…»":”' and not index.text[len(before) : pair.start].count("\n"):
        return None
    return Found(
        "direct",
        pair.inner_start,
        pair.inner_end,
        None,
        previous.speaker,
        Reason.CONTINUES,
        follows=len(found) - 1,
    )


def _standalone(doc: Doc, index: TokenIndex, rules: Profile, pair: MarkPair) -> Found | None:
    """X a pris la parole. « Phrase entière. »: a quoted sentence with no cue, spoken by the person
    the previous sentence is about (its person-like subject, not a pronoun: « Il pleuvait. « … » »
    has none); without one it stays out."""
    before = index.text[: pair.start].rstrip()
    inner = pair.inner(index.text).rstrip()
    if not before or before[-1] not in ".!?…" or not re.search(r"[.!?…]$", inner):
        return None
    prev_end = index.at(len(before) - 1)
    start, _ = sentence_bounds(doc, prev_end)
    speaker = next(
        (
            t
            for t in doc[start:prev_end]
            if t.dep_ in ("nsubj", "nsubj:pass") and person_like(t, rules) and t.pos_ != "PRON"
        ),
        None,
    )
    if speaker is None:
        return None
    return Found(
        "direct",
        pair.inner_start,
        pair.inner_end,
        None,
        speaker.i,
        Reason.STANDALONE,
    )


def _label(doc: Doc, index: TokenIndex, pair: MarkPair, rules: Profile) -> bool:
    """A short nominal group in marks right after a plural determiner (« des « gilets jaunes » »):
    a name for a group, not a quotation."""
    open_tok = index.at(pair.start)
    if open_tok == 0 or doc[open_tok - 1].lower_ not in rules.words.label_determiner:
        return False
    inner = [t for t in doc[open_tok + 1 : index.at(max(pair.end - 1, pair.start))] if not t.is_punct]
    return bool(inner) and all(t.pos_ in ("NOUN", "ADJ", "PROPN", "ADP", "DET") for t in inner)


def _inside_a_phrase(doc: Doc, index: TokenIndex, pair: MarkPair, rules: Profile) -> bool:
    """The fragment's phrase goes on after the closing mark (« a reconnu « une quarantaine » de viols »):
    the quoted words are part of a longer object, which the mixed-quote rules report whole."""
    if not pair.closed:
        return False
    after = index.after(pair.end)
    return after < len(doc) and doc[after].pos_ == "ADP" and doc[after].lower_ in rules.words.of
