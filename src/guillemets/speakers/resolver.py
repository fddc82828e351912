"""Canonical speaker names within one article.

``Resolver`` is the replaceable contract (a model-based coreference resolver could implement
it); ``RuleResolver`` builds it on the parse, the morphology and the NER of the article:
names → the fullest form sharing a surname, acronyms → their expansion, descriptions →
the name an apposition gave them (or the speaker in focus), pronouns → the most recent
compatible speaker or subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from guillemets.rules import Profile
from guillemets.rules.mentions import entity_of, is_clitic, mention_tokens, person_like
from guillemets.rules.words import FEM, MASC
from guillemets.speakers.index import ArticleIndex, build_index, fold

ORG_REACH = 60  # tokens: an organisation is an antecedent for il/elle only this close (about one sentence)
JOINT_REACH = (
    400  # tokens: « les auteurs » refers back to a named pair only this close (about eight sentences)
)
SUBJECT_REACH = 60  # tokens: a subject or speaker this close outranks a later person in object position
NAMED_GROUP_REACH = 200  # tokens: « le parti » is an organisation named this close before (four sentences)


class Resolver(Protocol):
    """Canonical names for mentions (given by their head tokens) of one parsed article.

    ``speakers``: heads of quote speakers (they weigh more as antecedents); ``quoted``: character
    ranges inside quotation marks or reported, where no antecedent is looked for.
    """

    def resolve(
        self,
        doc: Doc,
        heads: Sequence[Token],
        speakers: Sequence[Token] = (),
        quoted: Sequence[tuple[int, int]] = (),
    ) -> list[str | None]: ...


@dataclass(slots=True)
class _Known:
    """A resolved mention the resolver can point back to."""

    pos: int
    name: str | None
    gender: str | None
    plural: bool
    person: bool
    speaker: bool = False
    subject: bool = False
    described: frozenset[str] = frozenset()  # role and content lemmas when the mention is a description
    head: str = ""  # the description's role noun (« patron » in « le patron du service de police »)
    place: bool = False
    joint: bool = False  # « Anne X et Paul Y »: two named people speaking as one (a plural antecedent)


class RuleResolver:
    """Rule-based resolution: names, titles, acronyms, appositions, pronouns by gender and recency."""

    def __init__(self, rules: Profile) -> None:
        self.rules = rules

    def resolve(
        self,
        doc: Doc,
        heads: Sequence[Token],
        speakers: Sequence[Token] = (),
        quoted: Sequence[tuple[int, int]] = (),
    ) -> list[str | None]:
        """Names for ``heads``; ``speakers`` (heads of quote speakers) weigh more as antecedents."""
        index = build_index(doc, self.rules, quoted)
        speaker_pos = {t.i for t in speakers}
        salient = sorted({*speaker_pos, *self._subjects(doc, index)})
        wanted = sorted({h.i for h in heads} - set(salient))
        index.pairs = [(i, pair) for i in salient if (pair := _joint(doc[i], index, self.rules)) is not None]
        known: list[_Known] = []
        names: dict[int, str | None] = {}
        dep_subjects = {t.i for t in _with_deps(doc, ("nsubj", "nsubj:pass"))}
        for i in salient:  # speakers and subjects, in text order: the antecedents pronouns look back at
            item = self._resolve_one(doc[i], index, known)
            item.speaker, item.subject = i in speaker_pos, i in dep_subjects
            names[i] = item.name
            known.append(item)
            pair = _joint(doc[i], index, self.rules)
            if pair is not None:  # « ont calculé Anne X et Paul Y » … « notent-ils »
                known.append(_Known(i, pair, None, True, True, item.speaker, item.subject, joint=True))
        for i in wanted:  # other mentions (entities) are named but never antecedents
            before = [k for k in known if k.pos < i]
            names[i] = self._resolve_one(doc[i], index, before).name
        return [names[h.i] for h in heads]

    def _subjects(self, doc: Doc, index: ArticleIndex) -> list[int]:
        """Person-like subjects outside quotation marks: the salience list pronouns look back at."""
        subjects = [
            t.i
            for t in _with_deps(doc, ("nsubj", "nsubj:pass"))
            if person_like(t, self.rules)
            and t.lower_ not in self.rules.words.impersonal
            and t.ent_type_ not in ("LOC", "MISC")
            and not index.quoted(t.idx)
        ]
        people = [
            e.start
            for e in index.ents
            if e.label_ == "PER"
            and not index.quoted(e.start_char)
            and (e.start == 0 or doc[e.start - 1].pos_ != "ADP")
        ]
        return subjects + people

    def _resolve_one(self, tok: Token, index: ArticleIndex, known: list[_Known]) -> _Known:
        low = tok.lower_.split("-")[-1]
        if tok.pos_ == "PRON" or is_clitic(tok, self.rules) or low in self.rules.words.possessive:
            stressed = _stressed_subject(tok, self.rules)
            if stressed is not None:  # « Anne X, porte-parole, a elle appelé »: « elle » is Anne X
                name = index.canonical(stressed.text)
                return _Known(tok.i, name, index.gender(name), False, True)
            return self._pronoun(tok, low, known)
        start, end = mention_tokens(tok, self.rules)
        doc = tok.doc
        ent = next((entity_of(t) for t in doc[start:end] if t.ent_type_ in ("PER", "ORG", "MISC")), None)
        if ent is not None and not self._office(ent) and _names_the_mention(doc, ent, start, end, self.rules):
            name = index.canonical(ent.text)
            return _Known(
                tok.i, name, index.gender(name), False, ent.label_ in ("PER", "MISC") or index.is_person(name)
            )
        place = entity_of(tok)
        if place is not None and place.label_ == "LOC":
            return _Known(tok.i, index.canonical(place.text), None, False, False, place=True)
        if tok.pos_ == "PROPN" and not (ent is not None and self._office(ent)):
            name = index.canonical(doc[start:end].text)
            return _Known(tok.i, name, index.gender(name), False, index.is_person(name))
        return self._description(doc, start, end, index, known)

    def _description(
        self, doc: Doc, start: int, end: int, index: ArticleIndex, known: list[_Known]
    ) -> _Known:
        nouns = [t for t in doc[start:end] if t.pos_ == "NOUN"]
        role = next((t for t in doc[start:end] if self._role(t)), None) or (
            nouns[0] if nouns else doc[end - 1]
        )
        lemma = role.lemma_.lower()
        gender, plural = _gender(role), _plural(doc, start, role)
        mentions = self.rules.mentions
        person = lemma in mentions.person
        inner = next((entity_of(t) for t in doc[start:end] if t.ent_type_ in ("PER", "ORG")), None)
        if inner is not None and self._office(inner):
            inner = None  # « ministre de l'Intérieur » tagged ORG is an office: its holder has the name
        own = inner is not None and inner.start <= role.i < inner.end  # the mention is the name itself
        if inner is not None and (own or lemma in mentions.group or lemma in mentions.document):
            return _Known(role.i, index.canonical(inner.text), gender, plural, False)
        author = _document_author(doc, role, end, self.rules) if lemma in mentions.document else None
        if author is not None:  # « la version de la plaignante »: the plaignante speaks
            return self._resolve_one(author, index, known)
        lemmas = frozenset(
            t.lemma_.lower() for t in doc[start:end] if t.is_alpha and t.pos_ in ("NOUN", "ADJ", "PROPN")
        )
        # a plural person description (« les auteurs ») is never one person's apposition
        best = None if (person and plural) else index.description(role.i, lemma, lemmas)
        if best is not None:
            return _Known(
                role.i, best, index.gender(best) or gender, plural, person, described=lemmas, head=lemma
            )
        definite = doc[start].lower_ not in self.rules.words.indefinite
        same = _same_description(known, lemma, lemmas) if definite else None
        if same is not None:  # « le président de la FFF » again: the referent it had before
            return _Known(role.i, same.name, same.gender, plural, same.person, described=lemmas, head=lemma)
        if person and definite and plural:  # « les auteurs du rapport »: a pair named just before
            pair = _recent(
                [k for k in known if k.joint and role.i - k.pos <= JOINT_REACH], None, True, 0, role.i
            )
            later = _later_pair(index.pairs, role.i) if pair is None else None
            if pair is not None or later is not None:
                name = pair.name if pair is not None else later
                return _Known(role.i, name, None, True, True, described=lemmas, head=lemma, joint=True)
        if person and definite and not plural:
            # « le père de X » is not X: a name inside the description is never its referent
            other = [k for k in known if inner is None or k.name != index.canonical(inner.text)]
            recent = (
                _recent([k for k in other if k.speaker], gender, False, 0, role.i)
                or _recent([k for k in other if k.subject], gender, False, 0, role.i)
                or _recent(other, gender, plural=False, org_reach=0, pos=role.i)
            )
            if recent is not None:
                return _Known(role.i, recent.name, recent.gender, plural, True, described=lemmas, head=lemma)
        if definite and not plural and lemma in mentions.named_group:  # « le parti » after « la N-VA »
            org = self._named_before(index, start)
            if org is not None:
                return _Known(role.i, org, gender, plural, False, described=lemmas, head=lemma)
        name = doc[start:end].text if definite and lemma in mentions.group else None
        return _Known(role.i, name, gender, plural, person)

    def _named_before(self, index: ArticleIndex, start: int) -> str | None:
        """The organisation named last before token ``start`` (within ``NAMED_GROUP_REACH``, outside
        quotation marks, not an office): the referent of a definite « le parti », « le journal »."""
        for ent in reversed(index.ents):
            if ent.end > start or ent.label_ != "ORG" or index.quoted(ent.start_char) or self._office(ent):
                continue
            return index.canonical(ent.text) if start - ent.end <= NAMED_GROUP_REACH else None
        return None

    def _office(self, ent: Span) -> bool:
        """An entity starting with a role noun (« ministre de l'Intérieur »), or one capitalised role
        noun alone (« le Roi » tagged PER): an office, not a name."""
        first = next((t for t in ent if t.pos_ != "DET"), None)
        if first is None:
            return False
        if len(ent) == 1 and first.lower_ in self.rules.mentions.person:
            return True
        return (
            ent.label_ != "PER"
            and first.pos_ == "NOUN"
            and first.lemma_.lower() in self.rules.mentions.person
        )

    def _role(self, t: Token) -> bool:
        return t.pos_ == "NOUN" and self.rules.mentions.role(t.lemma_.lower())

    def _pronoun(self, tok: Token, low: str, known: list[_Known]) -> _Known:
        plural = low in self.rules.words.plurals
        gender = self.rules.words.genders.get(low)
        recent = _recent(known, gender, plural, org_reach=ORG_REACH, pos=tok.i)
        subject = tok.dep_ in ("nsubj", "nsubj:pass") or is_clitic(tok, self.rules)
        if subject and recent is not None and not (recent.subject or recent.speaker):
            near = [k for k in known if (k.subject or k.speaker) and tok.i - k.pos <= SUBJECT_REACH]
            salient = _recent(near, gender, plural, org_reach=0, pos=tok.i)
            recent = salient if salient is not None and salient.person else recent
        name = recent.name if recent is not None else None
        return _Known(
            tok.i, name, gender or (recent.gender if recent else None), plural, bool(recent and recent.person)
        )


def _joint(tok: Token, index: ArticleIndex, rules: Profile) -> str | None:
    """« Anne X et Paul Y »: the two people's names joined by « et » when ``tok`` is in the first one
    (the guidelines name a joint source that way)."""
    first = entity_of(tok)
    doc = tok.doc
    if first is None or first.label_ != "PER" or first.end + 1 >= len(doc):
        return None
    if doc[first.end].lower_ not in rules.words.and_:
        return None
    second = entity_of(doc[first.end + 1])
    if second is None or second.label_ != "PER" or second.start != first.end + 1:
        return None
    return f"{index.canonical(first.text)} et {index.canonical(second.text)}"


def _stressed_subject(tok: Token, rules: Profile) -> Span | None:
    """The named person a tonic pronoun between auxiliary and participle stresses (« Anne X, porte-parole
    du collectif, a elle appelé », « Paul Y, a lui dit »): the nearest PER entity before it in the
    sentence, with no finite verb between."""
    doc = tok.doc
    if tok.lower_ not in rules.words.emphatic or not 0 < tok.i < len(doc) - 1:
        return None
    if doc[tok.i - 1].pos_ != "AUX" or doc[tok.i + 1].pos_ != "VERB":
        return None
    for k in range(tok.i - 2, tok.sent.start - 1, -1):
        t = doc[k]
        if t.ent_type_ == "PER":
            return entity_of(t)
        if t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm", []) == ["Fin"]:
            return None
    return None


def _document_author(doc: Doc, role: Token, end: int, rules: Profile) -> Token | None:
    """The person noun of a « de » complement right after a document noun (« la version de la plaignante »,
    « le témoignage du policier »): who wrote or said the document."""
    k = role.i + 1
    if k >= end or doc[k].lower_ not in rules.words.of:
        return None
    for t in doc[k + 1 : end]:
        if t.pos_ == "NOUN":
            return t if t.lemma_.lower() in rules.mentions.person else None
        if t.pos_ not in ("DET", "ADJ"):
            return None
    return None


def _later_pair(pairs: list[tuple[int, str]], pos: int) -> str | None:
    """The joint source a plural description at ``pos`` announces (« soulignent les auteurs de ce bilan »
    … « ont calculé Anne X et Paul Y »): the first pair named after it within ``JOINT_REACH``, else the
    article's only pair."""
    after = [name for i, name in pairs if 0 < i - pos <= JOINT_REACH]
    if after:
        return after[0]
    names = {name for _, name in pairs}
    return names.pop() if len(names) == 1 else None


def _with_deps(doc: Doc, deps: tuple[str, ...]) -> list[Token]:
    """Tokens with one of ``deps``, found on the Doc array rather than by a Python loop."""
    from spacy.attrs import DEP

    if not len(doc):
        return []
    keys = {doc.vocab.strings.add(d) for d in deps}
    return [doc[i] for i, dep in enumerate(doc.to_array(DEP).tolist()) if dep in keys]


def _names_the_mention(doc: Doc, ent: Span, start: int, end: int, rules: Profile) -> bool:
    """A capitalised name that ends the mention and is not a « de » complement (« le successeur de X »)."""
    if not ent.text[:1].isupper() or ent.end < end - 1:
        return False
    if ent.label_ != "PER" and not any(t.pos_ == "PROPN" for t in ent):
        return False  # « Premier ministre » tagged MISC is a role, not a name
    j = ent.start - 1
    while j >= start and doc[j].pos_ == "DET":
        j -= 1
    return ent.start == start or j < start or doc[j].lower_ not in rules.words.of


def _same_description(known: list[_Known], lemma: str, lemmas: frozenset[str]) -> _Known | None:
    """The latest earlier description with the same head noun and at least one more word in common (a word
    of its complement is no head: « la police » is not « le patron du service de police »)."""
    for item in reversed(known):
        if item.name and lemma == item.head and len(lemmas & item.described) >= min(2, len(lemmas)):
            return item
    return None


def _recent(known: list[_Known], gender: str | None, plural: bool, org_reach: int, pos: int) -> _Known | None:
    """Most recent compatible antecedent: a person (speakers first), or a very close organisation."""
    org: _Known | None = None
    for item in reversed(known):
        if item.name is None or item.plural != plural or item.place:
            continue
        if gender is not None and item.gender is not None and item.gender != gender:
            continue
        if item.person:
            return org or item
        if org is None and pos - item.pos <= org_reach:
            org = item
    return org


def _plural(doc: Doc, start: int, role: Token) -> bool:
    """The description's number: its determiner's when it has one (« l'ONG » is singular though the
    invariable « ONG » is tagged plural), else the role noun's."""
    det = next((t for t in doc[start : role.i] if t.pos_ == "DET" and t.morph.get("Number")), None)
    return "Plur" in (det or role).morph.get("Number", [])


def _gender(tok: Token) -> str | None:
    values = tok.morph.get("Gender", [])
    if not values:
        for child in tok.children:
            if child.dep_ == "det":
                values = child.morph.get("Gender", [])
                break
    if values == ["Masc"]:
        return MASC
    if values == ["Fem"]:
        return FEM
    return None


__all__ = ["Resolver", "RuleResolver", "fold"]
