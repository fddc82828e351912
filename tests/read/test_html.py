"""HTML inputs: detected by name or content; the declared charset honoured."""

from __future__ import annotations

from pathlib import Path

from tests.read.makers import FRENCH, html_page, write

from guillemets.read import InputRef, PageKind, read_input
from guillemets.settings import ReadSettings


def test_html_file_is_an_html_page(tmp_path: Path) -> None:
    [page] = list(
        read_input(InputRef(str(write(tmp_path / "p.html", html_page("Titre", FRENCH)))), ReadSettings())
    )
    assert page.kind is PageKind.HTML
    assert FRENCH in page.content


def test_html_sniffed_without_extension(tmp_path: Path) -> None:
    [page] = list(read_input(InputRef(str(write(tmp_path / "page", html_page("T", FRENCH)))), ReadSettings()))
    assert page.kind is PageKind.HTML


def test_html_meta_charset_windows_1252_is_honoured(tmp_path: Path) -> None:
    data = html_page("Été", FRENCH, charset="windows-1252").encode("cp1252")
    [page] = list(read_input(InputRef(str(write(tmp_path / "p.htm", data))), ReadSettings()))
    assert "<title>Été</title>" in page.content
    assert FRENCH in page.content


def test_html_meta_charset_iso_8859_15_euro_sign(tmp_path: Path) -> None:
    data = html_page("Prix", "Le litre coûte 2 € à Liège.", charset="iso-8859-15").encode("iso-8859-15")
    [page] = list(read_input(InputRef(str(write(tmp_path / "p.html", data))), ReadSettings()))
    assert "2 € à Liège" in page.content
