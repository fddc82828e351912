"""All cores of one machine: ``process_parallel`` runs the pipeline in worker processes.

Start-up is paid once: on Linux the caller loads the annotator (the spaCy model), runs one
invented page through the pipeline (``batch.warm``: the caches the first page builds; one more
per other language the read-ahead expects, English), freezes
it all out of the garbage collector, then forks the workers, which share that memory copy-on-write
(elsewhere, ``forkserver`` or ``spawn`` workers load it in their initializer). Workers run their
BLAS/OpenMP pools on one thread (``batch.threads``), ignore Ctrl-C (the caller stops them) and
exit when the caller dies (``batch.lifeline``). A small input runs in this process, and tasks
start small so that every worker gets work (``batch.plan``). At most ``window`` tasks are in
flight, so memory stays bounded whatever the input size; results come back to the one caller in
input order, so the output equals ``pipeline.process_many`` on the same pages.
"""

from __future__ import annotations

import functools
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from guillemets.batch.collector import release_free_memory, tune_allocator, tune_collector
from guillemets.batch.lifeline import die_with_parent
from guillemets.batch.plan import CHUNK, Ahead, Plan, cut, expected_languages, lookahead, plan_run, read_ahead
from guillemets.batch.threads import limit_native_threads
from guillemets.batch.warm import freeze_before_fork, warm_languages, warm_up
from guillemets.errors import GuillemetsError, InternalError, WorkerCrashed
from guillemets.logs import quiet_per_record_loggers
from guillemets.model import Document, RecordError, content_id
from guillemets.nlp import Annotator, make_annotator
from guillemets.pipeline import BATCH, OnClean, process_many
from guillemets.read.base import RawPage
from guillemets.settings import NlpSettings, Settings

__all__ = [
    "CHUNK",
    "failed_document",
    "process_chunk",
    "process_parallel",
    "process_parallel_encoded",
    "process_serial",
    "start_worker",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Tasks in flight per worker. A task holding a long French article takes a few times longer than
# the others; with 2 in flight per worker the other worker soon waited for it (results are
# returned in order). DEV pages, --jobs 2, 1,665 pages: 14.1 s after start-up with 2, 12.1 s with 8.
WINDOW_PER_JOB = 8


@functools.cache
def cached_annotator(settings: NlpSettings) -> Annotator:
    """The annotator of this process, built once per settings (the model loads once per process)."""
    return make_annotator(settings)


def process_serial(
    pages: Iterable[RawPage],
    settings: Settings,
    annotator: Annotator | None,
    *,
    on_clean: OnClean | None = None,
) -> Iterator[Document]:
    """Documents for ``pages`` in this process: ``process_chunk`` on batches of ``BATCH`` pages.

    What runs in one process whoever calls: ``guillemets.api`` with one job, a ``--jobs`` run
    too small to share, and each Spark task. ``on_clean`` sees each page's cleaning (``--explain``).
    """
    for raws in cut(pages, itertools.repeat(BATCH)):
        yield from process_chunk(raws, settings, annotator, on_clean)


def process_chunk(
    raws: list[RawPage], settings: Settings, annotator: Annotator | None, on_clean: OnClean | None = None
) -> list[Document]:
    """``process_many`` on one chunk; if a stage raises unexpectedly, only guilty pages get error records."""
    try:
        return list(process_many(raws, settings, annotator, on_clean=on_clean))
    except GuillemetsError:
        raise
    except Exception:  # a bug in a stage: redo page by page so the other pages of the chunk survive
        log.info("a stage failed on a chunk of %d pages; retrying them one by one", len(raws), exc_info=True)
        return [_process_one(raw, settings, annotator, on_clean) for raw in raws]


def _process_one(
    raw: RawPage, settings: Settings, annotator: Annotator | None, on_clean: OnClean | None
) -> Document:
    try:
        [doc] = process_many([raw], settings, annotator, on_clean=on_clean)
    except GuillemetsError:
        raise
    except Exception as exc:
        return failed_document(raw, InternalError(f"{type(exc).__name__}: {exc}"))
    return doc


def failed_document(raw: RawPage, exc: GuillemetsError) -> Document:
    """An error record for ``raw``: what the reader said about it, its errors, plus ``exc``."""
    doc = raw.document()
    doc.errors.append(RecordError(exc.stage, exc.code, exc.message))
    doc.id = doc.id or content_id(raw.content or raw.source.label())
    return doc


def process_parallel(
    pages: Iterable[RawPage],
    settings: Settings,
    jobs: int,
    *,
    chunk: int = CHUNK,
    window: int | None = None,
    per_worker: int | None = None,
    start_method: str | None = None,
) -> Iterator[Document]:
    """Documents for ``pages`` in input order, computed by at most ``jobs`` worker processes.

    ``window`` (default ``WINDOW_PER_JOB * jobs``) bounds the chunks in flight. With ``jobs <= 1``,
    or an input too small to share (see ``batch.plan``; ``per_worker`` pages per worker if given),
    everything runs in this process. Raises ModelMissing (or another GuillemetsError) if the
    annotator cannot load, WorkerCrashed if a worker process dies.
    """
    return process_parallel_encoded(
        pages,
        settings,
        jobs,
        _same,
        chunk=chunk,
        window=window,
        per_worker=per_worker,
        start_method=start_method,
    )


def process_parallel_encoded(
    pages: Iterable[RawPage],
    settings: Settings,
    jobs: int,
    encode: Callable[[Document], T],
    *,
    chunk: int = CHUNK,
    window: int | None = None,
    per_worker: int | None = None,
    start_method: str | None = None,
) -> Iterator[T]:
    """``encode(document)`` for each of ``pages``, in input order, encoded in the workers.

    For a caller that only writes the documents out: the workers turn them into what is written
    (a JSON line, say), so the caller, which shares the cores, neither unpickles whole documents
    nor serialises them (1 ms of its CPU per page on the DEV pages). ``encode`` must be a
    module-level function (it is pickled by name).
    """
    stream: Iterator[RawPage] = iter(pages)
    ahead: Ahead[RawPage] = Ahead([], complete=False)  # one job: nothing is read ahead
    if jobs > 1:
        stream, ahead = read_ahead(pages, lookahead(jobs, chunk))
    quotes = settings.nlp.quotes
    votes = ahead.votes if ahead.complete and quotes and per_worker is None else None  # what the plan reads
    plan = plan_run(jobs, ahead.known, chunk, quotes, per_worker, votes)
    if plan.workers <= 1:
        annotator = _annotator_or_none(settings)
        tune_collector()  # after loading the model: it is frozen out of the collector's scans
        tune_allocator()  # one process: the heap keeps what the batches free (collector.py)
        yield from map(encode, process_serial(stream, settings, annotator))  # as with one job
        return
    method = start_method or _start_method()
    if method == "fork":  # loaded and warmed up once here, shared copy-on-write by every forked worker
        languages = warm_languages(expected_languages(ahead.head, ahead.votes), settings)
        warm_up(settings, _annotator_or_none(settings), languages)
    window = window or WINDOW_PER_JOB * plan.workers
    yield from _run_pool(cut(stream, plan.sizes()), settings, plan, window, encode, method)


def _same(doc: Document) -> Document:
    return doc


def _run_pool(
    chunks: Iterator[list[RawPage]],
    settings: Settings,
    plan: Plan,
    window: int,
    encode: Callable[[Document], T],
    method: str,
) -> Iterator[T]:
    if method == "fork":
        limit_native_threads()  # inherited by the forked workers
        tune_collector()  # the collector's thresholds, inherited by the workers
        freeze_before_fork()  # the model and the warm-up's caches: the workers' collectors never touch them
    pool = ProcessPoolExecutor(
        plan.workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(settings, os.getpid()),
    )
    pending: deque[Future[list[T]]] = deque()
    submitted = 0
    try:
        for raws in chunks:
            pending.append(_submit(pool, raws, encode, first=submitted == 0, method=method))
            submitted += 1
            if len(pending) >= window:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())
    except BaseException:  # Ctrl-C, an error, or the caller closed the generator: stop the workers now
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(
    pool: ProcessPoolExecutor,
    raws: list[RawPage],
    encode: Callable[[Document], T],
    *,
    first: bool,
    method: str,
) -> Future[list[T]]:
    """Submit a task; the first submit starts the workers, so that a Ctrl-C never hits a starting worker.

    A spawned (or forkserver) worker is a new interpreter: it inherits SIGINT ignored. A forked
    worker inherits a handler that only notes the signal (it ignores SIGINT first thing), and so
    does the caller meanwhile: a Ctrl-C that comes while the workers are forked is passed on to
    the caller's own handler afterwards (KeyboardInterrupt, exit 130) instead of being lost.
    """
    if not first or threading.current_thread() is not threading.main_thread():
        return pool.submit(_work, raws, encode)
    caught: list[int] = []
    noted = functools.partial(_note_signal, caught)
    previous = signal.signal(signal.SIGINT, noted if method == "fork" else signal.SIG_IGN)
    try:
        return pool.submit(_work, raws, encode)
    finally:
        signal.signal(signal.SIGINT, previous)  # runs the pending handlers first (CPython does)
        if caught:
            signal.raise_signal(signal.SIGINT)  # now to the caller's handler


def _note_signal(caught: list[int], signum: int, frame: object) -> None:
    caught.append(signum)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the workers of ``pool`` (they ignore SIGINT: the caller decides when they stop)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            log.debug("could not terminate a worker", exc_info=True)


def _result(future: Future[list[T]]) -> list[T]:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerCrashed(
            "a worker process died (out of memory or killed); rerun with fewer --jobs or smaller inputs"
        ) from exc


def _start_method() -> str:
    """fork on Linux (workers share the caller's loaded model); forkserver or spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _annotator_or_none(settings: Settings) -> Annotator | None:
    return cached_annotator(settings.nlp) if settings.nlp.quotes else None


def start_worker(settings: Settings) -> Annotator | None:
    """Set up a worker process (``--jobs`` or Spark): one native thread, quiet per-record logs, the
    annotator loaded, then the collector tuned (so the model is frozen out of its scans).

    Cheap on later calls in the same process (Spark calls it once per task, a forked worker finds
    the caller's): everything is cached. Raises what loading the annotator raises (ModelMissing...).
    """
    limit_native_threads()  # N workers on N cores: BLAS threads would only steal CPU from the others
    quiet_per_record_loggers()
    annotator = _annotator_or_none(settings)
    tune_collector()
    return annotator


# Worker state: set once by the initializer of each worker process.
_WORKER: dict[str, object] = {}


def _init_worker(settings: Settings, parent_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the caller handles it
    die_with_parent(parent_pid)
    _WORKER["settings"] = settings
    try:
        _WORKER["annotator"] = start_worker(settings)
    except GuillemetsError as exc:  # reported by the first task, not as an opaque broken pool
        _WORKER["error"] = exc


def _work(raws: list[RawPage], encode: Callable[[Document], T] = _same) -> list[T]:  # type: ignore[assignment]
    error = _WORKER.get("error")
    if isinstance(error, GuillemetsError):
        raise error
    settings = _WORKER["settings"]
    assert isinstance(settings, Settings)
    docs = process_chunk(raws, settings, _WORKER.get("annotator"))  # type: ignore[arg-type]
    encoded = [encode(doc) for doc in docs]
    del docs
    release_free_memory()  # the parse's freed buffers go back to the system: the worker stays small
    return encoded
