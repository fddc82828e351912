"""Cheap numeric features per line, with its neighbours' (context window), for the line classifier.

Speed matters (≥ 500 pages/s with language id): each line gets a handful of C-level calls, and
sparse patterns (sentence ends, capitals, digits, links…) are found by one regex scan per page.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from guillemets.clean.dates import is_date_line
from guillemets.clean.lines import Line
from guillemets.clean.markers import KINDS, load_markers, load_stopwords

_SENT_END = re.compile(r"[.!?…][\"'»”’)]*(?:\s|$)", re.MULTILINE)
_ENDS = (".", "!", "?", "…", '"', "»", "”", "’", ")", ":")
_SEPARATORS = re.compile(r" [|·•»›/>] | [-–] ")
_LEGAL = re.compile(r"©|cookie|all rights reserved|tous droits réservés|alle rechte")  # on lower-cased text
_LINKISH = re.compile(r"https?://|www\.|@")
_YEAR = re.compile(r"(?:19|20)\d\d")  # a cheap pre-filter; dates.is_date_line decides
_LEN_BINS = (
    ("len_lt20", 0, 20), ("len_20_50", 20, 50), ("len_50_100", 50, 100),
    ("len_100_200", 100, 200), ("len_ge200", 200, 10**9),
)  # fmt: skip

# Per-line features, in this order (the weights file names them; a mismatch is an error).
LINE_FEATURES = (
    "len_log", "words_log", *(b[0] for b in _LEN_BINS),
    "ends_sentence", "sentences", "commas_per_word", "stop_density", "capitalised_share",
    "digit_share", "all_caps", "position", "alone_in_block", "block_size_log", "repeated",
    "date_line", "linkish", "separators", "legal_text", "quotes",
    *(f"marker_{k}" for k in KINDS),
    "after_related_marker", "after_any_marker", "text_mass_before", "dist_to_densest",
)  # fmt: skip
# Context features: the mean of these over windows around the line, and the previous/next line's.
_CONTEXT_OF = ("len_log", "ends_sentence", "stop_density", "alone_in_block", "len_ge200", "linkish")
_WINDOWS = (1, 3, 8)
FEATURES = (
    *LINE_FEATURES,
    *(f"prev_{f}" for f in _CONTEXT_OF),
    *(f"next_{f}" for f in _CONTEXT_OF),
    *(f"win{w}_{f}" for w in _WINDOWS for f in _CONTEXT_OF),
)
_IDX = {name: i for i, name in enumerate(LINE_FEATURES)}


def line_features(lines: list[Line]) -> np.ndarray:
    """Matrix (lines × FEATURES) of each line's features and its neighbourhood's."""
    base = _base_matrix(lines)
    ctx = base[:, [_IDX[f] for f in _CONTEXT_OF]]
    return np.hstack([base, _shift(ctx, 1), _shift(ctx, -1), *(_window_mean(ctx, w) for w in _WINDOWS)])


def marker_kinds(lines: list[Line]) -> list[str | None]:
    """Marker kind of each line (see ``markers.load_markers``), None for ordinary lines."""
    markers = load_markers()
    page = "\n".join(line.text for line in lines).lower()
    starts = np.cumsum([len(line.text) + 1 for line in lines])
    kinds: list[str | None] = [None] * len(lines)
    for hit in markers.line_start.finditer(page):
        i = int(np.searchsorted(starts, hit.start(), side="right"))
        kinds[i] = markers.kind(lines[i].text)
    return kinds


def _base_matrix(lines: list[Line]) -> np.ndarray:
    n = len(lines)
    m = np.zeros((n, len(LINE_FEATURES)), dtype=np.float64)
    if n == 0:
        return m
    page = _Page([line.text for line in lines])
    _shape_features(m, page, lines)
    _char_features(m, page)
    _pattern_features(m, page)
    kinds = marker_kinds(lines)
    for i, kind in enumerate(kinds):
        if kind:
            m[i, _IDX["marker_" + kind]] = 1.0
    _add_page_shape(m, lines, kinds)
    return m


class _Page:
    """The page's lines joined by newlines, with what the feature functions share."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.n = len(texts)
        self.text = "\n" + "\n".join(texts)  # a leading newline: every line is preceded by one
        self.lower = self.text.lower()
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=self.n)
        self.chars = lengths.astype(np.float64)
        self.starts = np.cumsum(lengths + 1) - lengths  # offset of each line's first character
        self.words, self.stops = self._tokens()

    def _tokens(self) -> tuple[np.ndarray, np.ndarray]:
        tokens = self.lower.replace("\n", " \x00 ").split()  # punctuation stays glued: cheap, close enough
        newline = np.fromiter(map("\x00".__eq__, tokens), dtype=bool, count=len(tokens))
        stop = np.fromiter(map(load_stopwords()["*"].__contains__, tokens), dtype=bool, count=len(tokens))
        line = np.cumsum(newline) - 1
        words = np.bincount(line, weights=~newline, minlength=self.n)
        return words, np.bincount(line, weights=stop, minlength=self.n)

    def count(self, rx: re.Pattern[str], lower: bool = False) -> np.ndarray:
        """Hits of ``rx`` per line (a hit belongs to the line holding its last character)."""
        pos = [hit.end() - 1 for hit in rx.finditer(self.lower if lower else self.text)]
        idx = np.searchsorted(self.starts, pos, side="right") - 1
        return np.bincount(idx, minlength=self.n).astype(np.float64)


def _shape_features(m: np.ndarray, page: _Page, lines: list[Line]) -> None:
    chars, words = page.chars, page.words
    m[:, _IDX["len_log"]] = np.log1p(chars)
    m[:, _IDX["words_log"]] = np.log1p(words)
    for name, lo, hi in _LEN_BINS:
        m[:, _IDX[name]] = (chars >= lo) & (chars < hi)
    m[:, _IDX["stop_density"]] = page.stops / np.maximum(words, 1.0)
    m[:, _IDX["ends_sentence"]] = np.fromiter((t.endswith(_ENDS) for t in page.texts), bool, page.n)
    m[:, _IDX["all_caps"]] = np.fromiter(map(str.isupper, page.texts), bool, page.n)
    m[:, _IDX["position"]] = np.arange(page.n) / page.n
    sizes = np.fromiter((line.block_size for line in lines), np.float64, page.n)
    m[:, _IDX["alone_in_block"]] = sizes == 1
    m[:, _IDX["block_size_log"]] = np.log1p(sizes)
    counts = Counter(page.texts)
    m[:, _IDX["repeated"]] = np.fromiter((counts[t] > 1 for t in page.texts), bool, page.n)
    dated = np.flatnonzero(page.count(_YEAR))
    for i in dated:
        m[i, _IDX["date_line"]] = is_date_line(page.texts[i])


def _char_features(m: np.ndarray, page: _Page) -> None:
    """Character-class counts per line, on the page's code points with numpy."""
    cp = np.frombuffer(page.text.encode("utf-32-le"), dtype=np.uint32)
    line = np.cumsum(cp == 10) - 1
    prev = np.concatenate([[10], cp[:-1]])
    upper = (
        ((cp >= 65) & (cp <= 90))
        | ((cp >= 192) & (cp <= 222) & (cp != 215))
        | ((cp >= 0x410) & (cp <= 0x42F))
    )
    word_start = (prev == 32) | (prev == 10) | (prev == 34) | (prev == 40) | (prev == 171) | (prev == 8220)
    digit = (cp >= 48) & (cp <= 57)
    words = np.maximum(page.words, 1.0)
    n = page.n
    m[:, _IDX["capitalised_share"]] = np.minimum(np.bincount(line, upper & word_start, n) / words, 1.0)
    m[:, _IDX["digit_share"]] = np.bincount(line, digit, n) / np.maximum(page.chars, 1.0)
    m[:, _IDX["commas_per_word"]] = np.minimum(np.bincount(line, cp == 44, n) / words, 1.0)
    m[:, _IDX["quotes"]] = (
        np.bincount(
            line, (cp == 34) | (cp == 171) | (cp == 187) | (cp == 8220) | (cp == 8221) | (cp == 8222), n
        )
        > 0
    )


def _pattern_features(m: np.ndarray, page: _Page) -> None:
    m[:, _IDX["sentences"]] = np.minimum(page.count(_SENT_END), 6) / 6
    m[:, _IDX["linkish"]] = page.count(_LINKISH) > 0
    m[:, _IDX["separators"]] = np.minimum(page.count(_SEPARATORS), 4) / 4
    m[:, _IDX["legal_text"]] = page.count(_LEGAL, lower=True) > 0


def _add_page_shape(m: np.ndarray, lines: list[Line], kinds: list[str | None]) -> None:
    """Features that need the whole page: markers seen so far, text mass, distance to the densest run."""
    related = np.array([k in ("related", "advertising") for k in kinds], dtype=np.float64)
    anyk = np.array([k is not None for k in kinds], dtype=np.float64)
    m[:, _IDX["after_related_marker"]] = np.minimum(np.cumsum(related) - related, 3) / 3
    m[:, _IDX["after_any_marker"]] = np.minimum(np.cumsum(anyk) - anyk, 10) / 10
    chars = np.expm1(m[:, _IDX["len_log"]])
    m[:, _IDX["text_mass_before"]] = (np.cumsum(chars) - chars) / max(chars.sum(), 1.0)
    prose = chars * m[:, _IDX["ends_sentence"]]
    dense = _window_mean(prose[:, None], 4)[:, 0]
    centre = int(np.argmax(dense))
    m[:, _IDX["dist_to_densest"]] = np.abs(np.arange(len(lines)) - centre) / len(lines)


def _shift(x: np.ndarray, by: int) -> np.ndarray:
    out = np.zeros_like(x)
    if by > 0:
        out[by:] = x[:-by]
    else:
        out[:by] = x[-by:]
    return out


def _window_mean(x: np.ndarray, w: int) -> np.ndarray:
    """Mean over rows i-w..i+w (clipped at the edges), for each column."""
    n = x.shape[0]
    c = np.vstack([np.zeros((1, x.shape[1])), np.cumsum(x, axis=0)])
    lo = np.clip(np.arange(n) - w, 0, n)
    hi = np.clip(np.arange(n) + w + 1, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)[:, None]
