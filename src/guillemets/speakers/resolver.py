"""Canonical speaker names within one article.

``Resolver`` is the replaceable contract (a model-based coreference resolver could implement
it); ``RuleResolver`` builds it on the parse, the morphology and the NER of the article:
names → the fullest form sharing a surname, acronyms → their expansion, descriptions →
the name an apposition gave them, pronouns → the most recent compatible subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc, Token

from guillemets.quotes.cues import is_clitic
from guillemets.quotes.lexicon import MentionWords
from guillemets.speakers.mentions import POSSESSIVES, mention_span, name_head, person_like

_ACRONYM = re.compile(r"((?:[LlDd][’']|[Ll][ae]s? )?[A-ZÉÈ][\w’'\-]*(?: [\w’'\-]+){0,9}?) \(([A-Z][A-Za-z0-9\-]{1,11})\)")
_DETS = ("le ", "la ", "les ", "l'", "l’", "Le ", "La ", "Les ", "L'", "L’")
INDEFINITE = frozenset({"un", "une", "des", "de", "d'", "d’", "plusieurs", "certains", "certaines", "quelques"})
MASC, FEM = "m", "f"


class Resolver(Protocol):
    """Canonical names for mentions (given by their head tokens) of one parsed article."""

    def resolve(self, doc: Doc, heads: Sequence[Token]) -> list[str | None]: ...


@dataclass(slots=True)
class _Known:
    """A resolved mention the resolver can point back to."""

    pos: int
    name: str | None
    gender: str | None
    plural: bool
    person: bool


@dataclass(slots=True)
class _Index:
    full_names: dict[str, str] = field(default_factory=dict)  # folded word of a name → fullest name
    acronyms: dict[str, str] = field(default_factory=dict)
    descriptions: list[tuple[int, str, frozenset[str], str]] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)


def fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def strip_det(text: str) -> str:
    for det in _DETS:
        if text.startswith(det):
            return text[len(det) :]
    return text


class RuleResolver:
    """Rule-based resolution: names, titles, acronyms, appositions, pronouns by gender and recency."""

    def __init__(self, words: MentionWords) -> None:
        self.words = words

    def resolve(self, doc: Doc, heads: Sequence[Token]) -> list[str | None]:
        index = self._index(doc)
        wanted = {h.i for h in heads}
        chain = sorted({*wanted, *self._subjects(doc)})
        known: list[_Known] = []
        names: dict[int, str | None] = {}
        for i in chain:
            item = self._resolve_one(doc[i], index, known)
            names[i] = item.name
            known.append(item)
        return [names[h.i] for h in heads]

    # -------------------------------------------------------------- index

    def _index(self, doc: Doc) -> _Index:
        index = _Index()
        people = [e for e in doc.ents if e.label_ == "PER"]
        for ent in sorted(people, key=lambda e: -len(self._clean_name(e.text).split())):
            name = self._clean_name(ent.text)
            parts = name.split()
            for k, part in enumerate(reversed(parts)):
                key = fold(part.strip(".,"))
                if len(key) > 1 and (key not in index.full_names or (k == 0 and len(parts) > 1)):
                    index.full_names.setdefault(key, name)
        for match in _ACRONYM.finditer(doc.text):
            index.acronyms[match.group(2)] = strip_det(match.group(1))
        for ent in doc.ents:
            if ent.label_ in ("PER", "ORG"):
                self._describe(doc, ent.root, self.canonical_name(ent.text, index), index)
        for tok in doc:
            if tok.text in self.words.titles and tok.i + 1 < len(doc) and self.words.titles[tok.text]:
                target = self._lookup(tok.nbor().text, index)
                if target:
                    index.genders.setdefault(target, self.words.titles[tok.text])
        return index

    def _clean_name(self, text: str) -> str:
        words = [w for w in text.split() if w not in self.words.titles]
        return strip_det(" ".join(words)).strip(" ,.")

    def _describe(self, doc: Doc, root: Token, name: str, index: _Index) -> None:
        """Record descriptions the article attaches to ``name``: appositions and a noun right before it."""
        root = name_head(root)
        candidates: list[Token] = []
        if root.dep_ in ("appos", "nmod", "flat:name", "flat") and root.head.pos_ == "NOUN":
            candidates.append(root.head)
        candidates += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        j = root.i - 1
        while j >= 0 and doc[j].pos_ in ("ADJ", "NOUN", "ADP", "DET", "PROPN") and root.i - j <= 8:
            if doc[j].pos_ == "NOUN" and self._role(doc[j]):
                candidates.append(doc[j])
                break
            j -= 1
        for noun in candidates:
            if self._role(noun):
                lemmas = frozenset(t.lemma_.lower() for t in noun.subtree if t.is_alpha and t.i not in range(root.i, root.i + 4))
                index.descriptions.append((noun.i, noun.lemma_.lower(), lemmas, name))
                gender = _gender(noun)
                if gender and root.ent_type_ == "PER":
                    index.genders.setdefault(name, gender)

    def _role(self, noun: Token) -> bool:
        lemma = noun.lemma_.lower()
        return lemma in self.words.person or lemma in self.words.group or lemma in self.words.document

    # -------------------------------------------------------------- resolution

    def _subjects(self, doc: Doc) -> list[int]:
        """Person-like subjects of the article: the salience list pronouns look back at."""
        return [t.i for t in doc if t.dep_ in ("nsubj", "nsubj:pass") and person_like(t, self.words)
                and t.lower_ not in ("on",)]

    def _resolve_one(self, tok: Token, index: _Index, known: list[_Known]) -> _Known:
        low = tok.lower_.lstrip("-").replace("t-", "")
        if tok.pos_ == "PRON" or is_clitic(tok) or low in POSSESSIVES:
            return self._pronoun(tok, low, known)
        span = tok.doc.char_span(*mention_span(tok, self.words), alignment_mode="expand")
        text = span.text if span is not None else tok.text
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PER", "ORG"):
            name = self._name_in(span, index) if span is not None else None
            name = name or self.canonical_name(text, index)
            person = tok.ent_type_ == "PER" or name in index.genders or fold(name.split()[-1]) in index.full_names
            return _Known(tok.i, name, index.genders.get(name) or _gender(tok), False, person)
        return self._description(tok, text, span, index, known)

    def _name_in(self, span, index: _Index) -> str | None:  # type: ignore[no-untyped-def]
        for ent in span.ents:
            if ent.label_ in ("PER", "ORG"):
                return self.canonical_name(ent.text, index)
        return None

    def canonical_name(self, text: str, index: _Index) -> str:
        """Fullest name for a name mention: the person sharing its surname, the expansion of an acronym."""
        clean = self._clean_name(text)
        if clean in index.acronyms:
            return index.acronyms[clean]
        found = self._lookup(clean, index)
        return found or clean

    def _lookup(self, clean: str, index: _Index) -> str | None:
        parts = [p for p in clean.split() if len(p.strip(".")) > 1]
        if not parts:
            return None
        full = index.full_names.get(fold(parts[-1]))
        if full and len(full.split()) >= len(clean.split()):
            return full
        return None

    def _description(self, tok: Token, text: str, span, index: _Index, known: list[_Known]) -> _Known:  # type: ignore[no-untyped-def]
        lemma = tok.lemma_.lower()
        gender, plural = _gender(tok), "Plur" in tok.morph.get("Number")
        person = lemma in self.words.person
        inner = self._name_in(span, index) if span is not None else None
        if inner is not None and (lemma in self.words.document or lemma in self.words.group or not person):
            return _Known(tok.i, inner, gender, plural, False)
        lemmas = frozenset(t.lemma_.lower() for t in span if t.is_alpha) if span is not None else frozenset({lemma})
        best = self._best_description(tok.i, lemma, lemmas, index)
        if best is not None:
            return _Known(tok.i, best, index.genders.get(best, gender), plural, person)
        definite = tok.doc[span.start].lower_ not in INDEFINITE if span is not None else True
        if person and definite and not plural:
            recent = self._recent(known, gender, plural=False, person=True)
            if recent is not None:
                return _Known(tok.i, recent.name, recent.gender, plural, True)
        name = text if definite and lemma in self.words.group else None
        return _Known(tok.i, name, gender, plural, person)

    def _best_description(self, pos: int, lemma: str, lemmas: frozenset[str], index: _Index) -> str | None:
        scored = [
            (len(lemmas & d_lemmas), -abs(pos - d_pos), name)
            for d_pos, d_head, d_lemmas, name in index.descriptions
            if d_head == lemma and d_pos != pos
        ]
        if not scored:
            return None
        return max(scored)[2]

    def _pronoun(self, tok: Token, low: str, known: list[_Known]) -> _Known:
        plural = low in ("ils", "elles", "eux", "leur", "leurs")
        gender = FEM if low in ("elle", "elles") else MASC if low in ("il", "ils", "lui", "eux") else None
        recent = self._recent(known, gender, plural, person=None)
        name = recent.name if recent is not None else None
        return _Known(tok.i, name, gender or (recent.gender if recent else None), plural, bool(recent and recent.person))

    @staticmethod
    def _recent(known: list[_Known], gender: str | None, plural: bool, person: bool | None) -> _Known | None:
        for item in reversed(known):
            if item.name is None or item.plural != plural:
                continue
            if person is not None and item.person != person:
                continue
            if gender is None or item.gender is None or item.gender == gender:
                return item
        return None


def _gender(tok: Token) -> str | None:
    values = tok.morph.get("Gender")
    if not values:
        for child in tok.children:
            if child.dep_ == "det":
                values = child.morph.get("Gender")
                break
    if values == ["Masc"]:
        return MASC
    if values == ["Fem"]:
        return FEM
    return None
