"""PLACEHOLDER (to be replaced by the readers): plain-text files only."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from guillemets.model import RecordError, Source
from guillemets.read.base import InputRef, PageKind, RawPage
from guillemets.settings import ReadSettings


def expand_inputs(inputs: Iterable[str]) -> list[InputRef]:
    refs: list[InputRef] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            refs.extend(InputRef(str(f)) for f in sorted(p.rglob("*")) if f.is_file())
        else:
            refs.append(InputRef(item))
    return refs


def read_input(ref: InputRef, settings: ReadSettings) -> Iterator[RawPage]:
    try:
        text = Path(ref.path).read_text("utf-8")
    except OSError as exc:
        yield RawPage(Source(ref.path), PageKind.TEXT, errors=[RecordError("read", "unreadable", str(exc))])
        return
    yield RawPage(Source(ref.path), PageKind.TEXT, text)


def iter_pages(inputs: Iterable[str], settings: ReadSettings) -> Iterator[RawPage]:
    for ref in expand_inputs(inputs):
        yield from read_input(ref, settings)
