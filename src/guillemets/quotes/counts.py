"""Counts attributed one by one: « 70 000 personnes, selon la police, 90 000, selon les syndicats ».

Press reports of a demonstration give each source's figure as its own little report: the content is
the count just before the prepositional cue (a number and at most a few nouns), not the sentence.
Lexicon frame ``count`` on a prepositional cue (``selon``, ``d'après``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from guillemets.quotes.clauses import CLOSING
from guillemets.quotes.cues import Found
from guillemets.quotes.reasons import Reason
from guillemets.rules import Profile

MAX_COUNT_WORDS = 5  # « 22 000 personnes », « plus de 6000 manifestants »: a count is short
OPENING_MARKS = frozenset({",", "(", ";", ":"})  # with the profile's ``count_opener`` words, before a count
COUNT_POS = frozenset({"NUM", "NOUN", "ADJ", "ADV", "ADP"})  # « près de 6000 manifestants »
SOURCE_END = frozenset({",", ".", ";", ")", "(", "—", "–"})  # with the profile's ``and`` words


def count_quote(
    doc: Doc, tok: Token, end: int, first: int, s_end: int, source: Token, rules: Profile
) -> Found | None:
    """The count just before « selon X » when it is one item of a list of counts (frame ``count``)."""
    right = tok.i - 1 if tok.i > first and doc[tok.i - 1].text == "," else tok.i
    if right > 0 and doc[right - 1].text in CLOSING:
        return None  # « … », selon X: a direct quote
    start = _count_start(doc, right, first, OPENING_MARKS | rules.words.count_opener)
    if start is None or not _in_list(doc, start, end, s_end, first, rules):
        return None
    return Found(
        "indirect",
        doc[start].idx,
        doc[right - 1].idx + len(doc[right - 1].text),
        (tok.i, end),
        source.i,
        Reason.PREP_COUNT,
    )


def _count_start(doc: Doc, right: int, first: int, openers: frozenset[str]) -> int | None:
    """Start of a short phrase ending at ``right`` after a list opener, with a number in its first words."""
    j = right - 1
    while j >= first and doc[j].text not in openers:
        if right - j > MAX_COUNT_WORDS or (doc[j].pos_ not in COUNT_POS and not doc[j].like_num):
            return None
        j -= 1
    start = j + 1
    if start >= right or not any(_is_number(t) for t in doc[start : min(right, start + 3)]):
        return None
    return start


def _is_number(t: Token) -> bool:
    return t.like_num or t.pos_ == "NUM"


def _in_list(doc: Doc, start: int, end: int, s_end: int, first: int, rules: Profile) -> bool:
    """The count is one of several: another number follows the source, or one came before it."""
    ends, ands = SOURCE_END | rules.words.and_, rules.words.and_
    after = next((j for j in range(end, s_end) if doc[j].text in ends or doc[j].lower_ in ands), s_end)
    following = doc[after + 1 : min(s_end, after + 4)]
    preceding = doc[max(first, start - 12) : start]
    counting = rules.cues.count_words  # « selon », « d'après »: the cues that attribute counts
    return any(_is_number(t) for t in following) or (
        any(t.lower_ in counting for t in preceding) and any(_is_number(t) for t in preceding)
    )
