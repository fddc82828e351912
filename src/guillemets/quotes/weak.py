"""Weak candidates: quotes the rules block or do not see, emitted only for the quote scorer to weigh.

Three frames, each where the rules lose recall on unseen press (``docs/quotes.md``, fourth round):

- ``WEAK_DIRECT``: a quoted sentence (four words or more) that no direct rule attributes — no cue, not a
  colon, not a continuation; its speaker is the person-like subject of its sentence, else the speaker of
  a close previous quote, else the subject of the previous sentence.
- ``WEAK_INCISE``: « P, a indiqué le ministre »: a lexicon cue in incise position, with an inverted
  subject and none before it, whose rule was stopped by a guard (a noun after the cue parsed as its
  object, a content that starts too early or ends too late).
- ``WEAK_QUE``: « X a martelé que P »: a finite verb outside the lexicon whose ``que`` clause it governs,
  with a person-like subject.

A weak candidate never overlaps a quote the rules found; without a scorer none is emitted.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from guillemets.quotes.clauses import content_start
from guillemets.quotes.cues import Found, cue_span, match_verb, sentence_bounds, strip_span
from guillemets.quotes.direct import TokenIndex, _clause_speaker, is_fragment
from guillemets.quotes.indirect import _clause, _find_que, _inverted_subject, trigger_tokens
from guillemets.quotes.marks import MarkPair
from guillemets.quotes.reasons import Reason
from guillemets.rules import Frame, Profile
from guillemets.rules.mentions import inverted_clitic, person_like, subject_of

CLOSE = 400  # characters between a quote and the next for the next to take its speaker


def weak_candidates(doc: Doc, rules: Profile, pairs: list[MarkPair], found: list[Found]) -> list[Found]:
    """Weak candidates of the three frames that overlap neither a found quote nor each other."""
    index = TokenIndex(doc)
    inside = [(p.inner_start, p.inner_end) for p in pairs]
    taken = [(q.start, q.end) for q in found]
    out: list[Found] = []
    for cand in (
        *_unattributed_pairs(doc, index, rules, pairs, found),
        *_guarded_incises(doc, rules, inside),
        *_unlisted_que(doc, rules, inside),
    ):
        if cand.end <= cand.start or any(s < cand.end and cand.start < e for s, e in taken):
            continue
        taken.append((cand.start, cand.end))
        out.append(cand)
    return out


def _unattributed_pairs(
    doc: Doc, index: TokenIndex, rules: Profile, pairs: list[MarkPair], found: list[Found]
) -> Iterator[Found]:
    text = index.text
    ordered = sorted(found, key=lambda q: q.start)
    for pair in pairs:
        inner = pair.inner(text)
        if is_fragment(inner):
            continue
        open_tok = index.at(pair.start)
        s_start, _ = sentence_bounds(doc, open_tok)
        speaker, how = None, ""
        if open_tok > s_start:
            tok = _clause_speaker(doc, s_start, open_tok, rules)
            speaker, how = (tok.i, ", subject of its sentence") if tok is not None else (None, "")
        if speaker is None:
            before = [q for q in ordered if q.end <= pair.start and q.speaker is not None]
            if (
                before
                and pair.start - before[-1].end < CLOSE
                and text.count("\n\n", before[-1].end, pair.start) <= 1
            ):
                speaker, how = before[-1].speaker, ", speaker of the previous quote"
        if speaker is None and s_start > 0:
            p_start, _ = sentence_bounds(doc, s_start - 1)
            tok = _clause_speaker(doc, p_start, s_start - 1, rules) if s_start - 1 > p_start else None
            speaker, how = (tok.i, ", subject of the previous sentence") if tok is not None else (None, "")
        yield Found("direct", pair.inner_start, pair.inner_end, None, speaker, Reason.WEAK_DIRECT, how)


def _guarded_incises(doc: Doc, rules: Profile, inside: list[tuple[int, int]]) -> Iterator[Found]:
    for verb in trigger_tokens(doc, rules.cues):
        if any(s <= verb.idx < e for s, e in inside):
            continue
        hit = match_verb(verb, rules)
        if hit is None or not hit[0].allows(Frame.INCISE):
            continue
        s_start, _ = sentence_bounds(doc, verb.i)
        cue = cue_span(verb, hit[1], rules)
        if cue[0] - s_start < 3 or doc[cue[0] - 1].text != ",":
            continue
        if any(c.dep_.startswith("nsubj") and c.i < verb.i for c in verb.children):
            continue  # « la FNSEA, premier syndicat, annonce … »: the subject is before, no incise
        speaker = inverted_clitic(verb, rules) or _inverted_subject(verb, cue[1], rules)
        if speaker is None:
            continue
        start, end = strip_span(doc, content_start(doc, s_start, cue[0] - 1), cue[0] - 1)
        holds_marks = any(start <= s and e <= end + 1 for s, e in inside)
        kind = "mixed" if holds_marks else "indirect"
        yield Found(kind, start, end, cue, speaker.i, Reason.WEAK_INCISE)


def _unlisted_que(doc: Doc, rules: Profile, inside: list[tuple[int, int]]) -> Iterator[Found]:
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_ in rules.words.auxiliary:
            continue
        if any(s <= verb.idx < e for s, e in inside) or match_verb(verb, rules) is not None:
            continue
        _, s_end = sentence_bounds(doc, verb.i)
        que = _find_que(doc, verb.i + 1, s_end, rules)
        if que is None or doc[que].head.head != verb or doc[que].head.dep_ != "ccomp":
            continue
        subject = subject_of(verb, rules)
        if subject is None or not person_like(subject, rules):
            continue
        cue = cue_span(verb, verb.i + 1, rules)
        found = _clause(doc, verb, cue, que + 1, s_end, rules, Reason.WEAK_QUE)
        if found is not None:
            found.detail = verb.text
            yield found
