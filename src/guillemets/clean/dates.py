"""Publication-date lines ("Publié le 14 mars 2025 à 18h02", "Updated: March 3, 2024") → ISO 8601."""

from __future__ import annotations

import datetime as dt
import logging
import re

log = logging.getLogger(__name__)

_MONTHS = {
    # fr
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # en
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
    "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # de
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    # es
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
_CUES = (
    r"publié|mis à jour|modifié|published|updated|posted|veröffentlicht|aktualisiert|stand|"
    r"publicado|actualizado|pubblicato|aggiornato"
)
_CUE = re.compile(rf"\b({_CUES})\b", re.IGNORECASE)
CUE_RE2 = f"(?i){_CUES}"  # looser than _CUE (no word boundaries): a pre-filter
MAX_UNCUED_WORDS = 8  # a date line without a cue has at most this many words
# Day-month-year and month-day-year, with a month slot. Python matches any word there and looks it
# up in _MONTHS (a 90-name case-insensitive alternation made each line cost ~30 µs); the RE2
# pre-filter, which is fast with alternations, gets the month names themselves.
_DMY_SHAPE = r"\b(\d{{1,2}})(?:er)?\.?\s+(?:de\s+)?({month})\.?,?\s+(?:de\s+)?(\d{{4}})\b"
_MDY_SHAPE = r"\b({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
_ANY_WORD = r"[^\W\d_]+"
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DMY = re.compile(_DMY_SHAPE.format(month=_ANY_WORD))
_MDY = re.compile(_MDY_SHAPE.format(month=_ANY_WORD))
_NUM = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}")  # an ISO date, or the start of an ISO date-time
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_TIME = re.compile(r"\b(\d{1,2})\s*[h:]\s*(\d{2})\b")
# Only lines this short are tried: a date line is a line about a date, not a paragraph mentioning one.
MAX_DATE_LINE = 160
# The date patterns as one RE2 pattern (pyarrow.compute): the cleaner's pre-filter, so Python only
# checks the lines that hold something date-shaped (RE2's \b is ASCII-only: fine around digits).
DATE_RE2 = "(?i)" + "|".join(
    f"(?:{p})"
    for p in (_DMY_SHAPE.format(month=_MONTH), _MDY_SHAPE.format(month=_MONTH), _NUM.pattern, _ISO.pattern)
)


def looks_like_date_line(text: str) -> bool:
    """Cheap pre-test: short and holding a year-like number."""
    return len(text) <= MAX_DATE_LINE and bool(_YEAR.search(text))


def parse_date_line(text: str) -> str | None:
    """ISO date (with time when given) of the first date in a short date line, else None."""
    if not looks_like_date_line(text):
        return None
    ymd = _first_date(text)
    if ymd is None:
        return None
    y, m, d = ymd
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    iso = f"{y:04d}-{m:02d}-{d:02d}"
    time = _TIME.search(text)
    if time and int(time.group(1)) < 24 and int(time.group(2)) < 60:
        iso += f"T{int(time.group(1)):02d}:{time.group(2)}"
    return iso


def is_date_line(text: str) -> bool:
    """A short line that is a date, with a publication cue or little else around it."""
    if parse_date_line(text) is None:  # it checks looks_like_date_line first
        return False
    return bool(_CUE.search(text)) or len(text.split()) <= MAX_UNCUED_WORDS


def _search(rx: re.Pattern[str], order: str, text: str) -> re.Match[str] | None:
    """The first match of ``rx`` whose month slot (if it has one) holds a month name."""
    slot = {"dmy": 2, "mdy": 1}.get(order)
    for found in rx.finditer(text):
        if slot is None or found.group(slot).lower() in _MONTHS:
            return found
    return None


def _first_date(text: str) -> tuple[int, int, int] | None:
    candidates = []
    for rx, order in ((_DMY, "dmy"), (_MDY, "mdy"), (_NUM, "dmy#"), (_ISO, "ymd")):
        found = _search(rx, order, text)
        if found:
            candidates.append((found.start(), order, found.groups()))
    if not candidates:
        return None
    _, order, g = min(candidates)
    if order == "dmy":
        return int(g[2]), _MONTHS[g[1].lower()], int(g[0])
    if order == "mdy":
        return int(g[2]), _MONTHS[g[0].lower()], int(g[1])
    if order == "dmy#":
        return int(g[2]), int(g[1]), int(g[0])
    return int(g[0]), int(g[1]), int(g[2])


def publication_day(value: str | None, label: str | None = None) -> str | None:
    """YYYY-MM-DD of an ISO date or date-time, or of a date line ("12 mars 2025"); else None.

    Documents keep the publication day only (it is what timelines, ``--since`` and Parquet's
    date32 column use). With ``label``, a value that is no date is logged, not dropped silently.
    """
    if not value:
        return None
    iso = _ISO_START.match(value.strip())
    found = iso.group(0) if iso else parse_date_line(value)
    day = _valid_day(found[:10]) if found else None
    if day is None and label is not None:
        log.warning("%s: date %r is not a date the reader knows; left out", label, value)
    return day


def _valid_day(text: str) -> str | None:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None
