"""The English cue lexicon: per lemma and word class, how often it heads a cue in PolNeAR TRAIN."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

COLUMNS = ("lemma", "kind", "cues", "occurrences", "sourceless", "precision")


@dataclass(frozen=True, slots=True)
class CueStat:
    """One lexicon row: ``cues`` of the ``occurrences`` of this lemma/kind headed a gold cue,
    ``sourceless`` of them in a quote without a speaker."""

    lemma: str
    kind: str
    cues: int
    occurrences: int
    sourceless: int = 0  # cues of this row whose quote has no source (speaker)

    @property
    def precision(self) -> float:
        """Smoothed share of occurrences that were cues (add-one, so rare lemmas stay modest)."""
        return (self.cues + 0.1) / (self.occurrences + 1.0)


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cue statistics keyed by (lemma, kind); ``kind`` is verb, noun, adp, adj or other."""

    version: str
    rows: dict[tuple[str, str], CueStat]

    def get(self, lemma: str, kind: str) -> CueStat | None:
        return self.rows.get((lemma, kind))

    def to_tsv(self) -> str:
        """The TSV text (header line with the version, column line, rows by decreasing count)."""
        head = f"# guillemets cue lexicon en\tversion={self.version}\tfrom PolNeAR TRAIN (bench/en_cues.py)"
        lines = [head, "\t".join(COLUMNS)]
        for s in sorted(self.rows.values(), key=lambda s: (-s.cues, s.lemma, s.kind)):
            lines.append(f"{s.lemma}\t{s.kind}\t{s.cues}\t{s.occurrences}\t{s.sourceless}\t{s.precision:.4f}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_tsv(cls, text: str) -> CueLexicon:
        """Parse ``to_tsv`` output; a malformed line raises ValueError naming its number."""
        lines = text.splitlines()
        if not lines or "version=" not in lines[0]:
            raise ValueError("cue lexicon: first line must carry version=")
        version = lines[0].split("version=", 1)[1].split("\t", 1)[0]
        rows: dict[tuple[str, str], CueStat] = {}
        for n, line in enumerate(lines[2:], start=3):
            parts = line.split("\t")
            if len(parts) != len(COLUMNS):
                raise ValueError(f"cue lexicon line {n}: expected {len(COLUMNS)} columns, got {len(parts)}")
            rows[(parts[0], parts[1])] = CueStat(
                parts[0], parts[1], int(parts[2]), int(parts[3]), int(parts[4])
            )
        return cls(version, rows)


@functools.cache
def load_cues(name: str = "en/cues.tsv") -> CueLexicon:
    """The shipped English cue lexicon, read once per process."""
    return CueLexicon.from_tsv(resources.files("guillemets.data").joinpath(name).read_text("utf-8"))


def word_kind(pos: str) -> str:
    """The lexicon's word class for a spaCy coarse POS tag."""
    return {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "PROPN": "noun", "ADP": "adp", "ADJ": "adj"}.get(
        pos, "other"
    )
