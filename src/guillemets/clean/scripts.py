"""Pages written mostly in scripts without spaces between words (Han, kana, Thai, …).

The stop-word routing (``classify.unlisted_pages``) counts white-space tokens; a Chinese or Japanese
page has few of them, each a whole clause, so its stop-word share says little and its lines are
scored by the main model, whose word features read such lines as navigation or as prose almost at
random. These pages go to the unlisted model too (issue 13, round 5).

The rule, written down before it was measured: a page is *spaceless* when its characters in
``SPACELESS`` ranges (Thai, Lao, Tibetan, Myanmar, Khmer, kana, CJK ideographs and their extension A
and compatibility block) are at least ``SPACELESS_SHARE`` of its letters and number at least
``SPACELESS_MIN``. Its letters: ASCII letters, those characters, and every other character from
U+00C0 up to U+FFFF except punctuation and symbols (U+2000–U+2BFF, U+3000–U+303F, U+FE30–U+FE4F),
fullwidth and halfwidth forms (U+FF00–U+FFEF), private use (U+E000–U+F8FF) and surrogates; characters
above U+FFFF (emoji, rare ideographs) do not count. Each character counts once, whatever its script:
a page is routed when its text is mostly ideographs or syllables, not when it quotes a few.

Read off the UTF-8 bytes with numpy (``shape.Utf8``): a batch costs one comparison over its bytes;
only pages with ``SPACELESS_MIN`` candidate characters are counted in full.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from guillemets.clean.shape import Utf8, three_byte_code_points

SPACELESS_SHARE = 0.5
SPACELESS_MIN = 20
# Code point ranges (inclusive) of scripts written without spaces between words.
SPACELESS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
)
# The UTF-8 lead bytes of the SPACELESS ranges (U+0E00–U+17FF, U+3040–U+9FFF, U+F900–U+FAFF).
_SPACELESS_LEADS = np.array([0xE0, 0xE1, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF], dtype=np.uint8)
# Characters of three UTF-8 bytes that are not letters.
_NOT_LETTERS = ((0x2000, 0x2BFF), (0x3000, 0x303F), (0xD800, 0xF8FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


def settings() -> dict[str, float]:
    """The constants above, as a weights file's provenance or a result file records them."""
    return {"spaceless_share": SPACELESS_SHARE, "spaceless_min": SPACELESS_MIN}


def spaceless_pages(array: pa.Array, page: np.ndarray, pages: int) -> np.ndarray:
    """The pages (sorted indices) written mostly in ``SPACELESS`` scripts: ``array`` the lines (a
    ``large_string`` array), ``page`` the page of each line, ``pages`` how many pages there are."""
    text = Utf8.of(array)
    if len(text.start) == 0 or text.end[-1] <= text.start[0]:
        return np.zeros(0, np.intp)
    lo, hi = int(text.start[0]), int(text.end[-1])
    data = text.data[lo:hi]
    at = _three_byte_leads(data)
    at = at[np.isin(data[at], _SPACELESS_LEADS)]  # not 0xE2 (the „“–…€ of Latin text), nor 0xEA–0xEE
    spaceless = _in_ranges(three_byte_code_points(data, at), SPACELESS)
    page_of = page[np.searchsorted(text.end - lo, at, side="right")]
    counts = np.bincount(page_of[spaceless], minlength=pages)
    candidates = np.flatnonzero(counts >= SPACELESS_MIN)
    bounds = np.searchsorted(page, np.arange(pages + 1))
    letters = [_letters(text, int(bounds[p]), int(bounds[p + 1])) for p in candidates.tolist()]
    return candidates[counts[candidates] >= SPACELESS_SHARE * np.asarray(letters, dtype=np.int64)]


def _letters(text: Utf8, first: int, last: int) -> int:
    """How many letters (module docstring) lines ``first``–``last - 1`` hold."""
    data = text.data[int(text.start[first]) : int(text.end[last - 1])]
    ascii_letters = int(np.count_nonzero(((data | np.uint8(0x20)) - np.uint8(0x61)) < 26))
    two_byte = int(np.count_nonzero((data >= 0xC3) & (data <= 0xDF)))
    at = _three_byte_leads(data)
    three_byte = int(np.count_nonzero(~_in_ranges(three_byte_code_points(data, at), _NOT_LETTERS)))
    return ascii_letters + two_byte + three_byte


def _three_byte_leads(data: np.ndarray) -> np.ndarray:
    """Where the characters of U+0800–U+FFFF start (lead bytes 0xE0–0xEF; ``SPACELESS`` is there)."""
    at = np.flatnonzero((data - np.uint8(0xE0)) < 16)
    return at[at + 2 < len(data)]


def _in_ranges(code: np.ndarray, ranges: tuple[tuple[int, int], ...]) -> np.ndarray:
    inside = np.zeros(len(code), dtype=bool)
    for low, high in ranges:
        inside |= (code >= low) & (code <= high)
    return inside
