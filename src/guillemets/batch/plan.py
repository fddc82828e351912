"""How many workers a ``--jobs`` run starts, and how its pages are cut into tasks.

``--jobs N`` is an upper bound. The executor first reads ahead a little (at most ``lookahead``
pages and ``LOOKAHEAD_BYTES`` of text): when the whole input fits in it, the run is known to be
small, and it starts only the workers that have enough work to earn their start-up (estimated
from the number of pages and of French ones), none at all for a handful of pages (it then runs
in the calling process). Tasks start small and grow, so every worker gets work at once and the
last tasks of a small input are spread evenly.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from guillemets.lang import VOTE_CHARS, vote

T = TypeVar("T")

CHUNK = 64  # pages per task at most: the cleaner works a batch at a time (as process_many's)
CHUNK_BYTES = 4 << 20  # a task's pages hold at most about this much text (big pages: fewer per task)
FIRST_CHUNK = 4  # the first tasks of a run: each worker gets work soon
TASKS_PER_WORKER = 4  # a small input known in full is cut into about this many tasks per worker
LOOKAHEAD_BYTES = 16 << 20  # at most this much page text is read ahead to size a run
# What one page costs on one core of the development machine, idle: cleaning and language id of a
# text dump with reading and encoding (bench.pages: 524 pages/s, about 2 ms, plus as much around
# it), and the NLP stage of a page the vote finds French (spaCy's parse with the quote stage,
# bench.profile: 330 ms) or English (the whole parse, entities and the learned attribution:
# `python -m bench.parse_cost`, CPU time per DEV page voting English, 0.23-0.29 s in three runs on
# the loaded machine, 0.255 s in the idle 10,545-page run of bench.parallel; it was priced at
# 70 ms when English pages got entities only).
PAGE_SECONDS = 0.004
PARSE_SECONDS = {"fr": 0.3, "en": 0.25}
# A worker is started for each this many seconds of estimated work of a fully known input; less
# runs in this process. Forking from a caller that holds the model costs little CPU; what a
# worker must earn is the pickling of pages and results and its copy-on-write page faults
# (measured with `python -m bench.parallel --limit 80`: see docs/batch.md).
SECONDS_PER_WORKER = 1.0


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


def estimate_seconds(pages: Sequence[object], quotes: bool, votes: Sequence[set[str]] | None = None) -> float:
    """Single-core seconds ``pages`` should take: every page is cleaned, French and English parsed.

    A page's language is what the function words of its raw text say (the vote of
    ``guillemets.lang`` on three windows, under 0.1 ms a page): on the 555 DEV dumps it finds the
    12 French pages that the language id of their cleaned text finds. ``votes``: the pages'
    ``page_votes`` when the caller has them (``Ahead.votes``), else they are computed.
    """
    seconds = PAGE_SECONDS * len(pages)
    if quotes:
        seconds += sum(map(_parse_seconds, page_votes(pages) if votes is None else votes))
    return seconds


def _parse_seconds(languages: set[str]) -> float:
    """The dearest parse among the languages the function-word vote names on three windows of the page.

    The dearest wins so that a French article under an English menu still counts as French.
    """
    return max([PARSE_SECONDS.get(lang, 0.0) for lang in languages], default=0.0)


def page_votes(pages: Iterable[object]) -> list[set[str]]:
    """``page_languages`` of each page's text."""
    return [page_languages(getattr(page, "content", "")) for page in pages]


def page_languages(text: str) -> set[str]:
    """The languages the function-word vote names on three windows of ``text`` (inside the page,
    away from its chrome): usually one, none for a page too short or in a script without spaces."""
    found = set()
    for where in (0.2, 0.4, 0.6):
        start = max(0, int(len(text) * where) - VOTE_CHARS // 2)
        lang = vote(text[start : start + VOTE_CHARS])
        if lang:
            found.add(lang)
    return found


def expected_languages(pages: Iterable[object], votes: Iterable[set[str]] | None = None) -> frozenset[str]:
    """The languages ``pages`` (the read-ahead of a run) are expected to be parsed in, as the planner
    sees them: what a ``--jobs`` caller warms up before it forks (``batch.warm``). ``votes``: the
    pages' ``page_votes`` when the caller has them."""
    return frozenset().union(*(page_votes(pages) if votes is None else votes))


def lookahead(jobs: int, chunk: int) -> int:
    """Pages to read ahead: enough for ``jobs`` workers' worth of work and a few tasks each."""
    return max(jobs * chunk * TASKS_PER_WORKER, math.ceil(jobs * SECONDS_PER_WORKER / PAGE_SECONDS))


def plan_run(
    jobs: int,
    known: Sequence[object] | None,
    chunk: int,
    quotes: bool,
    per_worker: int | None = None,
    votes: Sequence[set[str]] | None = None,
) -> Plan:
    """The plan for at most ``jobs`` workers; ``known``: all the pages, when all were read ahead.

    ``per_worker`` (pages per worker) replaces the estimate of the work (tests use it); ``votes``:
    the known pages' ``page_votes`` when the caller has them.
    """
    if known is None or jobs <= 1:
        return Plan(max(1, jobs), max(1, chunk))
    if per_worker is not None:
        workers = len(known) // max(1, per_worker)
    else:
        workers = int(estimate_seconds(known, quotes, votes) / SECONDS_PER_WORKER)
    workers = max(1, min(jobs, workers))
    even = math.ceil(len(known) / (workers * TASKS_PER_WORKER)) if known else 1
    return Plan(workers, max(1, min(chunk, even)))


@dataclass(frozen=True)  # no slots: ``votes`` is cached on the instance
class Ahead(Generic[T]):
    """What ``read_ahead`` read: the first items, and whether they are all of them."""

    head: list[T]
    complete: bool

    @functools.cached_property
    def votes(self) -> list[set[str]]:
        """``page_votes`` of the head, computed once: the plan and the warm-up both read them."""
        return page_votes(self.head)

    @property
    def known(self) -> list[T] | None:
        """Every item when they all came within the read-ahead, else None (the size is unknown)."""
        return self.head if self.complete else None


def read_ahead(
    items: Iterable[T], count: int, max_bytes: int = LOOKAHEAD_BYTES
) -> tuple[Iterator[T], Ahead[T]]:
    """``items`` unchanged, and the first of them: up to ``count`` items and ``max_bytes`` of text."""
    it = iter(items)
    head: list[T] = []
    held = 0
    for item in it:
        head.append(item)
        held += len(getattr(item, "content", ""))
        if len(head) >= count or held >= max_bytes:
            return itertools.chain(head, it), Ahead(head, complete=False)
    return iter(head), Ahead(head, complete=True)


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
