"""Candidate attributions of an English spaCy Doc: (cue, content, speaker) read off the parse.

Each candidate comes from one frame: a cue word with a clausal complement (``ccomp``), an
infinitive (``xcomp``), an object (``dobj``) or a prepositional object ("called for X":
``prep``); a cue inserted in or after its content (``parataxis``); "according to X"; a cue
noun with a that-clause (``noun``); or a quoted span with the nearest cue of its sentence
(``quote``). A quote followed by "said X." and another quote gives a second, ``joined``
candidate spanning both, as PolNeAR annotates it. The scorer chooses among them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from guillemets.attribution.lexicon import CueLexicon, word_kind
from guillemets.attribution.marks import Marks

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
FRAMES = ("ccomp", "xcomp", "dobj", "prep", "parataxis", "according", "noun", "quote")
MIN_PRECISION = 0.02  # lexicon rows under this (be, have, in...) never make a cue
WINDOW = 6  # tokens around a quote searched for its cue when its sentence has none
RELATIVE = {"who", "that", "which"}


@dataclass(slots=True)
class Candidate:
    """One possible quote: character spans into ``doc.text``, the frame that made it, its cue token."""

    frame: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    cue_token: int | None
    joined: bool = False


def char_span(tokens: Span | list[Token]) -> tuple[int, int] | None:
    """Character offsets of tokens without their leading/trailing punctuation and spaces."""
    toks = [t for t in tokens if not (t.is_punct or t.is_space) or t.is_quote]
    while toks and (toks[0].is_punct or toks[0].is_space) and not _opening(toks[0]):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space) and not toks[-1].is_quote:
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _opening(t: Token) -> bool:
    return t.is_quote or t.text in ("“", "«")


def subtree(t: Token) -> Span:
    return t.doc[t.left_edge.i : t.right_edge.i + 1]


def speaker_of(v: Token) -> Token | None:
    """The subject of a cue verb (the agent of a passive, none for a passive without one), climbing
    through conjoined and subordinate verbs; a relative pronoun gives way to its antecedent."""
    for _ in range(3):
        kids = {c.dep_: c for c in v.children}
        if "agent" in kids:
            return next((g for g in kids["agent"].children if g.dep_ == "pobj"), None)
        if "nsubjpass" in kids:
            return None
        subj = kids.get("nsubj") or kids.get("csubj")
        if subj is not None:
            if subj.lower_ in RELATIVE and v.dep_ == "relcl":
                return v.head
            return subj
        if v.dep_ == "acl":
            return v.head
        if v.dep_ not in ("conj", "xcomp", "advcl", "pcomp") or v.head == v:
            return None
        v = v.head if v.dep_ != "pcomp" else v.head.head
    return None


def mention(t: Token | None) -> tuple[int, int] | None:
    """The mention a subject token stands for: its left part up to the head (no relative clause)."""
    if t is None:
        return None
    end = t.i + 1
    for c in t.children:
        if c.i > t.i and c.dep_ in ("compound", "flat", "nummod"):
            end = max(end, c.i + 1)
    return char_span(t.doc[t.left_edge.i : end])


class CandidateFinder:
    """Finds every candidate of a Doc with the cue lexicon."""

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon

    def precision(self, t: Token) -> float:
        stat = self.lexicon.get(t.lemma_.lower(), word_kind(t.pos_))
        return stat.precision if stat else 0.0

    def speaker(self, v: Token | None) -> tuple[int, int] | None:
        """The speaker mention of a cue: none for a cue word mostly used without a source
        ("is expected to", "seems"), the possessor of a noun, else the verb's subject."""
        if v is None:
            return None
        stat = self.lexicon.get(v.lemma_.lower(), word_kind(v.pos_))
        if stat is not None and stat.sourceless > stat.cues / 2:
            return None
        if word_kind(v.pos_) == "noun":
            return mention(next((c for c in v.children if c.dep_ == "poss"), None))
        return mention(speaker_of(v))

    def is_cue(self, t: Token) -> bool:
        return self.precision(t) >= MIN_PRECISION

    def __call__(self, doc: Doc, marks: Marks | None = None) -> list[Candidate]:
        """Every candidate; ``marks`` (of ``doc.text``) saves re-reading the text, which spaCy
        rebuilds from the tokens on every access."""
        marks = marks or Marks.of(doc.text)
        out = list(self._from_cues(doc))
        out.extend(self._from_quotes(doc, marks, out))
        out.extend(self._joined(doc, marks, out))
        return out

    def _from_cues(self, doc: Doc) -> Iterator[Candidate]:
        for v in doc:
            if v.lower_ == "according":
                yield from self._according(v)
            elif self.is_cue(v):
                yield from self._frames(v)

    def _frames(self, v: Token) -> Iterator[Candidate]:
        cue = (v.idx, v.idx + len(v.text))
        kind = word_kind(v.pos_)
        spk = self.speaker(v)
        for c in v.children:
            frame = {"ccomp": "ccomp", "xcomp": "xcomp", "dobj": "dobj", "acl": "noun"}.get(c.dep_)
            if frame == "noun" and kind != "noun":
                continue
            if frame and (content := char_span(subtree(c))):
                yield Candidate(frame, content, cue, spk, v.i)
            if c.dep_ == "prep" and kind == "verb":
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None and (content := char_span(subtree(obj))):
                    yield Candidate("prep", content, cue, spk, v.i)
        if v.dep_ == "parataxis" and v.head.i != v.i and v.head.i < v.i:
            content = char_span(v.doc[v.head.left_edge.i : v.left_edge.i])
            if content:
                yield Candidate("parataxis", content, cue, spk, v.i)

    def _according(self, v: Token) -> Iterator[Candidate]:
        to = next((c for c in v.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if obj is None:
            return
        cue = (v.idx, to.idx + len(to.text)) if to else (v.idx, v.idx + len(v.text))
        sent = v.sent
        before = char_span(v.doc[sent.start : v.left_edge.i])
        after = char_span(v.doc[v.right_edge.i + 1 : sent.end])
        content = max((s for s in (before, after) if s), key=lambda s: s[1] - s[0], default=None)
        if content:
            yield Candidate("according", content, cue, mention(obj), v.i)

    def _from_quotes(self, doc: Doc, marks: Marks, found: list[Candidate]) -> Iterator[Candidate]:
        """Each quoted span not already a candidate's content, with the best cue of its sentence or
        of the few words around it."""
        taken = {c.content for c in found}
        for s, e in marks.pairs:
            span = doc.char_span(s, e, alignment_mode="expand")
            content = char_span(span) if span is not None and len(span) else None
            if span is None or content is None or content in taken:
                continue
            sent = doc[span.start].sent
            lo = min(sent.start, max(0, span.start - WINDOW))
            hi = max(sent.end, min(len(doc), span.end + WINDOW))
            cues = [t for t in doc[lo:hi] if self.is_cue(t) and not s <= t.idx < e]
            v = max(cues, key=lambda t: (self.precision(t), -abs(t.i - span.start)), default=None)
            cue = (v.idx, v.idx + len(v.text)) if v is not None else None
            yield Candidate("quote", content, cue, self.speaker(v), v.i if v is not None else None)

    def _joined(self, doc: Doc, marks: Marks, found: list[Candidate]) -> Iterator[Candidate]:
        """'"A," said X. "B."': a quote before its cue, joined with the quote that follows X."""
        for cand in list(found):
            if cand.cue is None or cand.content[1] > cand.cue[0]:
                continue
            if marks.quote_type(*cand.content) != "direct":
                continue
            nxt = next((p for p in marks.pairs if p[0] > cand.cue[1]), None)
            if nxt is None or "\n" in marks.text[cand.cue[1] : nxt[0]]:
                continue
            gap = doc.char_span(cand.cue[1], nxt[0], alignment_mode="expand")
            if gap is None or sum(1 for t in gap if t.is_sent_end) > 1 or len(gap) > 12:
                continue
            yield Candidate(
                cand.frame, (cand.content[0], nxt[1]), cand.cue, cand.speaker, cand.cue_token, joined=True
            )
