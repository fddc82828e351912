"""Indirect quotes: a cue and the clause it reports.

Verb cues take a ``que`` clause (a déclaré que P), an infinitive (a promis de P), or stand
as an inverted incise after the content (P, a indiqué la police). Prepositional cues frame
a clause (Selon X, P / P, selon X / Pour X, P / À ses yeux, P). Content runs to the end of
the sentence, cut before another reporting event (…, au moment où Y a suggéré que …).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from guillemets.quotes.cues import QUE, Found, cue_span, is_clitic, match_verb, sentence_bounds, strip_span
from guillemets.quotes.lexicon import Lexicon, MentionWords
from guillemets.speakers.mentions import POSSESSIVES, PRONOUNS, inverted_clitic, nearest_right, subject_of

QUE_WINDOW = 8  # tokens between a cue and its « que » (a assuré à Vladimir Poutine que)
CONNECTOR_MAX = 4  # a sentence-initial « Mais entre temps, » is not part of the content
INF_MARKS = frozenset({"de", "d'", "d’", "à"})


def find_indirect(doc: Doc, lexicon: Lexicon, words: MentionWords, inside: list[tuple[int, int]]) -> list[Found]:
    """Indirect quotes from verb cues and prepositional cues, outside the given quoted ranges."""
    out: list[Found] = []
    for tok in doc:
        if _inside(tok.idx, inside):
            continue
        hit = match_verb(tok, lexicon)
        if hit is not None:
            found = _verb_quote(doc, tok, hit[0].frames, hit[1], lexicon, words)
            if found is not None:
                out.append(found)
            continue
        found = _prep_quote(doc, tok, lexicon, words)
        if found is not None:
            out.append(found)
    return out


def _inside(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in ranges)


def _verb_quote(doc: Doc, verb: Token, frames: frozenset[str], end: int, lexicon: Lexicon,
                words: MentionWords) -> Found | None:
    s_start, s_end = sentence_bounds(doc, verb.i)
    cue = cue_span(verb, end)
    if "que" in frames:
        que = _find_que(doc, cue[1], s_end)
        if que is not None:
            return _clause(doc, verb, cue, que + 1, s_end, lexicon, words, "indirect: cue + que clause")
    if "inf" in frames:
        inf = _find_infinitive(doc, cue[1], s_end)
        if inf is not None:
            return _clause(doc, verb, cue, inf, s_end, lexicon, words, "indirect: cue + infinitive")
    if "incise" in frames:
        return _incise(doc, verb, cue, s_start, s_end, words)
    return None


def _find_que(doc: Doc, start: int, s_end: int) -> int | None:
    for j in range(start, min(s_end, start + QUE_WINDOW)):
        tok = doc[j]
        if tok.lower_ in QUE:
            return j
        if tok.text in {".", ";", ":", "«", "»", '"', "("} or (tok.pos_ == "VERB" and j > start):
            return None
        if tok.lower_ == "ce":  # « a expliqué ce que » is an object, not a clause
            return None
    return None


def _find_infinitive(doc: Doc, start: int, s_end: int) -> int | None:
    for j in range(start, min(s_end, start + 5)):
        tok = doc[j]
        if tok.pos_ in ("VERB", "AUX") and "Inf" in tok.morph.get("VerbForm"):
            return j if j == start or doc[j - 1].lower_ in INF_MARKS or doc[j - 1].pos_ in ("ADV", "PRON") else None
        if tok.text in {".", ";", ":", ",", "«", "»", '"'} or tok.pos_ in ("VERB", "SCONJ"):
            return None
    return None


def _clause(doc: Doc, verb: Token, cue: tuple[int, int], start: int, s_end: int, lexicon: Lexicon,
            words: MentionWords, rule: str) -> Found | None:
    end = cut_before_next_report(doc, start, s_end, lexicon)
    c_start, c_end = strip_span(doc, start, end)
    if c_end <= c_start:
        return None
    speaker = subject_of(verb, words)
    return Found("indirect", c_start, c_end, cue, speaker.i if speaker else None, rule)


def cut_before_next_report(doc: Doc, start: int, s_end: int, lexicon: Lexicon) -> int:
    """End of a content starting at ``start``: the sentence end, or the last comma before another report."""
    for j in range(start + 2, s_end):
        tok = doc[j]
        if tok.lower_ in ("selon", "d'après", "d’après") and doc[j - 1].text == ",":
            return j - 1
        hit = match_verb(tok, lexicon)
        if hit is None:
            continue
        participle = "Part" in tok.morph.get("VerbForm") and not any(c.dep_.startswith("aux") for c in tok.children)
        if doc[j - 1].text == "," and (participle or tok.morph.get("VerbForm") == ["Ger"]):
            return j - 1
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is not None and subject.i > start:
            comma = _last_comma(doc, start + 2, subject.left_edge.i)
            if comma is not None:
                return comma
    return s_end


def _last_comma(doc: Doc, lo: int, hi: int) -> int | None:
    for j in range(hi - 1, lo - 1, -1):
        if doc[j].text in {",", ";", "–", "—"}:
            return j
    return None


def _incise(doc: Doc, verb: Token, cue: tuple[int, int], s_start: int, s_end: int,
            words: MentionWords) -> Found | None:
    """P, a indiqué la police. / P1, dit-il, P2.: an inverted cue after (or inside) its content."""
    if cue[0] - s_start < 3 or doc[cue[0] - 1].text != ",":
        return None
    speaker = inverted_clitic(verb) or _inverted_subject(verb, cue[1], words)
    if speaker is None:
        return None
    start = content_start(doc, s_start, cue[0] - 1)
    end = cue[0] - 1
    after = _after_subject(doc, speaker, s_end)
    if after is not None and after < s_end - 1 and doc[after].text == ",":
        end = s_end
    c_start, c_end = strip_span(doc, start, end)
    if c_end <= c_start:
        return None
    return Found("indirect", c_start, c_end, cue, speaker.i, "indirect: incise after the content")


def _inverted_subject(verb: Token, end: int, words: MentionWords) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and child.i >= end:
            return child
    return nearest_right(verb, end, words)


def _after_subject(doc: Doc, speaker: Token, s_end: int) -> int | None:
    j = max(speaker.i, speaker.right_edge.i) + 1
    while j < s_end and doc[j].text != "," and doc[j].text != ".":
        j += 1
    return j if j < s_end else None


def content_start(doc: Doc, s_start: int, limit: int) -> int:
    """First token of a sentence's content: after a date line « 31 octobre 2012. - » and a short connector."""
    j = s_start
    while j < limit and (doc[j].is_space or doc[j].text in {"-", "–", "—", "»", '"', ":"}):
        j += 1
    for k in range(j, min(limit, j + CONNECTOR_MAX + 1)):
        if doc[k].text == ",":
            if all(t.pos_ in ("ADV", "CCONJ", "ADP", "DET", "NOUN", "ADJ", "PRON") for t in doc[j:k]) and not any(
                t.pos_ == "VERB" for t in doc[j:k]
            ) and not any(t.pos_ in ("PROPN",) for t in doc[j:k]):
                return k + 1
            break
    return j


# ------------------------------------------------------------ prepositional cues


def _prep_quote(doc: Doc, tok: Token, lexicon: Lexicon, words: MentionWords) -> Found | None:
    matched = _match_prep(doc, tok, lexicon)
    if matched is None:
        return None
    text, end = matched
    s_start, s_end = sentence_bounds(doc, tok.i)
    first = content_start(doc, s_start, s_end)
    if tok.i <= first + 1 or (tok.i == first + 1 and doc[first].pos_ in ("CCONJ", "ADV")):
        return _prep_before(doc, tok, text, end, s_end, lexicon, words)
    if doc[tok.i - 1].text == "," and text != "pour":
        return _prep_after(doc, tok, end, first, s_end, words)
    return None


def _match_prep(doc: Doc, tok: Token, lexicon: Lexicon) -> tuple[str, int] | None:
    from guillemets.quotes.lexicon import normalise_words

    for cue in lexicon.preps:
        words = normalise_words(cue.text)
        j = tok.i
        ok = True
        for word in words:
            if j >= len(doc) or normalise_words(doc[j].text) != (word,) and doc[j].lower_ != word:
                ok = False
                break
            j += 1
        if ok:
            return cue.text, j
    return None


def _prep_before(doc: Doc, tok: Token, text: str, end: int, s_end: int, lexicon: Lexicon,
                 words: MentionWords) -> Found | None:
    """Selon X, P / Pour X, P / À ses yeux, P."""
    comma = next((j for j in range(end, min(s_end, end + 14)) if doc[j].text == ","), None)
    if comma is None:
        return None
    source = _source_head(doc, tok.i, end, comma, words, strict=text == "pour")
    if source is None:
        return None
    stop = cut_before_next_report(doc, comma + 1, s_end, lexicon)
    c_start, c_end = strip_span(doc, comma + 1, stop)
    if c_end <= c_start or not any(t.pos_ in ("VERB", "AUX") for t in doc[comma + 1 : stop]):
        return None
    return Found("indirect", c_start, c_end, (tok.i, end if source.i >= end else source.i), source.i,
                 f"indirect: « {text} X, P »")


def _prep_after(doc: Doc, tok: Token, end: int, first: int, s_end: int, words: MentionWords) -> Found | None:
    """P, selon X."""
    stop = next((j for j in range(end, s_end) if doc[j].text in {",", ".", ";"}), s_end)
    source = _source_head(doc, tok.i, end, stop, words, strict=False)
    if source is None:
        return None
    c_start, c_end = strip_span(doc, first, tok.i - 1)
    if c_end <= c_start:
        return None
    return Found("indirect", c_start, c_end, (tok.i, end if source.i >= end else source.i), source.i,
                 "indirect: « P, selon X »")


def _source_head(doc: Doc, cue_start: int, start: int, stop: int, words: MentionWords, strict: bool) -> Token | None:
    """The head of X in « selon X »: a possessive (à ses yeux), a pronoun, a name or a noun."""
    for j in range(cue_start, start):
        if doc[j].lower_ in POSSESSIVES:
            return doc[j]
    span = doc[start:stop]
    if not len(span) or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl",) for t in span[:1]):
        return None
    if strict and any(t.pos_ == "VERB" for t in span):
        return None
    for t in span:
        if t.lower_ in PRONOUNS and t.pos_ == "PRON":
            return t
    heads = [t for t in span if t.head.i < start or t.head.i >= stop or t.head.i == t.i]
    for t in heads + list(span):
        if t.pos_ in ("PROPN", "NOUN") and not is_clitic(t):
            if strict and t.pos_ == "NOUN" and not _speaker_noun(t, words):
                return None
            return t
    return None


def _speaker_noun(t: Token, words: MentionWords) -> bool:
    lemma = t.lemma_.lower()
    return lemma in words.person or lemma in words.group or lemma in words.document or t.ent_type_ in ("PER", "ORG")
