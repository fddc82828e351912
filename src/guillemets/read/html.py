"""An HTML page, decoded with the charset it declares when that charset fits its bytes."""

from __future__ import annotations

from guillemets.errors import EmptyInput
from guillemets.model import Source
from guillemets.read.base import PageKind, RawPage
from guillemets.read.decode import charset_from_meta, decode_bytes
from guillemets.read.streams import Opened
from guillemets.read.text import read_page_bytes
from guillemets.settings import ReadSettings


def decode_html(data: bytes, http_charset: str | None = None) -> str:
    """HTML text: an HTTP header charset beats the page's meta charset; UTF-8 that is valid beats both."""
    return decode_bytes(data, http_charset or charset_from_meta(data))


def read_html_page(opened: Opened, source: Source, settings: ReadSettings) -> RawPage:
    """One HTML page from the whole input."""
    html = decode_html(read_page_bytes(opened, settings))
    if not html.strip():
        raise EmptyInput("the file holds only blank space: nothing to read")
    return RawPage(source, PageKind.HTML, html)
