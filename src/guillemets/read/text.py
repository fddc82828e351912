"""A plain-text page dump (one visible block per line), read whole within the page size limit."""

from __future__ import annotations

from guillemets.errors import EmptyInput, TruncatedArchive
from guillemets.model import Source
from guillemets.read.base import PageKind, RawPage
from guillemets.read.decode import decode_bytes
from guillemets.read.limits import read_bounded
from guillemets.read.streams import Opened
from guillemets.settings import ReadSettings


def read_page_bytes(opened: Opened, settings: ReadSettings) -> bytes:
    """The bytes of a single-page input; raises TooLarge, TruncatedArchive, EmptyInput."""
    data = read_bounded(opened.stream, settings.max_bytes, opened.size)
    if opened.broken:
        raise TruncatedArchive(f"{opened.broken}; {len(data)} bytes were readable, no page kept")
    return data


def read_text_page(opened: Opened, source: Source, settings: ReadSettings) -> RawPage:
    """One TEXT page: the decoded, repaired, NFC text of the whole input."""
    text = decode_bytes(read_page_bytes(opened, settings))
    if not text.strip():
        raise EmptyInput("the file holds only blank space: nothing to read")
    return RawPage(source, PageKind.TEXT, text)
