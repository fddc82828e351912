"""Garbage-collector settings for long batch runs (called by the executors, never by the library).

Every page allocates thousands of short-lived objects (lines, chrome entries, spaCy tokens).
With Python's default young-generation threshold (700 allocations) the collector runs every few
pages and walks whatever survives, including the loaded model and lexicons. Freezing what is
loaded and letting the young generation grow removes most of that work: cleaning + language id
on the DEV dumps went from 462 to 474 pages/s (python -m bench.pages), with no change in memory
beyond cyclic garbage living a little longer (reference counting frees everything else at once).
"""

from __future__ import annotations

import ctypes
import functools
import gc
import logging
import sys

log = logging.getLogger(__name__)

YOUNG_THRESHOLD = 50_000  # allocations between young-generation collections (Python's default: 700)
OLDER_THRESHOLD = 50  # young collections per older one (default 10)


@functools.cache
def tune_collector() -> None:
    """Freeze the objects alive now (models, lexicons) and collect less often; once per process."""
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, OLDER_THRESHOLD, OLDER_THRESHOLD)


@functools.cache
def _libc_malloc_trim() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl...): nothing to trim
        log.debug("malloc_trim is not available", exc_info=True)
        return None


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``); a no-op elsewhere.

    A ``--jobs`` worker calls it after each task: spaCy's parse frees large buffers that glibc
    would otherwise keep, so a worker's own memory (USS) stays near its working set. DEV pages,
    2,220 pages, --jobs 2: 210-250 MB per worker without it, 155-220 MB with it; about 1 ms a task.
    """
    trim = _libc_malloc_trim()
    if callable(trim):
        trim(0)
