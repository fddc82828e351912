"""The process tuning of long single-process runs (``batch.collector``)."""

from __future__ import annotations

import sys

import pytest
from tests.child import run_child

# Run in a child: the settings last for the whole process.
_CHILD = """
from guillemets.batch import collector
ok = collector.tune_allocator()
again = collector.tune_allocator()  # cached: once per process
print(ok, again)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_tune_allocator_sets_both_thresholds_on_glibc() -> None:
    assert run_child(_CHILD).split() == ["True", "True"]


def test_tune_allocator_is_a_no_op_without_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    from guillemets.batch import collector

    monkeypatch.setattr(collector, "_libc", lambda: None)
    assert collector.tune_allocator.__wrapped__() is False
    collector.release_free_memory()  # no libc: nothing to trim, no error


def test_one_process_extract_tunes_the_allocator(monkeypatch: pytest.MonkeyPatch) -> None:
    from guillemets import api
    from guillemets.batch import collector
    from guillemets.model import Source
    from guillemets.read.base import PageKind, RawPage
    from guillemets.settings import NlpSettings, Settings

    calls: list[str] = []
    monkeypatch.setattr(collector, "tune_allocator", lambda: calls.append("allocator") or True)
    monkeypatch.setattr(collector, "tune_collector", lambda: calls.append("collector"))
    settings = Settings(nlp=NlpSettings(quotes=False))
    raw = RawPage(Source(path="made-up.txt"), PageKind.TEXT, "A headline\\n\\nSome invented words here.")
    docs = list(api.Extractor(settings, batch=True).in_process([raw]))
    assert len(docs) == 1 and calls == ["collector", "allocator"]
