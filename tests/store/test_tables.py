"""The store's quote, entity and mention tables keep every field of the model's records.

Document fields become ``documents`` columns by themselves (``store/tables.py``); quotes, entities
and mentions have tables of their own, written by hand because the store adds ids and speakers. These
tests are the tripwire: a field added to Quote, SpeakerMention, CharSpan or Entity fails here until
its column (with a migration, the ingest row and ``article_quotes``/``article_entities``) exists.
"""

from __future__ import annotations

import dataclasses

from guillemets.model import CharSpan, Entity, Quote, SpeakerMention
from guillemets.store.tables import entities, mentions, quotes

OFFSETS = {"start": "start_char", "end": "end_char"}  # "end" is an SQL keyword: offsets get a suffix


def _names(cls: type, prefix: str = "") -> set[str]:
    return {f.name if prefix else OFFSETS.get(f.name, f.name) for f in dataclasses.fields(cls)}


def test_every_quote_field_has_a_column() -> None:
    nested = {"speaker": SpeakerMention, "cue": CharSpan}
    expected = {name for name in _names(Quote) if name not in nested}
    for part, cls in nested.items():
        expected |= {f"{part}_{name}" for name in _names(cls, part)}
    assert expected - set(quotes.c.keys()) == set()


def test_every_entity_and_mention_field_has_a_column() -> None:
    assert _names(Entity) - {"mentions"} - set(entities.c.keys()) == set()
    assert _names(CharSpan) - set(mentions.c.keys()) == set()
