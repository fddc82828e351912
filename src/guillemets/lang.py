"""Language identification with py3langid (its model ships in the wheel)."""

from __future__ import annotations

import functools


@functools.cache
def _classify():  # type: ignore[no-untyped-def]
    import py3langid

    return py3langid.classify


def detect_language(text: str, sample: int = 2000) -> str | None:
    """ISO 639-1 code of ``text`` (first ``sample`` chars), or None if there is no text."""
    snippet = text[:sample].strip()
    if not snippet:
        return None
    lang, _score = _classify()(snippet)
    return str(lang)
