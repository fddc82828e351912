"""The shared example page: who said what, with canonical names, and nothing from the teaser."""

from __future__ import annotations

import pytest

from guillemets.quotes import find_quotes

pytestmark = pytest.mark.model


def test_example_speakers_are_resolved_to_full_names(nlp_md, example_article) -> None:  # type: ignore[no-untyped-def]
    quotes = find_quotes(example_article, nlp_md)
    names = {q.speaker.name for q in quotes if q.speaker}
    assert {"Vladimir Poutine", "Valéri Guérassimov", "Oleksandre Syrsky"} <= names
    assert len(quotes) >= 10


def test_example_descriptions_resolve(nlp_md, example_article) -> None:  # type: ignore[no-untyped-def]
    quotes = find_quotes(example_article, nlp_md)
    by_mention = {q.speaker.text: q.speaker.name for q in quotes if q.speaker}
    assert by_mention["Le président russe"] == "Vladimir Poutine"
    assert by_mention["Le chef d'état-major russe"] == "Valéri Guérassimov"
    assert by_mention["M. Guérassimov"] == "Valéri Guérassimov"


def test_example_offsets_index_the_text(nlp_md, example_article) -> None:  # type: ignore[no-untyped-def]
    for q in find_quotes(example_article, nlp_md):
        assert example_article[q.start : q.end] == q.text
        for span in (q.speaker, q.cue):
            if span is not None:
                assert example_article[span.start : span.end] == span.text


def test_full_dump_has_no_quote_in_the_teaser(nlp_md, shared_example) -> None:  # type: ignore[no-untyped-def]
    dump = shared_example.read_text("utf-8")
    teaser = dump.index("Contenus sponsorisés")
    quotes = find_quotes(dump, nlp_md)
    assert quotes, "the article part of the dump still has its quotes"
    assert all(q.start < teaser for q in quotes)
