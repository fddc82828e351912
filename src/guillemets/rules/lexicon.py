"""The cue lexicon (``cues.tsv``): verbs and prepositional locutions that report speech, with their frames."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum

from guillemets.rules.morphology import Morphology
from guillemets.rules.tsv import ProfileError, header_version, rows


class Frame(StrEnum):
    """The constructions a cue takes (the third column of ``cues.tsv``; its header describes each)."""

    QUE = "que"
    INF = "inf"
    INCISE = "incise"
    COLON = "colon"
    NP = "np"
    PRED = "pred"
    PREP = "prep"
    AFTER = "after"
    MID = "mid"
    REL = "rel"
    BARE = "bare"
    COUNT = "count"


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: a verb (with an optional tail of words) or a prepositional locution."""

    text: str
    cls: str
    frames: frozenset[str]
    head: str
    tail: tuple[str, ...] = ()
    reflexive: bool = False

    def allows(self, frame: str) -> bool:
        return frame in self.frames


@dataclass(frozen=True)
class Lexicon:
    """Cues by head lemma (verbs) and by first word (prepositions); ``version`` comes from the header."""

    version: str
    verbs: dict[str, tuple[Cue, ...]] = field(default_factory=dict)
    preps: tuple[Cue, ...] = ()
    morphology: Morphology = field(default_factory=Morphology)
    firsts: frozenset[str] = frozenset()  # words that may start a prepositional cue (``prep_trigger``)

    @classmethod
    def from_tsv(
        cls,
        text: str,
        morphology: Morphology,
        reflexives: frozenset[str] = frozenset(),
        firsts: frozenset[str] = frozenset(),
        name: str = "cues.tsv",
    ) -> Lexicon:
        lines = text.splitlines()
        version = header_version(lines[0]) if lines else "0"
        verbs: dict[str, list[Cue]] = {}
        preps: list[Cue] = []
        for number, (cue_text, kind, frames) in rows(text, name, 3, "cue"):
            cue = _parse_row(cue_text, kind, frames, morphology, reflexives)
            unknown = cue.frames - set(Frame)
            if unknown:
                raise ProfileError(f"{name}:{number}: unknown frame {sorted(unknown)[0]!r}")
            if cue.cls == "prep":
                preps.append(cue)
            else:
                verbs.setdefault(cue.head, []).append(cue)
        for head in list(verbs):  # « reconnaitre » (1990 reform) is the same cue as « reconnaître »
            verbs.setdefault(morphology.variant(head), verbs[head])
        ordered = {k: tuple(sorted(v, key=lambda c: -len(c.tail))) for k, v in verbs.items()}
        by_length = tuple(sorted(preps, key=lambda c: -len(c.tail)))
        return cls(version, ordered, by_length, morphology, firsts)

    @functools.cached_property
    def prep_words(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Prepositional cues as normalised word sequences, longest first."""
        return tuple((c.text, self.morphology.prep_words(c.text)) for c in self.preps)

    def prep_frames(self, text: str) -> frozenset[str]:
        """The positions a prepositional cue may take: before, after, mid (inside the sentence), rel."""
        return next((c.frames for c in self.preps if c.text == text), frozenset())

    @functools.cached_property
    def prep_first(self) -> frozenset[str]:
        return frozenset(words[0] for _, words in self.prep_words)

    @functools.cached_property
    def count_words(self) -> frozenset[str]:
        """First words of the prepositional cues that attribute counts (frame ``count``: « selon »)."""
        return frozenset(c.text.split()[0].lower() for c in self.preps if c.allows(Frame.COUNT))

    @functools.cached_property
    def forms(self) -> dict[str, str]:
        """Common inflected forms → lemma, for tokens the tagger mislabels (« glisse » as AUX)."""
        out: dict[str, str] = {}
        for lemma in self.verbs:
            for form in self.morphology.inflect(lemma):
                out.setdefault(form, lemma)
                out.setdefault(self.morphology.variant(form), lemma)  # « reconnait » as well as « reconnaît »
        return out

    @functools.cached_property
    def triggers(self) -> frozenset[str]:
        """Lower-cased words and lemmas that may start a cue: the only tokens the finders look at."""
        return frozenset(self.verbs) | frozenset(self.forms) | self.firsts

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + len(self.preps)

    def __hash__(self) -> int:
        return id(self)


def _parse_row(text: str, cls: str, frames: str, morphology: Morphology, reflexives: frozenset[str]) -> Cue:
    words = morphology.normalise_words(text)
    reflexive = words[0] in reflexives if words else False
    if reflexive:
        words = words[1:]
    return Cue(text, cls, frozenset(f for f in frames.split(",") if f), words[0], words[1:], reflexive)
