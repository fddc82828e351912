"""All cores of one machine: ``process_parallel`` runs the pipeline in worker processes.

Each worker loads the annotator (the spaCy model) once, in its initializer, and runs
its BLAS/OpenMP pools on one thread (``batch.threads``). Pages
are sent in chunks; at most ``window`` chunks are in flight, so memory stays bounded
whatever the input size; results come back to the one caller in input order, so
the output equals ``pipeline.process_many`` on the same pages.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from guillemets.batch.collector import tune_collector
from guillemets.batch.threads import limit_native_threads
from guillemets.errors import GuillemetsError, InternalError, WorkerCrashed
from guillemets.logs import quiet_per_record_loggers
from guillemets.model import Document, RecordError, content_id
from guillemets.nlp import Annotator, make_annotator
from guillemets.pipeline import process_many
from guillemets.read.base import RawPage
from guillemets.settings import NlpSettings, Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

CHUNK = 64  # pages per task at most: the cleaner works a batch at a time (as process_many's)
CHUNK_BYTES = 4 << 20  # a task's pages hold at most about this much text (big pages: fewer per task)
# Tasks in flight per worker. A task holding a long French article takes a few times longer than
# the others; with 2 in flight per worker the other worker soon waited for it (results are
# returned in order). DEV pages, --jobs 2, 1,665 pages: 14.1 s after start-up with 2, 12.1 s with 8.
WINDOW_PER_JOB = 8


@functools.cache
def cached_annotator(settings: NlpSettings) -> Annotator:
    """The annotator of this process, built once per settings (the model loads once per process)."""
    return make_annotator(settings)


def process_chunk(raws: list[RawPage], settings: Settings, annotator: Annotator | None) -> list[Document]:
    """``process_many`` on one chunk; if a stage raises unexpectedly, only guilty pages get error records."""
    try:
        return list(process_many(raws, settings, annotator))
    except GuillemetsError:
        raise
    except Exception:  # a bug in a stage: redo page by page so the other pages of the chunk survive
        log.info("a stage failed on a chunk of %d pages; retrying them one by one", len(raws), exc_info=True)
        return [_process_one(raw, settings, annotator) for raw in raws]


def _process_one(raw: RawPage, settings: Settings, annotator: Annotator | None) -> Document:
    try:
        [doc] = process_many([raw], settings, annotator)
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
    pages: Iterable[RawPage], settings: Settings, jobs: int, *, chunk: int = CHUNK, window: int | None = None
) -> Iterator[Document]:
    """Documents for ``pages`` in input order, computed by ``jobs`` worker processes.

    ``window`` (default ``WINDOW_PER_JOB * jobs``) bounds the chunks in flight. With ``jobs <= 1``
    everything runs in this process. Raises ModelMissing (or another GuillemetsError)
    if a worker cannot load the annotator, WorkerCrashed if a worker process dies.
    """
    return process_parallel_encoded(pages, settings, jobs, _same, chunk=chunk, window=window)


def process_parallel_encoded(
    pages: Iterable[RawPage],
    settings: Settings,
    jobs: int,
    encode: Callable[[Document], T],
    *,
    chunk: int = CHUNK,
    window: int | None = None,
) -> Iterator[T]:
    """``encode(document)`` for each of ``pages``, in input order, encoded in the workers.

    For a caller that only writes the documents out: the workers turn them into what is written
    (a JSON line, say), so the caller, which shares the cores, neither unpickles whole documents
    nor serialises them (1 ms of its CPU per page on the DEV pages). ``encode`` must be a
    module-level function (it is pickled by name).
    """
    chunks = _chunks(pages, max(1, chunk))
    if jobs <= 1:
        annotator = _annotator_or_none(settings)
        for raws in chunks:
            yield from map(encode, process_chunk(raws, settings, annotator))
        return
    yield from _run_pool(chunks, settings, jobs, window or WINDOW_PER_JOB * jobs, encode)


def _same(doc: Document) -> Document:
    return doc


def _run_pool(
    chunks: Iterator[list[RawPage]],
    settings: Settings,
    jobs: int,
    window: int,
    encode: Callable[[Document], T],
) -> Iterator[T]:
    context = multiprocessing.get_context(_start_method())
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(settings,))
    pending: deque[Future[list[T]]] = deque()
    try:
        for raws in chunks:
            pending.append(pool.submit(_work, raws, encode))
            if len(pending) >= window:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[list[T]]) -> list[T]:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerCrashed(
            "a worker process died (out of memory or killed); rerun with fewer --jobs or smaller inputs"
        ) from exc


def _chunks(pages: Iterable[RawPage], size: int, max_bytes: int = CHUNK_BYTES) -> Iterator[list[RawPage]]:
    """Consecutive pages, ``size`` at most per chunk, fewer when their text passes ``max_bytes``."""
    chunk: list[RawPage] = []
    held = 0
    for page in pages:
        chunk.append(page)
        held += len(getattr(page, "content", ""))  # getattr: tests slip in fault-injecting objects
        if len(chunk) >= size or held >= max_bytes:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _start_method() -> str:
    """forkserver where available: workers never inherit the caller's threads or loaded model."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _annotator_or_none(settings: Settings) -> Annotator | None:
    return cached_annotator(settings.nlp) if settings.nlp.quotes else None


def start_worker(settings: Settings) -> Annotator | None:
    """Set up a worker process (``--jobs`` or Spark): one native thread, quiet per-record logs, the
    annotator loaded, then the collector tuned (so the model is frozen out of its scans).

    Cheap on later calls in the same process (Spark calls it once per task): everything is cached.
    Raises what loading the annotator raises (ModelMissing...).
    """
    limit_native_threads()  # N workers on N cores: BLAS threads would only steal CPU from the others
    quiet_per_record_loggers()
    annotator = _annotator_or_none(settings)
    tune_collector()
    return annotator


# Worker state: set once by the initializer of each worker process.
_WORKER: dict[str, object] = {}


def _init_worker(settings: Settings) -> None:
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
    return [encode(doc) for doc in docs]
