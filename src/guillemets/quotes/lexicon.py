"""The cue lexicon and mention words: rules as data, versioned files in ``guillemets.data``, loaded once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from guillemets.fold import fold

_ELISION = re.compile(r"\b([ldjmnst]|qu)['’]", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def normalise_words(text: str) -> tuple[str, ...]:
    """Lower-case words with elided articles expanded (``l'accent`` → ``le accent``), as lemmas come out."""
    text = _ELISION.sub(
        lambda m: {"l": "le ", "qu": "que "}.get(m.group(1).lower(), m.group(1).lower() + "e "), text
    )
    return tuple(text.lower().split())


@functools.lru_cache(maxsize=65536)
def prep_words(text: str) -> tuple[str, ...]:
    """Words of a prepositional cue, accents folded (« A ses yeux » is « À ses yeux » without its accent)."""
    return normalise_words(fold(text))


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

    @classmethod
    def from_tsv(cls, text: str) -> Lexicon:
        lines = text.splitlines()
        version = _header_version(lines[0]) if lines else "0"
        verbs: dict[str, list[Cue]] = {}
        preps: list[Cue] = []
        for line in lines[1:]:
            if not line.strip() or line.startswith(("#", "cue\t")):
                continue
            cue = _parse_row(line)
            if cue.cls == "prep":
                preps.append(cue)
            else:
                verbs.setdefault(cue.head, []).append(cue)
        for head in list(verbs):  # « reconnaitre » (1990 reform) is the same cue as « reconnaître »
            verbs.setdefault(spelling_1990(head), verbs[head])
        ordered = {k: tuple(sorted(v, key=lambda c: -len(c.tail))) for k, v in verbs.items()}
        return cls(version, ordered, tuple(sorted(preps, key=lambda c: -len(c.tail))))

    @functools.cached_property
    def prep_words(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Prepositional cues as normalised word sequences, longest first."""
        return tuple((c.text, prep_words(c.text)) for c in self.preps)

    def prep_frames(self, text: str) -> frozenset[str]:
        """The positions a prepositional cue may take: before, after, mid (inside the sentence), rel."""
        return next((c.frames for c in self.preps if c.text == text), frozenset())

    @functools.cached_property
    def prep_first(self) -> frozenset[str]:
        return frozenset(words[0] for _, words in self.prep_words)

    @functools.cached_property
    def forms(self) -> dict[str, str]:
        """Common inflected forms → lemma, for tokens the tagger mislabels (« glisse » as AUX)."""
        out: dict[str, str] = {}
        for lemma in self.verbs:
            for form in inflect(lemma):
                out.setdefault(form, lemma)
                out.setdefault(spelling_1990(form), lemma)  # « reconnait » as well as « reconnaît »
        return out

    @functools.cached_property
    def triggers(self) -> frozenset[str]:
        """Lower-cased words and lemmas that may start a cue: the only tokens the finders look at."""
        firsts = {"selon", "d'", "d’", "pour", "à", "a", "aux", "de", "d'après", "d’après"}
        return frozenset(self.verbs) | frozenset(self.forms) | frozenset(firsts)

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + len(self.preps)


_IRREGULAR = {
    "dire": ("dit", "disent", "disait", "dis"),
    "écrire": ("écrit", "écrivit", "écrivait"),
    "reconnaître": ("reconnaît", "reconnaissait", "reconnu", "reconnaissant"),
    "admettre": ("admet", "admis"),
    "promettre": ("promet", "promis"),
    "soutenir": ("soutient", "soutenu"),
    "maintenir": ("maintient", "maintenu"),
    "prévenir": ("prévient", "prévenu"),
    "répondre": ("répond", "répondu", "répondit"),
    "conclure": ("conclut", "conclu"),
    "poursuivre": ("poursuit", "poursuivi", "poursuivit"),
    "croire": ("croit", "cru"),
    "sourire": ("sourit", "souri"),
    "rire": ("rit",),
    "reprendre": ("reprend", "repris", "reprit"),
    "convenir": ("convient", "convenu"),
}


def inflect(lemma: str) -> tuple[str, ...]:
    """Third-person and participle forms of a French verb (regular -er and -ir, plus a few irregulars)."""
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("er"):
        stem = lemma[:-2]
        return (stem + "e", stem + "ent", stem + "é", stem + "ée", stem + "ait", stem + "a", stem + "ant")
    if lemma.endswith("ir"):
        stem = lemma[:-2]
        return (stem + "it", stem + "i", stem + "issent", stem + "issait", stem + "issant")
    return ()


def spelling_1990(word: str) -> str:
    """The 1990 reform spelling: no circumflex on i and u (« reconnait », « paraitre »)."""
    return word.replace("î", "i").replace("û", "u")


def _header_version(line: str) -> str:
    match = re.search(r"version=(\S+)", line)
    return match.group(1) if match else "0"


def _parse_row(line: str) -> Cue:
    text, cls, frames = [*line.split("\t"), "", ""][:3]
    words = normalise_words(text)
    reflexive = words[0] in ("se", "s") if words else False
    if reflexive:
        words = words[1:]
    return Cue(text, cls, frozenset(f for f in frames.split(",") if f), words[0], words[1:], reflexive)


@dataclass(frozen=True, slots=True)
class MentionWords:
    """Honorific titles (with gender), person role nouns, group nouns and document nouns."""

    version: str
    titles: dict[str, str]
    person: frozenset[str]
    group: frozenset[str]
    document: frozenset[str]
    nonsource: frozenset[str] = frozenset()  # nouns « selon » takes that name no source (selon les cas)

    @classmethod
    def from_tsv(cls, text: str) -> MentionWords:
        lines = text.splitlines()
        kinds: dict[str, dict[str, str]] = {"title": {}, "person": {}, "group": {}, "document": {}}
        for line in lines[1:]:
            if not line.strip() or line.startswith(("#", "word\t")):
                continue
            word, kind, gender = [*line.split("\t"), "", ""][:3]
            kinds.setdefault(kind, {})[word] = gender
        return cls(
            _header_version(lines[0]) if lines else "0",
            kinds["title"],
            frozenset(kinds["person"]),
            frozenset(kinds["group"]),
            frozenset(kinds["document"]),
            frozenset(kinds.get("nonsource", {})),
        )


def _read(name: str) -> str:
    return resources.files("guillemets.data").joinpath(name).read_text("utf-8")


@functools.cache
def load_cues(name: str = "cues_fr.tsv") -> Lexicon:
    """The cue lexicon, parsed once per process; the header line carries its version."""
    return Lexicon.from_tsv(_read(name))


@functools.cache
def load_mention_words(name: str = "mentions_fr.tsv") -> MentionWords:
    """Titles, role, group and document nouns, parsed once per process."""
    return MentionWords.from_tsv(_read(name))
