"""WARC/WET archives: pages, metadata, skips, truncation keeping the records before the break."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from tests.read.makers import FRENCH, cut_inside_a_record, record_pages, warc_bytes, write

from guillemets.read import InputRef, PageKind, read_input
from guillemets.settings import ReadSettings


def _read(path: Path):  # type: ignore[no-untyped-def]
    return list(read_input(InputRef(str(path)), ReadSettings()))


@pytest.mark.parametrize(("gz", "name"), [(True, "c.warc.gz"), (False, "c.warc")])
def test_warc_response_records_become_html_pages(tmp_path: Path, gz: bool, name: str) -> None:
    pages = _read(write(tmp_path / name, warc_bytes(record_pages(3), gz=gz)))
    assert [p.url for p in pages] == [f"https://example.org/{i}" for i in range(3)]
    assert all(p.kind is PageKind.HTML and not p.errors and FRENCH in p.content for p in pages)
    assert all(p.source.record and p.source.record.startswith("urn:uuid:") for p in pages)
    assert all(p.crawl_date and p.crawl_date[:4].isdigit() and "T" in p.crawl_date for p in pages)
    assert all(p.date is None for p in pages)  # the page's own date is the cleaner's
    assert len({p.source.record for p in pages}) == 3


def test_wet_conversion_records_become_text_pages(tmp_path: Path) -> None:
    pages = _read(write(tmp_path / "c.warc.wet.gz", warc_bytes(record_pages(2), gz=True, wet=True)))
    assert [p.kind for p in pages] == [PageKind.TEXT, PageKind.TEXT]
    assert all(FRENCH in p.content for p in pages)


def test_warc_without_pages_is_no_pages(tmp_path: Path) -> None:
    [page] = _read(write(tmp_path / "e.warc", warc_bytes([], gz=False)))
    assert page.errors[0].code == "no-pages"
    assert "1 records" in page.errors[0].message


def test_cut_inside_a_record_helper_never_gives_a_complete_gzip() -> None:
    for _ in range(5):
        data = warc_bytes(record_pages(4), gz=True)
        with pytest.raises((EOFError, gzip.BadGzipFile)):
            gzip.decompress(cut_inside_a_record(data, 0.5, gz=True))


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("fraction", [0.35, 0.6, 0.97])
def test_truncated_warc_keeps_records_before_the_break(tmp_path: Path, gz: bool, fraction: float) -> None:
    data = warc_bytes(record_pages(8), gz=gz)
    pages = _read(
        write(tmp_path / ("cut.warc.gz" if gz else "cut.warc"), cut_inside_a_record(data, fraction, gz))
    )
    kept, last = pages[:-1], pages[-1]
    assert all(not p.errors for p in kept)
    assert [p.url for p in kept] == [f"https://example.org/{i}" for i in range(len(kept))]
    assert len(kept) <= 8
    [err] = last.errors
    assert err.code == "truncated-archive"
    assert ("truncated gzip" if gz else "truncated record") in err.message
    assert f"{len(kept)} pages kept" in err.message
    assert "after record" in err.message
    assert last.source.record and last.source.record.startswith("record ")


def test_warc_not_an_archive(tmp_path: Path) -> None:
    [page] = _read(write(tmp_path / "x.warc", FRENCH))
    assert page.errors and page.errors[0].code in {"unreadable", "no-pages"}


def test_warc_cut_in_its_first_record(tmp_path: Path) -> None:
    data = warc_bytes(record_pages(2), gz=True, extra=False)
    [page] = _read(write(tmp_path / "first.warc.gz", data[:150]))
    assert page.errors[0].code == "truncated-archive"
    assert "in the first record; 0 pages kept" in page.errors[0].message
