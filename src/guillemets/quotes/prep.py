"""Prepositional cues: « Selon X, P », « P, selon X », « P1, selon X, P2 », « X, selon lequel P ».

The positions each cue takes are lexicon frames (``prep``, ``after``, ``mid``, ``rel``, ``bare``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from guillemets.quotes.clauses import CLOSING, content_start, cut_before_next_report
from guillemets.quotes.counts import count_quote
from guillemets.quotes.cues import Found, match_verb, sentence_bounds, strip_span
from guillemets.quotes.reasons import Reason
from guillemets.rules import Frame, Profile
from guillemets.rules.mentions import entity_of, is_clitic, person_like

FINAL = frozenset({".", "!", "?", "…", ";", ":"}) | CLOSING  # tokens a sentence may end on
_SOURCE_END = frozenset({",", ".", "!", "?", "…", ";", ":"})  # punctuation closing a source phrase


def prep_quote(doc: Doc, tok: Token, rules: Profile) -> Found | None:
    """A prepositional cue in one of the positions its lexicon frames allow (before, after, mid, rel)."""
    matched = _match_prep(doc, tok, rules)
    if matched is None:
        return None
    text, end = matched
    frames = rules.cues.prep_frames(text)
    s_start, s_end = sentence_bounds(doc, tok.i)
    first = content_start(doc, s_start, s_end)
    if Frame.REL in frames and end < len(doc) and doc[end].lower_ in rules.words.relative_after_prep:
        return _prep_relative(doc, tok, end, s_end, rules)
    if tok.i <= first + 1 or (tok.i == first + 1 and doc[first].pos_ in ("CCONJ", "ADV")) or _opens(doc, tok):
        return _prep_before(doc, tok, text, end, _mended_end(doc, end, s_end), rules)
    if Frame.AFTER in frames or Frame.MID in frames:
        return _prep_after(doc, tok, end, first, s_end, rules, frames)
    return None


def _opens(doc: Doc, tok: Token) -> bool:
    """« Selon » with a capital after a full stop opens a sentence the parser may have glued to the last."""
    return (
        tok.text[:1].isupper()
        and tok.i > 0
        and (doc[tok.i - 1].text in {".", "!", "?"} or doc[tok.i - 1].is_space)
    )


def _mended_end(doc: Doc, end: int, s_end: int) -> int:
    """The end of a sentence the parser cut inside the source of an opening cue, before its comma
    (« Selon l’état- | major des armées, P »): the next sentence is glued back until a stop, within
    the paragraph."""
    if any(t.text == "," for t in doc[end:s_end]):
        return s_end
    while (
        s_end < len(doc)
        and doc[s_end - 1].text not in FINAL
        and not doc[s_end - 1].is_space
        and not doc[s_end].is_space
    ):
        s_end = sentence_bounds(doc, s_end)[1]
    return s_end


def source_after_mark(doc: Doc, tok: Token, rules: Profile) -> tuple[tuple[int, int], Token] | None:
    """« « … », selon X. »: the cue and source of a prepositional cue (frame ``after`` or ``mid``) just
    after a closing mark and a comma, ending its sentence or its parenthesis (« , selon X, » « - »)."""
    matched = _match_prep(doc, tok, rules)
    if matched is None or tok.i < 2 or doc[tok.i - 1].text != "," or doc[tok.i - 2].text not in CLOSING:
        return None
    frames = rules.cues.prep_frames(matched[0])
    if Frame.AFTER not in frames and Frame.MID not in frames:
        return None
    end, s_end = matched[1], sentence_bounds(doc, tok.i)[1]
    stop = next((j for j in range(end, s_end) if doc[j].text in {",", ".", ";", "—", "–", "-", ")"}), s_end)
    source = _source_head(doc, tok.i, end, stop, rules, strict=False)
    if source is None or not _can_be_source(source, rules):
        return None
    return (tok.i, end if source.i >= end else source.i), source


def trailing_source(doc: Doc, comma: int, s_end: int, rules: Profile) -> bool:
    """« …, affirmant avoir été blessée, selon les gardiens qui … ». »: after the comma at ``comma``, a
    prepositional cue (frame ``after``) whose source phrase closes the sentence: another report's
    source, which ends the content before it."""
    tok = doc[comma + 1] if comma + 1 < s_end else None
    matched = _match_prep(doc, tok, rules) if tok is not None else None
    if matched is None or Frame.AFTER not in rules.cues.prep_frames(matched[0]) or matched[1] >= s_end:
        return False
    stop = next((j for j in range(matched[1], s_end) if doc[j].text in _SOURCE_END), s_end)
    return stop < s_end and doc[stop].text != ","  # a stop, not the parser's sentence cut at a comma


def _match_prep(doc: Doc, tok: Token, rules: Profile) -> tuple[str, int] | None:
    """The prepositional cue starting at ``tok`` (« selon », « d'après », « aux yeux de »…) and its end."""
    if tok.lower_ in rules.words.prep_guard and (
        tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ not in rules.words.prep_guard_next
    ):
        return None  # « de » and « à » start a cue only as « de l'avis de », « à en croire », « à ses yeux »
    lexicon, morphology = rules.cues, rules.morphology
    first = morphology.prep_words(tok.text)
    if not first or first[0] not in lexicon.prep_first:
        return None
    for text, words in lexicon.prep_words:
        j, k = tok.i, 0
        while k < len(words) and j < len(doc):
            got = morphology.prep_words(doc[j].text)
            if got != words[k : k + len(got)]:
                break
            k, j = k + len(got), j + 1
        if k == len(words):
            return text, j
    return None


def _prep_before(doc: Doc, tok: Token, text: str, end: int, s_end: int, rules: Profile) -> Found | None:
    """Selon X, P / Pour X, P / À ses yeux, P."""
    comma = next((j for j in range(end, min(s_end, end + 14)) if doc[j].text == ","), None)
    if comma is None:
        return None
    comma = _past_apposed_name(doc, comma, s_end, rules)
    source = _source_head(doc, tok.i, end, comma, rules, strict=text in rules.words.strict_prep)
    if source is None:
        return None
    stop = cut_before_next_report(doc, comma + 1, s_end, rules)
    c_start, c_end = strip_span(doc, comma + 1, stop)
    if c_end <= c_start or not any(t.pos_ in ("VERB", "AUX") for t in doc[comma + 1 : stop]):
        return None
    return Found(
        "indirect",
        c_start,
        c_end,
        (tok.i, end if source.i >= end else source.i),
        source.i,
        Reason.PREP_BEFORE,
        text,
    )


def _past_apposed_name(doc: Doc, comma: int, s_end: int, rules: Profile) -> int:
    """« Pour la présidente de l'association, Claire Dumas, P », « Pour Marie Joly, directrice de l'école,
    P »: a person's name or a role noun phrase (no verb) between two commas right after X is X's
    apposition, and P starts after the second comma."""
    j = comma + 1
    while j < s_end and doc[j].text in rules.mentions.titles:
        j += 1
    ent = entity_of(doc[j]) if j < s_end else None
    if ent is not None and ent.label_ == "PER" and ent.start == j and ent.end < s_end:
        return ent.end if doc[ent.end].text == "," else comma
    head = next((t for t in doc[comma + 1 : s_end] if t.pos_ != "DET"), None)
    if head is None or head.pos_ != "NOUN" or head.lemma_.lower() not in rules.mentions.person:
        return comma
    for k in range(head.i + 1, min(s_end, head.i + 8)):  # « , directrice de l'école, P »
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in {"«", "»", '"', ":", ";"}:
            return comma
        if doc[k].text == ",":
            return k
    return comma


def _prep_after(
    doc: Doc,
    tok: Token,
    end: int,
    first: int,
    s_end: int,
    rules: Profile,
    frames: frozenset[str],
) -> Found | None:
    """P, selon X. (frame ``after``) / P1, selon X, P2. (frame ``mid``: the content is the whole sentence)."""
    stop = next((j for j in range(end, s_end) if doc[j].text in {",", ".", ";", "—", "–", "(", ")"}), s_end)
    last = not any(not (t.is_punct or t.is_space) for t in doc[stop:s_end])
    if (last and Frame.AFTER not in frames) or (not last and Frame.MID not in frames):
        return None
    if doc[tok.i - 1].text != "," and Frame.BARE not in frames:
        return None  # « se passer de l'avis de X »: only « selon » reports without a comma before it
    if tok.i >= 2 and doc[tok.i - 1].text == "," and doc[tok.i - 2].text in CLOSING:
        return None  # « … », selon X: a direct quote, attributed by the direct finder
    if not last and stop + 1 < s_end and doc[stop + 1].pos_ in ("SCONJ", "CCONJ"):
        last = True  # P, selon X, si …: the report is P; what follows is another clause
    source = _source_head(doc, tok.i, end, stop, rules, strict=False)
    if source is None or not _can_be_source(source, rules):
        return None
    if (
        Frame.COUNT in frames
        and (counted := count_quote(doc, tok, end, first, s_end, source, rules)) is not None
    ):
        return counted
    if any(
        match_verb(t, rules) is not None and not _adjectival(t)
        for t in doc[first:s_end]
        if t.i not in range(tok.i, stop)
    ):
        return None  # « P », a déclaré X, selon des propos …: the selon frames that report
    c_start, c_end = strip_span(doc, first, tok.i if last else s_end)
    verbs = any(t.pos_ in ("VERB", "AUX") for t in doc[first : tok.i if last else s_end])
    if c_end <= c_start or (not verbs and not person_like(source, rules)):
        return None  # a verbless content is a report only when a person or group is cited
    return Found(
        "indirect",
        c_start,
        c_end,
        (tok.i, end if source.i >= end else source.i),
        source.i,
        Reason.PREP_AFTER if last else Reason.PREP_MID,
    )


def _adjectival(verb: Token) -> bool:
    """A participle modifying a noun (« les mesures annoncées », « des banderoles réclamant … »): it
    describes the noun and reports nothing, so it does not take the sentence from « selon »."""
    return verb.dep_ in ("acl", "amod") and verb.morph.get("VerbForm", []) == ["Part"]


def _can_be_source(source: Token, rules: Profile) -> bool:
    """Who or what « selon » may cite: a person or group, a pronoun, a document, any noun but a few."""
    if person_like(source, rules) or source.lower_ in rules.words.possessive:
        return True
    return source.pos_ in ("NOUN", "PROPN") and source.lemma_.lower() not in rules.mentions.nonsource


def _prep_relative(doc: Doc, tok: Token, end: int, s_end: int, rules: Profile) -> Found | None:
    """X, selon lequel P: the content follows the relative pronoun, the speaker is its antecedent."""
    antecedent = next(
        (doc[j] for j in range(tok.i - 1, max(-1, tok.i - 4), -1) if doc[j].pos_ in ("NOUN", "PROPN")), None
    )
    if antecedent is None:
        return None
    stop = cut_before_next_report(doc, end + 1, s_end, rules)
    c_start, c_end = strip_span(doc, end + 1, stop)
    if c_end <= c_start or not any(t.pos_ in ("VERB", "AUX") for t in doc[end + 1 : stop]):
        return None
    return Found("indirect", c_start, c_end, (tok.i, end + 1), antecedent.i, Reason.PREP_RELATIVE)


def _source_head(
    doc: Doc, cue_start: int, start: int, stop: int, rules: Profile, strict: bool
) -> Token | None:
    """The head of X in « selon X »: a possessive (à ses yeux), a pronoun, a name or a noun."""
    pronouns, possessives = rules.words.pronoun, rules.words.possessive
    for j in range(cue_start, start):
        if doc[j].lower_ in possessives or (doc[j].lower_ in pronouns and doc[j].pos_ == "PRON"):
            return doc[j]  # « à ses yeux », « selon lui »
    span = doc[start:stop]
    if not len(span) or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl",) for t in span[:1]):
        return None
    if strict and any(t.pos_ == "VERB" for t in span):
        return None
    for t in span:
        if t.ent_type_ in ("PER", "ORG") and not _affiliation_before_name(t):
            return t
    for t in span:
        if t.lower_ in pronouns and t.pos_ == "PRON":
            return t
    heads = [t for t in span if t.head.i < start or t.head.i >= stop or t.head.i == t.i]
    for t in heads + list(span):
        if t.pos_ in ("PROPN", "NOUN") and not is_clitic(t, rules):
            if strict and t.pos_ == "NOUN" and not _speaker_noun(t, rules):
                return None
            return t
    return None


def _affiliation_before_name(t: Token) -> bool:
    """« le sénateur PS Luc Berthier »: an organisation right before a person's name is the person's party
    or union, not the source."""
    ent = entity_of(t)
    if ent is None or ent.label_ != "ORG" or ent.end >= len(t.doc):
        return False
    after = t.doc[ent.end]
    return after.ent_type_ == "PER" and after.ent_iob_ == "B"


def _speaker_noun(t: Token, rules: Profile) -> bool:
    return rules.mentions.role(t.lemma_.lower()) or t.ent_type_ in ("PER", "ORG")
