"""Single-page text inputs: decoding, gzip, size limit with bounded memory."""

from __future__ import annotations

import gzip
import tracemalloc
from pathlib import Path

import pytest
from tests.read.makers import FRENCH, write

from guillemets.read import InputRef, PageKind, read_input
from guillemets.settings import ReadSettings

MB = 1024 * 1024


def _read(path: Path, settings: ReadSettings | None = None):  # type: ignore[no-untyped-def]
    return list(read_input(InputRef(str(path)), settings or ReadSettings()))


def test_text_page_cp1252_round_trips(tmp_path: Path) -> None:
    page_text = "Accueil > Actu\n" + FRENCH + "\n"
    [page] = _read(write(tmp_path / "p.txt", page_text.encode("cp1252")))
    assert not page.errors
    assert page.kind is PageKind.TEXT
    assert page.content == page_text
    assert page.id is None  # the pipeline gives a content hash


def test_text_page_invalid_utf8_bytes_decoded_not_an_error(tmp_path: Path) -> None:
    data = "Le délégué a dit « non ».".encode() + " Ça coûte 20 €.".encode("cp1252")
    [page] = _read(write(tmp_path / "mixed.txt", data))
    assert not page.errors
    assert page.content.startswith("Le d")


def test_gzipped_text_page_is_read(tmp_path: Path) -> None:
    [page] = _read(write(tmp_path / "p.txt.gz", gzip.compress(FRENCH.encode())))
    assert (page.content, page.source.path, page.errors) == (FRENCH, str(tmp_path / "p.txt.gz"), [])


def test_truncated_gzip_text_page_is_a_truncated_archive_error(tmp_path: Path) -> None:
    data = gzip.compress("\n".join(f"{FRENCH} {i * 7919}" for i in range(2000)).encode())
    [page] = _read(write(tmp_path / "p.txt.gz", data[: len(data) // 2]))
    [err] = page.errors
    assert err.code == "truncated-archive"
    assert "truncated gzip" in err.message


@pytest.mark.parametrize(("data", "code"), [(b"", "empty-input"), (b"\n \n", "empty-input")])
def test_empty_text_file_is_an_error(tmp_path: Path, data: bytes, code: str) -> None:
    [page] = _read(write(tmp_path / "e.txt", data))
    assert [e.code for e in page.errors] == [code]
    assert "empty" in page.errors[0].message or "blank" in page.errors[0].message


def test_page_over_the_limit_is_too_large_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    line = ("Une ligne de texte d'une page énorme, répétée encore et encore. " * 16 + "\n").encode()
    with path.open("wb") as f:
        for _ in range(200 * MB // len(line) + 1):
            f.write(line)
    assert path.stat().st_size >= 200 * MB
    tracemalloc.start()
    try:
        [page] = _read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [err] = page.errors
    assert err.code == "too-large"
    assert "MB" in err.message and "--max-page-mb" in err.message
    assert peak < 40 * MB  # the default page limit is 32 MB; reading it whole would need 200+ MB


def test_gzipped_page_over_the_limit_stops_after_the_limit(tmp_path: Path) -> None:
    data = gzip.compress(b"abc def ghi\n" * (3 * MB // 12 + 1))  # 3 MB uncompressed, tiny on disk
    settings = ReadSettings(max_bytes=1 * MB)
    tracemalloc.start()
    try:
        [page] = _read(write(tmp_path / "big.txt.gz", data), settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [e.code for e in page.errors] == ["too-large"]
    assert "more than 1.0 MB" in page.errors[0].message
    assert peak < 8 * MB  # a few buffers of the 1 MB limit, never the 3 MB page
