"""Where a reported clause starts and ends: after a short connector, before the next report."""

from __future__ import annotations

from spacy.tokens import Doc

from guillemets.quotes.cues import match_verb
from guillemets.rules import Profile

CLOSING = frozenset({"»", "”", '"'})  # closing quotation marks
CONNECTOR_MAX = 4  # a sentence-initial « Mais entre temps, » is not part of the content


def content_start(doc: Doc, s_start: int, limit: int) -> int:
    """First token of a sentence's content: after a date line « 31 octobre 2012. - » and a short connector."""
    j = s_start
    while j < limit and (doc[j].is_space or doc[j].text in {"-", "–", "—", "»", '"', ":"}):
        j += 1
    for k in range(j, min(limit, j + CONNECTOR_MAX + 1)):
        if doc[k].text == ",":
            if (
                all(t.pos_ in ("ADV", "CCONJ", "ADP", "DET", "NOUN", "ADJ", "PRON") for t in doc[j:k])
                and not any(t.pos_ == "VERB" for t in doc[j:k])
                and not any(t.pos_ in ("PROPN",) for t in doc[j:k])
            ):
                return k + 1
            break
    return j


def cut_before_next_report(doc: Doc, start: int, s_end: int, rules: Profile) -> int:
    """End of a content starting at ``start``: the sentence end, or the last comma before another report."""
    words = rules.words
    for j in range(start + 2, s_end):
        tok = doc[j]
        if tok.text == "," and _new_clause(doc, j + 1, s_end, rules) and _has_verb(doc, start, j):
            return j
        hit = match_verb(tok, rules)
        if hit is None:
            continue
        k = j - 1
        while k > start and (doc[k].pos_ in ("AUX", "ADV") or doc[k].text == ","):
            k -= 1
        if doc[k].lower_ in words.report_conjunction and k > start + 1:
            return k  # « a condamné le crime et estimé que … »: a second report
        participle = "Part" in tok.morph.get("VerbForm", []) and not any(
            c.dep_.startswith("aux") for c in tok.children
        )
        if doc[j - 1].text == "," and (participle or tok.morph.get("VerbForm", []) == ["Ger"]):
            return j - 1
        if doc[j - 1].lower_ in words.gerund_mark and j - 1 > start + 1:  # « …, en évoquant une source »
            return j - 2 if doc[j - 2].text == "," else j - 1
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is not None and subject.i > start:
            left = subject.left_edge.i
            if left - 1 > start + 1 and doc[left - 1].lower_ in words.report_conjunction:
                return left - 1  # « que P et ils auraient parlé de Q »: the conjunction ends P
            comma = _last_comma(doc, start + 2, left)
            if comma is not None:
                return comma
    return s_end


def _new_clause(doc: Doc, j: int, s_end: int, rules: Profile) -> bool:
    """« …, il a rejeté … »: a subject pronoun and a finite verb start a new main clause."""
    if j + 1 >= s_end or doc[j].lower_ not in rules.words.subject_clitic:
        return False
    k = j + 1
    while k < s_end and doc[k].lower_ in rules.words.preverbal_clitic:
        k += 1
    return k < s_end and doc[k].pos_ in ("AUX", "VERB") and "Fin" in doc[k].morph.get("VerbForm", [])


def _has_verb(doc: Doc, start: int, end: int) -> bool:
    """« que, comme lui, elle avait … »: words with no verb before a comma are a phrase fronted in the
    content, not a clause a new report or main clause may follow."""
    return any(t.pos_ in ("VERB", "AUX") for t in doc[start:end])


def _last_comma(doc: Doc, lo: int, hi: int) -> int | None:
    for j in range(hi - 1, lo - 1, -1):
        if doc[j].text in {",", ";", "–", "—"}:
            return j
    return None
