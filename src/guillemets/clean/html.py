"""PLACEHOLDER: HTML cleaning through trafilatura, then the dump cleaner."""

from __future__ import annotations

from guillemets.clean.result import Cleaned


def clean_html(html: str, url: str | None = None, *, explain: bool = False) -> Cleaned:
    import trafilatura

    text = trafilatura.extract(html, url=url) or ""
    paragraphs = [p for p in text.splitlines() if p.strip()]
    return Cleaned(title=paragraphs[0] if paragraphs else "", paragraphs=paragraphs[1:])
