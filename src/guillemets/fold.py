"""The one accent and case folding every part of guillemets compares text with.

Search (the FTS index and its queries), speaker names and prepositional cues all fold with
``fold``, so « Élysée », « ÉLYSÉE » and « elysee » are the same word everywhere. ``fts_fold`` is
the one variant: it mirrors SQLite FTS5's own tokenizer, so query words match indexed tokens.
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


def _latin(char: str) -> bool:
    return char < "\u0250" or "\u1e00" <= char <= "\u1eff"


def fts_fold(value: str) -> str:
    """``value`` folded as FTS5's ``unicode61 remove_diacritics 2`` folds it.

    Lower case; accents dropped from Latin letters only (Greek and Cyrillic keep theirs);
    no compatibility mapping (ß, ligatures stay), unlike ``fold``.
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFD", value.lower()):
        if unicodedata.combining(char) and out and _latin(out[-1][-1]):
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))
