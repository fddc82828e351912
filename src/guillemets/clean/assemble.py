"""Turn per-line decisions into the article's fields: section, title, lede, paragraphs, chrome, related."""

from __future__ import annotations

import math
import re

import numpy as np

from guillemets.clean.chrome import KINDS, ChromeBatch, ChromeRows
from guillemets.clean.dates import parse_date_line
from guillemets.clean.features import LINE_FEATURES
from guillemets.clean.lines import strings
from guillemets.clean.result import Cleaned, LineDecision
from guillemets.clean.segment import Decisions
from guillemets.model import ChromeKind, Story

_CRUMB_SEP = re.compile(r"\s*(?:[>›»|/→]|\s[-–]\s)\s*")
_HOME = re.compile(r"^(accueil|home|startseite|inicio|portada|home page|homepage)\b", re.IGNORECASE)
_HEADLINE_END = re.compile(r"[.,;]$")
_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)]*(?:\s|$)")
_KIND = {
    "related": ChromeKind.HEADING, "advertising": ChromeKind.ADVERTISING, "social": ChromeKind.SOCIAL,
    "legal": ChromeKind.LEGAL, "navigation": ChromeKind.NAVIGATION,
}  # fmt: skip
_NAV = ChromeKind.NAVIGATION
_OPENS_RELATED = ("teaser", "related", "advertising")
_DATE_LINE, _LEGAL, _WORDS_LOG = (LINE_FEATURES.index(f) for f in ("date_line", "legal_text", "words_log"))
# Kind codes (indexes of chrome.KINDS): by shape (legal 0, short or above the body 1, else 2), by marker.
_SHAPE_CODES = np.array([KINDS.index(k) for k in (ChromeKind.LEGAL, ChromeKind.NAVIGATION, ChromeKind.OTHER)],
                        dtype=np.int8)  # fmt: skip
_MARKER_CODES = {marker: KINDS.index(kind) for marker, kind in _KIND.items()}
_OTHER = KINDS.index(ChromeKind.OTHER)
_MARKER_WHY = {kind: f"marker ({kind})" for kind in (*_KIND, "teaser")}
_LABELS = {kind: f"chrome:{kind.value}" for kind in ChromeKind}
_LOG_5_WORDS = math.log1p(4.5)  # words_log of a line of at most 4 words
_LOG_BLOCK_2 = math.log1p(2.5)  # block_size_log of a block of at most 2 lines
TITLE_LOOKBACK = 4  # lines searched above the body for the headline
SECTION_LOOKBACK = 30  # lines searched above the headline for the breadcrumb


def assemble(d: Decisions, *, explain: bool = False) -> Cleaned:
    """Fill a ``Cleaned`` so that every line is in exactly one field, and record why."""
    n = len(d.texts)
    label: list[str] = [""] * n
    why: list[str] = [""] * n
    body = np.flatnonzero(d.keep).tolist()
    title = _find_title(d, body)
    body = [i for i in body if i != title]
    out = Cleaned()
    if title is not None:
        out.title, label[title], why[title] = (
            d.texts[title],
            "title",
            "headline-shaped line above the body",
        )
    section = _find_section(d, title if title is not None else (body[0] if body else n))
    if section is not None:
        out.section = _crumbs(d.texts[section])
        label[section], why[section] = "section", "breadcrumb-shaped line above the headline"
    for rank, i in enumerate(body):
        label[i] = "lede" if rank == 0 else "paragraph"
        why[i] = "first body line after the headline" if rank == 0 else "in the main block"
    if body:
        out.lede = d.texts[body[0]]
        out.paragraphs = [d.texts[i] for i in body[1:]]
    out.date, dated = _date(d, label, why)
    out.related, related = _related(d, label, why)
    placed = [*body, *related] + [i for i in (title, section) if i is not None]  # the lines not chrome
    first_body = body[0] if body else n
    out.chrome = _chrome(d, label, why, first_body, dated, explain, placed)  # type: ignore[assignment]
    if explain:
        out.explain = [LineDecision(d.numbers[i], label[i], _reason(d, i, why[i]), d.texts[i])
                       for i in range(n)]  # fmt: skip
    return out


def _feature(d: Decisions, i: int, name: str) -> float:
    return d.col(name)[i]


def _words(d: Decisions, i: int) -> int:
    return d.words()[i]


def _headline_like(d: Decisions, i: int) -> bool:
    text = d.texts[i]
    return (
        3 <= _words(d, i) <= 40 and len(text) <= 300 and d.kinds[i] is None
        and not _feature(d, i, "date_line") and not _feature(d, i, "linkish")
        and not _HEADLINE_END.search(text) and _sentence_ends(text) <= 2
    )  # fmt: skip


def _sentence_ends(text: str) -> int:
    return len(_SENTENCE_END.findall(text))


def _find_title(d: Decisions, body: list[int]) -> int | None:
    """The nearest headline-shaped line just above the body, else the body's first line if it is one.

    Above-the-body wins: a first body line without a final full stop is more often a lede or a
    sub-heading than the headline (DEV error study).
    """
    if not body:
        return None
    first = body[0]
    sizes = d.col("block_size_log")
    for i in range(first - 1, max(first - TITLE_LOOKBACK, 0) - 1, -1):
        if _headline_like(d, i) and sizes[i] <= _LOG_BLOCK_2:
            return i
    text = d.texts[first]
    if len(body) > 1 and _headline_like(d, first) and _words(d, first) <= 30:
        return None if text.endswith((":", "…")) else first
    return None


def _find_section(d: Decisions, before: int) -> int | None:
    for i in range(before - 1, max(before - SECTION_LOOKBACK, 0) - 1, -1):
        text = d.texts[i]
        if len(text) > 120 or d.keep[i] or not (_CRUMB_SEP.search(text) or _HOME.match(text)):
            continue
        if 2 <= len(_crumbs(text)) <= 10:
            return i
    return None


def _crumbs(text: str) -> list[str]:
    """Breadcrumb items: split on separators when there are any, else on spaces."""
    parts = [p.strip() for p in _CRUMB_SEP.split(text)] if _CRUMB_SEP.search(text) else text.split()
    return [p for p in parts if p]


def _date(d: Decisions, label: list[str], why: list[str]) -> tuple[str | None, list[int]]:
    """The first date line's date, and the date lines not placed yet (they become chrome "other")."""
    found, dated = None, []
    for i in np.flatnonzero(d.features[:, _DATE_LINE]).tolist():
        if not label[i]:
            found = found or parse_date_line(d.texts[i])
            label[i], why[i] = "chrome:other", "date line"
            dated.append(i)
    return found, dated


def _related(d: Decisions, label: list[str], why: list[str]) -> tuple[list[Story], list[int]]:
    """Other stories: headline/teaser lines after a 'related'/'advertising' marker, grouped; and the
    lines they took."""
    stories: list[Story] = []
    taken: list[int] = []
    in_teasers = False
    # Nothing is related before the first teaser or related/advertising marker.
    first = next((i for i in d.marked if d.kinds[i] in _OPENS_RELATED), len(d.texts))
    if first == len(d.texts):
        return stories, taken
    words, legal, ends = d.words(), d.col("legal_text"), d.col("ends_sentence")
    for i in range(first, len(d.texts)):
        text, kind = d.texts[i], d.kinds[i]
        if kind == "teaser":
            stories.append(Story(title=text, text=""))
            label[i], why[i] = "related", "another story's title after a related-stories marker"
            taken.append(i)
            continue
        if kind is not None:
            in_teasers = kind in ("related", "advertising") and not label[i]
            continue
        if not in_teasers or label[i] or words[i] < 4 or legal[i]:
            continue
        prose = ends[i] and words[i] >= 12
        if prose and stories and not stories[-1].text:
            stories[-1].text = text
            label[i], why[i] = "related", "teaser text under another story's headline"
        else:
            stories.append(Story(title="", text=text) if prose else Story(title=text, text=""))
            label[i], why[i] = "related", "another story listed after a related-stories marker"
        taken.append(i)
    return stories, taken


def _chrome(
    d: Decisions,
    label: list[str],
    why: list[str],
    first_body: int,
    dated: list[int],
    explain: bool,
    placed: list[int],
) -> ChromeRows:
    """Every line not yet placed is chrome; its kind comes from its marker, else from its shape.

    This runs on most lines of every page: the kinds are one numpy expression, the lines one
    comprehension, kept as arrays (``clean/chrome.py``); labels and reasons only for ``--explain``.
    """
    x = d.features
    short = x[:, _WORDS_LOG] <= _LOG_5_WORDS
    before = np.arange(len(d.texts)) < first_body
    code = _SHAPE_CODES[np.where(x[:, _LEGAL] > 0, 0, np.where(short | before, 1, 2))]
    for i in d.marked:
        marker = _MARKER_CODES.get(d.kinds[i])  # type: ignore[arg-type]
        if marker is not None:
            code[i] = marker
    code[dated] = _OTHER  # placed as date lines: no explain label below needs their kind
    chrome = np.ones(len(label), dtype=bool)  # the lines not placed, date lines among them
    chrome[placed] = False
    rows = np.flatnonzero(chrome)
    if explain:
        for i, placed in enumerate(label):
            if not placed:
                marker_kind = d.kinds[i]
                label[i], why[i] = (
                    _LABELS[KINDS[code[i]]],
                    _MARKER_WHY[marker_kind] if marker_kind else "outside the main block",
                )
    batch, start = d.chrome, d.start
    if batch is None:  # a page decided alone
        batch, start = ChromeBatch(strings(d.texts), np.array(d.numbers, np.int64)), 0
    return ChromeRows(batch, start, d.texts, d.numbers, rows, code[rows])


def _reason(d: Decisions, i: int, why: str) -> str:
    return (
        f"{why}; {_words(d, i)} words, {_sentence_ends(d.texts[i])} sentence ends, "
        f"stop-word density {_feature(d, i, 'stop_density'):.2f}, score {d.logits[i]:+.1f}, "
        f"{'in' if d.keep[i] else 'outside'} the smoothed main run"
    )
