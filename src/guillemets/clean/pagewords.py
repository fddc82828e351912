"""The page's own function words: a word signal that needs no word list.

Stop-word lists and marker phrases only help in the languages they were written for; on a page in
another language a menu line reads like prose to them. Prose lines of a page are full of its most
frequent short words (in any language: "the", "и", "και", "się"); navigation lines hold content
words, each seen a few times. The page's ``FW_TOP`` most frequent short letter tokens
(``FW_MAX_CHARS`` characters or fewer; seen ``FW_MIN_COUNT`` times or more) are its function words,
and for CJK text (written without spaces) its ``FW_TOP`` most frequent characters are, each counting
``1 / CJK_CHARS_PER_WORD`` of a word. Ties at the last rank all count, so a page's words do not
depend on the batch it is cleaned in.

Everything is read off the UTF-8 bytes (``shape.Utf8``) and counted with numpy, a batch at a time.
(Round 3 of issue 13 also counted words and length by script here; the grouped CV did not keep it:
docs/clean.md.)
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from guillemets.clean.shape import Utf8, arrow_of, numpy_of, three_byte_code_points

CJK_CHARS_PER_WORD = 2.0  # a Chinese word is 1–2 characters; an English one 5–6 with its space
# Chosen by the ROC AUC of the density alone on the labelled lines of 500 random DEV + TRAIN pages
# (top words × longest word: 10 × 3 characters 0.780, 5 × 3 0.780, 20 × 3 0.771, 10 × 4 0.760,
# 20 × 5 0.718; 10 × 3 seen 5+ times 0.782): short words are the function words of every language.
# jusText's stop-word density scores 0.759 on the same lines.
FW_TOP = 10
FW_MAX_CHARS = 3
FW_MIN_COUNT = 3
_CJK_FIRST = 0x3040  # below: CJK punctuation and symbols (U+3000–U+303F), not words


def settings() -> dict[str, float]:
    """The constants above, as the weights file's provenance records them."""
    return {"fw_top": FW_TOP, "fw_max_chars": FW_MAX_CHARS, "fw_min_count": FW_MIN_COUNT,
            "cjk_chars_per_word": CJK_CHARS_PER_WORD}  # fmt: skip


def page_function_words(array: pa.Array, tokens: pa.Array, page: np.ndarray) -> np.ndarray:
    """Per line, how many of its words are its page's function words (a CJK character among the
    page's top ones counts ``1 / CJK_CHARS_PER_WORD``): ``array`` the lines, ``tokens`` their
    white-space tokens (a list array), ``page`` the page of each line."""
    n = len(array)
    offsets = numpy_of(tokens.offsets, np.int64)
    line_of_token = np.repeat(np.arange(n), np.diff(offsets))
    flat = pc.list_flatten(tokens)
    tok = Utf8.of(flat)
    cjk_line, cjk_code = _cjk_chars(Utf8.of(array))
    short = np.flatnonzero(_at_most_chars(tok, FW_MAX_CHARS, among=_word_tokens(tok)))
    candidates = flat.take(arrow_of(short))
    function = np.zeros(n)
    if len(short):
        codes = numpy_of(pc.dictionary_encode(candidates).indices, np.int64)
        lines = line_of_token[short]
        top = _page_top(page[lines], codes, FW_TOP, FW_MIN_COUNT)
        function += np.bincount(lines[top], minlength=n)
    if len(cjk_line):
        top = _page_top(page[cjk_line], cjk_code, FW_TOP, FW_MIN_COUNT)
        function += np.bincount(cjk_line[top], minlength=n) / CJK_CHARS_PER_WORD
    return function


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


def _at_most_chars(tok: Utf8, most: int, among: np.ndarray) -> np.ndarray:
    """Per token, whether it is one of ``among`` (a mask) with at most ``most`` characters, counted
    on the UTF-8 bytes: its bytes less its continuation bytes (0x80–0xBF; a character is 1–4 bytes)."""
    size = tok.end - tok.start
    fits = among & (size <= most)
    unsure = np.flatnonzero(among & (size > most) & (size <= 4 * most))
    if len(unsure):
        lo, hi = int(tok.start[0]), int(tok.end[-1])
        continuation = np.flatnonzero((tok.data[lo:hi] & 0xC0) == 0x80) + lo
        start, end = tok.start[unsure], tok.end[unsure]
        inside = np.searchsorted(continuation, end) - np.searchsorted(continuation, start)
        fits[unsure] = size[unsure] - inside <= most
    return fits


def _cjk_chars(text: Utf8) -> tuple[np.ndarray, np.ndarray]:
    """The line and code point of every CJK character (U+3040–U+9FFF: three UTF-8 bytes led by
    0xE3–0xE9, bytes that never occur inside another character)."""
    if len(text.start) == 0 or text.end[-1] <= text.start[0]:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    lo, hi = int(text.start[0]), int(text.end[-1])
    data = text.data[lo:hi]
    at = np.flatnonzero((data >= 0xE3) & (data <= 0xE9))
    at = at[at + 2 < len(data)]
    code = three_byte_code_points(data, at)
    keep = code >= _CJK_FIRST
    at, code = at[keep] + lo, code[keep]
    return np.searchsorted(text.end, at, side="right"), code


# (page, item) keys are counted in an array this long at most (8 MB of counts); beyond, sorted.
_MAX_DENSE_KEYS = 1 << 20


def _page_top(page: np.ndarray, item: np.ndarray, top: int, min_count: int) -> np.ndarray:
    """Per occurrence, whether its item is among the ``top`` most frequent of its page (all ties at
    the last rank included) and occurs ``min_count`` times or more there."""
    span = int(item.max()) + 1
    key = page.astype(np.int64) * span + item
    unique, inverse, counts = _counted(key, int(page.max()) * span + span)
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


def _counted(key: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(key, return_inverse=True, return_counts=True)`` for keys in [0, bound): counted in
    an array instead of sorted when the range is small (a batch's (page, word) pairs: 3× faster)."""
    if bound > _MAX_DENSE_KEYS:
        return np.unique(key, return_inverse=True, return_counts=True)  # type: ignore[no-any-return]
    counts = np.bincount(key, minlength=bound)
    unique = np.flatnonzero(counts)
    rank = np.zeros(bound, dtype=np.int64)
    rank[unique] = np.arange(len(unique))
    return unique, rank[key], counts[unique]
