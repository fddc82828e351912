"""JSONL pages: records, bad lines as error records, gzip, truncation, and properties."""

from __future__ import annotations

import gzip
import io
import json
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from tests.read.makers import FRENCH, html_page, write

from guillemets.read import InputRef, PageKind, read_input
from guillemets.read.jsonl import read_jsonl
from guillemets.settings import ReadSettings


def _jsonl(*records: object) -> bytes:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    ).encode()


def _read(path: Path, kind: PageKind = PageKind.TEXT):  # type: ignore[no-untyped-def]
    return list(read_input(InputRef(str(path)), ReadSettings(), kind))


def test_jsonl_text_and_html_records_with_optional_fields(tmp_path: Path) -> None:
    data = _jsonl(
        {"id": "a1", "text": FRENCH, "url": "https://ex.org/a", "lang": "fr", "date": "2025-03-14"},
        {"id": 7, "html": html_page("T", FRENCH)},
    )
    first, second = _read(write(tmp_path / "p.jsonl", data))
    assert (first.id, first.kind, first.content, first.url, first.lang, first.date) == (
        "a1", PageKind.TEXT, FRENCH, "https://ex.org/a", "fr", "2025-03-14",
    )  # fmt: skip
    assert (second.id, second.kind, second.url) == ("7", PageKind.HTML, None)
    assert [p.source.record for p in (first, second)] == ["1", "2"]


def test_jsonl_kind_clean_for_already_clean_text(tmp_path: Path) -> None:
    [page] = _read(write(tmp_path / "c.jsonl", _jsonl({"id": "x", "text": FRENCH})), PageKind.CLEAN)
    assert page.kind is PageKind.CLEAN


def test_jsonl_bad_lines_become_error_records_others_still_read(tmp_path: Path) -> None:
    data = _jsonl(
        {"id": "ok1", "text": FRENCH},
        "{not json",
        {"id": "no-text", "title": "x"},
        [1, 2],
        {"id": "empty", "text": "  "},
        "",
        {"id": "ok2", "text": FRENCH},
    )
    pages = _read(write(tmp_path / "p.jsonl", data))
    assert [p.source.record for p in pages] == ["1", "2", "3", "4", "5", "7"]
    assert [p.errors[0].code if p.errors else None for p in pages] == [
        None, "bad-record", "bad-record", "bad-record", "bad-record", None,
    ]  # fmt: skip
    assert "line 2: not JSON" in pages[1].errors[0].message
    assert 'no "text" or "html"' in pages[2].errors[0].message
    assert pages[2].id == "no-text"  # an error record keeps the id it was given


def test_jsonl_gzipped_and_truncated(tmp_path: Path) -> None:
    records = [{"id": str(i), "text": f"{FRENCH} {i * 7919}"} for i in range(3000)]
    data = gzip.compress(_jsonl(*records))
    pages = _read(write(tmp_path / "p.jsonl.gz", data))
    assert len(pages) == 3000 and not any(p.errors for p in pages)
    cut = _read(write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2]))
    kept, last = cut[:-1], cut[-1]
    assert kept and all(not p.errors for p in kept)
    assert [p.id for p in kept] == [str(i) for i in range(len(kept))]
    assert last.errors[0].code == "truncated-archive"
    assert f"in line {len(kept) + 1}" in last.errors[0].message
    assert f"the {len(kept)} records before it are kept" in last.errors[0].message


def test_jsonl_line_over_the_limit_is_an_error_record(tmp_path: Path) -> None:
    data = _jsonl({"id": "big", "text": "x" * 5000}, {"id": "small", "text": FRENCH})
    pages = list(read_jsonl(io.BufferedReader(io.BytesIO(data)), "p.jsonl", ReadSettings(max_bytes=1000)))
    assert [p.errors[0].code if p.errors else None for p in pages] == ["too-large", None]
    assert pages[1].content == FRENCH


def test_jsonl_only_blank_lines_is_empty_input(tmp_path: Path) -> None:
    [page] = _read(write(tmp_path / "blank.jsonl", b"\n\n  \n"))
    assert page.errors[0].code == "empty-input"


def test_jsonl_latin1_line_is_decoded(tmp_path: Path) -> None:
    line = json.dumps({"id": "l", "text": FRENCH}, ensure_ascii=False).encode("cp1252") + b"\n"
    [page] = _read(write(tmp_path / "l.jsonl", line))
    assert page.content == FRENCH


RECORD = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=8), "text": st.text(min_size=1).filter(str.strip)},
    optional={"url": st.text(max_size=20), "lang": st.sampled_from(["fr", "en", "de"])},
)


@given(st.lists(RECORD, min_size=1, max_size=20))
def test_jsonl_round_trip_property(records: list[dict[str, str]]) -> None:
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    pages = list(read_jsonl(io.BufferedReader(io.BytesIO(data)), "p.jsonl", ReadSettings()))
    assert [p.id for p in pages] == [r["id"].replace("\x00", "") for r in records]  # NUL: no output holds it
    assert [p.source.record for p in pages] == [str(i) for i in range(1, len(records) + 1)]
    for page, record in zip(pages, records, strict=True):
        assert not page.errors
        assert unicodedata.is_normalized("NFC", page.content)
        assert page.url == (record["url"].replace("\x00", "") if "url" in record else None)


@given(st.lists(st.text(alphabet=st.characters(exclude_characters="\n\r")), max_size=20))
def test_jsonl_any_lines_give_one_record_each_never_raise(lines: list[str]) -> None:
    data = "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass")
    stream = io.BufferedReader(io.BytesIO(data))
    try:
        pages = list(read_jsonl(stream, "p.jsonl", ReadSettings()))
    except Exception as exc:  # only the whole-file "no record" error may escape
        assert type(exc).__name__ == "EmptyInput"
        assert all(not line.encode("utf-8", "surrogatepass").strip() for line in lines)
        return
    assert len(pages) == sum(1 for line in lines if line.encode("utf-8", "surrogatepass").strip())
    assert all(bool(p.errors) or p.content for p in pages)


def test_jsonl_dump_field_is_read_as_text(tmp_path: Path) -> None:
    [page] = _read(write(tmp_path / "bench.jsonl", _jsonl({"id": "b", "dump": FRENCH, "lang": "de"})))
    assert (page.kind, page.content, page.lang) == (PageKind.TEXT, FRENCH, "de")
