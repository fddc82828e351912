"""Speaker mentions on a parse: who is the subject of a cue, and the exact span of that mention."""

from __future__ import annotations

from spacy.tokens import Token

from guillemets.quotes.cues import CLITICS, QUE, SUBJECT_DEPS, is_clitic
from guillemets.quotes.lexicon import MentionWords

PRONOUNS = frozenset({"il", "elle", "ils", "elles", "lui", "eux", "on"})
POSSESSIVES = frozenset({"ses", "son", "sa", "leur", "leurs"})
CUT_DEPS = frozenset({"appos", "acl:relcl", "punct", "parataxis", "conj", "cc", "advcl"})


def person_like(token: Token, words: MentionWords) -> bool:
    """A token that can head a speaker mention: a name, a pronoun, a role or group noun."""
    low = token.lower_.lstrip("-")
    if token.pos_ == "PROPN" or token.ent_type_ in ("PER", "ORG"):
        return True
    if token.pos_ == "PRON":
        return low in PRONOUNS
    return token.pos_ == "NOUN" and (token.lemma_.lower() in words.person or token.lemma_.lower() in words.group
                                     or token.lemma_.lower() in words.document)


def name_head(token: Token) -> Token:
    """The first token of a flat name chain (``Vladimir`` for ``Poutine`` in ``Vladimir Poutine``)."""
    while token.dep_.startswith("flat") and token.head.i < token.i:
        token = token.head
    return token


def subject_of(verb: Token, words: MentionWords) -> Token | None:
    """The subject of a cue verb: dependency first, then an inverted clitic, then the nearest NP."""
    for tok in (verb, *[c for c in verb.children if c.dep_.startswith("aux")]):
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ != "qui":
                return name_head(child)
            if child.dep_ in SUBJECT_DEPS and child.lower_ == "qui" and verb.dep_ == "acl:relcl":
                return verb.head
    clitic = inverted_clitic(verb)
    if clitic is not None:
        return clitic
    if verb.dep_ in ("conj", "xcomp", "advcl", "acl") and verb.head.i != verb.i:
        if verb.head.pos_ in ("VERB", "AUX"):
            return subject_of(verb.head, words)
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.head.pos_ == "VERB":
            return subject_of(verb.head.head, words) or verb.head
    return nearest_left(verb, words)


def inverted_clitic(verb: Token) -> Token | None:
    """``il`` of ``a-t-il dit`` or ``dit-il``."""
    doc = verb.doc
    lo = min([c.i for c in verb.children if c.dep_.startswith("aux")] + [verb.i])
    for j in range(lo, min(len(doc), verb.i + 3)):
        if doc[j].lower_ in CLITICS and doc[j].lower_ != "-t":
            return doc[j]
    return None


def nearest_left(verb: Token, words: MentionWords) -> Token | None:
    """The nearest person-like noun phrase head left of the verb, within its clause."""
    doc = verb.doc
    for j in range(verb.i - 1, max(-1, verb.i - 25), -1):
        tok = doc[j]
        if tok.is_sent_start and j < verb.i - 1 and not person_like(tok, words):
            break
        if tok.lower_ in QUE or "\n" in tok.text or tok.text in {".", ";", ":", "«", "»"}:
            break
        if person_like(tok, words) and not _in_pp(tok):
            return name_head(tok) if tok.pos_ == "PROPN" else tok
    return None


def nearest_right(verb: Token, end: int, words: MentionWords) -> Token | None:
    """The inverted subject after an incise verb (``a déclaré le ministre``)."""
    doc = verb.doc
    for j in range(end, min(len(doc), end + 6)):
        tok = doc[j]
        if tok.text in {".", ";", "«", "»", '"'} or "\n" in tok.text:
            return None
        if tok.pos_ == "ADP" and tok.i > end:
            return None
        if person_like(tok, words) and tok.pos_ != "ADP":
            return name_head(tok) if tok.pos_ == "PROPN" else tok
    return None


def _in_pp(tok: Token) -> bool:
    head = name_head(tok)
    return any(c.dep_ == "case" for c in head.children) or (head.i > 0 and head.doc[head.i - 1].pos_ == "ADP"
                                                             and head.doc[head.i - 1].lower_ not in ("de",))


def mention_span(tok: Token, words: MentionWords) -> tuple[int, int]:
    """Character span of the mention headed by ``tok``: name with its title, or the noun phrase without appositions."""
    doc = tok.doc
    if is_clitic(tok) or tok.lower_.startswith("-"):
        return tok.idx + 1, tok.idx + len(tok.text)
    if tok.pos_ == "PRON" or tok.lower_ in POSSESSIVES:
        return tok.idx, tok.idx + len(tok.text)
    named = _comma_name(tok)
    if named is not None:
        tok = named
    start, end = _np_bounds(tok, words)
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _comma_name(tok: Token) -> Token | None:
    """``le commandant en chef, Oleksandre Syrsky,``: the name apposed to a description is the mention."""
    if tok.pos_ != "NOUN":
        return None
    for child in tok.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > 0 and tok.doc[child.i - 1].text == ",":
            return child
    return None


def _np_bounds(tok: Token, words: MentionWords) -> tuple[int, int]:
    doc = tok.doc
    if tok.pos_ == "PROPN":
        start = end = tok.i
        while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].head.i in range(start, end + 2):
            end += 1
        while end + 1 < len(doc) and doc[end + 1].dep_.startswith("flat") and doc[end + 1].head.i <= end:
            end += 1
        start = _extend_left(doc, start, words)
        return start, end + 1
    left = tok.left_edge.i
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in CUT_DEPS or child.text == "," or "\n" in child.text:
            break
        if any(t.text in {",", "«", "»", '"', "(", ".", ";"} or "\n" in t.text for t in child.subtree):
            break
        end = child.right_edge.i + 1
    start = left
    for j in range(tok.i - 1, left - 1, -1):
        if doc[j].text in {",", "«", "»", '"', "("}:
            start = j + 1
            break
    return start, end


def _extend_left(doc, start: int, words: MentionWords) -> int:  # type: ignore[no-untyped-def]
    """Include a title (``M.``, ``Mme``), an initial, or a determiner right before a name."""
    j = start - 1
    if j >= 0 and (doc[j].text in words.titles or (len(doc[j].text) == 2 and doc[j].text[1] == "." and doc[j].text[0].isupper())):
        start, j = j, j - 1
    if j >= 0 and doc[j].pos_ == "DET" and doc[j].lower_ in ("le", "la", "l'", "l’", "les"):
        start = j
    return start
