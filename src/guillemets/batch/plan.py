"""How many workers a ``--jobs`` run starts, and how its pages are cut into tasks.

``--jobs N`` is an upper bound. The executor first reads ahead a little (at most ``lookahead``
pages and ``LOOKAHEAD_BYTES`` of text): when the whole input fits in it, the run is known to be
small, and it starts only the workers that have enough pages to earn their start-up, none at
all for a handful of pages (it then runs in the calling process). Tasks start small and grow,
so every worker gets work at once and the last tasks of a small input are spread evenly.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

CHUNK = 64  # pages per task at most: the cleaner works a batch at a time (as process_many's)
CHUNK_BYTES = 4 << 20  # a task's pages hold at most about this much text (big pages: fewer per task)
FIRST_CHUNK = 4  # the first tasks of a run: each worker gets work soon
TASKS_PER_WORKER = 4  # a small input known in full is cut into about this many tasks per worker
LOOKAHEAD_BYTES = 16 << 20  # at most this much page text is read ahead to size a run
# A worker is started only for this many pages of a fully known input; fewer run in-process.
# Forking a worker from a parent holding the model costs little (about 0.1 s of CPU); what must be
# earned is the pickling of pages and results and the copy-on-write faults. Measured with
# `python -m bench.parallel` on the DEV pages (80 pages: see docs/batch.md).
PAGES_PER_WORKER_QUOTES = 16
PAGES_PER_WORKER_CLEAN = 400


@dataclass(frozen=True, slots=True)
class Plan:
    """Workers to start (1: run in this process), and the size of the largest task."""

    workers: int
    chunk: int

    def sizes(self) -> Iterator[int]:
        """Task sizes in pages: FIRST_CHUNK for each worker, doubling each round up to ``chunk``."""
        size = min(FIRST_CHUNK, self.chunk)
        while True:
            for _ in range(self.workers):
                yield size
            size = min(size * 2, self.chunk)


def pages_per_worker(quotes: bool) -> int:
    """Pages a worker must have to earn its start-up: far more without the (slow) quote stage."""
    return PAGES_PER_WORKER_QUOTES if quotes else PAGES_PER_WORKER_CLEAN


def lookahead(jobs: int, chunk: int, per_worker: int) -> int:
    """Pages to read ahead: enough to give ``jobs`` workers their pages, and a few tasks each."""
    return max(jobs * chunk * TASKS_PER_WORKER, jobs * per_worker)


def plan_run(jobs: int, known: int | None, chunk: int, per_worker: int) -> Plan:
    """The plan for at most ``jobs`` workers; ``known``: the page count, if all was read ahead."""
    if known is None or jobs <= 1:
        return Plan(max(1, jobs), max(1, chunk))
    workers = max(1, min(jobs, known // max(1, per_worker)))
    even = math.ceil(known / (workers * TASKS_PER_WORKER)) if known else 1
    return Plan(workers, max(1, min(chunk, even)))


def read_ahead(
    items: Iterable[T], count: int, max_bytes: int = LOOKAHEAD_BYTES
) -> tuple[Iterator[T], int | None]:
    """``items`` unchanged, and their number if they all came within ``count`` items and ``max_bytes``."""
    it = iter(items)
    head: list[T] = []
    held = 0
    for item in it:
        head.append(item)
        held += len(getattr(item, "content", ""))
        if len(head) >= count or held >= max_bytes:
            return itertools.chain(head, it), None
    return iter(head), len(head)


def cut(pages: Iterable[T], sizes: Iterator[int], max_bytes: int = CHUNK_BYTES) -> Iterator[list[T]]:
    """Consecutive pages in tasks of the next of ``sizes`` pages (fewer if their text passes max_bytes)."""
    size = next(sizes)
    chunk: list[T] = []
    held = 0
    for page in pages:
        chunk.append(page)
        held += len(getattr(page, "content", ""))  # getattr: tests slip in fault-injecting objects
        if len(chunk) >= size or held >= max_bytes:
            yield chunk
            chunk, held, size = [], 0, next(sizes)
    if chunk:
        yield chunk
