"""Canonical names for learned speakers: a mention that holds a named person or organisation takes the
fullest form of that name in the article (« Sanders said » → "Bernie Sanders").

The learned attributor finds the speaker's mention, not who it is. The NER already marks names;
a mention resolves when it overlaps one, and a person's short form (a surname) is widened to the
longest person name in the same article that ends with the same words. Pronouns and descriptions
(« he », « the senator ») stay unresolved (``name`` None): no guess is better than a wrong one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from guillemets.model import EntityLabel, Quote

POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True, slots=True)
class Named:
    """A name the NER found: character offsets, its text and its record label."""

    start: int
    end: int
    text: str
    label: EntityLabel


def _words(text: str) -> tuple[str, ...]:
    for ending in POSSESSIVE:
        if text.endswith(ending):
            text = text[: -len(ending)]
    return tuple(text.split())


def resolve(name: Named, names: Sequence[Named]) -> tuple[str, EntityLabel]:
    """The fullest form of ``name`` in ``names`` and its label.

    A name whose words end a longer person's name in the same article is that person, whatever
    label the NER gave this mention (small models often tag a lone surname as an organisation).
    """
    words = _words(name.text)
    if not words:
        return name.text, name.label
    longer = [
        _words(n.text)
        for n in names
        if n.label == EntityLabel.PERSON
        and len(_words(n.text)) >= len(words)
        and _words(n.text)[-len(words) :] == words
    ]
    if longer:
        return " ".join(max(longer, key=len)), EntityLabel.PERSON
    return " ".join(words), name.label


def canonical(name: Named, names: Sequence[Named]) -> str:
    """The fullest form of ``name`` in ``names`` (see ``resolve``)."""
    return resolve(name, names)[0]


def name_speakers(quotes: Sequence[Quote], names: Sequence[Named]) -> list[Quote]:
    """``quotes`` with each speaker's ``name`` set when its mention overlaps a person or organisation."""
    people = [n for n in names if n.label in (EntityLabel.PERSON, EntityLabel.ORGANISATION)]
    out = []
    for quote in quotes:
        speaker = quote.speaker
        if speaker is None or speaker.name:
            out.append(quote)
            continue
        inside = [n for n in people if n.start < speaker.end and speaker.start < n.end]
        if not inside:
            out.append(quote)
            continue
        best = max(inside, key=lambda n: (n.label == EntityLabel.PERSON, n.end - n.start))
        out.append(replace(quote, speaker=replace(speaker, name=canonical(best, people))))
    return out
