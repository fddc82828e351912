"""The spaCy component ``guillemets_quotes``: finds quotes, cues and speakers, resolves names, marks entities.

Results go into SpanGroups (see ``guillemets.nlp.spans``); nothing but primitives is stored on the Doc.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup, Token

from guillemets.nlp import spans as keys
from guillemets.quotes.direct import find_direct
from guillemets.quotes.impersonal import is_on, named_on
from guillemets.quotes.indirect import find_indirect
from guillemets.quotes.lexicon import Lexicon, MentionWords, load_cues, load_mention_words
from guillemets.quotes.marks import pair_marks
from guillemets.quotes.mixed import combine
from guillemets.quotes.reportative import continue_reports
from guillemets.speakers.entities import entity_spans, settle
from guillemets.speakers.mentions import mention_span
from guillemets.speakers.ranker import Ranker, load_ranker, rerank
from guillemets.speakers.resolver import Resolver, RuleResolver


class QuoteFinder:
    """Callable component: quotes of three kinds with cue, speaker mention and canonical speaker name."""

    def __init__(
        self,
        lexicon: Lexicon,
        words: MentionWords,
        resolver: Resolver,
        spans_key: str = keys.QUOTES,
        ranker: Ranker | None = None,
    ):
        self.lexicon, self.words, self.resolver, self.spans_key = lexicon, words, resolver, spans_key
        self.ranker = ranker  # learned choice of the name behind pronoun speakers (None: rules alone)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        pairs = pair_marks(text)
        direct = find_direct(doc, self.lexicon, self.words, pairs)
        inside = [(p.inner_start, p.inner_end) for p in pairs]
        doc.user_data[keys.MARKS] = inside
        indirect = find_indirect(doc, self.lexicon, self.words, inside)
        for q in direct + indirect:
            if q.cue is not None:
                q.cue_chars = (doc[q.cue[0]].idx, doc[q.cue[1] - 1].idx + len(doc[q.cue[1] - 1]))
        found = combine(text, direct, indirect, pairs)
        found = [q for q in found if q.speaker is None or not is_on(doc[q.speaker]) or named_on(doc, q)]
        found = continue_reports(doc, found, inside)
        doc.user_data[keys.REPORTED] = [(q.start, q.end) for q in found]
        speakers = [doc[q.speaker] if q.speaker is not None else None for q in found]
        entities = entity_spans(doc)
        named = [e for e in entities if e.label_ in ("PER", "ORG")]  # places keep their text
        heads: list[Token] = [s for s in speakers if s is not None] + [e.root for e in named]
        names = iter(self.resolver.resolve(doc, heads, [s for s in speakers if s is not None]))
        speaker_names = [next(names) if s is not None else None for s in speakers]
        resolved = {e.start: name for e, name in zip(named, names, strict=True)}
        entity_names = [resolved.get(e.start) for e in entities]
        quote_spans, cue_spans, speaker_spans, reasons = [], [], [], []
        for q, head, name in zip(found, speakers, speaker_names, strict=True):
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if span is None:
                continue
            quote_spans.append(span)
            cue_spans.append(doc[q.cue[0] : q.cue[1]] if q.cue else _empty(doc))
            speaker_spans.append(self._speaker_span(doc, head, name))
            reasons.append(q.rule)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=quote_spans)
        doc.spans[keys.CUES] = SpanGroup(doc, name=keys.CUES, spans=cue_spans)
        doc.spans[keys.SPEAKERS] = SpanGroup(doc, name=keys.SPEAKERS, spans=speaker_spans)
        settled = settle(entities, entity_names, {n for n in speaker_names if n})
        doc.spans[keys.ENTITIES] = SpanGroup(
            doc,
            name=keys.ENTITIES,
            spans=[
                Span(doc, e.start, e.end, label=label, kb_id=name)
                for e, (label, name) in zip(entities, settled, strict=True)
            ],
        )
        doc.user_data[keys.EXPLAIN] = reasons
        if self.ranker is not None:
            rerank(doc, self.ranker)
        return doc

    def _speaker_span(self, doc: Doc, head: Token | None, name: str | None) -> Span:
        if head is None:
            return _empty(doc)
        start, end = mention_span(head, self.words)
        span = doc.char_span(start, end, alignment_mode="expand") or doc[head.i : head.i + 1]
        label = (
            "PER"
            if head.ent_type_ == "PER" or head.pos_ == "PRON"
            else "ORG"
            if head.ent_type_ == "ORG"
            else "MENTION"
        )
        return Span(doc, span.start, span.end, label=label, kb_id=name or "")


def _empty(doc: Doc) -> Span:
    return Span(doc, 0, 0, label=keys.NONE)


@Language.factory(
    "guillemets_quotes",
    default_config={
        "lexicon": "cues_fr.tsv",
        "mention_words": "mentions_fr.tsv",
        "spans_key": keys.QUOTES,
        "ranker": "speaker_ranker.json",
    },
)
def make_quote_finder(
    nlp: Language, name: str, lexicon: str, mention_words: str, spans_key: str, ranker: str
) -> QuoteFinder:
    words = load_mention_words(mention_words)
    learned = load_ranker(ranker) if ranker else None
    return QuoteFinder(load_cues(lexicon), words, RuleResolver(words), spans_key, learned)
