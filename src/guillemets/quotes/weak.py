"""Weak candidates: quotes the rules block or do not see, emitted only for the quote scorer to weigh.

Eight frames, each where the rules lose recall on unseen press (``docs/quotes.md``, fourth round):

- ``WEAK_DIRECT``: a quoted sentence (four words or more) that no direct rule attributes — no cue, not a
  colon, not a continuation; its speaker is a name after the quote behind a comma and a verb (an incise
  the direct rules turned down), else the person-like subject of its sentence, else the speaker of a
  close previous quote, else the subject of the previous sentence.
- ``WEAK_INCISE``: « P, a indiqué le ministre »: a lexicon cue in incise position, with an inverted
  subject and none before it, whose rule was stopped by a guard (a noun after the cue parsed as its
  object, a content that starts too early or ends too late).
- ``WEAK_INCISE_NOUN``: the same incise when the inverted subject is a noun the lexicon does not know as
  a person (« P, a expliqué une source policière »): a finite cue, then a noun with an article whose
  phrase closes the sentence.
- ``WEAK_AS_SAID``: a cue that points back to its content: « P. C'est ce qu'a annoncé X » (the sentence
  before), « Comme l'a rappelé X, P » and « P, comme le raconte X » (the rest of the sentence).
- ``WEAK_QUE``: « X a martelé que P »: a finite verb outside the lexicon whose ``que`` clause it governs,
  with a person-like subject.
- ``WEAK_OBJECT``, ``WEAK_REPORTATIVE``: an object holding a quoted fragment outside the cue's frames, and a
  report continued in the simple conditional (see their functions).
- ``WEAK_INFINITIVE``: « a annoncé mardi avoir réduit … »: a lexicon cue that takes a que clause (whatever
  its other frames) and an infinitive the parse makes its complement, past adverbs, a date or a phrase.

A weak candidate never overlaps a quote the rules found; without a scorer none is emitted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Token

from guillemets.quotes.clauses import content_start
from guillemets.quotes.cues import Found, cue_span, match_verb, strip_span, unglued
from guillemets.quotes.direct import TokenIndex, _clause_speaker, is_fragment
from guillemets.quotes.indirect import (
    QUE_WINDOW,
    _clause,
    _find_que,
    _inverted_subject,
    _np_end,
    _np_with_fragment,
    trigger_tokens,
)
from guillemets.quotes.marks import MarkPair
from guillemets.quotes.reasons import Reason
from guillemets.quotes.reportative import MAX_GAP
from guillemets.rules import Frame, Profile
from guillemets.rules.mentions import inverted_clitic, is_clitic, person_like, subject_of

_WORD = re.compile(r"[^\W_]+")
CLOSE = 400  # characters between a quote and the next for the next to take its speaker
STANDING_WORDS = 8  # a weak direct candidate this long that opens a sentence is a quoted sentence alone
_OPENING = "«“\"'‹ \t\u00a0\u202f"
_CLOSING = "»”\"'› \t\u00a0\u202f"


def stands_alone(text: str, start: int, end: int) -> bool:
    """The quoted words ``text[start:end]`` (inside their marks) are a sentence of ``STANDING_WORDS`` or
    more that opens a sentence or a paragraph (« … ». ¶ « Nous ne céderons rien sur ce point. »): a
    quoted sentence standing alone, read by the text, not the parse (which glues such sentences)."""
    if len(_WORD.findall(text[start:end])) < STANDING_WORDS:
        return False
    before = text[:start].rstrip(_OPENING)
    if not before or before[-1] == "\n":
        return True
    if before[-1] in "»”":  # « … a cédé. » « Nous … »: the quote before closed a sentence
        before = before.rstrip(_CLOSING)
    return bool(before) and before[-1] in ".!?…\n"


def weak_candidates(doc: Doc, rules: Profile, pairs: list[MarkPair], found: list[Found]) -> list[Found]:
    """Weak candidates of the five frames that overlap neither a found quote nor each other."""
    index = TokenIndex(doc)
    inside = [(p.inner_start, p.inner_end) for p in pairs]
    bounds = _Bounds(doc)
    cues = [
        (verb, hit)
        for verb in trigger_tokens(doc, rules.cues)
        if not any(s <= verb.idx < e for s, e in inside) and (hit := match_verb(verb, rules)) is not None
    ]
    taken = [(q.start, q.end) for q in found]
    out: list[Found] = []
    for cand in (
        *_unattributed_pairs(doc, index, rules, pairs, found, bounds),
        *_guarded_incises(doc, rules, inside, cues, bounds),
        *_unlisted_que(doc, rules, inside, bounds),
        *(_object_fragments(doc, rules, inside, cues, bounds) if inside else ()),
        *_conditional_reports(doc, index, rules, found, inside, bounds),
        *_governed_infinitives(doc, rules, cues, bounds),
        *_pointed_back(doc, rules, inside, cues, bounds),
    ):
        if cand.end <= cand.start or any(s < cand.end and cand.start < e for s, e in taken):
            continue
        taken.append((cand.start, cand.end))
        out.append(cand)
    return out


class _Bounds:
    """``sentence_bounds`` of one doc from arrays read once (the same ranges, without a copy per call)."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import IS_SPACE, SENT_START

        arr = doc.to_array([SENT_START, IS_SPACE]).tolist() if len(doc) else []
        self.n = len(doc)
        self.starts = [i for i, (start, _) in enumerate(arr) if start == 1]
        self.spaces = [i for i, (_, space) in enumerate(arr) if space == 1]
        self.breaks = sorted(set(self.starts) | set(self.spaces))

    def __call__(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, i) - 1
        start = self.starts[k] if k >= 0 else 0
        k = bisect.bisect_left(self.spaces, i) - 1  # the last paragraph break before i
        if k >= 0 and self.spaces[k] >= start:
            start = self.spaces[k] + 1
        k = bisect.bisect_right(self.breaks, i)
        end = self.breaks[k] if k < len(self.breaks) else self.n
        return start, end


def _unattributed_pairs(
    doc: Doc, index: TokenIndex, rules: Profile, pairs: list[MarkPair], found: list[Found], bounds: _Bounds
) -> Iterator[Found]:
    text = index.text
    ordered = sorted(found, key=lambda q: q.start)
    for pair in pairs:
        inner = pair.inner(text)
        if is_fragment(inner):
            continue
        open_tok = index.at(pair.start)
        s_start, _ = bounds(open_tok)
        speaker, how, follows = None, "", None
        named = _incise_name(doc, index, pair, rules)
        if named is not None:
            speaker, how = named.i, ", the name after the quote"
        if speaker is None and open_tok > s_start:
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
                follows = found.index(before[-1])
        if speaker is None and s_start > 0:
            p_start, _ = bounds(s_start - 1)
            tok = _clause_speaker(doc, p_start, s_start - 1, rules) if s_start - 1 > p_start else None
            speaker, how = (tok.i, ", subject of the previous sentence") if tok is not None else (None, "")
        yield Found(
            "direct",
            pair.inner_start,
            pair.inner_end,
            None,
            speaker,
            Reason.WEAK_DIRECT,
            how,
            follows=follows,
        )


INCISE_VERB = 4  # tokens between a closing mark and the verb of an incise (« », leur a dit …)
INCISE_NAME = 10  # tokens between that verb and the inverted subject's name (« l'évêque de X, Mgr Y »)
_STOPS = {".", "!", "?", "«", "»", ":", ";", '"', "“", "”"}


def _incise_name(doc: Doc, index: TokenIndex, pair: MarkPair, rules: Profile) -> Token | None:
    """« « … », s'insurge Ophélie, 38 ans » / « « … », leur a dit l'évêque de X, Mgr Y »: after the
    closing mark, a comma, a verb (any: the direct rules have turned down this incise) and a person's
    name in the same sentence (not after « à », « de », « contre »…), or the verb's inverted clitic (not
    « -on »): the speaker of a quoted sentence no rule
    attributes. The name's last token, as the direct incise rules give it."""
    if not pair.closed:
        return None
    i = index.after(pair.end)
    if i >= len(doc) or doc[i].text != ",":
        return None
    verb = None
    for j in range(i + 1, min(len(doc), i + 1 + INCISE_VERB)):
        tok = doc[j]
        if tok.pos_ == "VERB":
            verb = tok
            break
        if not (tok.pos_ in ("AUX", "ADV", "PRON") or is_clitic(tok, rules)):
            return None
    if verb is None:
        return None
    clitic = inverted_clitic(verb, rules)
    if clitic is not None:  # « », a-t-il dit: « il »; « », a-t-on appris: nobody named here
        return None if clitic.lower_.split("-")[-1] in rules.words.impersonal else clitic
    for j in range(verb.i + 1, min(len(doc), verb.i + 1 + INCISE_NAME)):
        tok = doc[j]
        if tok.text in _STOPS or "\n" in tok.text or tok.pos_ == "VERB":
            return None
        if tok.ent_type_ == "PER" and tok.ent_iob_ == "B":
            if doc[j - 1].lower_ in rules.words.source_case | rules.words.object_preposition:
                return None  # « à X », « auprès de X », « contre X »: who is told or spoken of
            k = j
            while k + 1 < len(doc) and doc[k + 1].ent_type_ == "PER" and doc[k + 1].ent_iob_ == "I":
                k += 1
            return doc[k]
    return None


def _guarded_incises(
    doc: Doc, rules: Profile, inside: list[tuple[int, int]], cues: list[tuple[Token, Any]], bounds: _Bounds
) -> Iterator[Found]:
    for verb, hit in cues:
        if not hit[0].allows(Frame.INCISE):
            continue
        s_start, _ = bounds(verb.i)
        cue = cue_span(verb, hit[1], rules)
        if cue[0] - s_start < 3 or doc[cue[0] - 1].text != ",":
            continue
        if any(c.dep_.startswith("nsubj") and c.i < verb.i for c in verb.children):
            continue  # « la FNSEA, premier syndicat, annonce … »: the subject is before, no incise
        speaker = inverted_clitic(verb, rules) or _inverted_subject(verb, cue[1], rules)
        why, detail = Reason.WEAK_INCISE, ""
        if speaker is None:
            speaker = _inverted_noun(doc, verb, cue[1], bounds(verb.i)[1])
            if speaker is None:
                continue
            why, detail = Reason.WEAK_INCISE_NOUN, speaker.text
        start, end = unglued(
            doc.text, *strip_span(doc, content_start(doc, s_start, cue[0] - 1), cue[0] - 1), after_cue=False
        )
        holds_marks = any(start <= s and e <= end + 1 for s, e in inside)
        kind = "mixed" if holds_marks else "indirect"
        yield Found(kind, start, end, cue, speaker.i, why, detail)


def _inverted_noun(doc: Doc, verb: Token, end: int, s_end: int) -> Token | None:
    """« P, a expliqué une source policière. »: right after the cue, a noun with a determiner that the
    parse makes the verb's subject or object and whose phrase closes the sentence (or its clause, before a
    comma): an inverted subject the lexicon does not know as a person."""
    finite = "Fin" in verb.morph.get("VerbForm", []) or any(c.dep_.startswith("aux") for c in verb.children)
    noun = next((c for c in verb.children if c.dep_ in ("nsubj", "obj") and c.i >= end), None)
    if not finite or noun is None or noun.pos_ != "NOUN":
        return None  # « …, dénonçant les images »: a bare participle after a comma is no incise
    if not any(c.dep_ == "det" and "Art" in c.morph.get("PronType", []) for c in noun.children):
        return None  # an article (« une source »), not a possessive (« défend son point »)
    if min(t.i for t in noun.subtree) != end:
        return None
    after = noun.right_edge.i + 1
    return noun if after >= s_end or doc[after].text in {".", ",", "!", "?", "…"} else None


def _unlisted_que(
    doc: Doc, rules: Profile, inside: list[tuple[int, int]], bounds: _Bounds
) -> Iterator[Found]:
    ques = [t.i for t in doc if t.lower_ in rules.words.complementiser]
    for que_at in ques:
        verb = next(
            (
                doc[j]
                for j in range(que_at - 1, max(-1, que_at - QUE_WINDOW - 1), -1)
                if doc[j].pos_ == "VERB"
            ),
            None,
        )
        if verb is None or verb.lemma_ in rules.words.auxiliary:
            continue
        if any(s <= verb.idx < e for s, e in inside) or match_verb(verb, rules) is not None:
            continue
        _, s_end = bounds(verb.i)
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


def _object_fragments(
    doc: Doc, rules: Profile, inside: list[tuple[int, int]], cues: list[tuple[Token, Any]], bounds: _Bounds
) -> Iterator[Found]:
    """« a exprimé sur Twitter la solidarité de la « nation » »: a lexicon cue, whatever its frames, and
    an object holding a quoted fragment within a few words after it (a short phrase may come between)."""
    for verb, hit in cues:
        _, s_end = bounds(verb.i)
        if not any(verb.idx < s < doc[s_end - 1].idx for s, _ in inside):
            continue  # no quoted fragment after the cue in its sentence
        cue = cue_span(verb, hit[1], rules)
        j = cue[1]
        while j < min(s_end, cue[1] + 8):
            tok = doc[j]
            if tok.text in {",", ".", ";", ":"}:
                break
            if tok.pos_ == "ADV":
                j += 1
                continue
            if tok.pos_ == "ADP" and tok.lower_ not in rules.words.object_preposition:
                j = max(j + 1, tok.head.right_edge.i + 1)  # « à la radio »: a phrase before the object
                continue
            start = j + 1 if tok.lower_ in rules.words.object_preposition else j
            if start < s_end and _np_with_fragment(
                doc, start, _np_end(doc, start, s_end, rules), inside, rules
            ):
                found = _clause(doc, verb, cue, start, s_end, rules, Reason.WEAK_OBJECT)
                if found is not None:
                    found.kind, found.detail = "mixed", verb.text
                    yield found
            break


def _conditional_reports(
    doc: Doc,
    index: TokenIndex,
    rules: Profile,
    found: list[Found],
    inside: list[tuple[int, int]],
    bounds: _Bounds,
) -> Iterator[Found]:
    """« Selon la police, X a fui. Il serait blessé. »: the next sentence of a report, in the same
    paragraph, with a verb in the conditional (simple or compound) and no quote or first person."""
    text = index.text
    for n, q in enumerate(found):
        if q.speaker is None:
            continue
        _, end = bounds(index.at(max(q.start, q.end - 1)))
        if end >= len(doc) or doc[end].is_space:
            continue  # the end of the text, or a paragraph break
        sent = doc[slice(*bounds(end))]
        gap = text[q.end : sent.start_char]
        if "\n" in gap or len(gap) > MAX_GAP:
            continue
        if any(s < sent.end_char and sent.start_char < e for s, e in inside):
            continue
        if any(t.lower_ in rules.words.speaking_person for t in sent):
            continue
        if not any("Cnd" in t.morph.get("Mood", []) for t in (sent.root, *sent.root.children)):
            continue
        start, end = strip_span(doc, sent.start, sent.end)
        yield Found("indirect", start, end, None, q.speaker, Reason.WEAK_REPORTATIVE, follows=n)


GAP = 6  # tokens between a cue and the infinitive it governs


def _governed_infinitives(
    doc: Doc, rules: Profile, cues: list[tuple[Token, Any]], bounds: _Bounds
) -> Iterator[Found]:
    """« a annoncé mardi avoir réduit … », « confirme ne pas vouloir … »: a lexicon cue that takes a que
    clause, whatever its other frames, and an infinitive the parse makes its complement, a few words after
    it past adverbs, a date or a short phrase (no punctuation, no other verb); the negation and clitics
    before it belong to it."""
    words = rules.words
    for verb, hit in cues:
        if not hit[0].allows(Frame.QUE):
            continue  # « continue de suivre »: a cue of incises only reports no content it governs
        cue = cue_span(verb, hit[1], rules)
        _, s_end = bounds(verb.i)
        inf = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("xcomp", "ccomp", "obj")
                and cue[1] <= c.i < min(s_end, cue[1] + GAP)
                and c.pos_ in ("VERB", "AUX")
                and "Inf" in c.morph.get("VerbForm", [])
            ),
            None,
        )
        if inf is None:
            continue
        start = inf.i
        while start - 1 >= cue[1] and doc[start - 1].lower_ in words.infinitive_left | words.infinitive_mark:
            start -= 1
        while start < inf.i and doc[start].lower_ in words.infinitive_mark:
            start += 1  # « a appelé à se mobiliser »: the content starts after « à »
        gap = doc[cue[1] : start]
        if any(t.is_punct or t.pos_ in ("VERB", "SCONJ") or t.lower_ in words.clause_opener for t in gap):
            continue
        found = _clause(doc, verb, cue, start, s_end, rules, Reason.WEAK_INFINITIVE)
        if found is not None:
            found.detail = verb.text
            yield found


def _pointed_back(
    doc: Doc, rules: Profile, inside: list[tuple[int, int]], cues: list[tuple[Token, Any]], bounds: _Bounds
) -> Iterator[Found]:
    """« P. C'est ce qu'a annoncé X. », « Comme l'a rappelé X, P. », « P, comme le raconte X. »."""
    for verb, hit in cues:
        s_start, s_end = bounds(verb.i)
        cue = cue_span(verb, hit[1], rules)
        speaker = _inverted_subject(verb, cue[1], rules) or _inverted_noun(doc, verb, cue[1], s_end)
        if speaker is None:
            continue
        span, words = None, rules.words
        k = cue[0] - 1
        while k > s_start and doc[k].lower_ in words.as_said_clitic:
            k -= 1
        before = doc[k - 1].lower_ if k - 1 >= s_start else ""
        if doc[k].lower_ in words.complementiser and before in words.que_object:  # « ce qu'a dit X »
            if k - 1 - s_start <= 2 and s_start > 0:  # « C'est ce qu'a annoncé X »: the sentence before
                j = s_start - 1
                while j > 0 and doc[j].is_space:
                    j -= 1
                p_start, p_end = bounds(j)
                if p_end - p_start >= 4:
                    span = strip_span(doc, p_start, p_end)
        elif doc[k].lower_ in words.as_said and k < cue[0] - 1:
            if k - s_start <= 1:  # « Comme l'a rappelé X, P »: after the comma that closes X
                edge = speaker.right_edge.i  # the parse may hang the closing comma on X
                comma = next((j for j in range(edge, s_end) if doc[j].text == ","), None)
                if comma is not None and s_end - comma > 4:
                    span = strip_span(doc, comma + 1, s_end)
            elif doc[k - 1].text == "," and k - 1 - s_start >= 3:  # « P, comme le raconte X »
                span = strip_span(doc, content_start(doc, s_start, k - 1), k - 1)
        if span is None or span[1] <= span[0]:
            continue
        kind = "mixed" if any(span[0] <= s and e <= span[1] + 1 for s, e in inside) else "indirect"
        yield Found(kind, span[0], span[1], cue, speaker.i, Reason.WEAK_AS_SAID, doc[cue[0] : cue[1]].text)
