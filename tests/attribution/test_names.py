"""Canonical names for the learned attributor's speakers (no model needed: mentions and names given)."""

from __future__ import annotations

from guillemets.attribution.names import Named, canonical, name_speakers, resolve
from guillemets.model import EntityLabel, Quote, QuoteType, SpeakerMention

PER, ORG, LOC = EntityLabel.PERSON, EntityLabel.ORGANISATION, EntityLabel.PLACE
TEXT = "Maria Delgado came. Delgado's aide and the Harbour Trust spoke; Springfield waited; she said."


def named(text: str, label: EntityLabel, nth: int = 0) -> Named:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Named(start, start + len(text), text, label)


NAMES = [
    named("Maria Delgado", PER),
    named("Delgado's", PER),
    named("Harbour Trust", ORG),
    named("Springfield", LOC),
]


def quote_by(mention: str) -> Quote:
    start = TEXT.index(mention)
    speaker = SpeakerMention(start, start + len(mention), mention, None)
    return Quote(QuoteType.INDIRECT, 0, 5, TEXT[:5], speaker, None)


def test_a_surname_takes_the_fullest_name_in_the_article() -> None:
    assert canonical(named("Delgado's", PER), NAMES) == "Maria Delgado"


def test_a_lone_surname_tagged_as_an_organisation_is_the_person() -> None:
    names = [*NAMES, named("Delgado", ORG, nth=1)]
    assert resolve(names[-1], names) == ("Maria Delgado", PER)


def test_an_organisation_keeps_its_own_name() -> None:
    assert canonical(named("Harbour Trust", ORG), NAMES) == "Harbour Trust"


def test_a_speaker_mention_holding_a_name_is_named() -> None:
    (quote,) = name_speakers([quote_by("Delgado's aide")], NAMES)
    assert quote.speaker is not None and quote.speaker.name == "Maria Delgado"


def test_an_organisation_speaker_is_named() -> None:
    (quote,) = name_speakers([quote_by("the Harbour Trust")], NAMES)
    assert quote.speaker is not None and quote.speaker.name == "Harbour Trust"


def test_places_and_pronouns_stay_unnamed() -> None:
    quotes = name_speakers([quote_by("Springfield"), quote_by("she")], NAMES)
    assert [q.speaker.name for q in quotes if q.speaker] == [None, None]


def test_a_quote_without_speaker_is_kept_as_it_is() -> None:
    quote = Quote(QuoteType.DIRECT, 0, 5, TEXT[:5], None, None)
    assert name_speakers([quote], NAMES) == [quote]
