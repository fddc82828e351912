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


# glibc's mallopt parameters, and the values a long in-process run sets (see tune_allocator).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
TRIM_THRESHOLD = 256 << 20  # free memory at the top of the heap kept for reuse (default 128 kB)
MMAP_THRESHOLD = 32 << 20  # blocks this big or bigger get their own mapping (glibc's largest allowed)


@functools.cache
def tune_allocator() -> bool:
    """Let the C heap keep freed memory for reuse; once per process. False where it cannot (not glibc).

    The cleaner allocates and frees arrays of a few hundred kB to a few MB per batch (numpy and
    Python's buffers). With glibc's defaults each is mapped on its own or trimmed when freed, and
    the next batch faults the same pages in again, zero-filled by the kernel: on the 2,350 DEV
    dumps of ``bench.pages_cli`` about 130,000 page faults and half a CPU second of system time.
    Both thresholds are set (setting one alone turns off glibc's adaptive threshold, which made it
    twice as slow): 33,000 faults, about 12 % less CPU for the command. The process keeps up to
    ``TRIM_THRESHOLD`` of free heap; its peak is its working set, as before. For the single
    process runs only: a ``--jobs`` worker gives its memory back instead (``release_free_memory``).
    """
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is None:
        return False
    trim = mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    return bool(trim) and bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl...): nothing to tune
        log.debug("glibc is not available", exc_info=True)
        return None


@functools.cache
def _libc_malloc_trim() -> object | None:
    return getattr(_libc(), "malloc_trim", None)


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``); a no-op elsewhere.

    A ``--jobs`` worker calls it after each task: spaCy's parse frees large buffers that glibc
    would otherwise keep, so a worker's own memory (USS) stays near its working set. DEV pages,
    2,220 pages, --jobs 2: 210-250 MB per worker without it, 155-220 MB with it; about 1 ms a task.
    """
    trim = _libc_malloc_trim()
    if callable(trim):
        trim(0)
