"""A short quoted fragment inside the clause a cue governs: one mixed report, not a direct quote.

« Elle s'est excusée de ne pouvoir « hélas » venir ce soir »: unquoted words of the reported
proposition stand around the fragment, so the report is the clause (guidelines: unquoted words that
surround the quoted part make it mixed), from after the cue to the end of the clause. A fragment that
is the whole object (« a dénoncé un « scandale » ») stays direct.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from guillemets.quotes.cues import sentence_bounds, strip_span
from guillemets.rules import Profile

CLAUSE_STOPS = frozenset({",", ";", ":", ".", "!", "?", "…"})  # where the governed clause ends


def fragment_clause(
    doc: Doc, rules: Profile, cue_end: int, open_tok: int, close_tok: int | None
) -> tuple[int, int] | None:
    """Character range of the clause around a fragment (tokens ``open_tok`` … before ``close_tok``),
    when words of the clause stand before it (beyond determiners and prepositions) or after it."""
    if close_tok is None:
        return None
    _, s_end = sentence_bounds(doc, open_tok)
    lead = [t for t in doc[cue_end:open_tok] if _own_word(t, rules)]
    if not lead and not (close_tok < s_end and _goes_on(doc, close_tok, s_end)):
        return None
    end = close_tok
    while end < s_end and not _stop(doc[end]):
        end += 1
    start = cue_end
    while start < open_tok and (
        doc[start].pos_ in ("ADP", "ADV") or doc[start].lower_ in rules.words.infinitive_mark
    ):
        start += 1  # « de », « à », « contre », « par ailleurs » after the cue are no part of the content
    c_start, c_end = strip_span(doc, start, end)
    return (c_start, c_end) if c_end > c_start else None


def _own_word(tok: Token, rules: Profile) -> bool:
    """A word of the reported proposition itself: not punctuation, a determiner, a preposition or an
    adverb (« qualifie par ailleurs d'« X » »)."""
    words = rules.words
    return not (
        tok.is_punct
        or tok.is_space
        or tok.pos_ in ("DET", "ADP", "ADV")
        or tok.lower_ in words.of
        or tok.lower_ in words.infinitive_mark
    )


def _goes_on(doc: Doc, close_tok: int, s_end: int) -> bool:
    """After the closing mark the clause goes on with a word (« … » y participer), not with a stop or
    a conjunction (« et » before another fragment, or a second report: « et pense que »)."""
    tok = doc[close_tok]
    return not (tok.is_punct or _stop(tok))


def _stop(tok: Token) -> bool:
    """The clause ends here: a clause stop, a line break, or a coordinating conjunction."""
    return tok.text in CLAUSE_STOPS or tok.is_space or "\n" in tok.text or tok.pos_ == "CCONJ"
