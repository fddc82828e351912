"""Chrome markers ("Lire aussi", "Publicité", share/legal texts) and stop words, loaded from data files."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# A line longer than this many words is text, not a marker, even if it starts with one.
MAX_MARKER_WORDS = 6
_TRAIL = re.compile(r"[\s:.»›>→|•·\-–—…!?()\[\]0-9]+$")
_LEAD = re.compile(r"^[\s»›>→|•·\-–—#*]+")
# "teaser" is not in the data file: it is a related marker followed by a colon and another story's title.
KINDS = ("related", "advertising", "social", "legal", "navigation", "teaser")


def _data(name: str) -> str:
    return resources.files("guillemets.data").joinpath(name).read_text("utf-8")


@dataclass(frozen=True, slots=True)
class Markers:
    exact: dict[str, str]  # phrase -> kind
    prefix: re.Pattern[str]  # any phrase at the start of a line, longest first, then a non-letter
    line_start_re2: str  # the same at the start of a lower-cased line, for pyarrow (RE2): a pre-filter

    def kind(self, text: str) -> str | None:
        """Marker kind of a line, or None: exact phrase, or a short line starting with a phrase."""
        key = _TRAIL.sub("", _LEAD.sub("", text.lower()))
        if not key:
            return None
        found = self.exact.get(key)
        if not found and self.inline_related(text):
            return "teaser"
        if found or len(key) > 60 or key.count(" ") >= MAX_MARKER_WORDS:
            return found
        hit = self.prefix.match(key)
        return self.exact[hit.group(1)] if hit else None

    def inline_related(self, text: str) -> bool:
        """A teaser line led by a related-stories marker and a colon: "Lire aussi : Le titre…"."""
        head, colon, _ = text.partition(":")
        key = _TRAIL.sub("", head.lower().strip())
        return bool(colon) and len(head) <= 40 and self.exact.get(key) == "related"


@functools.cache
def load_markers(name: str = "clean_markers.tsv") -> Markers:
    """Marker phrases by kind; the file's header line carries its version."""
    pairs = []
    for row in _data(name).splitlines():
        if row.strip() and not row.startswith("#"):
            kind, phrase = row.split("\t", 1)
            pairs.append((phrase.strip().lower(), kind.strip()))
    exact = dict(pairs)
    phrases = sorted(exact, key=len, reverse=True)
    prefix = re.compile("(" + "|".join(re.escape(p) for p in phrases) + r")(?![^\W\d_])")
    # RE2 has no look-ahead: "not followed by a letter" is a non-letter or the end.
    line_start = r"^[\s»›>→|•·\-–—#*]*(?:" + _re2_alternatives(phrases) + r")(?:[^\p{L}]|$)"
    return Markers(exact, prefix, line_start)


def _re2_alternatives(phrases: list[str]) -> str:
    """Literal phrases as one RE2 alternation (``re.escape`` output is valid RE2 for these)."""
    return "|".join(re.escape(p) for p in phrases)


@functools.cache
def load_stopwords(name: str = "clean_stopwords.tsv") -> dict[str, frozenset[str]]:
    """Small function-word lists per language, plus ``"*"``: their union."""
    lists: dict[str, frozenset[str]] = {}
    for row in _data(name).splitlines():
        if row.strip() and not row.startswith("#"):
            lang, words = row.split("\t", 1)
            lists[lang] = frozenset(words.split())
    lists["*"] = frozenset().union(*lists.values())
    return lists


@functools.cache
def load_cta(name: str = "clean_cta.txt") -> str:
    """An RE2 pattern (for pyarrow) matching a call-to-action stem (subscribe, e-mail…) at a word start.

    Meant for lower-cased lines; stems only count at the line start or after a space, "(" or a quote.
    """
    stems = [row.strip() for row in _data(name).splitlines() if row.strip() and not row.startswith("#")]
    return "(?:^|[ (\"'])(?:" + _re2_alternatives(sorted(stems, key=len, reverse=True)) + ")"


_WORD_FILES = ("clean_markers.tsv", "clean_cta.txt")
# The first (most frequent) words of each jusText stop list: their function words. The lists are
# ranked by Wikipedia frequency, and the tails hold content words ("home", "business" in English),
# which would make navigation look like prose in a union of 100 languages.
STOPLIST_TOP = 100


@functools.cache
def load_stoplist(top: int = STOPLIST_TOP) -> frozenset[str]:
    """The union, lower-cased, of the ``top`` first words of jusText's ~100 stop lists (any language).

    The classifier needs no language: a line's stop-word density counts the function words of
    every language at once (jusText's lists are a dependency via trafilatura; read, never copied).
    """
    folder = justext_stoplists()
    words: set[str] = set()
    for name in sorted(f.name for f in folder.iterdir() if f.name.endswith(".txt")):
        words.update(stoplist_head(folder.joinpath(name), top))
    return frozenset(words)


def justext_stoplists() -> Traversable:
    """jusText's ``stoplists`` folder, found without importing jusText (its package imports lxml,
    http.client and ssl: 0.07-0.15 s of every cleaning process's start-up, for a folder of text)."""
    spec = importlib.util.find_spec("justext")
    if spec is None:
        raise ModuleNotFoundError("jusText is not installed (its stop lists are read from it)")
    folder = Path(next(iter(spec.submodule_search_locations or []), "")) / "stoplists"
    if spec.submodule_search_locations and folder.is_dir():
        return folder
    return resources.files("justext").joinpath("stoplists")  # not a plain folder (a zip...): import it


def stoplist_head(path: Traversable, top: int, chars: int = 1 << 14) -> list[str]:
    """The first ``top`` distinct lower-cased words of a stop list, reading only its start if it is
    enough (the whole lists are 10-20 times longer: reading them cost a cleaning process 0.03 s)."""
    with path.open(encoding="utf-8") as f:
        start = f.read(chars)
        words = start.split()
        if len(start) == chars and not start[-1].isspace():
            words = words[:-1]  # cut in two by the read
        first = _first_distinct(words, top)
        if len(first) < top and len(start) == chars:
            first = _first_distinct((start + f.read()).split(), top)
    return first


def _first_distinct(ranked: list[str], top: int) -> list[str]:
    """The first ``top`` distinct lower-cased words ("The" and "the" are one)."""
    seen: dict[str, None] = {}
    for word in ranked:
        seen.setdefault(word.lower(), None)
        if len(seen) == top:
            break
    return list(seen)


@functools.cache
def word_lists() -> dict[str, str]:
    """The word lists the features read, each with the sha256 of its content (recorded with the weights)."""
    found = {name: hashlib.sha256(_data(name).encode("utf-8")).hexdigest() for name in _WORD_FILES}
    stop = "\n".join(sorted(load_stoplist())).encode("utf-8")
    found[f"justext-{version('jusText')}-stoplists-top{STOPLIST_TOP}"] = hashlib.sha256(stop).hexdigest()
    return found
