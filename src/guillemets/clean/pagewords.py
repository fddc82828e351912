"""Word signals that need no word list: CJK-aware word counts and the page's own function words.

Stop-word lists and marker phrases only help in the languages they were written for; on a page in
another language a menu line reads like prose to them. Two things carry over to any language:

* **Words by script.** Chinese and Japanese are written without spaces, so a whole sentence is one
  white-space token. A CJK character (U+3040–U+9FFF: kana, CJK ideographs) counts as
  ``1 / CJK_CHARS_PER_WORD`` of a word and as ``CJK_CHAR_WIDTH`` characters of length, so that
  length and word-count features mean about the same in Chinese as in English.
* **Page-induced function words.** Prose lines of a page are full of its most frequent short words
  (in any language: "the", "и", "και", "się"); navigation lines hold content words, each seen a few
  times. The page's ``FW_TOP`` most frequent short letter tokens (``FW_MAX_CHARS`` characters or
  fewer; seen ``FW_MIN_COUNT`` times or more) are its function words, and for CJK text its
  ``FW_TOP`` most frequent characters are. Ties at the last rank all count, so a page's words do
  not depend on the batch it is cleaned in.

Everything is read off the UTF-8 bytes (``shape.Utf8``) and counted with numpy, a batch at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from guillemets.clean.shape import Utf8, arrow_of, numpy_of

CJK_CHARS_PER_WORD = 2.0  # a Chinese word is 1–2 characters; an English one 5–6 with its space
CJK_CHAR_WIDTH = 3  # characters of Latin-script text one CJK character stands for, in length features
# Chosen by the ROC AUC of the density alone on the labelled lines of 500 random DEV + TRAIN pages
# (top words × longest word: 10 × 3 characters 0.780, 5 × 3 0.780, 20 × 3 0.771, 10 × 4 0.760,
# 20 × 5 0.718; 10 × 3 seen 5+ times 0.782): short words are the function words of every language.
# jusText's stop-word density scores 0.759 on the same lines.
FW_TOP = 10
FW_MAX_CHARS = 3
FW_MIN_COUNT = 3
_CJK_FIRST = 0x3040  # below: CJK punctuation and symbols (U+3000–U+303F), not words
_CJK_COMMAS = "[，、]"


def settings() -> dict[str, float]:
    """The constants above, as the weights file's provenance records them."""
    return {"fw_top": FW_TOP, "fw_max_chars": FW_MAX_CHARS, "fw_min_count": FW_MIN_COUNT,
            "cjk_chars_per_word": CJK_CHARS_PER_WORD, "cjk_char_width": CJK_CHAR_WIDTH}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PageWords:
    """Per line: CJK characters, CJK-aware words, and how many of them are page function words."""

    cjk: np.ndarray  # CJK characters in the line
    words: np.ndarray  # white-space tokens not led by a CJK character, plus cjk / CJK_CHARS_PER_WORD
    function: np.ndarray  # page function words among them (CJK characters count 1 / CJK_CHARS_PER_WORD)
    cjk_commas: np.ndarray  # full-width commas (，、), which the ASCII comma count misses

    @property
    def density(self) -> np.ndarray:
        """Share of the line's words that are its page's function words."""
        return np.asarray(self.function / np.maximum(self.words, 1.0))


def page_words(array: pa.Array, tokens: pa.Array, page: np.ndarray) -> PageWords:
    """``PageWords`` of every line: ``array`` the lines, ``tokens`` their white-space tokens (a list
    array), ``page`` the page of each line."""
    n = len(array)
    offsets = numpy_of(tokens.offsets, np.int64)
    line_of_token = np.repeat(np.arange(n), np.diff(offsets))
    flat = pc.list_flatten(tokens)
    word_tokens = _word_tokens(Utf8.of(flat))
    cjk_line, cjk_code = _cjk_chars(Utf8.of(array))
    cjk = np.bincount(cjk_line, minlength=n).astype(np.float64)
    latin = np.bincount(line_of_token[word_tokens], minlength=n).astype(np.float64)
    short = np.flatnonzero(word_tokens)
    candidates = flat.take(arrow_of(short))
    fits = numpy_of(pc.utf8_length(candidates), np.int64) <= FW_MAX_CHARS
    short, candidates = short[fits], candidates.filter(arrow_of(fits))
    function = np.zeros(n)
    if len(short):
        codes = numpy_of(pc.dictionary_encode(candidates).indices, np.int64)
        lines = line_of_token[short]
        top = _page_top(page[lines], codes, FW_TOP, FW_MIN_COUNT)
        function += np.bincount(lines[top], minlength=n)
    if len(cjk_line):
        top = _page_top(page[cjk_line], cjk_code, FW_TOP, FW_MIN_COUNT)
        function += np.bincount(cjk_line[top], minlength=n) / CJK_CHARS_PER_WORD
    commas = np.zeros(n)
    has_cjk = np.flatnonzero(cjk > 0)
    if len(has_cjk):
        found = pc.count_substring_regex(array.take(arrow_of(has_cjk)), _CJK_COMMAS)
        commas[has_cjk] = numpy_of(found, np.float64)
    return PageWords(cjk, latin + cjk / CJK_CHARS_PER_WORD, function, commas)


def _word_tokens(tok: Utf8) -> np.ndarray:
    """Per token, whether it starts with a letter of a script written with spaces: ASCII letters,
    two-byte scripts (Latin with accents, Greek, Cyrillic, Hebrew, Arabic…), U+0800–U+1FFF and
    Hangul; not digits, punctuation (U+0080–U+00BF, U+2000–U+2FFF) nor CJK."""
    if len(tok.start) == 0:
        return np.zeros(0, dtype=bool)
    first = tok.data[np.minimum(tok.start, len(tok.data) - 1)]
    lower = first | 0x20
    ascii_letter = (lower >= 0x61) & (lower <= 0x7A)
    wide = ((first >= 0xC3) & (first <= 0xE1)) | ((first >= 0xEA) & (first <= 0xED))
    return np.asarray((ascii_letter | wide) & (tok.end > tok.start))


def _cjk_chars(text: Utf8) -> tuple[np.ndarray, np.ndarray]:
    """The line and code point of every CJK character (U+3040–U+9FFF: three UTF-8 bytes led by
    0xE3–0xE9, bytes that never occur inside another character)."""
    if len(text.start) == 0 or text.end[-1] <= text.start[0]:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    lo, hi = int(text.start[0]), int(text.end[-1])
    data = text.data[lo:hi]
    at = np.flatnonzero((data >= 0xE3) & (data <= 0xE9))
    at = at[at + 2 < len(data)]
    b0, b1, b2 = (data[at + k].astype(np.int64) for k in range(3))
    code = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)
    keep = code >= _CJK_FIRST
    at, code = at[keep] + lo, code[keep]
    return np.searchsorted(text.end, at, side="right"), code


def _page_top(page: np.ndarray, item: np.ndarray, top: int, min_count: int) -> np.ndarray:
    """Per occurrence, whether its item is among the ``top`` most frequent of its page (all ties at
    the last rank included) and occurs ``min_count`` times or more there."""
    span = int(item.max()) + 1
    key = page.astype(np.int64) * span + item
    unique, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    upage = unique // span
    order = np.lexsort((-counts, upage))  # by page, most frequent first
    ranked = counts[order]
    first = np.searchsorted(upage[order], upage[order], side="left")
    # The count at each page's last kept rank: the top-th item's, or the page's rarest.
    last = np.minimum(first + top - 1, np.searchsorted(upage[order], upage[order], side="right") - 1)
    threshold = np.empty(len(unique), dtype=np.int64)
    threshold[order] = ranked[last]
    kept = (counts >= threshold) & (counts >= min_count)
    return np.asarray(kept[inverse.ravel()])
