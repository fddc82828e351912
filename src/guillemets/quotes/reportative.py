"""Reports continued in the reportative conditional: « Selon la police, X a fui. Il aurait été aidé. »

French press marks reported, unconfirmed facts with the conditional perfect (« aurait percuté »,
« seraient arrêtés »): a sentence of that shape right after a report, in the same paragraph and with
no cue of its own, goes on reporting the same source. Only the compound conditional (an auxiliary
« avoir » or « être » in the conditional with a participle) counts: a bare « pourrait » or « devrait »
is the writer's own hedge as often as a report.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from guillemets.quotes.cues import Found, strip_span
from guillemets.quotes.reasons import Reason
from guillemets.rules import Profile

MAX_GAP = 60  # characters between a report and the next sentence: its final mark, an incise « , a-t-il dit. »


def continue_reports(
    doc: Doc, found: list[Found], inside: list[tuple[int, int]], rules: Profile
) -> list[Found]:
    """``found`` plus the sentences that continue a report in the reportative conditional, in text order."""
    out = sorted(found, key=lambda q: (q.start, q.end))
    sents, text = _sentences(doc), doc.text
    firsts = [doc[s].idx for s, _ in sents]
    i = 0
    while i < len(out):
        q = out[i]
        nxt = _next_sentence(doc, sents, firsts, max(q.start, q.end - 1))
        if q.speaker is not None and nxt is not None and _continues(text, nxt, out, inside, q.end, rules):
            start, end = strip_span(doc, nxt.start, nxt.end)
            out.insert(
                i + 1,
                Found(
                    "indirect",
                    start,
                    end,
                    None,
                    q.speaker,
                    Reason.REPORTATIVE,
                    follows=i,
                ),
            )
        i += 1
    return out


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences, cut at paragraph breaks (whitespace tokens stand alone)."""
    out: list[tuple[int, int]] = []
    start = 0
    for t in doc:
        if t.is_space or (t.is_sent_start and t.i > start):
            if t.i > start:
                out.append((start, t.i))
            start = t.i + 1 if t.is_space else t.i
            if t.is_space:
                out.append((t.i, t.i + 1))
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def _next_sentence(doc: Doc, sents: list[tuple[int, int]], firsts: list[int], end_char: int) -> Span | None:
    """The sentence after the one holding character ``end_char``, in the same paragraph."""
    k = bisect.bisect_right(firsts, end_char) - 1
    if k < 0 or k + 1 >= len(sents):
        return None
    start, stop = sents[k + 1]
    if doc[start].is_space:
        return None  # a paragraph break
    return doc[start:stop]


def _continues(
    text: str, sent: Span, found: list[Found], inside: list[tuple[int, int]], end: int, rules: Profile
) -> bool:
    gap = text[end : sent.start_char]
    if "\n" in gap or len(gap) > MAX_GAP:
        return False  # another paragraph, or more than an incise between the report and this sentence
    if any(q.start < sent.end_char and sent.start_char < q.end for q in found):
        return False  # the sentence already holds a quote
    if any(s <= sent.start_char < e or s < sent.end_char <= e for s, e in inside):
        return False
    if any(t.lower_ in rules.words.speaking_person for t in sent):
        return False  # a first- or second-person sentence is the writer's own or quoted speech, not a report
    return _compound_conditional(sent.root, rules)


def _compound_conditional(root: Token, rules: Profile) -> bool:
    """The main verb is a participle whose auxiliary « avoir » / « être » is in the conditional."""
    if root.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    return any(
        (c.dep_.startswith("aux") or c.dep_ == "cop")
        and c.lemma_ in rules.words.auxiliary
        and "Cnd" in c.morph.get("Mood", [])
        for c in root.children
    )
