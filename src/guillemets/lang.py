"""Language identification: function-word votes when they are decisive, else py3langid.

py3langid (its model ships in the wheel) walks its byte n-gram automaton in Python: about 4 µs
per byte, and loading its model costs about half a second of CPU, paid by the first text that
reaches it. A news article is told by its function words ("les", "der", "the"…) at a glance,
so they vote first, in three steps, each only on what the one before leaves undecided:

1. ``vote``: the words of ``clean_stopwords.tsv`` (8 languages) that belong to one list only;
2. ``script_vote``: a script only one language writes without spaces (Japanese kana);
3. ``wide_vote``: a naive Bayes over the first words of jusText's ~100 stop lists (ranked by
   frequency, so a word's rank gives its probability), when the best language that py3langid
   can answer leads every other list by ``WIDE_MARGIN``.

py3langid decides, on a short sample, whatever is left (few function words, close pairs such
as Spanish and Asturian, languages without a list, scripts without spaces other than kana).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from guillemets.clean.markers import justext_stoplists, load_stopwords, stoplist_head

if TYPE_CHECKING:
    import numpy as np

VOTE_CHARS = 1000  # characters of the text whose words vote
# A vote is decisive when the winner's own function words are at least this share of all words
# and this many times the runner-up's. Measured against py3langid on the DEV article texts
# (python -m bench.lang, 669 texts): the vote decides 73 %, and disagrees with py3langid on 1.
MIN_SHARE = 0.12
MIN_RATIO = 4.0
MIN_WORDS = 12
# Fewer words than one per this many characters: a script written without spaces (Japanese,
# Chinese, Thai) whose few space-separated words are borrowed ones, so the vote says nothing.
MAX_CHARS_PER_WORD = 12
LANGID_CHARS = 400  # characters py3langid sees when the vote is not decisive

# The wide vote (python -m bench.lang measures it against py3langid on 2,000 characters, the
# same sample): the first WIDE_TOP distinct words of each jusText list, a word of rank r having
# probability 1 / ((r + WIDE_RANK_SHIFT) H) (Zipf's law; H normalises), a word the list lacks
# that of rank 2 * WIDE_TOP. Known words only count (content words are in no list's head).
WIDE_CHARS = 2000
WIDE_TOP = 200
WIDE_RANK_SHIFT = 2.0
WIDE_MARGIN = 6.0  # log-likelihood lead (nats) over every other list
WIDE_MIN_WORDS = 8  # known words at least
_PUNCT = ".,;:!?()[]{}\"'«»“”„‘’–—-…/|*"
# jusText list -> the ISO 639-1 code py3langid answers for it. A list left out (Asturian,
# Low Saxon, Serbo-Croatian…: no such py3langid label) still competes, so a text in its
# language is never voted into a neighbour's, but it never wins: that text goes to py3langid.
JUSTEXT_CODES = {
    "Afrikaans": "af", "Albanian": "sq", "Arabic": "ar", "Aragonese": "an", "Armenian": "hy",
    "Azerbaijani": "az", "Basque": "eu", "Belarusian": "be", "Belarusian_Taraskievica": "be",
    "Bengali": "bn", "Bosnian": "bs", "Breton": "br", "Bulgarian": "bg", "Catalan": "ca",
    "Croatian": "hr", "Czech": "cs", "Danish": "da", "Dutch": "nl", "English": "en",
    "Esperanto": "eo", "Estonian": "et", "Finnish": "fi", "French": "fr", "Galician": "gl",
    "Georgian": "ka", "German": "de", "Greek": "el", "Gujarati": "gu", "Haitian": "ht",
    "Hebrew": "he", "Hindi": "hi", "Hungarian": "hu", "Icelandic": "is", "Igbo": "ig",
    "Indonesian": "id", "Irish": "ga", "Italian": "it", "Javanese": "jv", "Kannada": "kn",
    "Kazakh": "kk", "Korean": "ko", "Kurdish": "ku", "Kyrgyz": "ky", "Latin": "la",
    "Latvian": "lv", "Lithuanian": "lt", "Luxembourgish": "lb", "Macedonian": "mk",
    "Malay": "ms", "Malayalam": "ml", "Maltese": "mt", "Marathi": "mr", "Nepali": "ne",
    "Norwegian_Bokmal": "no", "Norwegian_Nynorsk": "nn", "Occitan": "oc", "Persian": "fa",
    "Polish": "pl", "Portuguese": "pt", "Quechua": "qu", "Romanian": "ro", "Russian": "ru",
    "Serbian": "sr", "Slovak": "sk", "Slovenian": "sl", "Spanish": "es", "Swahili": "sw",
    "Swedish": "sv", "Tagalog": "tl", "Tamil": "ta", "Telugu": "te", "Turkish": "tr",
    "Turkmen": "tk", "Ukrainian": "uk", "Urdu": "ur", "Uzbek": "uz", "Vietnamese": "vi",
    "Volapuk": "vo", "Walloon": "wa", "Welsh": "cy", "West_Frisian": "fy", "Yoruba": "yo",
}  # fmt: skip
JUSTEXT_DUPLICATES = frozenset({"Simple_English"})  # English again: it would tie with English
# Hiragana and katakana: only Japanese writes them. A text where they are this share of the
# characters (and at least KANA_MIN of them) is Japanese; Chinese has none.
_KANA = re.compile("[\u3040-\u30ff]")
KANA_SHARE = 0.1
KANA_MIN = 20


@functools.cache
def _classify():  # type: ignore[no-untyped-def]
    import py3langid

    return py3langid.classify


@functools.cache
def _voters() -> dict[str, str]:
    """Function word → its language, for words that belong to one list only."""
    lists = {lang: words for lang, words in load_stopwords().items() if lang != "*"}
    owners: Counter[str] = Counter(w for words in lists.values() for w in words)
    return {w: lang for lang, words in lists.items() for w in words if owners[w] == 1}


def vote(text: str) -> str | None:
    """The language whose function words dominate the start of ``text``, or None if none clearly does."""
    sample = text[:VOTE_CHARS]
    words = sample.lower().split()
    if len(words) < MIN_WORDS or len(words) * MAX_CHARS_PER_WORD < len(sample):
        return None
    voters = _voters()
    counts = Counter(map(voters.get, words))  # counted in C; None: not a function word
    counts.pop(None, None)
    ranked = counts.most_common(2)
    if not ranked:
        return None
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= MIN_SHARE * len(words) and n >= MIN_RATIO * second else None


def script_vote(text: str) -> str | None:
    """Japanese (``"ja"``) when kana are a fair share of the start of ``text``, else None."""
    sample = text[:VOTE_CHARS]
    kana = len(_KANA.findall(sample))
    return "ja" if kana >= KANA_MIN and kana >= KANA_SHARE * len(sample) else None


@functools.cache
def _wide_model() -> tuple[dict[str, int], np.ndarray, tuple[str | None, ...]]:
    """Word -> row; rows: a word's log-probability in each jusText list; the lists' py3langid codes."""
    import numpy as np

    folder = justext_stoplists()
    names = sorted(f.name[:-4] for f in folder.iterdir() if f.name.endswith(".txt"))
    names = [n for n in names if n not in JUSTEXT_DUPLICATES]
    norm = sum(1 / (r + WIDE_RANK_SHIFT) for r in range(WIDE_TOP))
    rows: dict[str, int] = {}
    cells: list[int] = []  # row of each (list, rank): a list's words are distinct
    for name in names:
        head = stoplist_head(folder.joinpath(name + ".txt"), WIDE_TOP)
        cells += [rows.setdefault(word, len(rows)) for word in head]
        cells += [-1] * (WIDE_TOP - len(cells) % WIDE_TOP) if len(cells) % WIDE_TOP else []
    absent = -math.log((2 * WIDE_TOP + WIDE_RANK_SHIFT) * norm)
    table = np.full((len(rows) + 1, len(names)), absent, np.float32)
    logp = -np.log((np.arange(WIDE_TOP) + WIDE_RANK_SHIFT) * norm).astype(np.float32)
    table[np.array(cells).reshape(len(names), WIDE_TOP), np.arange(len(names))[:, None]] = logp
    return rows, table[:-1], tuple(JUSTEXT_CODES.get(n) for n in names)


def wide_vote(text: str) -> str | None:
    """The language whose jusText list best explains the function words of ``text``, if it clearly does.

    None when fewer than ``WIDE_MIN_WORDS`` words are known, when the text has too few spaces
    (as ``vote``), when the best list leads the next by less than ``WIDE_MARGIN``, or when the
    best list's language is not one py3langid answers.
    """
    sample = text[:WIDE_CHARS]
    words = sample.lower().split()
    if len(words) * MAX_CHARS_PER_WORD < len(sample):
        return None
    rows, table, codes = _wide_model()
    known = [row for row in (rows.get(w.strip(_PUNCT)) for w in words) if row is not None]
    if len(known) < WIDE_MIN_WORDS:
        return None
    scores = table[known].sum(axis=0)
    second, best = (int(i) for i in scores.argpartition(-2)[-2:])
    if scores[best] - scores[second] < WIDE_MARGIN:
        return None
    return codes[best]


def detect_language(text: str, sample: int = LANGID_CHARS) -> str | None:
    """ISO 639-1 code of ``text``, or None if there is no text."""
    snippet = text.strip()
    if not snippet:
        return None
    voted = vote(snippet) or script_vote(snippet) or wide_vote(snippet)
    if voted:
        return voted
    lang, _score = _classify()(snippet[:sample])
    return str(lang)
