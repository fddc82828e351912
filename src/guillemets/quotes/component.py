"""The spaCy component ``guillemets_quotes``: finds quotes, cues and speakers, resolves names, marks entities.

Built like spaCy's own ``SpanRuler``: ``match`` finds (rules of ``guillemets.quotes``), ``resolve``
names speakers and entities (``guillemets.speakers``), ``set_annotations`` writes SpanGroups (see
``guillemets.nlp.spans``); ``__call__`` runs the three. The language's rules are one ``Profile``
(``guillemets.rules``), saved with ``nlp.to_disk()`` and reloaded by ``nlp.from_disk()``; its version
is in the config. Nothing but primitives is stored on the Doc.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup, Token

from guillemets.nlp import spans as keys
from guillemets.quotes.cues import Found
from guillemets.quotes.direct import find_direct
from guillemets.quotes.impersonal import is_on, named_on
from guillemets.quotes.indirect import find_indirect
from guillemets.quotes.marks import MarkPair, pair_marks
from guillemets.quotes.mixed import combine
from guillemets.quotes.reportative import continue_reports
from guillemets.quotes.scorer import QuoteScorer
from guillemets.quotes.weak import weak_candidates
from guillemets.rules import Profile, RankerWeights, load_profile
from guillemets.rules.mentions import mention_span
from guillemets.rules.profile import RANKER, SCORER
from guillemets.speakers.entities import entity_spans, name_speakers, settle, split_affiliations
from guillemets.speakers.ranker import Attribution, Ranker, rerank
from guillemets.speakers.resolver import Resolver, RuleResolver

log = logging.getLogger(__name__)
QUOTE_PIPE = keys.QUOTE_PIPE


@dataclass(slots=True)
class Matches:
    """What ``match`` found: quotes (cue and speaker as token indexes) and the insides of quotation marks."""

    quotes: list[Found]
    inside: list[tuple[int, int]]
    dropped: list[Found] = field(default_factory=list)  # candidates the quote scorer dropped


@dataclass(slots=True)
class Resolution:
    """What ``resolve`` decided: a name per quote speaker, and the entity mentions with their names."""

    speaker_names: list[str | None]
    entities: list[Span]
    entity_names: list[str | None]


class QuoteFinder:
    """Callable component: quotes of three kinds with cue, speaker mention and canonical speaker name."""

    def __init__(
        self,
        rules: Profile,
        resolver: Resolver | None = None,
        spans_key: str = keys.QUOTES,
        ranker: Ranker | None = None,
    ):
        self.rules, self.spans_key = rules, spans_key
        self.resolver = resolver if resolver is not None else RuleResolver(rules)
        self.ranker = ranker  # learned choice of the name behind pronoun speakers (None: rules alone)
        self.scorer = QuoteScorer.from_weights(rules.scorer) if rules.scorer is not None else None

    def __call__(self, doc: Doc) -> Doc:
        matches = self.match(doc)
        self.set_annotations(doc, matches, self.resolve(doc, matches))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Each Doc in turn (the rules work per document; ``batch_size`` is spaCy's signature)."""
        for doc in docs:
            yield self(doc)

    def match(self, doc: Doc) -> Matches:
        """Direct, indirect and mixed quotes with their cues and speaker heads (no names yet).

        With a quote scorer, the weak candidates join the rules' and the scorer drops those below its
        threshold; without one, the rules' quotes stay as found.
        """
        found, pairs, inside = self.candidates(doc)
        if self.scorer is None:
            return Matches(found, inside)
        kept, dropped = self.scorer.decide(doc, found, pairs)
        return Matches(kept, inside, dropped)

    def candidates(
        self, doc: Doc, weak: bool | None = None
    ) -> tuple[list[Found], list[MarkPair], list[tuple[int, int]]]:
        """The rules' quotes (plus the weak candidates when ``weak``, by default when a scorer will weigh
        them), the mark pairs and their insides."""
        rules = self.rules
        split_affiliations(doc, rules)  # « le député RN X » read as one entity: the party, then X
        pairs = pair_marks(doc.text)
        direct = find_direct(doc, rules, pairs)
        inside = [(p.inner_start, p.inner_end) for p in pairs]
        indirect = find_indirect(doc, rules, inside)
        for q in direct + indirect:
            if q.cue is not None:
                q.cue_chars = (doc[q.cue[0]].idx, doc[q.cue[1] - 1].idx + len(doc[q.cue[1] - 1]))
        found = self._not_hearsay(doc, combine(doc.text, direct, indirect, pairs))
        found = continue_reports(doc, found, inside, rules)
        if self.scorer is not None if weak is None else weak:
            found += self._not_hearsay(doc, weak_candidates(doc, rules, pairs, found))
            found.sort(key=lambda q: (q.start, q.end))
        return found, pairs, inside

    def _not_hearsay(self, doc: Doc, found: list[Found]) -> list[Found]:
        """Without the quotes whose speaker is an anonymous « on » (« dit-on »), unless it is named."""
        rules = self.rules
        return [
            q
            for q in found
            if q.speaker is None or not is_on(doc[q.speaker], rules) or named_on(doc, q, rules)
        ]

    def resolve(self, doc: Doc, matches: Matches) -> Resolution:
        """Canonical names of the speakers and of the PER/ORG entities, from the resolver."""
        speakers = [doc[q.speaker] if q.speaker is not None else None for q in matches.quotes]
        heads_of_speakers = [s for s in speakers if s is not None]
        name_speakers(doc, heads_of_speakers)
        entities = entity_spans(doc)
        named = [e for e in entities if e.label_ in ("PER", "ORG")]  # places keep their text
        heads: list[Token] = heads_of_speakers + [e.root for e in named]
        quoted = matches.inside + [(q.start, q.end) for q in matches.quotes]  # reported speech: no antecedent
        names = iter(self.resolver.resolve(doc, heads, heads_of_speakers, quoted))
        speaker_names = [next(names) if s is not None else None for s in speakers]
        resolved = {e.start: name for e, name in zip(named, names, strict=True)}
        return Resolution(speaker_names, entities, [resolved.get(e.start) for e in entities])

    def set_annotations(self, doc: Doc, matches: Matches, resolution: Resolution) -> None:
        """Parallel SpanGroups (quotes, cues, speakers), the entities, and one --explain line per quote."""
        quote_spans, cue_spans, speaker_spans, reasons = [], [], [], []
        for q, name in zip(matches.quotes, resolution.speaker_names, strict=True):
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if span is None:
                continue
            quote_spans.append(span)
            cue_spans.append(doc[q.cue[0] : q.cue[1]] if q.cue else _empty(doc))
            head = doc[q.speaker] if q.speaker is not None else None
            speaker_spans.append(self._speaker_span(doc, head, name))
            reasons.append(q.explain())
        names = {n for n in resolution.speaker_names if n}
        settled = settle(resolution.entities, resolution.entity_names, names, self.rules)
        entities = [
            Span(doc, e.start, e.end, label=label, kb_id=name)
            for e, (label, name) in zip(resolution.entities, settled, strict=True)
        ]
        if self.ranker is not None:
            found = Attribution(quote_spans, speaker_spans, entities, matches.inside)
            speaker_spans, notes = rerank(doc, self.ranker, found, self.rules)
            for i, note in notes.items():
                reasons[i] += note
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=quote_spans)
        for key, group in (
            (keys.cue_key(self.spans_key), cue_spans),
            (keys.speaker_key(self.spans_key), speaker_spans),
        ):
            doc.spans[key] = SpanGroup(doc, name=key, spans=group)
        doc.spans[keys.ENTITIES] = SpanGroup(doc, name=keys.ENTITIES, spans=entities)
        doc.user_data[keys.EXPLAIN] = reasons
        doc.user_data[keys.DROPPED] = [f"{q.kind} {q.start}-{q.end} [{q.explain()}]" for q in matches.dropped]

    def _speaker_span(self, doc: Doc, head: Token | None, name: str | None) -> Span:
        if head is None:
            return _empty(doc)
        start, end = mention_span(head, self.rules)
        span = doc.char_span(start, end, alignment_mode="expand") or doc[head.i : head.i + 1]
        label = (
            "PER"
            if head.ent_type_ == "PER" or head.pos_ == "PRON"
            else "ORG"
            if head.ent_type_ == "ORG"
            else "MENTION"
        )
        return Span(doc, span.start, span.end, label=label, kb_id=name or "")

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the profile's files (lexicon, words, morphology, ranker weights) in ``path``."""
        self.rules.to_dir(Path(path))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuoteFinder:
        """Reload the saved profile: the pipeline finds the same quotes whatever data is installed."""
        rules = Profile.from_dir(self.rules.lang, Path(path))
        self.rules = rules
        if isinstance(self.resolver, RuleResolver):
            self.resolver = RuleResolver(rules)
        if self.ranker is not None and rules.ranker is not None:
            self.ranker = Ranker.from_weights(rules.ranker)
        self.scorer = QuoteScorer.from_weights(rules.scorer) if rules.scorer is not None else None
        return self


def _empty(doc: Doc) -> Span:
    return Span(doc, 0, 0, label=keys.NONE)


def quote_config(lang: str) -> dict[str, Any]:
    """The component's config for ``lang``: the profile and its version (saved with the pipeline)."""
    return {"lang": lang, "profile_version": load_profile(lang).version}


@Language.factory(
    QUOTE_PIPE,
    default_config={
        "lang": "fr",
        "spans_key": keys.QUOTES,
        "ranker": RANKER,
        "scorer": SCORER,
        "profile_version": "",
    },
    requires=["token.dep", "token.pos", "token.lemma", "token.morph", "doc.sents", "doc.ents"],
    assigns=["doc.spans"],
)
def make_quote_finder(
    nlp: Language,
    name: str,
    lang: str,
    spans_key: str,
    ranker: str,
    scorer: str,
    profile_version: str,
) -> QuoteFinder:
    """``ranker`` / ``scorer``: a file of the profile (``speaker_ranker.json`` / ``quote_scorer.json``), a
    path to weights, or "" (the rules alone name the speakers / decide which quotes stay)."""
    rules = load_profile(lang)
    if scorer == "":
        rules = rules.without_scorer()
    elif scorer != SCORER:
        rules = rules.with_scorer(Path(scorer).read_text("utf-8"), scorer)
    if ranker == "":
        rules = rules.without_ranker()
    elif ranker != RANKER:
        text = Path(ranker).read_text("utf-8")
        texts = {**dict(rules.texts), RANKER: text}
        rules = replace(
            rules, ranker=RankerWeights.from_json(text, ranker), texts=tuple(sorted(texts.items()))
        )
    if profile_version and profile_version != rules.version:
        log.warning(
            "guillemets_quotes: config names profile %s, installed is %s (a saved pipeline reloads its own)",
            profile_version,
            rules.version,
        )
    learned = Ranker.from_weights(rules.ranker) if rules.ranker is not None else None
    return QuoteFinder(rules, RuleResolver(rules), spans_key, learned)
