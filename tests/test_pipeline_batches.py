from __future__ import annotations

import pytest

from guillemets import pipeline
from guillemets.model import Source
from guillemets.pipeline import _by_size, build_document, build_documents
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

PAGE = "Accueil > Monde\n\nUn titre d'article assez long pour passer\n\n" + (
    "Le gouvernement a présenté mardi son projet de loi, qui sera examiné par les députés. " * 4
)


def _raw(i: int, text: str = PAGE) -> RawPage:
    return RawPage(Source("p.txt", str(i)), PageKind.TEXT, text, id=str(i))


def test_groups_are_bounded_in_size_and_keep_order() -> None:
    raws = [_raw(i, "x" * n) for i, n in enumerate([5, 5, 5, 20, 1, 1])]
    groups = _by_size(list(range(6)), raws, limit=10)
    assert [i for g in groups for i in g] == list(range(6))
    assert groups == [[0, 1], [2], [3], [4, 5]]


def test_batched_documents_equal_page_by_page(monkeypatch: pytest.MonkeyPatch) -> None:
    raws = [_raw(i, PAGE.replace("mardi", day)) for i, day in enumerate(["lundi", "mardi", "jeudi"] * 3)]
    alone = [build_document(r, Settings()) for r in raws]
    monkeypatch.setattr(pipeline._by_size, "__defaults__", (2 * len(PAGE),))  # groups of two pages
    assert build_documents(raws, Settings()) == alone
