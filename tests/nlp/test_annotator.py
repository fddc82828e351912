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


def test_text_batches_cap_documents_and_characters_and_keep_order() -> None:
    from guillemets.nlp.annotator import text_batches

    docs = [
        Document(id=str(i), source=Source("x"), text="x" * n, lang="fr")
        for i, n in enumerate([40, 40, 30, 200, 10, 10, 10])
    ]
    batches = list(text_batches(docs, max_docs=2, max_chars=100))
    # 40+40 (two documents), 30 (the next 200 would pass 100), 200 alone, 10+10 (two documents), 10
    assert [[d.id for _, d in b] for b in batches] == [["0", "1"], ["2"], ["3"], ["4", "5"], ["6"]]
    assert all(text == d.text for b in batches for text, d in b)


@pytest.mark.model
def test_character_budget_does_not_change_the_annotations(nlp_md, example_article) -> None:  # type: ignore[no-untyped-def]
    """Batches of one document or of many: the same quotes and entities (the parse is per document)."""

    def run(**kwargs: int) -> list[str]:
        docs = [Document(id=str(i), source=Source("x"), text=example_article, lang="fr") for i in range(3)]
        make_annotator(NlpSettings(**kwargs)).annotate(docs)
        return [d.to_json() for d in docs]

    assert run(batch_chars=1) == run(batch_chars=10**9)
