"""The per-input guard of the readers: whatever one input raises becomes its error record, with a code."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.read.makers import FRENCH, record_pages, warc_bytes, write

from guillemets.errors import TooDeep, error_for
from guillemets.read import InputRef, expand_inputs, read_input
from guillemets.read.limits import MAX_JSON_DEPTH, check_json_depth, nests_deeper_than
from guillemets.read.sniff import Format, sniff_format
from guillemets.read.streams import display_path
from guillemets.settings import ReadSettings


def _read(path: Path | str) -> list:  # type: ignore[type-arg]
    return list(read_input(InputRef(str(path)), ReadSettings()))


def _deep(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


def test_nesting_is_measured_outside_strings_only() -> None:
    assert not nests_deeper_than(b'{"text": "' + b"[{" * 500 + b'"}', 10)
    assert not nests_deeper_than(b'{"t": "a\\"[[[[[[[[[[[[[[", "k": [[1]]}', 5)
    assert nests_deeper_than(b'{"t": "a\\\\", "k": ' + _deep(12) + b"}", 10)
    assert not nests_deeper_than(b'{"k": ' + _deep(10) + b"}", 11)


def test_check_json_depth_raises_too_deep() -> None:
    with pytest.raises(TooDeep, match="line 3: JSON nested deeper than"):
        check_json_depth(_deep(MAX_JSON_DEPTH + 1), "line 3")


def test_jsonl_line_nested_5000_levels_is_a_too_deep_record_and_the_next_line_is_read(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": FRENCH}).encode()
    data = b'{"id": "deep", "text": "x", "k": ' + _deep(5000) + b"}\n" + good + b"\n"
    deep, page = _read(write(tmp_path / "p.jsonl", data))
    assert [e.code for e in deep.errors] == ["too-deep"] and deep.id is None
    assert page.id == "ok" and not page.errors and page.content == FRENCH


def test_sniffer_reads_a_deep_first_line_without_extension_as_jsonl(tmp_path: Path) -> None:
    head = b'{"text": "x", "k": ' + _deep(5000) + b"}\n"
    assert sniff_format("pages", head) is Format.JSONL
    [page] = _read(write(tmp_path / "pages", head))
    assert page.errors[0].code == "too-deep"


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800", "\\udc00\\u0000"])
def test_jsonl_nul_or_lone_surrogate_in_id_and_url_is_repaired(tmp_path: Path, escape: str) -> None:
    line = '{"id": "a' + escape + 'b", "url": "https://exemple.fr/' + escape + '", "text": "Bonjour."}\n'
    [page] = _read(write(tmp_path / "p.jsonl", line))
    assert not page.errors
    for value in (page.id, page.url):
        assert "\x00" not in value
        value.encode("utf-8")  # no lone surrogate left: every output can hold it
    assert page.id.startswith("a") and page.id.endswith("b")


def test_file_name_not_utf8_is_read_and_shown_escaped(tmp_path: Path) -> None:
    name = os.fsdecode(os.fsencode(str(tmp_path)) + b"/gr\xe8ve.txt")
    with open(os.fsencode(name), "wb") as f:
        f.write(FRENCH.encode())
    [ref] = expand_inputs([str(tmp_path)])
    [page] = _read(ref.path)
    assert not page.errors and page.content == FRENCH
    assert page.source.path.endswith("gr\\xe8ve.txt")
    page.source.path.encode("utf-8")


def test_display_path_is_one_line_of_valid_utf8() -> None:
    assert display_path("a/\ud800.txt").encode("utf-8")
    assert display_path("a/ligne\nsuite\t.txt") == "a/ligne\\x0asuite\\x09.txt"
    assert display_path("-") == "<stdin>"
    assert display_path("a/été.txt") == "a/été.txt"


def test_reader_bug_ends_that_input_with_an_internal_error_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import guillemets.read.sources as sources

    def broken(*_: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(sources, "read_text_page", broken)
    [page] = _read(write(tmp_path / "p.txt", FRENCH))
    [error] = page.errors
    assert (error.stage, error.code) == ("read", "internal-error")
    assert "ZeroDivisionError: boom" in error.message and "\n" not in error.message


def test_warc_record_bug_fails_that_record_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import guillemets.read.warc as warc

    real = warc.decode_html
    calls = iter(range(100))

    def second_fails(data: bytes, charset: str | None = None) -> str:
        if next(calls) == 1:
            raise RecursionError("maximum recursion depth exceeded")
        return real(data, charset)

    monkeypatch.setattr(warc, "decode_html", second_fails)
    pages = _read(write(tmp_path / "a.warc.gz", warc_bytes(record_pages(3), gz=True)))
    assert [p.errors[0].code if p.errors else None for p in pages] == [None, "too-deep", None]


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "bad-encoding"),
        (RecursionError("maximum recursion depth exceeded"), "too-deep"),
        (OSError(5, "Input/output error"), "unreadable"),
        (KeyError("x"), "internal-error"),
    ],
)
def test_error_for_maps_exceptions_to_stable_codes(exc: Exception, code: str) -> None:
    error = error_for(exc, "read")
    assert error.code == code and error.stage == "read" and "\n" not in error.message


def _wrong_length_warc() -> bytes:
    """A WARC whose first response says it is 10 bytes shorter than it is: warcio warns on stderr."""
    import re

    data = warc_bytes(record_pages(3), gz=False, extra=False)
    first = next(re.finditer(rb"Content-Length: (\d+)\r\n", data))
    fixed = b"Content-Length: %d\r\n" % (int(first.group(1)) - 10)
    return data[: first.start()] + fixed + data[first.end() :]


def test_warcio_multi_line_warnings_never_reach_stderr_but_reach_debug_logs(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    with caplog.at_level(logging.DEBUG, logger="guillemets.read.warc"):
        pages = _read(write(tmp_path / "a.warc", _wrong_length_warc()))
    assert len(pages) == 3
    assert capfd.readouterr().err == ""
    [logged] = [r.getMessage() for r in caplog.records if "not followed by newline" in r.getMessage()]
    assert "\n" not in logged and "a.warc" in logged


def test_warc_header_line_over_the_page_limit_ends_the_archive_keeping_its_pages(tmp_path: Path) -> None:
    """warcio reads header lines unbounded (and copies them per block): a 20 MB one is refused."""
    import gzip as gz

    head = warc_bytes(record_pages(2), gz=False, extra=False)
    bomb = head + b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * (20 << 20) + b"\r\n\r\n"
    path = write(tmp_path / "bomb.warc.gz", gz.compress(bomb, compresslevel=1))
    pages = list(read_input(InputRef(str(path)), ReadSettings(max_bytes=1 << 20)))
    assert [p.errors[0].code if p.errors else None for p in pages] == [None, None, "truncated-archive"]
    assert "without a newline" in pages[-1].errors[0].message


JSON_VALUES = st.recursive(
    st.none() | st.integers() | st.text(alphabet='[]{}"\\ab\n'),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"\\a'), inner, max_size=3)
    ),
    max_leaves=30,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@given(JSON_VALUES, st.integers(0, 6))
def test_nesting_scan_agrees_with_the_parsed_depth(value: object, limit: int) -> None:
    data = json.dumps(value, ensure_ascii=False).encode()
    assert nests_deeper_than(data, limit) == (_depth(value) > limit)
