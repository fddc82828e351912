"""Counts attributed one by one: « 70 000 personnes, selon la police, 90 000, selon les syndicats ».

Press reports of a demonstration give each source's figure as its own little report: the content is
the count just before the prepositional cue (a number and at most a few nouns), not the sentence.
Lexicon frame ``count`` on a prepositional cue (``selon``, ``d'après``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from guillemets.quotes.clauses import CLOSING
from guillemets.quotes.cues import Found

MAX_COUNT_WORDS = 5  # « 22 000 personnes », « plus de 6000 manifestants »: a count is short
OPENERS = frozenset({",", "entre", "et", "où", "(", ";", ":"})  # what may stand before a count in a list
COUNT_POS = frozenset({"NUM", "NOUN", "ADJ", "ADV", "ADP"})  # « près de 6000 manifestants »
SOURCE_END = frozenset({",", ".", ";", "et", ")", "(", "—", "–"})


def count_quote(doc: Doc, tok: Token, end: int, first: int, s_end: int, source: Token) -> Found | None:
    """The count just before « selon X » when it is one item of a list of counts (frame ``count``)."""
    right = tok.i - 1 if tok.i > first and doc[tok.i - 1].text == "," else tok.i
    if right > 0 and doc[right - 1].text in CLOSING:
        return None  # « … », selon X: a direct quote
    start = _count_start(doc, right, first)
    if start is None or not _in_list(doc, start, end, s_end, first):
        return None
    return Found(
        "indirect",
        doc[start].idx,
        doc[right - 1].idx + len(doc[right - 1].text),
        (tok.i, end),
        source.i,
        "indirect: « N, selon X » (a count in a list of counts)",
    )


def _count_start(doc: Doc, right: int, first: int) -> int | None:
    """Start of a short phrase ending at ``right`` after a list opener, with a number in its first words."""
    j = right - 1
    while j >= first and doc[j].text not in OPENERS:
        if right - j > MAX_COUNT_WORDS or (doc[j].pos_ not in COUNT_POS and not doc[j].like_num):
            return None
        j -= 1
    start = j + 1
    if start >= right or not any(_is_number(t) for t in doc[start : min(right, start + 3)]):
        return None
    return start


def _is_number(t: Token) -> bool:
    return t.like_num or t.pos_ == "NUM"


def _in_list(doc: Doc, start: int, end: int, s_end: int, first: int) -> bool:
    """The count is one of several: another number follows the source, or one came before it."""
    after = next((j for j in range(end, s_end) if doc[j].text in SOURCE_END or doc[j].lower_ == "et"), s_end)
    following = doc[after + 1 : min(s_end, after + 4)]
    preceding = doc[max(first, start - 12) : start]
    return any(_is_number(t) for t in following) or (
        any(t.lower_ == "selon" for t in preceding) and any(_is_number(t) for t in preceding)
    )
