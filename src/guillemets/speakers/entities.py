"""Entities of the article: people, organisations and places named by the NER.

Corrections on the NER: a place that speaks (« a déclaré le Kremlin ») is an organisation,
a one-word « person » that is part of a place named in the article (« Villeneuve » beside
« Villeneuve-sur-Lot ») is that place, and a « person » right after a place noun of the lexicon
(« le rond-point Schuman », « la rue Jean Jaurès ») is a place; every mention of one place takes its
fullest name. The other way, a one-word « place » that is the first or last name of a person named
in full (« Macron » beside « Emmanuel Macron ») is that person, and a MISC name that speaks is a
person (``name_speakers``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from guillemets.fold import fold
from guillemets.rules import Profile

LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


def entity_spans(doc: Doc) -> list[Span]:
    """PER, ORG and LOC mentions of ``doc`` in text order (MISC is left out)."""
    return [e for e in doc.ents if e.label_ in LABELS and e.text.strip()]


def named_place(ent: Span, rules: Profile) -> bool:
    """« le rond-point Schuman »: a PER the NER found right after a place noun names that place."""
    if ent.label_ != "PER":
        return False
    before = ent.doc.text[max(0, ent.start_char - 40) : ent.start_char].split()  # « rond-point » is 3 tokens
    return bool(before) and before[-1].lower().split("'")[-1].split("’")[-1] in rules.mentions.place


def as_places(ents: list[Span], rules: Profile) -> list[Span]:
    """``ents`` with every ``named_place`` relabelled LOC (the same span otherwise)."""
    return [Span(e.doc, e.start, e.end, label="LOC") if named_place(e, rules) else e for e in ents]


def is_acronym(text: str) -> bool:
    """« RN », « CGT », « U.M.P. »: two to six capital letters (dots aside)."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def split_affiliations(doc: Doc, rules: Profile) -> None:
    """« l'eurodéputé RN Jean Valmont »: the NER often reads a party or union acronym and the name after
    it as one entity (even a place). After a person role noun, an entity that opens with an acronym and
    goes on with capitalised words is split: the acronym an organisation, the rest the person."""
    out: list[Span] = []
    for e in doc.ents:
        if _affiliation(e, rules):
            out += [Span(doc, e.start, e.start + 1, label="ORG"), Span(doc, e.start + 1, e.end, label="PER")]
        else:
            out.append(e)
    if len(out) != len(doc.ents):
        doc.ents = out


def name_speakers(doc: Doc, speaking: Sequence[Token]) -> None:
    """« Melisa, restée à Lyon, a posté : «…» »: the NER often reads an unfamiliar first name as MISC,
    which no rule then takes for a person. A MISC mention of capitalised words holding a quote's speaker
    (``speaking``: the rules' speaker heads) is a person (an organisation if an acronym), and so is
    every MISC mention with its text."""
    heads = {t.i for t in speaking}
    spoken = {
        e.text
        for e in doc.ents
        if e.label_ == "MISC" and any(e.start <= i < e.end for i in heads) and _name_like(e)
    }
    if spoken:
        doc.ents = [
            Span(doc, e.start, e.end, label="ORG" if is_acronym(e.text) else "PER")
            if e.label_ == "MISC" and e.text in spoken
            else e
            for e in doc.ents
        ]


def _name_like(ent: Span) -> bool:
    """Capitalised words only (« Melisa », « Jean-Marc Dupuis »), not a quoted title or a phrase."""
    words = [t.text for t in ent if not t.is_punct]
    return bool(words) and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)


def _affiliation(ent: Span, rules: Profile) -> bool:
    doc = ent.doc
    if len(ent) < 3 or ent.start == 0 or not is_acronym(ent[0].text):
        return False
    if not all(t.text[:1].isupper() for t in ent[1:]):
        return False
    role = doc[ent.start - 1]
    return role.lower_ in rules.mentions.person or role.lemma_.lower() in rules.mentions.person


def settle(
    entities: list[Span], names: list[str | None], speaker_names: set[str], rules: Profile
) -> list[tuple[str, str]]:
    """(label, canonical name) per entity mention, after the place corrections above."""
    # Longest first, then alphabetical: a total order, so ties never follow the set's hash order
    # (which differs from one process to the next: 1 process, --jobs and Spark must agree).
    places = sorted({e.text for e in entities if e.label_ == "LOC"}, key=lambda place: (-len(place), place))
    people = _people_by_word(entities, names)
    out = []
    for e, name in zip(entities, names, strict=True):
        label, canonical = ("LOC", e.text) if named_place(e, rules) else (e.label_, name or e.text)
        one_word = len(e) == 1 and label in ("PER", "LOC")
        whole = _whole_place(e.text, places) if one_word or label == "LOC" else None
        person = people.get(e.text) if one_word else None
        if person is not None and (whole is None or whole == e.text):  # no longer place starts with it
            label, canonical = "PER", person  # « Kadri » after « Kadri Jakupi », even where the NER said LOC
        elif label == "LOC" or (label == "PER" and len(e) == 1):
            titled = e.start > 0 and e.doc[e.start - 1].text in rules.mentions.abbreviations
            if whole is not None and not titled:
                label, canonical = "LOC", whole
        if label == "LOC" and canonical in speaker_names:
            label = "ORG"  # « a déclaré le Kremlin »: the place stands for who speaks there
        out.append((label, canonical))
    return out


def _people_by_word(entities: list[Span], names: list[str | None]) -> dict[str, str]:
    """First and last words of the article's people named in full (« Kadri Jakupi »), when only one
    person has that word; not a last word after a lowercase one (« Paul Roy de Québec »: a place)."""
    found: dict[str, set[str]] = {}
    for e, name in zip(entities, names, strict=True):
        words = (name or "").split()
        if e.label_ == "PER" and len(words) > 1:
            ends = (words[0], words[-1]) if words[-2][:1].isupper() else (words[0],)
            for word in ends:
                found.setdefault(word, set()).add(name or "")
    return {word: next(iter(full)) for word, full in found.items() if len(full) == 1}


def _whole_place(text: str, places: list[str]) -> str | None:
    """The fullest place name ``text`` is the first part of (itself when none is longer)."""
    key = fold(text)
    for place in places:
        parts = re.split(r"[-\s]", fold(place))
        if fold(place) == key or (parts and parts[0] == key):
            return place
    return None
