"""Odd inputs: nothing crashes, nothing is invented."""

from __future__ import annotations

import pytest

from guillemets.model import Document, Source
from guillemets.nlp.annotator import SpacyAnnotator
from guillemets.nlp.select import language_of
from guillemets.quotes import find_quotes
from guillemets.settings import NlpSettings

pytestmark = pytest.mark.model


def _annotate(nlp_md, text: str, lang: str | None = None) -> Document:  # type: ignore[no-untyped-def]
    doc = Document(id="t", source=Source("test"), text=text, lang=lang)
    SpacyAnnotator(NlpSettings()).annotate([doc])
    return doc


def test_article_without_quotes(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Le port est fermé depuis lundi.\n\nLes bateaux restent à quai et la ville attend la fin de la grève."
    )
    assert find_quotes(text, nlp_md) == []


def test_unbalanced_marks_do_not_crash_and_keep_offsets(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "« Nous ne céderons pas, a déclaré le maire.\n\nLe préfet a répondu » qu'il attendait « un geste."
    quotes = find_quotes(text, nlp_md)
    assert all(text[q.start : q.end] == q.text for q in quotes)


def test_quote_running_to_the_end_of_the_text(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "La maire de Lyon, Anne Durand, a déclaré : « Nous ne lâcherons rien, la grève continuera demain"
    [quote] = find_quotes(text, nlp_md)
    assert quote.text.endswith("continuera demain") and quote.end == len(text)
    assert quote.speaker is not None and quote.speaker.name == "Anne Durand"


def test_ten_thousand_word_article(nlp_md) -> None:  # type: ignore[no-untyped-def]
    paragraph = (
        "« La situation est grave et nous devons agir vite », a déclaré Paul Martin, maire de la ville. "
        "Selon la préfecture, trois cents personnes ont manifesté devant la mairie pendant la matinée."
    )
    text = "\n\n".join([paragraph] * 330)
    assert len(text.split()) >= 10_000
    quotes = find_quotes(text, nlp_md)
    assert len(quotes) >= 330
    assert all(text[q.start : q.end] == q.text for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        '"We will not give up," said the mayor, adding that the strike would go on. '
        "According to the police, 300 marched.",
        '„Wir geben nicht auf", sagte der Bürgermeister. '
        "Laut Polizei demonstrierten 300 Menschen vor dem Rathaus.",
    ],
)
def test_english_and_german_get_no_french_quotes(nlp_md, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = _annotate(nlp_md, text)
    assert language_of(doc) in ("en", "de")
    if language_of(doc) == "de":  # no German model: nothing
        assert doc.quotes == [] and doc.entities == []
    else:  # English quotes come from the English attributor, never from a French cue
        assert doc.quotes and {q.cue.text for q in doc.quotes if q.cue} <= {"said", "adding", "According to"}
    forced = find_quotes(text, nlp_md)  # parsed as French by mistake: no crash, no French cue invented
    french_cues = {"déclaré", "dit", "selon", "a déclaré", "indique"}
    assert not any(q.cue and q.cue.text.lower() in french_cues for q in forced)
