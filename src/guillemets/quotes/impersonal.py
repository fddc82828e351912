"""Impersonal incises (« a-t-on indiqué à la préfecture »): a quote when the sentence names who « on » is.

Annotation guideline §6: the source named by a complement of the cue (à / auprès de / de / chez X,
« de source policière ») is the speaker; « on » with no such source is anonymous hearsay and no quote.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from guillemets.quotes.cues import Found
from guillemets.rules import Profile

SUBJECT_OR_OBJECT = frozenset({"nsubj", "nsubj:pass", "obj", "iobj"})


def is_on(tok: Token, rules: Profile) -> bool:
    return tok.lower_.lstrip("-") in rules.words.impersonal


def named_on(doc: Doc, quote: Found, rules: Profile) -> bool:
    """Keep a quote whose speaker is « on » when its cue names the source; the source becomes the speaker."""
    if quote.cue is None:
        return False
    have = rules.words.have
    verbs = [
        t for t in doc[quote.cue[0] : quote.cue[1]] if t.pos_ in ("VERB", "AUX") and t.lemma_ not in have
    ]
    source = next(
        (s for v in verbs for s in _sources(v, rules) if not quote.start <= s.idx < quote.end), None
    )  # « on parle de « X » »: a complement inside the content is what is spoken of, not a source
    if source is None:
        return False
    pronoun = doc[quote.speaker].lower_.lstrip("-") if quote.speaker is not None else ""
    quote.speaker = source.i
    quote.notes.append(f"; impersonal incise: « {pronoun} » is the source named by « {_phrase(source)} »")
    return True


def _sources(verb: Token, rules: Profile) -> list[Token]:
    """Nouns in a source complement of ``verb``: « à la préfecture », « auprès du club », « de source X »."""
    near = [t for c in verb.children for t in (c, *c.children)]  # « auprès » may head its noun
    out = []
    for tok in near:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in SUBJECT_OR_OBJECT:
            continue
        cases = [c.lower_ for c in tok.children if c.dep_ == "case"]
        if any(c in rules.words.source_case for c in cases) or tok.head.lower_ in rules.words.source_head:
            out.append(tok)
    return out


def _phrase(tok: Token) -> str:
    left = min(t.i for t in tok.subtree)
    return tok.doc[left : tok.i + 1].text
