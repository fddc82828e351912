"""WARC and WET archives (plain or gzipped) through warcio, one record at a time.

WARC ``response`` (and ``resource``) records holding HTML become HTML pages; WET ``conversion``
records become TEXT pages. ``Source.record`` is the WARC-Record-ID (or the target URI);
``url`` is WARC-Target-URI, ``crawl_date`` WARC-Date (the page's own date is the cleaner's).
Other records (requests, metadata, images, non-2xx responses) are not pages: they are counted,
and an archive with no page at all is a ``no-pages`` error. A break (truncated gzip, a record
shorter than its Content-Length) keeps the pages before it and ends with one ``truncated-archive``
error record naming where it broke.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from guillemets.errors import NoPages, ReadError, TruncatedArchive, error_for
from guillemets.logs import stderr_to_debug
from guillemets.model import Source
from guillemets.read.base import PageKind, RawPage, error_page
from guillemets.read.decode import charset_from_content_type, decode_bytes
from guillemets.read.html import decode_html
from guillemets.read.limits import read_bounded
from guillemets.read.streams import LineBound, LineTooLong
from guillemets.settings import ReadSettings

log = logging.getLogger(__name__)
_PAGE_TYPES = {"response", "resource", "conversion"}
_HTML_TYPES = ("text/html", "application/xhtml")
_DRAIN = 1024 * 1024
_BLOCK = 1024 * 1024  # bytes warcio reads at a time
# what warcio raises on some malformed or cut headers, besides ArchiveLoadFailed
_WARCIO_PARSE_ERRORS = (ValueError, AttributeError, KeyError, IndexError)


@dataclass(slots=True)
class WarcCounts:
    records: int = 0
    pages: int = 0
    skipped: int = 0


def read_warc(
    stream: BinaryIO, path: str, settings: ReadSettings, broken: Callable[[], str | None] = lambda: None
) -> Iterator[RawPage]:
    """A RawPage (or error page) per page record, then an error page if the archive broke."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    counts, last_id, cut = WarcCounts(), "", False
    # 1 MB blocks: warcio copies a long line once per block (quadratic with its default 16 KB)
    records = ArchiveIterator(LineBound(stream, settings.max_bytes), block_size=_BLOCK)
    it = iter(records)
    try:
        while True:
            with stderr_to_debug(log, path):  # warcio prints multi-line warnings: -vv shows them
                record = next(it, None)
                if record is None:
                    break
                page = _page(record, path, settings)
                cut = _cut_short(record)
            if cut:
                break
            counts.records += 1
            last_id = _record_id(record)
            if page is None:
                counts.skipped += 1
                continue
            counts.pages += 1
            yield page
    except (ArchiveLoadFailed, LineTooLong, *_WARCIO_PARSE_ERRORS) as exc:
        if counts.records == 0 and not broken():
            raise ReadError(f"not a readable WARC/WET archive ({exc})") from None
        yield _broken_page(path, counts, last_id, broken() or f"unreadable record ({exc})")
        return
    log.info(
        "%s: %d records, %d pages, %d other records skipped",
        path,
        counts.records,
        counts.pages,
        counts.skipped,
    )
    # warcio ends quietly when the next record's headers are cut; it has read their first line then
    cut = cut or bool((getattr(records, "next_line", None) or b"").strip())
    if reason := broken() or (cut and "truncated record (shorter than its Content-Length)"):
        yield _broken_page(path, counts, last_id, reason)
    elif counts.pages == 0:
        raise NoPages(f"no HTML response or WET conversion record among {counts.records} records")


def _page(record: Any, path: str, settings: ReadSettings) -> RawPage | None:
    """The page a record holds, an error page if it cannot be read, or None if it is no page."""
    headers = record.rec_headers
    source = Source(path, _record_id(record))
    kind = _page_kind(record)
    if kind is None:
        return None
    url, crawled = headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date")
    try:
        body = read_bounded(record.content_stream(), settings.max_bytes, what="record")
        if kind is PageKind.HTML:
            content = decode_html(body, charset_from_content_type(_content_type(record)))
        else:
            content = decode_bytes(body)
    except Exception as exc:  # the per-record guard: this record fails, the archive goes on
        log.debug("%s failed", source.label(), exc_info=True)
        page = error_page(source, error_for(exc, "read"), kind)
        page.url, page.crawl_date = url, crawled
        return page
    return RawPage(source, kind, content, url=url, crawl_date=crawled)


def _page_kind(record: Any) -> PageKind | None:
    if record.rec_type not in _PAGE_TYPES:
        return None
    if record.rec_type == "conversion":
        return PageKind.TEXT
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return None
    return PageKind.HTML if _content_type(record).lower().startswith(_HTML_TYPES) else None


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        return str(record.http_headers.get_header("Content-Type") or "")
    return str(record.rec_headers.get_header("Content-Type") or "")


def _record_id(record: Any) -> str:
    headers = record.rec_headers
    rid = headers.get_header("WARC-Record-ID") or headers.get_header("WARC-Target-URI") or ""
    return str(rid).strip("<>")


def _cut_short(record: Any) -> bool:
    """Read what is left of the record; True when its block ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(_DRAIN):
        pass
    return bool(getattr(raw, "limit", 0))


def _broken_page(path: str, counts: WarcCounts, last_id: str, reason: str) -> RawPage:
    where = f"after record {counts.records} ({last_id})" if counts.records else "in the first record"
    exc = TruncatedArchive(f"{reason} {where}; {counts.pages} pages kept")
    return error_page(Source(path, f"record {counts.records + 1}"), exc)
