"""Turn per-line decisions into the article's fields: section, title, lede, paragraphs, chrome, related."""

from __future__ import annotations

import re

from guillemets.clean.dates import parse_date_line
from guillemets.clean.features import FEATURES
from guillemets.clean.result import Cleaned, LineDecision
from guillemets.clean.segment import Decisions
from guillemets.model import ChromeKind, ChromeLine, Story

_F = {name: i for i, name in enumerate(FEATURES)}
_CRUMB_SEP = re.compile(r"\s*(?:[>›»|/→]|\s[-–]\s)\s*")
_HOME = re.compile(r"^(accueil|home|startseite|inicio|portada|home page|homepage)\b", re.IGNORECASE)
_HEADLINE_END = re.compile(r"[.,;]$")
_KIND = {
    "related": ChromeKind.HEADING, "advertising": ChromeKind.ADVERTISING, "social": ChromeKind.SOCIAL,
    "legal": ChromeKind.LEGAL, "navigation": ChromeKind.NAVIGATION,
}  # fmt: skip
TITLE_LOOKBACK = 8  # lines searched above the body for the headline
SECTION_LOOKBACK = 30  # lines searched above the headline for the breadcrumb


def assemble(d: Decisions, *, explain: bool = False) -> Cleaned:
    """Fill a ``Cleaned`` so that every line is in exactly one field, and record why."""
    n = len(d.lines)
    label: list[str] = [""] * n
    why: list[str] = [""] * n
    body = [i for i in range(n) if d.keep[i]]
    title = _find_title(d, body)
    body = [i for i in body if i != title]
    out = Cleaned()
    if title is not None:
        out.title, label[title], why[title] = (
            d.lines[title].text,
            "title",
            "headline-shaped line above the body",
        )
    section = _find_section(d, title if title is not None else (body[0] if body else n))
    if section is not None:
        out.section = _crumbs(d.lines[section].text)
        label[section], why[section] = "section", "breadcrumb-shaped line above the headline"
    for rank, i in enumerate(body):
        label[i] = "lede" if rank == 0 else "paragraph"
        why[i] = "first body line after the headline" if rank == 0 else "in the main block"
    if body:
        out.lede = d.lines[body[0]].text
        out.paragraphs = [d.lines[i].text for i in body[1:]]
    out.date = _date(d, label, why)
    out.related = _related(d, label, why)
    out.chrome = _chrome(d, label, why, first_body=body[0] if body else n)
    if explain:
        out.explain = [LineDecision(d.lines[i].number, label[i], _reason(d, i, why[i]), d.lines[i].text)
                       for i in range(n)]  # fmt: skip
    return out


def _feature(d: Decisions, i: int, name: str) -> float:
    return float(d.features[i, _F[name]])


def _words(d: Decisions, i: int) -> int:
    return round(float(2.718281828 ** _feature(d, i, "words_log")) - 1)


def _headline_like(d: Decisions, i: int) -> bool:
    text = d.lines[i].text
    return (
        3 <= _words(d, i) <= 40 and len(text) <= 300 and d.kinds[i] is None
        and not _feature(d, i, "date_line") and not _feature(d, i, "linkish")
        and not _HEADLINE_END.search(text) and _feature(d, i, "sentences") * 6 <= 2
    )  # fmt: skip


def _find_title(d: Decisions, body: list[int]) -> int | None:
    """The body's first line if it is headline-shaped, else the nearest such line above the body."""
    if not body:
        return None
    first = body[0]
    if len(body) > 1 and _headline_like(d, first) and _words(d, first) <= 30:
        return first
    for i in range(first - 1, max(first - TITLE_LOOKBACK, 0) - 1, -1):
        if _headline_like(d, i):
            return i
    return None


def _find_section(d: Decisions, before: int) -> int | None:
    for i in range(before - 1, max(before - SECTION_LOOKBACK, 0) - 1, -1):
        text = d.lines[i].text
        parts = _crumbs(text)
        shaped = 2 <= len(parts) <= 10 and len(text) <= 120 and not d.keep[i]
        if shaped and (_CRUMB_SEP.search(text) or _HOME.match(text)):
            return i
    return None


def _crumbs(text: str) -> list[str]:
    """Breadcrumb items: split on separators when there are any, else on spaces."""
    parts = [p.strip() for p in _CRUMB_SEP.split(text)] if _CRUMB_SEP.search(text) else text.split()
    return [p for p in parts if p]


def _date(d: Decisions, label: list[str], why: list[str]) -> str | None:
    found = None
    for i, line in enumerate(d.lines):
        if not label[i] and _feature(d, i, "date_line"):
            found = found or parse_date_line(line.text)
            label[i], why[i] = "chrome:other", "date line"
    return found


def _related(d: Decisions, label: list[str], why: list[str]) -> list[Story]:
    """Other stories: headline/teaser lines after a 'related'/'advertising' marker, grouped."""
    stories: list[Story] = []
    in_teasers = False
    for i, line in enumerate(d.lines):
        kind = d.kinds[i]
        if kind is not None:
            in_teasers = kind in ("related", "advertising") and not label[i]
            continue
        if label[i] or not in_teasers or _words(d, i) < 4 or _feature(d, i, "legal_text"):
            continue
        prose = _feature(d, i, "ends_sentence") and _words(d, i) >= 12
        if prose and stories and not stories[-1].text:
            stories[-1].text = line.text
            label[i], why[i] = "related", "teaser text under another story's headline"
        else:
            stories.append(Story(title="", text=line.text) if prose else Story(title=line.text, text=""))
            label[i], why[i] = "related", "another story listed after a related-stories marker"
    return stories


def _chrome(d: Decisions, label: list[str], why: list[str], first_body: int) -> list[ChromeLine]:
    chrome = []
    for i, line in enumerate(d.lines):
        if label[i] and label[i] != "chrome:other":
            continue
        kind = _chrome_kind(d, i, first_body) if not label[i] else ChromeKind.OTHER
        if not label[i]:
            label[i] = f"chrome:{kind}"
            why[i] = f"marker ({d.kinds[i]})" if d.kinds[i] else "outside the main block"
        chrome.append(ChromeLine(line.number, kind, line.text))
    return chrome


def _chrome_kind(d: Decisions, i: int, first_body: int) -> ChromeKind:
    kind = d.kinds[i]
    if kind:
        return _KIND[kind]
    if _feature(d, i, "legal_text"):
        return ChromeKind.LEGAL
    if _words(d, i) <= 4 or i < first_body:
        return ChromeKind.NAVIGATION
    return ChromeKind.OTHER


def _reason(d: Decisions, i: int, why: str) -> str:
    return (
        f"{why}; {_words(d, i)} words, {round(_feature(d, i, 'sentences') * 6)} sentence ends, "
        f"stop-word density {_feature(d, i, 'stop_density'):.2f}, score {d.logits[i]:+.1f}, "
        f"{'in' if d.keep[i] else 'outside'} the smoothed main run"
    )
