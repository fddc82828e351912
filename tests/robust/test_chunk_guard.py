"""The last guard of every executor: a bug outside the per-page guards fails only the guilty page.

``batch.local.process_chunk`` runs in one process, in each ``--jobs`` worker and in each Spark task.
If ``process_many`` itself raises on a chunk (a bug that no per-page guard catches), the chunk is
redone page by page and only the page that raises again gets an ``internal-error`` record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from tests.batch.conftest import french_page

from guillemets.batch import local
from guillemets.model import Source
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings


def test_a_bug_outside_the_page_guards_fails_only_the_guilty_page(monkeypatch: pytest.MonkeyPatch) -> None:
    raws = [RawPage(Source("pages", str(i)), PageKind.TEXT, french_page(i)) for i in range(4)]
    real = local.process_many

    def with_a_bug(chunk: list[RawPage], *args: Any, **kwargs: Any) -> Iterator[Any]:
        if any(raw.source.record == "2" for raw in chunk):
            raise KeyError("une clé inventée")  # as a bookkeeping bug between the stages would
        return real(chunk, *args, **kwargs)

    monkeypatch.setattr(local, "process_many", with_a_bug)
    settings = replace(Settings(), nlp=replace(Settings().nlp, quotes=False))
    docs = local.process_chunk(raws, settings, None)
    assert [d.source.record for d in docs] == ["0", "1", "2", "3"]
    assert [bool(d.errors) for d in docs] == [False, False, True, False]
    assert [(e.stage, e.code) for e in docs[2].errors] == [("pipeline", "internal-error")]
    assert "une clé inventée" in docs[2].errors[0].message
    assert all(d.text for d in docs if not d.errors)
