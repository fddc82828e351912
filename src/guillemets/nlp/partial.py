"""Partial parsing: the NER on the whole text, the parse only on the sentences the quote rules read.

``fr_core_news_md``'s ``ner`` has its own tok2vec, so it runs on the whole Doc as in the full
pipeline. ``tok2vec``, ``morphologizer``, ``parser``, ``attribute_ruler`` and ``lemmatizer`` run
only on *regions*: runs of cheap (punctuation) sentences that can hold a quote or a cue (quotation
marks and what lies between paired marks, a cue word from the lexicon, a prepositional cue word, a
colon), that hold a PER/ORG name (the speaker index reads the words around names), plus the sentence
before each of them (speaker resolution context). Each region is parsed as its own Doc and its
token attributes are copied back into the article's Doc, which stays a normal Doc with offsets into
the article text. The other sentences get a flat tree (first token the root, label ``dep``) so their
sentence boundaries hold, and no POS, morphology or lemma.

When a region's tokens do not line up with the article's tokens, the article is parsed whole
(never silently half-parsed); ``PartialParser.fallbacks`` counts those articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from guillemets.quotes.marks import pair_marks
from guillemets.rules import Profile, load_profile

PARSE_PIPES = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
NER_PIPE = "ner"
ATTRS = [HEAD, DEP, POS, TAG, MORPH, LEMMA]
MARKS = re.compile(r"[«»\"“”„‹›:]")
NAME_LABELS = frozenset({"PER", "ORG"})


def cue_words(rules: Profile | None = None) -> tuple[tuple[str, ...], frozenset[str]]:
    """(prefixes, exact forms) of the words that mark a cue of the lexicon (French by default).

    One word per cue: its longest word that is not a light word (« savoir » of « faire savoir »), with
    an infinitive ending removed (« déclar » of « déclarer »); stems under four letters give exact forms
    (the stem with each of the profile's short-form endings).
    """
    rules = rules if rules is not None else load_profile("fr")
    lexicon, light = rules.cues, rules.words.light
    morphology = rules.morphology
    cues = [c for heads in lexicon.verbs.values() for c in heads]
    stems: set[str] = set()
    forms: set[str] = set()
    for cue in cues:
        words = [w.lower() for w in (cue.head, *cue.tail) if w]
        heavy = [w for w in words if w not in light] or words
        word = max(heavy, key=len)
        for ending in morphology.stem_endings:
            if word.endswith(ending) and len(word) > len(ending):
                word = word[: -len(ending)]
                break
        if len(word) >= 4:
            stems.add(word)
        else:
            forms.update(word + e for e in morphology.short_endings)
    for _, prep in lexicon.prep_words:
        prep_heavy = [w for w in prep if w not in light and len(w) > 2] or list(prep)
        forms.add(max(prep_heavy, key=len).lower())
    return tuple(sorted(stems)), frozenset(forms)


class PartialParser:
    """Parses Docs for the quote component: NER everywhere, the parse only where the rules look."""

    def __init__(self, nlp: Language, context: int = 1, rules: Profile | None = None) -> None:
        missing = [p for p in (*PARSE_PIPES, NER_PIPE) if p not in nlp.pipe_names]
        if missing:
            raise ValueError(
                f"partial parsing needs the pipes {', '.join(missing)} in {nlp.meta.get('name')}"
            )
        self.nlp = nlp
        self.context = context
        self.sentencizer = Sentencizer()
        self.rules = rules if rules is not None else load_profile(nlp.lang or "fr")
        self.stems, self.forms = cue_words(self.rules)
        self.fallbacks = 0
        self.sentences = 0  # cheap sentences seen
        self.parsed_sentences = 0  # of which parsed

    def pipe(self, items: Iterable[tuple[str, Any]], batch_size: int = 32) -> Iterator[tuple[Doc, Any]]:
        """Like ``nlp.pipe(..., as_tuples=True)`` without the components after ``ner``."""
        batch: list[tuple[str, Any]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._batch(batch, batch_size)

    def _batch(self, batch: list[tuple[str, Any]], batch_size: int) -> Iterator[tuple[Doc, Any]]:
        nlp = self.nlp
        docs = [nlp.make_doc(text) for text, _ in batch]
        docs = list(cast(Any, nlp.get_pipe(NER_PIPE)).pipe(docs, batch_size=batch_size))
        starts = self.sentencizer.predict(docs)
        regions = [self._regions(doc, flags) for doc, flags in zip(docs, starts, strict=True)]
        subs = [
            nlp.make_doc(doc.text[a:b])
            for doc, spans in zip(docs, regions, strict=True)
            for a, b, _, _ in spans
        ]
        for name in PARSE_PIPES:
            subs = list(cast(Any, nlp.get_pipe(name)).pipe(subs, batch_size=batch_size))
        it = iter(subs)
        for doc, spans, flags, (_, context) in zip(docs, regions, starts, batch, strict=True):
            parsed = [next(it) for _ in spans]
            if not self._fill(doc, spans, parsed, flags):
                self.fallbacks += 1
                doc = self._full(doc.text)
            yield doc, context

    def _full(self, text: str) -> Doc:
        doc = self.nlp.make_doc(text)
        for name in (*PARSE_PIPES, NER_PIPE):
            doc = self.nlp.get_pipe(name)(doc)
        return doc

    def _regions(self, doc: Doc, flags: list[bool]) -> list[tuple[int, int, int, int]]:
        """(char start, char end, token start, token end) of each run of sentences to parse."""
        bounds = [i for i, f in enumerate(flags) if f or i == 0] + [len(doc)]
        sents = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1) if bounds[k] < bounds[k + 1]]
        text = doc.text
        inside = [(p.start, p.end) for p in pair_marks(text)]
        named = {t.i for e in doc.ents if e.label_ in NAME_LABELS for t in e}
        keep = []
        for s, e in sents:
            a, b = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
            keep.append(
                bool(MARKS.search(text, a, b))
                or any(ps < b and a < pe for ps, pe in inside)
                or any(i in named for i in range(s, e))
                or any(self._cue_word(doc, t.i, s) for t in doc[s:e])
            )
        chosen = list(keep)
        for k, flag in enumerate(keep):
            if flag:
                for j in range(max(0, k - self.context), k):
                    chosen[j] = True
        self.sentences += len(sents)
        self.parsed_sentences += sum(chosen)
        out: list[tuple[int, int, int, int]] = []
        for (s, e), flag in zip(sents, chosen, strict=True):
            if not flag:
                continue
            if out and out[-1][3] == s:
                out[-1] = (out[-1][0], doc[e - 1].idx + len(doc[e - 1]), out[-1][2], e)
            else:
                out.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), s, e))
        return out

    def _cue_word(self, doc: Doc, i: int, start: int) -> bool:
        word = doc[i].lower_
        if word in self.rules.words.strict_prep:  # « pour X, P »: taken only near a sentence start
            return i <= start + 2 or doc[i].text[:1].isupper() or doc[i - 1].is_punct
        return word in self.forms or word.startswith(self.stems)

    def _fill(
        self, doc: Doc, spans: list[tuple[int, int, int, int]], parsed: list[Doc], flags: list[bool]
    ) -> bool:
        """Copy the regions' parses into ``doc``; flat trees elsewhere. False when tokens do not line up."""
        n = len(doc)
        if n == 0:
            return True
        array = numpy.zeros((n, len(ATTRS)), dtype="int64")
        dep = doc.vocab.strings.add("dep")
        root = doc.vocab.strings.add("ROOT")
        covered = numpy.zeros(n, dtype=bool)
        for (a, _, s, e), sub in zip(spans, parsed, strict=True):
            if len(sub) != e - s or any(
                doc[s + k].idx != a + t.idx or len(doc[s + k]) != len(t) for k, t in enumerate(sub)
            ):
                return False
            array[s:e] = sub.to_array(ATTRS)
            covered[s:e] = True
        sent_root = 0
        for i in range(n):
            if covered[i]:
                continue
            if flags[i] or i == 0 or covered[i - 1]:
                sent_root = i
                array[i, 0], array[i, 1] = 0, root
            else:
                array[i, 0] = sent_root - i
                array[i, 1] = dep
        # negative head offsets wrap, as spaCy stores them
        doc.from_array(ATTRS, cast(Any, array.view("uint64")))
        return True
