"""Format sniffing: name and first bytes decide text, HTML, WARC, JSONL; empty and binary rejected."""

from __future__ import annotations

import pytest
from tests.read.makers import PNG_BYTES

from guillemets.errors import BinaryInput, EmptyInput
from guillemets.read.sniff import Format, sniff_format


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("page.txt", b"Accueil > Monde\nTitre", Format.TEXT),
        ("page", b"Some dump without extension", Format.TEXT),
        ("page.html", b"just text but named .html", Format.HTML),
        ("page.dat", b"  <!DOCTYPE html><html>", Format.HTML),
        ("page.dat", b"\xef\xbb\xbf<html lang='fr'>", Format.HTML),
        ("page.txt", b"<?xml version='1.0'?>\n<html>", Format.HTML),
        ("crawl.dat", b"WARC/1.0\r\nWARC-Type: warcinfo", Format.WARC),
        ("crawl.wet", b"anything", Format.WARC),
        ("pages.jsonl", b'{"id": "1", "text": "x"}\n', Format.JSONL),
        ("pages.ndjson", b'{"id": "1", "text": "x"}\n', Format.JSONL),
        ("utf16.txt", "Été".encode("utf-16"), Format.TEXT),
    ],
)
def test_sniff_format(name: str, head: bytes, expected: Format) -> None:
    assert sniff_format(name, head) is expected


@pytest.mark.parametrize("head", [b"", b"  \n\t\r\n "])
def test_sniff_empty_raises(head: bytes) -> None:
    with pytest.raises(EmptyInput):
        sniff_format("x.txt", head)


@pytest.mark.parametrize(
    ("head", "kind"),
    [(PNG_BYTES, "PNG image"), (b"%PDF-1.7\n", "PDF document"), (bytes(range(32)) * 40, "NUL/control")],
)
def test_sniff_binary_raises_naming_what_it_is(head: bytes, kind: str) -> None:
    with pytest.raises(BinaryInput, match=kind):
        sniff_format("x.txt", head)


def test_sniff_binary_even_with_a_text_extension_or_jsonl_name() -> None:
    with pytest.raises(BinaryInput):
        sniff_format("pages.jsonl", PNG_BYTES)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"id": "1", "text": "Une page"}\n{"id": "2"', Format.JSONL),
        (b'  {"html": "<p>x</p>"}\n', Format.JSONL),
        (b'{"not": "a page record"}\n', Format.TEXT),
        (b"{ une accolade en d\xc3\xa9but de texte\n", Format.TEXT),
    ],
)
def test_sniff_jsonl_by_content_for_stdin_and_unknown_names(head: bytes, expected: Format) -> None:
    assert sniff_format("<stdin>", head) is expected


def test_sniff_counts_control_bytes_against_the_limit() -> None:
    # 4 % control bytes is still text, 6 % is binary (the limit is 5 % of the first 8 KiB)
    text = b"Un texte ordinaire. " * 50
    assert sniff_format("a.txt", text[:960] + b"\x01" * 40) is Format.TEXT
    with pytest.raises(BinaryInput):
        sniff_format("a.txt", text[:940] + b"\x01" * 60)
