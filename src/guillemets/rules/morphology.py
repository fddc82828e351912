"""Inflection, spelling variants and elision of a language (``morphology.tsv``), as the rules need them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from guillemets.fold import fold
from guillemets.rules.tsv import ProfileError, header_version, rows


@dataclass(frozen=True)
class Morphology:
    """Forms of cue lemmas (irregular lists, regular endings), spelling variants and elisions."""

    version: str = "0"
    irregular: dict[str, tuple[str, ...]] = field(default_factory=dict)
    endings: tuple[
        tuple[str, tuple[str, ...]], ...
    ] = ()  # (lemma ending, replacement endings), in file order
    spellings: tuple[tuple[str, str], ...] = ()
    elisions: dict[str, str] = field(default_factory=dict)  # « l » → « le »
    writer_endings: tuple[str, ...] = ()
    stem_endings: tuple[str, ...] = ()  # infinitive endings, cut in this order (``nlp/partial.py``)
    short_endings: tuple[str, ...] = ()

    @classmethod
    def from_tsv(cls, text: str, name: str = "morphology.tsv") -> Morphology:
        lines = text.splitlines()
        irregular: dict[str, tuple[str, ...]] = {}
        endings: list[tuple[str, tuple[str, ...]]] = []
        spellings: list[tuple[str, str]] = []
        writer: list[str] = []
        stems: list[str] = []
        short: list[str] = []
        elisions: dict[str, str] = {}
        for number, (kind, key, values) in rows(text, name, 3, "kind"):
            items = tuple(v for v in values.split(",") if v)
            if kind == "irregular":
                irregular[key] = items
            elif kind == "ending":
                endings.append((key, items))
            elif kind == "spelling":
                spellings.append((key, values))
            elif kind == "elision":
                elisions[key] = values
            elif kind == "writer_ending":
                writer.append(key)
            elif kind == "stem_ending":
                stems.append(key)
            elif kind == "short_ending":
                short.extend(items)
            else:
                raise ProfileError(f"{name}:{number}: unknown morphology kind {kind!r}")
        version = header_version(lines[0]) if lines else "0"
        return cls(
            version,
            irregular,
            tuple(endings),
            tuple(spellings),
            elisions,
            tuple(writer),
            tuple(stems),
            tuple(short),
        )

    def inflect(self, lemma: str) -> tuple[str, ...]:
        """Third-person and participle forms of a verb (its irregular list, else its regular ending's)."""
        if lemma in self.irregular:
            return self.irregular[lemma]
        for ending, replacements in self.endings:
            if lemma.endswith(ending):
                stem = lemma[: -len(ending)]
                return tuple(stem + r for r in replacements)
        return ()

    def variant(self, word: str) -> str:
        """The word in the variant spelling (the 1990 reform's « reconnait » for « reconnaît »)."""
        for old, new in self.spellings:
            word = word.replace(old, new)
        return word

    @functools.cached_property
    def _elision(self) -> re.Pattern[str]:
        keys = sorted(self.elisions, key=len)
        letters = "".join(k for k in keys if len(k) == 1)
        longer = [re.escape(k) for k in keys if len(k) > 1]
        alternatives = ([f"[{letters}]"] if letters else []) + longer
        return re.compile(r"\b(" + "|".join(alternatives or ["(?!)"]) + r")['’]", re.IGNORECASE)

    def normalise_words(self, text: str) -> tuple[str, ...]:
        """Lower-case words with elided words expanded (``l'accent`` → ``le accent``), as lemmas come out."""
        return _normalise(self, text)

    def prep_words(self, text: str) -> tuple[str, ...]:
        """Words of a prepositional cue, accents folded (« A ses yeux » is « À ses yeux » unaccented)."""
        return _normalise(self, fold(text))

    def writer_form(self, lower: str) -> bool:
        """A verb form in the writer's own first person plural (« rappelons »)."""
        return any(lower.endswith(e) for e in self.writer_endings)

    def __hash__(self) -> int:
        return id(self)


@functools.lru_cache(maxsize=65536)
def _normalise(morphology: Morphology, text: str) -> tuple[str, ...]:
    text = morphology._elision.sub(lambda m: morphology.elisions[m.group(1).lower()] + " ", text)
    return tuple(text.lower().split())
