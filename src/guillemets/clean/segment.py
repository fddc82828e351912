"""PLACEHOLDER (to be replaced by the cleaner): keep lines of 40+ characters as paragraphs."""

from __future__ import annotations

from guillemets.clean.result import Cleaned
from guillemets.model import ChromeKind, ChromeLine


def clean_dump(text: str, lang: str | None = None, *, explain: bool = False) -> Cleaned:
    lines = [ln.strip() for ln in text.splitlines()]
    kept = [ln for ln in lines if len(ln) >= 40]
    chrome = [ChromeLine(i, ChromeKind.OTHER, ln) for i, ln in enumerate(lines) if ln and len(ln) < 40]
    title = kept[0] if kept else ""
    return Cleaned(title=title, paragraphs=kept[1:], chrome=chrome)
