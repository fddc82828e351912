from __future__ import annotations

import pytest

from guillemets.model import Document, EntityLabel, Source
from guillemets.nlp import make_annotator
from guillemets.nlp.annotator import NullAnnotator
from guillemets.nlp.select import select
from guillemets.settings import NlpSettings


def test_select_keeps_documents_with_text_in_a_language_with_quotes() -> None:
    fr = Document(id="a", source=Source("x"), text="Le maire a dit que tout allait bien.", lang="fr")
    en = Document(id="b", source=Source("x"), text="The mayor said all was well.", lang="en")
    de = Document(id="d", source=Source("x"), text="Der Bürgermeister sagte, alles sei gut.", lang="de")
    empty = Document(id="c", source=Source("x"), text="  ", lang="fr")
    assert select([fr, en, de, empty]) == [en, fr]


def test_quotes_off_gives_the_null_annotator() -> None:
    assert isinstance(make_annotator(NlpSettings(quotes=False)), NullAnnotator)


def test_missing_model_names_the_pip_package() -> None:
    from guillemets.errors import ModelMissing
    from guillemets.nlp.load import load_model

    with pytest.raises(ModelMissing, match="pip install xx-no-such-model"):
        load_model("xx_no_such_model")


@pytest.mark.model
def test_annotate_fills_quotes_and_entities_with_counts(nlp_md, example_article) -> None:  # type: ignore[no-untyped-def]
    doc = Document(id="ex", source=Source("example"), text=example_article, lang="fr")
    make_annotator(NlpSettings()).annotate([doc])
    assert doc.quotes
    people = {e.name: e for e in doc.entities if e.label is EntityLabel.PERSON}
    assert people["Vladimir Poutine"].quotes >= 3
    for entity in doc.entities:
        for m in entity.mentions:
            assert example_article[m.start : m.end] == m.text
