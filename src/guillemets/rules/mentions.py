"""Speaker mentions on a parse: who is the subject of a cue, and the exact span of that mention.

Noun phrases are read on the surface (determiner, nouns, adjectives, « de » chains) rather
than from the dependency subtree alone, because the parser often splits them (« état - major »).
A name inside or apposed to a description is the mention nearest the cue, so it wins.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from guillemets.rules.profile import Profile

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubj:caus"})
NAME_LABELS = frozenset({"PER", "ORG"})
_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})
_STOP = frozenset({",", ".", ";", ":", "«", "»", '"', "(", ")", "“", "”", "?", "!", "–", "—"})
NP_MAX = 10


def is_clitic(token: Token, rules: Profile) -> bool:
    """An inverted subject clitic (« -t-il ») or the euphonic « -t » of « a-t-il »."""
    return token.lower_ in rules.words.inverted_clitic or token.lower_ in rules.words.euphonic


def person_like(token: Token, rules: Profile) -> bool:
    """A token that can head a speaker mention: a name, a pronoun, a role, group or document noun."""
    low = token.lower_.lstrip("-")
    if token.text in rules.mentions.titles:
        return True
    if token.ent_type_ in NAME_LABELS or (token.pos_ == "PROPN" and token.text[:1].isupper()):
        return True
    if token.pos_ == "PRON" or is_clitic(token, rules):
        return low in rules.words.pronoun
    return token.pos_ == "NOUN" and rules.mentions.role(token.lemma_.lower())


def name_head(token: Token) -> Token:
    """The first token of a flat name chain (``Vladimir`` for ``Poutine`` in ``Vladimir Poutine``)."""
    while token.dep_.startswith("flat") and token.head.i < token.i and token.ent_iob_ != "B":
        token = token.head  # (never across the start of another entity: « l'AFP Gilles-Éric Séralini »)
    return token


def subject_of(verb: Token, rules: Profile) -> Token | None:
    """The subject of a cue verb: dependency first, then an inverted clitic, then the nearest noun phrase."""
    for tok in (verb, *[c for c in verb.children if c.dep_.startswith("aux")]):
        for child in tok.children:
            if child.dep_ not in SUBJECT_DEPS or child.i > verb.i:
                continue
            if child.lower_ in rules.words.relative_subject:
                return _antecedent(child, rules) or verb.head
            if child.lower_ not in rules.words.expletive_subject | rules.words.euphonic and (
                person_like(child, rules) or child.pos_ in ("NOUN", "PROPN")
            ):
                return _closer_subject(verb, _phrase_head(child, rules), rules)
            if (
                child.lower_ in rules.words.expletive_subject
                and verb.lemma_ not in rules.words.expletive_verb
            ):
                return child
    clitic = inverted_clitic(verb, rules)
    if clitic is not None:
        return clitic
    if (
        verb.dep_ in ("conj", "xcomp", "advcl", "acl")
        and verb.head.i != verb.i
        and not _across_lines(verb, verb.head)
    ):
        if verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            return subject_of(verb.head, rules)
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.head.pos_ == "VERB":
            return subject_of(verb.head.head, rules) or verb.head
    return nearest_left(verb, rules)


def _across_lines(a: Token, b: Token) -> bool:
    """A line break lies between the two tokens: the parser joined two paragraphs (« … nord.¶¶La
    directrice, X, a estimé que … » with « estimé » hanging from the sentence before), and a subject
    is never looked for across them."""
    lo, hi = sorted((a.i, b.i))
    return any("\n" in t.text for t in a.doc[lo:hi])


def _antecedent(relative: Token, rules: Profile) -> Token | None:
    """The head of the noun phrase a relative « qui » follows (« le successeur de X, qui » → successeur)."""
    doc = relative.doc
    j = relative.i - 1
    while j >= 0 and doc[j].text == ",":
        j -= 1
    if j < 0:
        return None
    start, end = np_bounds(doc[j], rules)
    return next((t for t in doc[start:end] if person_like(t, rules)), None)


def _closer_subject(verb: Token, subject: Token, rules: Profile) -> Token:
    """« Membre de la coalition, le ministre Jan Hamáček a estimé »: a subject cut off by a comma yields."""
    doc = verb.doc
    _, end = np_bounds(subject, rules)
    if any(doc[j].text == "," for j in range(end, verb.i)):
        closer = nearest_left(verb, rules)
        if closer is not None and closer.i > end:
            _, c_end = np_bounds(closer, rules)
            if not any(doc[j].text == "," for j in range(c_end, verb.i)):
                return closer
    return subject


def inverted_clitic(verb: Token, rules: Profile) -> Token | None:
    """``il`` of ``a-t-il dit`` or ``dit-il``."""
    doc = verb.doc
    lo = min([c.i for c in verb.children if c.dep_.startswith("aux")] + [verb.i])
    for j in range(max(0, lo - 1), min(len(doc), verb.i + 3)):
        if doc[j].lower_ in rules.words.inverted_clitic:
            return doc[j]
    return None


def nearest_left(verb: Token, rules: Profile) -> Token | None:
    """The nearest person-like noun phrase head left of the verb, within its clause."""
    doc = verb.doc
    depth = 0
    for j in range(verb.i - 1, max(-1, verb.i - 25), -1):
        tok = doc[j]
        depth += (tok.text == ")") - (tok.text == "(")
        if depth > 0 or tok.text == "(":
            continue
        if (
            tok.lower_ in rules.words.complementiser
            or "\n" in tok.text
            or tok.text in {".", ";", ":", "«", "»", '"'}
        ):
            break
        if tok.pos_ == "VERB" and "Fin" in tok.morph.get("VerbForm", []):
            break
        if person_like(tok, rules) and not _after_preposition(doc, j, rules):
            return _phrase_head(tok, rules)
    return None


def _phrase_head(tok: Token, rules: Profile) -> Token:
    """The first person-like word of the noun phrase holding ``tok`` (« président » in « le président de la
    commission »): a « de » complement is not the head."""
    start, _ = np_bounds(tok, rules)
    head = next((t for t in tok.doc[start : tok.i + 1] if person_like(t, rules)), tok)
    return name_head(head) if head.pos_ == "PROPN" else head


def nearest_right(verb: Token, end: int, rules: Profile) -> Token | None:
    """The inverted subject after an incise verb (``a déclaré le ministre``)."""
    doc = verb.doc
    j = end
    while j < min(len(doc), end + 12):
        tok = doc[j]
        if tok.text in _STOP or "\n" in tok.text:
            return None
        if tok.pos_ == "ADP" and j + 1 < len(doc):  # « a expliqué à l'AFP Gilles-Éric Séralini »: skip the PP
            k = j + 1
            while k < len(doc) - 1 and doc[k].pos_ == "DET":
                k += 1
            ent = entity_of(doc[k])
            j = ent.end if ent is not None else np_bounds(doc[k], rules)[1]
            named = next((t for t in doc[k + 1 : j] if t.ent_type_ == "PER" and t.ent_iob_ == "B"), None)
            if ent is None and named is not None:  # « a dit devant les élus Jeanne Dupont »
                return name_head(named)
            continue
        if person_like(tok, rules):
            return name_head(tok) if tok.pos_ == "PROPN" else tok
        j += 1
    return None


def _after_preposition(doc: Doc, j: int, rules: Profile) -> bool:
    """Is the noun phrase holding token ``j`` introduced by a preposition (other than « de »)?"""
    start, _ = np_bounds(doc[j], rules)
    k = start - 1
    return k >= 0 and doc[k].pos_ == "ADP" and doc[k].lower_ not in rules.words.of


def entity_of(tok: Token) -> Span | None:
    """The named entity (PER/ORG/LOC/MISC) holding ``tok``, if any."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and (
        doc[end].ent_iob_ == "I" or (doc[end - 1].text.endswith("-") and doc[end].pos_ == "PROPN")
    ):
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def np_bounds(tok: Token, rules: Profile) -> tuple[int, int]:
    """Token range of the surface noun phrase around ``tok``: determiner … head … « de » complements."""
    doc = tok.doc
    start = tok.i
    while start > 0 and tok.i - start < NP_MAX:
        prev = doc[start - 1]
        if (
            prev.text in _STOP
            or "\n" in prev.text
            or not (prev.pos_ in _NP_POS or prev.lower_ in rules.words.of or prev.text == "-")
        ):
            break
        start -= 1
    while start < tok.i and (doc[start].lower_ in rules.words.of or doc[start].text == "-"):
        start += 1
    end = tok.i + 1
    while end < len(doc) and end - tok.i < NP_MAX:
        nxt = doc[end]
        en_noun = (
            nxt.lower_ in rules.words.noun_link and end + 1 < len(doc) and doc[end + 1].pos_ == "NOUN"
        )  # commandant en chef
        if (
            nxt.text in _STOP
            or "\n" in nxt.text
            or not (nxt.pos_ in _NP_POS or nxt.lower_ in rules.words.of or nxt.text == "-" or en_noun)
        ):
            break
        end += 1
    while end > tok.i + 1 and (
        doc[end - 1].lower_ in rules.words.of or doc[end - 1].pos_ == "DET" or doc[end - 1].text == "-"
    ):
        end -= 1
    return start, end


def mention_tokens(tok: Token, rules: Profile) -> tuple[int, int]:
    """Token range of the mention headed by ``tok``: a pronoun, a name with its title, or a description."""
    doc = tok.doc
    if is_clitic(tok, rules) or tok.pos_ == "PRON" or tok.lower_ in rules.words.possessive:
        return tok.i, tok.i + 1
    ent = _name_entity(tok)
    if ent is None and tok.text in rules.mentions.titles and tok.i + 1 < len(doc):
        ent = _name_entity(doc[tok.i + 1])
    if ent is None:
        start, end = np_bounds(tok, rules)
        for j in range(tok.i - 1, start - 1, -1):
            if (
                doc[j].lower_ in rules.words.of
            ):  # the phrase of a « de » complement starts at its own determiner
                start = j + 1
                break
        ent = _name_in(doc, start, end, rules) or _apposed_name(doc, end, rules) or _name_before(doc, start)
        if ent is None:
            return start, end
    return _with_title(doc, ent.start, rules), ent.end


def _name_entity(tok: Token) -> Span | None:
    """The entity holding ``tok`` if it reads as a name: « procureure de la » tagged LOC is not."""
    ent = entity_of(tok)
    return ent if ent is not None and ent.text[:1].isupper() else None


def _name_in(doc: Doc, start: int, end: int, rules: Profile) -> Span | None:
    """A PER/ORG name ending the phrase (« le chef d'état-major Valéri Guérassimov »)."""
    seen = set()
    for tok in doc[start : min(len(doc), end + 1)]:
        ent = entity_of(tok)
        if ent is None or ent.start in seen:
            continue
        seen.add(ent.start)
        if ent.label_ in NAME_LABELS and start <= ent.start and ent.end <= end + 1 and ent.end >= end - 1:
            j = ent.start - 1
            while j > start and doc[j].pos_ == "DET":
                j -= 1
            if ent.start == start or doc[j].lower_ not in rules.words.of:
                return ent
    return None


def _apposed_name(doc: Doc, end: int, rules: Profile) -> Span | None:
    """« le commandant en chef de l'armée ukrainienne, Oleksandre Syrsky, a … »: the name after the comma."""
    if end + 1 < len(doc) and doc[end].text == ",":
        first = (
            end + 2 if doc[end + 1].text in rules.mentions.abbreviations and end + 2 < len(doc) else end + 1
        )
        ent = entity_of(doc[first])
        if (
            ent is not None
            and ent.label_ in NAME_LABELS
            and ent.end < len(doc)
            and doc[ent.end].text in {",", ")"}
        ):
            return ent
    return None


def _name_before(doc: Doc, start: int) -> Span | None:
    """« Barroso, le président de la Commission, se dit … »: the name before the description."""
    if start >= 2 and doc[start - 1].text == ",":
        ent = entity_of(doc[start - 2])
        if ent is not None and ent.label_ == "PER" and (ent.start == 0 or doc[ent.start - 1].pos_ != "ADP"):
            return ent
    return None


def _with_title(doc: Doc, start: int, rules: Profile) -> int:
    """Include a title (``M.``, ``Mme``) or an initial right before a name."""
    j = start - 1
    if j >= 0 and (
        doc[j].text in rules.mentions.titles
        or (len(doc[j].text) == 2 and doc[j].text.endswith(".") and doc[j].text[0].isupper())
    ):
        return j
    return start


def mention_span(tok: Token, rules: Profile) -> tuple[int, int]:
    """Character span of the mention headed by ``tok`` (an inverted clitic loses its hyphen)."""
    doc = tok.doc
    start, end = mention_tokens(tok, rules)
    s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if is_clitic(tok, rules):
        s_char = tok.idx + len(tok.text) - len(tok.text.lstrip("-").split("-")[-1])
    return s_char, e_char
