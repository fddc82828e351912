"""A language profile: every language-specific rule as data (``guillemets/data/<lang>/``), one frozen object.

Files of a profile (each with ``version=`` in its header line):

- ``cues.tsv``: cue lexicon with frames · ``mentions.tsv``: titles, role, group and document nouns
- ``words.tsv``: function words by class (pronouns with gender and number, determiners, clitics…)
- ``morphology.tsv``: forms of cue verbs, spelling variants, elisions
- ``speaker_ranker.json``: weights of the learned speaker ranker (optional)
- ``quote_scorer.json``: weights and threshold of the learned quote scorer (optional; without it the
  rules alone decide and the weak candidates are not emitted)
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from guillemets.rules.lexicon import Lexicon
from guillemets.rules.morphology import Morphology
from guillemets.rules.tsv import ProfileError
from guillemets.rules.words import FunctionWords, MentionWords

FILES = ("cues.tsv", "mentions.tsv", "words.tsv", "morphology.tsv")
RANKER = "speaker_ranker.json"
SCORER = "quote_scorer.json"


@dataclass(frozen=True, slots=True)
class RankerWeights:
    """Weights of a logistic speaker ranker over named features (checked against the code's features)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    version: str
    raw: str  # the file as read, so a saved pipeline writes it back unchanged

    @classmethod
    def from_json(cls, text: str, name: str = RANKER) -> RankerWeights:
        try:
            data: dict[str, Any] = json.loads(text)
            features, weights = tuple(data["features"]), tuple(float(w) for w in data["weights"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ProfileError(f"{name}: not a speaker ranker file ({exc})") from exc
        if len(features) != len(weights):
            raise ProfileError(f"{name}: {len(features)} features but {len(weights)} weights")
        return cls(features, weights, str(data.get("version", "0")), text)


@dataclass(frozen=True, slots=True)
class ScorerWeights:
    """Weights of the logistic quote scorer over named features, and the probability below which a
    candidate is dropped (the features are checked against the code's when the scorer is built)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    threshold: float
    version: str
    raw: str  # the file as read, so a saved pipeline writes it back unchanged

    @classmethod
    def from_json(cls, text: str, name: str = SCORER) -> ScorerWeights:
        try:
            data: dict[str, Any] = json.loads(text)
            features, weights = tuple(data["features"]), tuple(float(w) for w in data["weights"])
            threshold = float(data["threshold"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ProfileError(f"{name}: not a quote scorer file ({exc})") from exc
        if len(features) != len(weights):
            raise ProfileError(f"{name}: {len(features)} features but {len(weights)} weights")
        if not 0.0 <= threshold <= 1.0:
            raise ProfileError(f"{name}: threshold {threshold} is not a probability")
        return cls(features, weights, threshold, str(data.get("version", "0")), text)


@dataclass(frozen=True, slots=True)
class Profile:
    """All the rules of one language, loaded once and passed down to every finder and resolver."""

    lang: str
    cues: Lexicon
    mentions: MentionWords
    words: FunctionWords
    morphology: Morphology
    ranker: RankerWeights | None
    texts: tuple[tuple[str, str], ...]  # (file name, content) as read: what ``to_disk`` writes back
    scorer: ScorerWeights | None = None

    @property
    def version(self) -> str:
        """One string naming every file's version: « cues=5,mentions=4,words=1,morphology=1,ranker=1 »."""
        parts = [
            ("cues", self.cues.version),
            ("mentions", self.mentions.version),
            ("words", self.words.version),
            ("morphology", self.morphology.version),
        ]
        if self.ranker is not None:
            parts.append(("ranker", self.ranker.version))
        if self.scorer is not None:
            parts.append(("scorer", self.scorer.version))
        return ",".join(f"{k}={v}" for k, v in parts)

    @classmethod
    def from_texts(cls, lang: str, texts: dict[str, str]) -> Profile:
        """A profile from its files' contents (``FILES`` required, the two weight files optional)."""
        missing = [f for f in FILES if f not in texts]
        if missing:
            raise ProfileError(f"language profile {lang!r} lacks {', '.join(missing)}")
        words = FunctionWords.from_tsv(texts["words.tsv"])
        morphology = Morphology.from_tsv(texts["morphology.tsv"])
        reflexives = words.reflexive_third | {w.rstrip("'’") for w in words.reflexive_third}
        cues = Lexicon.from_tsv(texts["cues.tsv"], morphology, reflexives, words.prep_trigger)
        ranker = RankerWeights.from_json(texts[RANKER]) if RANKER in texts else None
        scorer = ScorerWeights.from_json(texts[SCORER]) if SCORER in texts else None
        return cls(
            lang,
            cues,
            MentionWords.from_tsv(texts["mentions.tsv"]),
            words,
            morphology,
            ranker,
            tuple(sorted(texts.items())),
            scorer,
        )

    @classmethod
    def from_dir(cls, lang: str, path: Path | Traversable) -> Profile:
        names = [*FILES, RANKER, SCORER]
        texts = {n: path.joinpath(n).read_text("utf-8") for n in names if path.joinpath(n).is_file()}
        return cls.from_texts(lang, texts)

    def to_dir(self, path: Path) -> None:
        """Write the profile's files (as read) into ``path``."""
        path.mkdir(parents=True, exist_ok=True)
        for name, text in self.texts:
            (path / name).write_text(text, "utf-8")

    def without_ranker(self) -> Profile:
        texts = tuple((n, t) for n, t in self.texts if n != RANKER)
        return replace(self, ranker=None, texts=texts)

    def without_scorer(self) -> Profile:
        """The rules alone decide which quotes stay (no weak candidates)."""
        return replace(self, scorer=None, texts=tuple((n, t) for n, t in self.texts if n != SCORER))

    def with_scorer(self, text: str, name: str = SCORER) -> Profile:
        """This profile with the quote scorer read from ``text`` (a file given in the config)."""
        texts = {**dict(self.texts), SCORER: text}
        return replace(self, scorer=ScorerWeights.from_json(text, name), texts=tuple(sorted(texts.items())))

    def __hash__(self) -> int:
        return id(self)


def _data() -> Traversable:
    return resources.files("guillemets.data")


def available_languages() -> tuple[str, ...]:
    """Languages with a rule profile in ``guillemets/data/<lang>/`` (a directory holding all its files).

    Every file is asked for, not only ``cues.tsv``: a language whose quotes come from a learned
    attributor (``guillemets.attribution``, English) keeps other data in its directory.
    """
    return tuple(
        sorted(
            p.name
            for p in _data().iterdir()
            if p.is_dir() and all(p.joinpath(name).is_file() for name in FILES)
        )
    )


@functools.cache
def load_profile(lang: str = "fr") -> Profile:
    """The rules of ``lang``, read once per process from the package data."""
    if lang not in available_languages():
        known = ", ".join(available_languages())
        raise ProfileError(f"no language profile for {lang!r} (profiles: {known})")
    return Profile.from_dir(lang, _data().joinpath(lang))
