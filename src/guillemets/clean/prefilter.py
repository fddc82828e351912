"""The language of an HTML page before it is cleaned, from a cheap look at its text.

trafilatura takes about 90 ms a page; parsing the page with lxml and reading the text of its
``<title>`` and ``<p>`` elements takes a few. When the caller asks only for some languages
(``extract --lang fr,en``), a page whose text and declared language (``<html lang>``) both say
another language is not cleaned at all. Either one saying a wanted language keeps the page: a
French site's English cookie banner must not drop a French article.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from guillemets.lang import detect_language

SAMPLE_CHARS = 2000  # characters of paragraph text read (the vote reads 1,000, py3langid 400)
MIN_PARAGRAPH_CHARS = 40  # shorter <p> (bylines, buttons, captions) say little about the language
_DECLARED = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3})\b""", re.IGNORECASE)


@functools.cache
def _parser():  # type: ignore[no-untyped-def]
    from lxml import etree

    return etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


def declared_language(html: str) -> str | None:
    """The primary subtag of ``<html lang="…">`` in the page's first 8 KiB, lower-cased, or None."""
    match = _DECLARED.search(html, 0, 8192)
    return match.group(1).lower() if match else None


def page_sample(html: str, limit: int = SAMPLE_CHARS) -> str:
    """The text of the page's ``<title>`` and its longer ``<p>`` elements, in page order, up to ``limit``."""
    from lxml import etree

    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), _parser())
    except (etree.ParserError, ValueError):
        return ""
    if root is None:
        return ""
    parts: list[str] = []
    held = 0
    for element in root.iter("title", "p"):
        text = " ".join("".join(element.itertext()).split())
        if element.tag == "p" and len(text) < MIN_PARAGRAPH_CHARS:
            continue
        parts.append(text)
        held += len(text) + 1
        if held >= limit:
            break
    return "\n".join(parts)


def html_language(html: str) -> str | None:
    """The language of the page's title and paragraphs (``lang.detect_language``); None: no text."""
    return detect_language(page_sample(html))


def wanted(html: str, languages: Collection[str]) -> tuple[bool, str | None]:
    """(whether to clean the page, the language found) for a caller who wants only ``languages``.

    The page is kept when its text or its declared language is among them, or when neither is known.
    """
    found = html_language(html)
    declared = declared_language(html)
    if found is None and declared is None:
        return True, None
    keep = found in languages or declared in languages
    return keep, found or declared
