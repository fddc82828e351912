"""The one accent and case folding every part of guillemets compares text with.

Search (the FTS index and its queries), speaker names and prepositional cues all fold with
``fold``, so « Élysée », « ÉLYSÉE » and « elysee » are the same word everywhere.
"""

from __future__ import annotations

import re
import unicodedata

# combining marks (accents) left by NFKD: the blocks Latin, Greek and Cyrillic text use
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(value: str) -> str:
    """Lower case (casefold) without accents or compatibility forms: « Élysée » and « elysee » fold alike."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return _COMBINING.sub("", decomposed) if not decomposed.isascii() else decomposed
