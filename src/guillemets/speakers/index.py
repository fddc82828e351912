"""What one article says about its people and organisations: full names, acronyms, descriptions, genders.

Built once per parsed article from the NER, the surface around each name, and titles.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from guillemets.fold import fold as fold  # re-exported: callers import it from here
from guillemets.rules import Profile
from guillemets.rules.words import FEM, MASC
from guillemets.speakers.entities import as_places, is_acronym

_ACRONYM = re.compile(r"([A-ZÉÈ][\w’'\-]*(?: [\w’'\-]+){0,9}?) \(([A-Z][A-Za-z0-9\-]{1,11})\)")
_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})
NP_REACH = 16  # tokens: the longest description read before a name (« le ministre … et ex-député … »)


def determiner_prefixes(rules: Profile) -> tuple[str, ...]:
    """Definite determiners as they start a name (« le », « l'», capitalised too), for ``strip_det``."""
    words = sorted(rules.words.definite, key=lambda w: (w[-1] in "'’", w))
    forms = [w if w[-1] in "'’" else w + " " for w in words]
    return (*forms, *(f[:1].upper() + f[1:] for f in forms))


def strip_det(text: str, dets: tuple[str, ...]) -> str:
    for det in dets:
        if text.startswith(det):
            return text[len(det) :]
    return text


@dataclass(slots=True)
class ArticleIndex:
    titles: dict[str, str]
    dets: tuple[str, ...] = ()  # definite determiners a name may start with (``determiner_prefixes``)
    full_names: dict[str, str] = field(default_factory=dict)  # folded part of a person's name → fullest name
    people: set[str] = field(default_factory=set)
    acronyms: dict[str, str] = field(default_factory=dict)
    descriptions: list[tuple[int, frozenset[str], frozenset[str], str]] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)
    glued: dict[str, str] = field(default_factory=dict)  # « Nicolas R. Emily Spanton » → « Nicolas R. »
    pairs: list[tuple[int, str]] = field(default_factory=list)  # (token, « Anne X et Paul Y »): joint sources
    quotes: list[tuple[int, int]] = field(default_factory=list)
    ents: list[Span] = field(default_factory=list)  # Doc.ents is rebuilt on each access: read it once

    def clean(self, text: str) -> str:
        words = [w for w in text.split() if w not in self.titles]
        return strip_det(" ".join(words), self.dets).strip(" ,.;:'’")

    def canonical(self, text: str) -> str:
        """Fullest name: the person sharing the surname, or the expansion of an acronym."""
        clean = self.clean(text)
        clean = self.glued.get(clean, clean)
        if clean in self.acronyms:
            return self.acronyms[clean]
        first = clean.split()[0] if clean else ""
        if first in self.acronyms and first.isupper():
            return self.acronyms[first]
        return self.person(clean) or clean

    def person(self, clean: str) -> str | None:
        parts = [p for p in clean.split() if len(p.strip(".")) > 1]
        if not parts:
            return None
        full = self.full_names.get(fold(parts[-1]))
        if full and len(full.split()) >= len(parts):
            return full
        return None

    def is_person(self, name: str) -> bool:
        return name in self.people

    def gender(self, name: str | None) -> str | None:
        return self.genders.get(name) if name else None

    def description(self, pos: int, lemma: str, lemmas: frozenset[str]) -> str | None:
        """The name the article apposes to a description with the same head noun (best overlap, nearest).

        A mention with words beyond its head prefers the description it fits closest: « le ministre de
        l'Intérieur » is not « le ministre italien de l'Intérieur et ex-député X » when another name
        is « le ministre de l'Intérieur Y »."""
        specific = len(lemmas) > 1  # « le ministre de l'Intérieur », not the bare « le ministre »
        scored = [  # most words in common, then (specific mention) fewest words it lacks, then nearest
            (len(lemmas & d_lemmas), -len(d_lemmas - lemmas) if specific else 0, -abs(pos - d_pos), name)
            for d_pos, d_roles, d_lemmas, name in self.descriptions
            if lemma in d_roles
        ]
        return max(scored)[3] if scored else None

    def quoted(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quotes)


def build_index(doc: Doc, rules: Profile, quoted: Sequence[tuple[int, int]] = ()) -> ArticleIndex:
    """Index names, acronyms, appositions and titles of one parsed article.

    ``quoted``: character ranges inside quotation marks or reported (a name there is no antecedent).
    """
    text = doc.text
    index = ArticleIndex(rules.mentions.titles, determiner_prefixes(rules), quotes=list(quoted))
    index.ents = as_places(list(doc.ents), rules)  # « le rond-point Schuman » is no person
    _index_people(index)
    for match in _ACRONYM.finditer(text):
        index.acronyms.setdefault(match.group(2), strip_det(match.group(1), index.dets))
    ents = [e for e in index.ents if e.label_ in ("PER", "ORG")]
    _index_acronym_appositions(doc, ents, index, rules)
    _index_acronym_initials(index, rules)
    for ent in ents + [e for e in index.ents if _named_like_a_person(e)]:
        _index_descriptions(doc, ent, index.canonical(ent.text), rules, index)
    _index_titles(doc, rules, index)
    _index_agreement(index, rules)
    return index


def _index_people(index: ArticleIndex) -> None:
    people = _split_glued([index.clean(e.text) for e in index.ents if e.label_ == "PER"], index.glued)
    for name in sorted(people, key=lambda n: -len(n.split())):
        parts = name.split()
        if not parts:
            continue
        index.people.add(name)
        for k, part in enumerate(reversed(parts)):
            key = fold(part.strip(".,"))
            if len(key) > 1 and (k == 0 or key not in index.full_names):
                index.full_names.setdefault(key, name)


def _split_glued(people: list[str], glued: dict[str, str]) -> list[str]:
    """« a dit Nicolas R. Emily Spanton devrait… »: the NER glues a name ending in an initial to the
    next sentence's subject; when the tail is a person named elsewhere, both names stand alone."""
    known = set(people)
    out = []
    for name in people:
        parts = name.split()
        cut = next(
            (
                k
                for k in range(2, len(parts) - 1)
                if re.fullmatch(r"[A-ZÉ]\.", parts[k - 1]) and " ".join(parts[k:]) in known
            ),
            None,
        )
        if cut:
            glued[name] = " ".join(parts[:cut])  # the speaker of « a dit Nicolas R. » is Nicolas R.
        out += [" ".join(parts[:cut]), " ".join(parts[cut:])] if cut else [name]
    return out


def _index_acronym_appositions(doc: Doc, ents: list[Span], index: ArticleIndex, rules: Profile) -> None:
    """« le BEA, le Bureau d'enquêtes et d'analyses, » : an acronym apposed to its expansion."""
    links = {",", *(", " + d for d in rules.words.definite)}
    for a, b in itertools.pairwise(ents):
        if not 1 <= b.start - a.end <= 2:
            continue
        between = doc[a.end : b.start].text.strip()
        if between not in links:
            continue
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        if (
            short.text.isupper()
            and len(long.text.split()) > 1
            and _initials_match(short.text, long.text, index)
        ):
            index.acronyms.setdefault(short.text, strip_det(long.text, index.dets))


def _index_acronym_initials(index: ArticleIndex, rules: Profile) -> None:
    """« l'UE » with « l'Union européenne » elsewhere in the article: the one name whose initials
    (function words left out) spell the acronym exactly, before or after it."""
    shorts = {e.text for e in index.ents if is_acronym(e.text) and e.text not in index.acronyms}
    longs = sorted(
        {strip_det(e.text, index.dets) for e in index.ents if e.label_ != "PER" and len(e.text.split()) > 1}
    )
    for short in sorted(shorts):
        spelled = [name for name in longs if _initials(name, rules.words.initials_skip) == short.upper()]
        if len(spelled) == 1:
            index.acronyms[short] = spelled[0]


def _initials(name: str, skip: frozenset[str]) -> str:
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in skip]
    return "".join(w[0] for w in words).upper()


def _initials_match(acronym: str, long: str, index: ArticleIndex) -> bool:
    """BEA ~ Bureau d'Enquêtes et d'Analyses: its letters are initials of the long form."""
    initials = "".join(
        w[0] for w in re.findall(r"[^\W\d_]+", strip_det(long, index.dets)) if len(w) > 2 or w[0].isupper()
    ).upper()
    letters = iter(initials)
    return all(ch in letters for ch in acronym.upper() if ch.isalpha())


def _index_descriptions(doc: Doc, ent: Span, name: str, rules: Profile, index: ArticleIndex) -> None:
    """Descriptions around a name: « DESC, NAME », « DESC NAME », « NAME, DESC »."""
    spans = []
    if ent.start > 1:
        end = ent.start - 1 if doc[ent.start - 1].text == "," else ent.start
        k = ent.start - 1
        while k > 0 and doc[k].pos_ == "DET":
            k -= 1
        if (
            doc[k].lower_ in rules.words.of
        ):  # « le président de l'EA Guingamp »: a complement, not an apposition
            end = ent.start
            start, _ = _left_np(doc, end, rules)
            head = next((t for t in doc[start:end] if t.pos_ == "NOUN"), None)
            if head is None or head.lemma_.lower() not in rules.mentions.document | rules.mentions.group:
                end = -1
        if end > 0:
            spans.append(_left_np(doc, end, rules))
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        right = _right_np(doc, ent.end + 1, rules)
        if not _opens_a_clause(doc, *right):
            spans.append(right)
    for start, end in spans:
        roles = [t for t in doc[start:end] if _role_noun(t, rules)]
        if ent.label_ == "LOC":  # a place the NER took for a name: only a person noun makes it one
            roles = [t for t in roles if _word(t) in rules.mentions.person and ent.start - t.i < 12]
        elif ent.label_ != "PER":  # an organisation is described by group or document nouns, never by a role
            roles = [t for t in roles if _word(t) not in rules.mentions.person]
        elif any(_word(t) in rules.mentions.person for t in roles):
            # a person described by a person noun: « le patron du service de police, X » is not « la police »
            roles = [t for t in roles if _word(t) in rules.mentions.person]
        if not roles:
            continue
        role = roles[0]
        lemmas = frozenset(
            t.lemma_.lower() for t in doc[start:end] if t.is_alpha and t.pos_ in ("NOUN", "ADJ", "PROPN")
        )
        index.descriptions.append((role.i, frozenset(_word(t) for t in roles), lemmas, name))
        gender = _det_gender(doc, start, role.i)
        if gender and ent.label_ == "PER":
            index.genders.setdefault(name, gender)


def _named_like_a_person(ent: Span) -> bool:
    """A LOC entity of two or more proper nouns (« Timor Goksel »): a person's name the NER may have
    taken for a place; it is indexed as a person only when a person noun describes it."""
    return ent.label_ == "LOC" and len(ent) >= 2 and all(t.pos_ == "PROPN" and t.is_title for t in ent)


def _opens_a_clause(doc: Doc, start: int, end: int) -> bool:
    """« Au lendemain du meurtre de X, le chef de la diplomatie a reproché »: a noun phrase after the
    comma that runs into a finite verb is the subject of the next clause, not apposed to X (an
    apposition ends with a comma or the sentence)."""
    return (
        end < len(doc) and doc[end].pos_ in ("AUX", "VERB") and doc[end].morph.get("VerbForm", []) == ["Fin"]
    )


def _left_np(doc: Doc, end: int, rules: Profile) -> tuple[int, int]:
    """The noun phrase ending at ``end``: determiners, nouns, adjectives, « de » chains, and (within
    ``NP_REACH`` tokens) a complement after any preposition (« le commissaire européen à l'Économie »),
    a second title joined by « et » (« la ministre de X et porte-parole du gouvernement ») and a short
    parenthesis (« (gauche radicale) »)."""
    of, link = rules.words.of, rules.words.noun_link
    start = end
    while start > 0 and end - start < NP_REACH:
        prev = doc[start - 1]
        if "\n" in prev.text:
            break
        if (
            prev.pos_ in _NP_POS
            or prev.lower_ in of
            or prev.text == "-"
            or prev.lower_ in link
            or _listed_person(prev, rules)
        ):
            start -= 1
        elif prev.text == ")" and (opening := _parenthesis_start(doc, start - 1)) is not None:
            start = opening
        elif _joins_nouns(doc, start - 1, rules):
            start -= 1
        else:
            break
    while start < end and (doc[start].pos_ in ("ADP", "CCONJ") or doc[start].text in "()"):
        start += 1
    return start, end


def _parenthesis_start(doc: Doc, close: int) -> int | None:
    """Index of the « ( » opening the short parenthesis of words that ``close`` ends, else None."""
    for k in range(close - 1, max(close - 6, 0) - 1, -1):
        if doc[k].text == "(":
            return k if k < close - 1 and all(t.is_alpha for t in doc[k + 1 : close]) else None
        if not doc[k].is_alpha:
            return None
    return None


def _joins_nouns(doc: Doc, k: int, rules: Profile) -> bool:
    """``doc[k]`` is a title preposition (``title_link``) or « et » between a noun (or adjective) and a
    noun phrase: « la mission en Syrie », « ministre de l'Intérieur et ex-député »."""
    if k == 0 or k + 1 >= len(doc):
        return False
    tok = doc[k]
    joins = tok.lower_ in rules.words.title_link or (tok.pos_ == "CCONJ" and tok.lower_ in rules.words.and_)
    # after a noun or adjective of the title, never after a name: « Paul X et la … », « X selon l'étude »
    nxt = doc[k + 1]
    return (
        joins
        and doc[k - 1].pos_ in ("NOUN", "ADJ")
        and (nxt.pos_ in ("DET", "NOUN", "ADJ", "PROPN") or _listed_person(nxt, rules))
    )


def _listed_person(tok: Token, rules: Profile) -> bool:
    """A person noun of the lexicon the tagger did not take for a noun (« porte-parole » as PRON)."""
    return tok.pos_ in ("PRON", "VERB") and tok.lower_ in rules.mentions.person


def _word(tok: Token) -> str:
    """The lemma of a noun, the lower-cased form of a person noun tagged otherwise."""
    return tok.lemma_.lower() if tok.pos_ == "NOUN" else tok.lower_


def _role_noun(tok: Token, rules: Profile) -> bool:
    return (tok.pos_ == "NOUN" and rules.mentions.role(tok.lemma_.lower())) or _listed_person(tok, rules)


def _right_np(doc: Doc, start: int, rules: Profile) -> tuple[int, int]:
    end = start
    while end < len(doc) and end - start < 10:
        nxt = doc[end]
        if "\n" in nxt.text or not (nxt.pos_ in _NP_POS or nxt.lower_ in rules.words.of or nxt.text == "-"):
            break
        end += 1
    return start, end


def _det_gender(doc: Doc, start: int, role: int) -> str | None:
    for t in doc[start : role + 1]:
        if t.pos_ == "DET":  # the determiner, not the noun: « professeur » is masculine for women too
            values = t.morph.get("Gender", [])
            if values == ["Masc"]:
                return MASC
            if values == ["Fem"]:
                return FEM
    return None


def _index_titles(doc: Doc, rules: Profile, index: ArticleIndex) -> None:
    """« M. Guérassimov » makes Valéri Guérassimov masculine; « Mme Bensouda » feminine."""
    from spacy.attrs import ORTH

    titles = rules.mentions.titles
    keys = {doc.vocab.strings.add(t) for t in titles}
    for i in [i for i, orth in enumerate(doc.to_array(ORTH).tolist()) if orth in keys]:
        gender = titles.get(doc[i].text)
        if gender and i + 1 < len(doc):
            target = index.person(index.clean(doc[i + 1].text))
            if target:
                index.genders.setdefault(target, gender)


def _index_agreement(index: ArticleIndex, rules: Profile) -> None:
    """Feminine agreement genders names no title or determiner gave.

    « Claire Dumas est arrivée », « s'est dite inquiète », « Claire Dumas, furieuse, »; the masculine
    is also the default form, so it is no signal. (The first name's gender as the morphologizer tags it
    was tried too: it lowered speaker-name accuracy on both DEV files, 0.912→0.883 and 0.752→0.747.)
    """
    for ent in index.ents:
        if ent.label_ != "PER":
            continue
        name = index.person(index.clean(ent.text))
        if (
            name is not None
            and name not in index.genders
            and any(_feminine(t) for t in _agreeing(ent.root, rules))
        ):
            index.genders[name] = FEM


def _agreeing(root: Token, rules: Profile) -> list[Token]:
    """Words agreeing with a subject (participle after être, predicative adjective), or apposed adjectives."""
    out = [c for c in root.children if c.pos_ == "ADJ" and c.dep_ in ("amod", "appos", "acl")]
    head = root.head
    if root.dep_ in ("nsubj", "nsubj:pass") and head.pos_ in ("VERB", "ADJ"):
        copula = any(
            c.dep_ in ("cop", "aux:pass") or (c.dep_ == "aux:tense" and c.lemma_ in rules.words.copula)
            for c in head.children
        )
        reflexive = any(
            c.dep_ == "expl:comp" or c.lower_ in rules.words.reflexive_third for c in head.children
        )
        if copula or reflexive or head.pos_ == "ADJ":
            out.append(head)
        out += [c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "ADJ"]  # « s'est dite inquiète »
    return out


def _feminine(tok: Token) -> bool:
    return tok.morph.get("Gender", []) == ["Fem"] and tok.morph.get("Number", []) != ["Plur"]
