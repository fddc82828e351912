"""Cheap numeric features per line, with its neighbours' (context window), for the line classifier.

Speed matters (≥ 500 pages/s with language id): every feature is one pyarrow.compute (RE2) or
numpy call over all the lines of a batch of pages; Python only visits the rare lines a pre-filter
picks (marker candidates, lines holding a year).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from guillemets.clean.dates import CUE_RE2, DATE_RE2, MAX_DATE_LINE, MAX_UNCUED_WORDS, is_date_line
from guillemets.clean.lines import LineTable, strings
from guillemets.clean.markers import KINDS, load_cta, load_markers, load_stoplist
from guillemets.clean.pagewords import page_function_words
from guillemets.clean.shape import Utf8, arrow_of, numpy_of
from guillemets.clean.window import PageRows

# A line ends a sentence when its last character is one of these (read off the bytes: shape.Utf8).
_ENDS = '.!?…"»”’):。！？」'
_DIGITS = b"0123456789"  # what RE2's \d matches
# RE2 patterns (pyarrow.compute), per line.
_SEPARATORS = r" [|·•»›/>] | [-–] "
_LEGAL = r"©|cookie|all rights reserved|tous droits réservés|alle rechte"  # on lower-cased text
_LINKISH = r"https?://|www\.|@"
_LEGAL_OR_LINKISH = f"{_LEGAL}|{_LINKISH}"  # a pre-filter: either, on lower-cased text
SHORT_LINE = 400  # characters: the shortest "long" line (see _pattern_features)
_LEN_BINS = (
    ("len_lt20", 0, 20), ("len_20_50", 20, 50), ("len_50_100", 50, 100),
    ("len_100_200", 100, 200), ("len_ge200", 200, 10**9),
)  # fmt: skip

# Per-line features, in this order (the weights file names them; a mismatch is an error).
LINE_FEATURES = (
    "len_log", "words_log", *(b[0] for b in _LEN_BINS),
    "ends_sentence", "commas_per_word", "stop_density", "capitalised_share",
    "all_caps", "position", "alone_in_block", "block_size_log", "repeated",
    "date_line", "linkish", "separators", "legal_text", "cta_words",
    *(f"marker_{k}" for k in KINDS),
    "after_related_marker", "after_any_marker", "text_mass_before", "dist_to_densest",
    "block_len_log", "block_stop_density", "block_ends_sentence",
    "digit_share", "len_vs_page", "stop_vs_page",
    "page_fw_density", "fw_vs_page", "page_stop_mean",
)  # fmt: skip
# Block features: the mean of these over the line's block (lines between blank lines).
_BLOCK_OF = (("block_len_log", "len_log"), ("block_stop_density", "stop_density"),
             ("block_ends_sentence", "ends_sentence"))  # fmt: skip
# Context features: the mean of these over windows around the line, and the previous/next line's.
_CONTEXT_OF = ("len_log", "ends_sentence", "stop_density", "alone_in_block", "len_ge200", "linkish",
               "page_fw_density")  # fmt: skip
_WINDOWS = (1, 3, 8)
FEATURES = (
    *LINE_FEATURES,
    *(f"prev_{f}" for f in _CONTEXT_OF),
    *(f"next_{f}" for f in _CONTEXT_OF),
    *(f"win{w}_{f}" for w in _WINDOWS for f in _CONTEXT_OF),
)
_IDX = {name: i for i, name in enumerate(LINE_FEATURES)}
_CTX_COLS = [_IDX[f] for f in _CONTEXT_OF]
# The neighbourhood blocks of FEATURES after LINE_FEATURES, in order: prev_, next_, win1_, win3_, win8_.
_NEIGHBOURHOODS = (("shift", 1), ("shift", -1), *(("window", w) for w in _WINDOWS))


def line_features(t: LineTable, kinds: KindList | None = None, *, blind: bool = False) -> np.ndarray:
    """Matrix (lines × FEATURES) of each line's features and its neighbourhood's, page by page.

    ``kinds`` are the lines' marker kinds when the caller already has them (``marker_kinds``).
    ``blind``: read every word list (stop words, markers, calls to action) as empty — what a page
    in a language no list knows looks like (the blind evaluation and word-list dropout of bench/).
    """
    return expand(base_features(t, kinds, blind=blind), PageRows(t.bounds))


def base_features(t: LineTable, kinds: KindList | None = None, *, blind: bool = False,
                  page_words: bool = True) -> np.ndarray:  # fmt: skip
    """Matrix (lines × LINE_FEATURES): each line's own features (the first columns of FEATURES).

    ``page_words=False`` leaves the page-function-word columns at 0 (``PAGE_WORD_FEATURES``: for a
    model that does not read them; ``add_page_words`` fills them later).
    """
    kinds = marker_kinds(t, blind=blind) if kinds is None else kinds
    return _base_matrix(t, PageRows(t.bounds), kinds, blind, page_words)


PAGE_WORD_FEATURES = ("page_fw_density", "fw_vs_page")


def add_page_words(m: np.ndarray, t: LineTable, pages: np.ndarray | None = None) -> None:
    """Fill the page-function-word columns of ``base_features(t, page_words=False)`` in place, on
    the rows of ``pages`` only (sorted page indices; all pages when None).

    Every quantity here is per page (a page's own top words, its own mean), so the rows of a
    subset of pages get the values they get in the whole batch; the routed pages that need them
    are usually a few of a batch (all of them cost 2 % of ``extract --no-quotes``).
    """
    if len(t) == 0 or (pages is not None and len(pages) == 0):
        return
    if pages is None:
        rows, sub = np.arange(len(t)), PageRows(t.bounds)
        array, tokens = t.array, t.tokens
    else:
        rows, sub = PageRows(t.bounds).subset(pages)
        taken = arrow_of(rows)
        array, tokens = t.array.take(taken), t.tokens.take(taken)
    words = np.diff(numpy_of(tokens.offsets, np.int64)).astype(np.float64)
    function = page_function_words(array, tokens, sub.page)
    part = m[rows]
    part[:, _IDX["page_fw_density"]] = np.minimum(function / np.maximum(words, 1.0), 1.0)
    _page_relative(part, sub, (("fw_vs_page", "page_fw_density"),))
    for name in PAGE_WORD_FEATURES:
        m[rows, _IDX[name]] = part[:, _IDX[name]]


def expand(base: np.ndarray, rows: PageRows) -> np.ndarray:
    """The full FEATURES matrix: ``base`` plus the previous/next line's and window means of _CONTEXT_OF."""
    ctx = base[:, _CTX_COLS]
    return np.hstack([base, *(_neighbourhood(ctx, rows, how) for how in _NEIGHBOURHOODS)])


def expand_columns(base: np.ndarray, rows: PageRows, wanted: np.ndarray, out: np.ndarray | None = None
                   ) -> np.ndarray:  # fmt: skip
    """``expand(base, rows)[:, wanted].T`` (one row per wanted column), computing only those columns.

    The stage-2 trees read some of the 75 columns, column by column: building them transposed and
    alone saves stacking the whole matrix and transposing it (a tenth of cleaning time).
    """
    nb, k = base.shape[1], len(_CTX_COLS)
    out = np.empty((len(wanted), base.shape[0])) if out is None else out
    own = np.flatnonzero(wanted < nb)
    out[own] = base.T[wanted[own]]  # a column-major base: its columns are contiguous rows of base.T
    blocks = []
    for b, how in enumerate(_NEIGHBOURHOODS):
        mine = np.flatnonzero((wanted >= nb + b * k) & (wanted < nb + (b + 1) * k))
        if len(mine):
            blocks.append((mine, (wanted[mine] - nb - b * k).tolist(), how))
    # The windows' running sums in one pass, over the context columns any window reads.
    windowed = sorted({c for _, cols, (kind, _) in blocks if kind == "window" for c in cols})
    sums = rows.running_sums(base[:, [_CTX_COLS[c] for c in windowed]]) if windowed else np.empty((0, 0))
    for mine, cols, (kind, size) in blocks:
        if kind == "window":
            out[mine] = rows.window_mean_of_sums(sums[:, [windowed.index(c) for c in cols]], size).T
        else:
            out[mine] = rows.shift(base[:, [_CTX_COLS[c] for c in cols]], size).T
    return out


def project(base: np.ndarray, rows: PageRows, w: np.ndarray) -> np.ndarray:
    """``expand(base, rows) @ w`` without building the expanded matrix.

    Shifts and window means are linear and act on every column alike, so they commute with the
    product: each neighbourhood block costs one column instead of six (a third of cleaning time
    went into building, stacking and multiplying the expanded matrix).
    """
    nb, k = base.shape[1], len(_CTX_COLS)
    out = np.einsum("ij,j->i", base, w[:nb])  # einsum: no BLAS threads (see classify.Linear)
    ctx = base[:, _CTX_COLS]
    v = np.column_stack([np.einsum("ij,j->i", ctx, w[nb + j * k : nb + (j + 1) * k])
                         for j in range(len(_NEIGHBOURHOODS))])  # fmt: skip
    windows = [j for j, (kind, _) in enumerate(_NEIGHBOURHOODS) if kind == "window"]
    sums = rows.running_sums(v[:, windows])  # one pass for the three windows
    for j, (kind, size) in enumerate(_NEIGHBOURHOODS):
        if kind == "window":
            out += rows.window_mean_of_sums(sums[:, windows.index(j) : windows.index(j) + 1], size)[:, 0]
        else:
            out += rows.shift(v[:, j : j + 1], size)[:, 0]
    return np.asarray(out)


def _neighbourhood(x: np.ndarray, rows: PageRows, how: tuple[str, int]) -> np.ndarray:
    kind, size = how
    return rows.shift(x, size) if kind == "shift" else rows.window_mean(x, size)


class KindList(list[str | None]):
    """Marker kind per line (None for most), and ``rows``: the lines that have one, in order."""

    rows: np.ndarray


def marker_kinds(t: LineTable, *, blind: bool = False) -> KindList:
    """Marker kind of each line (see ``markers.load_markers``), None for ordinary lines (all of
    them when ``blind``: no marker list)."""
    markers = load_markers()
    kinds = KindList([None] * len(t))
    found = []
    if len(t) and not blind:
        hits = pc.match_substring_regex(t.lower, markers.line_start_re2)
        for i in np.flatnonzero(numpy_of(hits)).tolist():
            kinds[i] = _marker_kind(t.texts[i])
            if kinds[i]:
                found.append(i)
    kinds.rows = np.array(found, dtype=np.int64)
    return kinds


@functools.lru_cache(maxsize=1 << 16)
def _marker_kind(text: str) -> str | None:
    """``load_markers().kind(text)``, remembered: three in four of the lines it is asked about
    were asked before (menus and share buttons repeat within and across pages; DEV dumps)."""
    return load_markers().kind(text)


def marked(kinds: KindList) -> tuple[np.ndarray, list[str]]:
    """The rows that have a marker kind and their kinds, without a pass over every line."""
    return kinds.rows, [str(kinds[i]) for i in kinds.rows.tolist()]


def _base_matrix(t: LineTable, rows: PageRows, kinds: KindList, blind: bool, page_words: bool = True
                 ) -> np.ndarray:  # fmt: skip
    m = np.zeros((len(t), len(LINE_FEATURES)), dtype=np.float64, order="F")  # written and read by column
    if len(t) == 0:
        return m
    _shape_features(m, t, rows)
    function = page_function_words(t.array, t.tokens, t.page) if page_words else np.zeros(len(t))
    _word_features(m, t, function, blind)
    _pattern_features(m, t, np.rint(np.expm1(m[:, _IDX["len_log"]])), blind)
    for i, kind in zip(*marked(kinds), strict=True):
        m[i, _IDX["marker_" + kind]] = 1.0
    _add_page_shape(m, rows, kinds)
    _add_block_means(m, t)
    _add_page_relative(m, rows)
    return m


def _count(arr: pa.Array, pattern: str) -> np.ndarray:
    return numpy_of(pc.count_substring_regex(arr, pattern), np.float64)


def _has(arr: pa.Array, pattern: str) -> np.ndarray:
    return numpy_of(pc.match_substring_regex(arr, pattern), np.float64)


def _shape_features(m: np.ndarray, t: LineTable, rows: PageRows) -> None:
    chars = numpy_of(pc.utf8_length(t.array), np.float64)
    m[:, _IDX["len_log"]] = np.log1p(chars)
    for name, lo, hi in _LEN_BINS:
        m[:, _IDX[name]] = (chars >= lo) & (chars < hi)
    utf8 = Utf8.of(t.array)
    m[:, _IDX["ends_sentence"]] = utf8.ends_with(_ENDS)
    m[:, _IDX["all_caps"]] = numpy_of(pc.utf8_is_upper(t.array), np.float64)
    m[:, _IDX["position"]] = rows.position()
    m[:, _IDX["alone_in_block"]] = t.block_size == 1
    m[:, _IDX["block_size_log"]] = np.log1p(t.block_size)
    m[:, _IDX["repeated"]] = _repeated(t)
    digits = utf8.count(_DIGITS)
    m[:, _IDX["digit_share"]] = np.minimum(digits / np.maximum(chars, 1.0), 1.0)
    for i in _date_candidates(t, chars, digits).tolist():
        m[i, _IDX["date_line"]] = is_date_line(t.texts[i])


def _date_candidates(t: LineTable, chars: np.ndarray, digits: np.ndarray) -> np.ndarray:
    """Rows that may be date lines (``dates.is_date_line`` decides): short, date-shaped, and few
    words or a publication cue. Checking every line with a year in Python cost 0.3 ms per page.

    Every date shape holds a four-digit year, so only short lines with 4+ digits are matched
    against the date patterns (a tenth of the lines: the RE2 scan of all short lines cost more).
    """
    words = np.diff(numpy_of(t.tokens.offsets, np.int64))
    short = np.flatnonzero((chars <= MAX_DATE_LINE) & (digits >= 4))
    if len(short) == 0:
        return short
    lines = t.array.take(arrow_of(short))
    dated = numpy_of(pc.match_substring_regex(lines, DATE_RE2), bool)
    cued = numpy_of(pc.match_substring_regex(lines, CUE_RE2), bool)
    return short[dated & (cued | (words[short] <= MAX_UNCUED_WORDS))]


def _repeated(t: LineTable) -> np.ndarray:
    """Whether the same text occurs on another line of the same page.

    Only texts found more than once in the whole batch can be: the (page, text) pairs are
    sorted for those alone (about a third of the lines; sorting all of them cost twice as much).
    """
    code = numpy_of(pc.dictionary_encode(t.array).indices, np.int64)
    out = np.zeros(len(code), dtype=bool)
    rows = np.flatnonzero(np.bincount(code)[code] > 1)
    if len(rows):
        key = t.page[rows].astype(np.int64) * (int(code.max()) + 1) + code[rows]
        _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
        out[rows] = counts[inverse] > 1
    return out


def _word_features(m: np.ndarray, t: LineTable, function: np.ndarray, blind: bool) -> None:
    """Words, stop-word density, page function words (``function``: per line, from
    ``pagewords``), capitalised words, commas: counted on each line's white-space tokens."""
    flat = pc.list_flatten(t.tokens)
    offsets = numpy_of(t.tokens.offsets, np.int64)
    stopwords = strings([]) if blind else _stopword_array()
    stop = numpy_of(pc.is_in(flat, value_set=stopwords), np.float64)
    words = np.diff(offsets).astype(np.float64)
    per_word = np.maximum(words, 1.0)
    m[:, _IDX["words_log"]] = np.log1p(words)
    m[:, _IDX["stop_density"]] = _per_line(stop, offsets) / per_word
    m[:, _IDX["page_fw_density"]] = np.minimum(function / per_word, 1.0)
    m[:, _IDX["capitalised_share"]] = np.minimum(_per_line(_capitalised(flat), offsets) / per_word, 1.0)
    commas = Utf8.of(t.array).count(b",").astype(np.float64)
    m[:, _IDX["commas_per_word"]] = np.minimum(commas / per_word, 1.0)


def _capitalised(tokens: pa.Array) -> np.ndarray:
    """Whether each token starts with a capital: A–Z, À–Þ (not ×), Greek Α–Ω, Cyrillic Ѐ–Я.

    Read off the first UTF-8 bytes of each token in the Arrow buffer: a pyarrow kernel per
    token cost four times more.
    """
    if len(tokens) == 0:
        return np.zeros(0)
    offsets = np.frombuffer(tokens.buffers()[1], dtype=np.int64)  # large_string: 64-bit offsets
    start = offsets[tokens.offset : tokens.offset + len(tokens)]
    data = np.frombuffer(tokens.buffers()[2], dtype=np.uint8)
    b0, b1 = data[start], data[np.minimum(start + 1, len(data) - 1)]
    latin = (b0 == 0xC3) & (b1 >= 0x80) & (b1 <= 0x9E) & (b1 != 0x97)
    greek = (b0 == 0xCE) & (b1 >= 0x91) & (b1 <= 0xA9)
    cyrillic = (b0 == 0xD0) & (b1 >= 0x80) & (b1 <= 0xAF)
    return np.asarray(((b0 >= 65) & (b0 <= 90)) | latin | greek | cyrillic, dtype=np.float64)


def _per_line(x: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    c = np.concatenate([[0.0], np.cumsum(x)])
    return np.asarray(c[offsets[1:]] - c[offsets[:-1]])


@functools.cache
def _stopword_array() -> pa.Array:
    """The stop words as written lower-case, capitalised and upper-case (tokens are not lower-cased)."""
    words = load_stoplist()
    variants = sorted({v for w in words for v in (w, w[:1].upper() + w[1:], w.upper())})
    return strings(variants)


def _pattern_features(m: np.ndarray, t: LineTable, chars: np.ndarray, blind: bool) -> None:
    """Links, separators and calls to action on the shorter lines, legal text on all.

    Lines of ``SHORT_LINE`` characters or more are prose or legal boilerplate (half of a page's
    characters): links and separators there say little, and skipping them saves a tenth of the
    feature time. Legal text (cookie notices, copyright) is checked on every line.

    The patterns match few lines (legal text and links about 1 % each, separators and calls to
    action 4-7 % of the short ones), so one RE2 scan of the lower-cased lines for either pattern of
    a pair picks the lines each pattern is then run on: two scans of every line cost about twice
    one scan of both. Lower-casing keeps every substring of non-capital characters, so a line the
    exact pattern matches on the original text is always among the picked (the same features).
    """
    on_all = (("legal_text", t.lower, _LEGAL, _has), ("linkish", t.array, _LINKISH, _has))
    _set_rare(m, t, np.arange(len(t)), _LEGAL_OR_LINKISH, on_all)
    short = np.flatnonzero(chars < SHORT_LINE)
    if len(short) == 0:
        return
    wanted = [("separators", t.array, _SEPARATORS, _separator_share)]
    if not blind:
        wanted.append(("cta_words", t.lower, load_cta(), _cta_share))
    _set_rare(m, t, short, "|".join(p for _, _, p, _ in wanted), tuple(wanted))


def _set_rare(m: np.ndarray, t: LineTable, rows: np.ndarray, either: str,
              wanted: tuple[tuple[str, pa.Array, str, Callable[[pa.Array, str], np.ndarray]], ...]
              ) -> None:  # fmt: skip
    """For each (column, lines, pattern, value): ``m[r, column] = value(lines[r], pattern)`` for the
    ``rows`` whose lower-cased text matches ``either`` (the patterns' alternation); 0 elsewhere."""
    lower = t.lower if len(rows) == len(t) else t.lower.take(arrow_of(rows))
    hits = rows[numpy_of(pc.match_substring_regex(lower, either), bool)]
    if len(hits) == 0:
        return
    taken = arrow_of(hits)
    for column, lines, pattern, value in wanted:
        m[hits, _IDX[column]] = value(lines.take(taken), pattern)


def _separator_share(lines: pa.Array, pattern: str) -> np.ndarray:
    return np.asarray(np.minimum(_count(lines, pattern), 4) / 4)


def _cta_share(lines: pa.Array, pattern: str) -> np.ndarray:
    return np.asarray(np.minimum(_count(lines, pattern), 3) / 3)


def _add_page_shape(m: np.ndarray, rows: PageRows, kinds: KindList) -> None:
    """Features that need the whole page: markers seen so far, text mass, distance to the densest run."""
    rows_marked, names = marked(kinds)
    related, anyk = np.zeros(rows.n), np.zeros(rows.n)
    anyk[rows_marked] = 1.0
    related[rows_marked[[k in ("related", "advertising") for k in names]]] = 1.0
    chars = np.expm1(m[:, _IDX["len_log"]])
    prose = chars * m[:, _IDX["ends_sentence"]]
    sums = rows.running_sums(np.column_stack([related, anyk, chars, prose]))  # one pass for all four
    before = rows.before_of_sums(sums[:, :3])
    m[:, _IDX["after_related_marker"]] = np.minimum(before[:, 0], 3) / 3
    m[:, _IDX["after_any_marker"]] = np.minimum(before[:, 1], 10) / 10
    m[:, _IDX["text_mass_before"]] = before[:, 2] / np.maximum(rows.total(chars), 1.0)
    centre = rows.argmax(rows.window_mean_of_sums(sums[:, 3:], 4)[:, 0])
    m[:, _IDX["dist_to_densest"]] = np.abs(rows.index - centre) / (rows.end - rows.start)


def _add_block_means(m: np.ndarray, t: LineTable) -> None:
    """Each line gets its block's mean length, stop-word density and share of sentence ends."""
    size = np.bincount(t.block).astype(np.float64)
    for name, of in _BLOCK_OF:
        m[:, _IDX[name]] = (np.bincount(t.block, m[:, _IDX[of]]) / size)[t.block]


def _add_page_relative(m: np.ndarray, rows: PageRows) -> None:
    """Length, stop-word and page-function-word density against the page's own (character-weighted)
    mean, and the page's mean stop-word density (near 0: a language the lists do not know).

    Language-free: in a language whose function words the lists miss, or one written without
    spaces, a line still stands out by being longer or wordier than its page's typical line.
    """
    pairs = (("len_vs_page", "len_log"), ("stop_vs_page", "stop_density"), ("fw_vs_page", "page_fw_density"))
    chars, mass = _page_relative(m, rows, pairs)
    m[:, _IDX["page_stop_mean"]] = rows.total(chars * m[:, _IDX["stop_density"]]) / mass


def _page_relative(m: np.ndarray, rows: PageRows, pairs: tuple[tuple[str, str], ...]
                   ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """For each (name, of): column ``name`` = column ``of`` minus its page's character-weighted
    mean. Returns the characters and the page's character mass (at least 1) of each line."""
    chars = np.expm1(m[:, _IDX["len_log"]])
    mass = np.maximum(rows.total(chars), 1.0)
    for name, of in pairs:
        m[:, _IDX[name]] = m[:, _IDX[of]] - rows.total(chars * m[:, _IDX[of]]) / mass
    return chars, mass
