"""Indirect quotes: a cue and the clause it reports.

Verb cues take a ``que`` clause (a déclaré que P), an infinitive (a promis de P), or stand
as an inverted incise after the content (P, a indiqué la police). Prepositional cues frame
a clause (Selon X, P / P, selon X / Pour X, P / À ses yeux, P). Content runs to the end of
the sentence, cut before another reporting event (…, au moment où Y a suggéré que …).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from guillemets.quotes.cues import QUE, Found, cue_span, is_clitic, match_verb, sentence_bounds, strip_span
from guillemets.quotes.lexicon import Lexicon, MentionWords, prep_words
from guillemets.speakers.mentions import (
    POSSESSIVES,
    PRONOUNS,
    inverted_clitic,
    nearest_right,
    person_like,
    subject_of,
)

QUE_WINDOW = 8  # tokens between a cue and its « que » (a assuré à Vladimir Poutine que)
CONNECTOR_MAX = 4  # a sentence-initial « Mais entre temps, » is not part of the content
INF_MARKS = frozenset({"de", "d'", "d’", "à"})
INF_LEFT = frozenset(
    {"ne", "n'", "n’", "pas", "plus", "jamais", "se", "s'", "s’", "y", "en", "le", "la", "les", "l'", "l’"}
    | {"lui", "leur", "me", "m'", "m’", "te", "nous", "vous", "point", "rien"}
)
DE_WORDS = frozenset({"de", "d'", "d’", "du", "des"})
CLOSING = frozenset({"»", "”", '"'})
RELATIVES = frozenset({"lequel", "laquelle", "lesquels", "lesquelles"})


def find_indirect(
    doc: Doc, lexicon: Lexicon, words: MentionWords, inside: list[tuple[int, int]]
) -> list[Found]:
    """Indirect quotes from verb cues and prepositional cues, outside the given quoted ranges."""
    out: list[Found] = []
    for tok in trigger_tokens(doc, lexicon):
        if _inside(tok.idx, inside):
            continue
        hit = match_verb(tok, lexicon)
        if hit is not None:
            found = _verb_quote(doc, tok, hit[0].frames, hit[1], lexicon, words, inside)
            if found is not None:
                out.append(found)
            continue
        found = _prep_quote(doc, tok, lexicon, words)
        if found is not None:
            out.append(found)
    return out


def trigger_tokens(doc: Doc, lexicon: Lexicon) -> list[Token]:
    """Tokens whose lemma or lower-cased form may start a cue (a pre-filter on the Doc's attribute array)."""
    from spacy.attrs import LEMMA, LOWER

    if not len(doc):
        return []
    keys = _trigger_keys(lexicon, doc)
    rows = doc.to_array([LEMMA, LOWER]).tolist()
    return [doc[i] for i, (lemma, lower) in enumerate(rows) if lemma in keys or lower in keys]


_KEYS: dict[tuple[int, int], frozenset[int]] = {}


def _trigger_keys(lexicon: Lexicon, doc: Doc) -> frozenset[int]:
    """Hashes of the trigger words in this vocabulary, computed once per (lexicon, vocabulary)."""
    key = (id(lexicon), id(doc.vocab.strings))
    if key not in _KEYS:
        strings = doc.vocab.strings
        _KEYS[key] = frozenset(strings.add(w) for w in lexicon.triggers)
    return _KEYS[key]


def _inside(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in ranges)


def _verb_quote(
    doc: Doc,
    verb: Token,
    frames: frozenset[str],
    end: int,
    lexicon: Lexicon,
    words: MentionWords,
    marks: list[tuple[int, int]],
) -> Found | None:
    s_start, s_end = sentence_bounds(doc, verb.i)
    cue = cue_span(verb, end)
    if "que" in frames:
        que = _find_que(doc, cue[1], s_end)
        if que is not None:
            return _clause(doc, verb, cue, que + 1, s_end, lexicon, words, "indirect: cue + que clause")
    if "inf" in frames:
        inf = _find_infinitive(doc, cue[1], s_end)
        if inf is not None:
            while inf - 1 >= cue[1] and doc[inf - 1].lower_ in INF_LEFT:
                inf -= 1  # « a appelé à ne pas se mobiliser »: negation and clitics belong to the content
            return _clause(doc, verb, cue, inf, s_end, lexicon, words, "indirect: cue + infinitive")
    if "incise" in frames:
        found = _incise(doc, verb, cue, s_start, s_end, words)
        if found is not None:
            return found
    if "pred" in frames:
        found = _predicative(doc, verb, cue, words)
        if found is not None:
            return found
    if "np" in frames and _np_with_fragment(doc, cue[1], _np_end(doc, cue[1], s_end, lexicon), marks):
        return _clause(
            doc, verb, cue, cue[1], s_end, lexicon, words, "mixed: cue + object holding a quoted fragment"
        )
    return None


def _predicative(doc: Doc, verb: Token, cue: tuple[int, int], words: MentionWords) -> Found | None:
    """« a jugé les propositions insuffisantes »: an object and the adjective judging it (frame ``pred``)."""
    obj = next((c for c in verb.children if c.dep_ == "obj" and c.i >= cue[1]), None)
    if obj is None:
        return None
    tokens = sorted(t.i for t in obj.subtree)
    adjectives = [
        c for c in verb.children if c.pos_ == "ADJ" and cue[1] <= c.i < obj.i
    ]  # « jugé « X » les … »
    last = doc[tokens[-1]]
    while last.is_punct and last.i > obj.i:
        last = doc[last.i - 1]
    if not adjectives and not (last.pos_ == "ADJ" and last.dep_ == "amod" and last.i > obj.i):
        return None
    start = min([tokens[0], *(a.i for a in adjectives)])
    if start > cue[1] and doc[start - 1].text in ("«", "“", '"'):
        start -= 1  # the quoted adjective keeps its opening mark: the report is mixed
    c_start, c_end = strip_span(doc, start, tokens[-1] + 1)
    if c_end <= c_start:
        return None
    speaker = subject_of(verb, words)
    rule = "indirect: cue + object and predicative adjective" + frame_name(verb)
    return Found("indirect", c_start, c_end, cue, speaker.i if speaker else None, rule)


def _find_que(doc: Doc, start: int, s_end: int) -> int | None:
    for j in range(start, min(s_end, start + QUE_WINDOW)):
        tok = doc[j]
        if tok.lower_ in QUE:
            return j
        if tok.text in {".", ";", ":", "«", "»", '"', "("} or (tok.pos_ == "VERB" and j > start):
            return None
        if tok.lower_ == "ce" and doc[j - 1].lower_ != "à":  # « a expliqué ce que » is an object
            return None  # (but « a appelé à ce que » is a clause)
    return None


def _find_infinitive(doc: Doc, start: int, s_end: int) -> int | None:
    for j in range(start, min(s_end, start + 10)):
        tok = doc[j]
        if tok.pos_ in ("VERB", "AUX") and "Inf" in tok.morph.get("VerbForm", []):
            return (
                j
                if j == start or doc[j - 1].lower_ in INF_MARKS or doc[j - 1].pos_ in ("ADV", "PRON")
                else None
            )
        if tok.text in {".", ";", ":", ",", "«", "»", '"'} or tok.pos_ in ("VERB", "SCONJ"):
            return None
        if tok.lower_ in ("qui", "que", "qu'", "qu’", "dont"):
            return None  # « estime Berne qui se rallie … »: a relative clause, not a complement
    return None


def _np_end(doc: Doc, start: int, s_end: int, lexicon: Lexicon) -> int:
    end = cut_before_next_report(doc, start, s_end, lexicon)
    return next((j for j in range(start, end) if doc[j].text in {":", ";", ".", "!", "?"}), end)


def _np_with_fragment(doc: Doc, start: int, s_end: int, marks: list[tuple[int, int]]) -> bool:
    """An object noun phrase right after the cue, and a quoted fragment later in the sentence."""
    if start < s_end and doc[start].text in ("«", "“", '"'):  # « a reconnu « une vingtaine » de vols »:
        close = next((j for j in range(start + 1, s_end) if doc[j].text in CLOSING), None)  # the fragment
        return close is not None and close + 1 < s_end and doc[close + 1].lower_ in DE_WORDS  # opens it
    if start >= s_end or doc[start].pos_ not in ("DET", "NOUN", "ADJ", "PROPN", "NUM"):
        return False
    lo, hi = doc[start].idx, doc[s_end - 1].idx
    return any(lo < s < hi for s, _ in marks)


def _clause(
    doc: Doc,
    verb: Token,
    cue: tuple[int, int],
    start: int,
    s_end: int,
    lexicon: Lexicon,
    words: MentionWords,
    rule: str,
) -> Found | None:
    end = cut_before_next_report(doc, start, s_end, lexicon)
    if _relative(verb):  # « X, qui affirme que P, a quitté … »: P ends with the relative clause
        end = next(
            (j for j in range(start, end - 1) if doc[j].text == "," and doc[j + 1].pos_ in ("AUX", "VERB")),
            end,
        )
    c_start, c_end = strip_span(doc, start, end)
    if c_end <= c_start:
        return None
    speaker = subject_of(verb, words)
    return Found("indirect", c_start, c_end, cue, speaker.i if speaker else None, rule + frame_name(verb))


def _relative(verb: Token) -> bool:
    """The cue heads a relative clause: « qui affirme », « qui a dit » (the parse or the words say so)."""
    return verb.dep_ == "acl:relcl" or _relative_pronoun(verb) is not None


def _relative_pronoun(verb: Token) -> int | None:
    """Index of the « qui » opening the relative clause the cue heads (« qui a dit », « qui lui affirme »)."""
    doc = verb.doc
    j = verb.i - 1
    while j >= 0 and doc[j].pos_ in ("AUX", "ADV", "PRON") and doc[j].lower_ != "qui":
        j -= 1
    return j if j >= 0 and doc[j].lower_ == "qui" else None


def frame_name(verb: Token) -> str:
    """How the cue verb is built, for --explain: participle, gerund, relative or reflexive frames."""
    doc = verb.doc
    form = verb.morph.get("VerbForm", [])
    aux = any(c.dep_.startswith("aux") for c in verb.children)
    if verb.i > 0 and doc[verb.i - 1].lower_ == "en" and ("Part" in form or "Ger" in form):
        return f" (gerund frame « en {verb.text} »)"
    if _relative(verb):
        j = _relative_pronoun(verb)
        words = verb.doc[j : verb.i + 1].text if j is not None else f"qui {verb.text}"
        return f" (relative frame « {words} »)"
    if "Part" in form and not aux and "Pres" in verb.morph.get("Tense", []):
        return f" (participle frame « {verb.text} »)"
    if any(c.lower_ in ("se", "s'", "s’") for c in verb.children):
        return f" (reflexive frame « s'… {verb.text} »)"
    return ""


def cut_before_next_report(doc: Doc, start: int, s_end: int, lexicon: Lexicon) -> int:
    """End of a content starting at ``start``: the sentence end, or the last comma before another report."""
    for j in range(start + 2, s_end):
        tok = doc[j]
        if tok.text == "," and _new_clause(doc, j + 1, s_end):
            return j
        hit = match_verb(tok, lexicon)
        if hit is None:
            continue
        k = j - 1
        while k > start and (doc[k].pos_ in ("AUX", "ADV") or doc[k].text == ","):
            k -= 1
        if doc[k].lower_ in ("et", "puis", "mais") and k > start + 1:
            return k  # « a condamné le crime et estimé que … »: a second report
        participle = "Part" in tok.morph.get("VerbForm", []) and not any(
            c.dep_.startswith("aux") for c in tok.children
        )
        if doc[j - 1].text == "," and (participle or tok.morph.get("VerbForm", []) == ["Ger"]):
            return j - 1
        if doc[j - 1].lower_ == "en" and j - 1 > start + 1:  # « …, en évoquant une source »
            return j - 2 if doc[j - 2].text == "," else j - 1
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is not None and subject.i > start:
            comma = _last_comma(doc, start + 2, subject.left_edge.i)
            if comma is not None:
                return comma
    return s_end


def _new_clause(doc: Doc, j: int, s_end: int) -> bool:
    """« …, il a rejeté … »: a subject pronoun and a finite verb start a new main clause."""
    if j + 1 >= s_end or doc[j].lower_ not in ("il", "elle", "ils", "elles"):
        return False
    k = j + 1
    while k < s_end and doc[k].lower_ in ("ne", "n'", "n’", "y", "en", "le", "la", "les", "lui", "leur"):
        k += 1
    return k < s_end and doc[k].pos_ in ("AUX", "VERB") and "Fin" in doc[k].morph.get("VerbForm", [])


def _last_comma(doc: Doc, lo: int, hi: int) -> int | None:
    for j in range(hi - 1, lo - 1, -1):
        if doc[j].text in {",", ";", "–", "—"}:
            return j
    return None


def _incise(
    doc: Doc, verb: Token, cue: tuple[int, int], s_start: int, s_end: int, words: MentionWords
) -> Found | None:
    """P, a indiqué la police. / P1, dit-il, P2.: an inverted cue after (or inside) its content."""
    if cue[0] - s_start < 3 or doc[cue[0] - 1].text != ",":
        return None
    if any(
        c.dep_ in ("obj", "ccomp", "xcomp")
        and c.i > verb.i
        and not is_clitic(c)
        and not person_like(c, words)
        for c in verb.children
    ):
        return None
    speaker = inverted_clitic(verb) or _inverted_subject(verb, cue[1], words)
    if speaker is None:
        return None
    start = content_start(doc, s_start, cue[0] - 1)
    end = cue[0] - 1
    after = _after_subject(doc, speaker, s_end)
    if (
        after is not None
        and after < s_end - 1
        and doc[after].text == ","
        and _goes_on(doc, cue[0] - 2, after + 1)
    ):
        end = s_end
    c_start, c_end = strip_span(doc, start, end)
    if c_end <= c_start:
        return None
    return Found("indirect", c_start, c_end, cue, speaker.i, "indirect: incise after the content")


def _goes_on(doc: Doc, before: int, after: int) -> bool:
    """« P1, dit-il, P2 »: the content resumes after the incise (not after a quotation or a participle)."""
    if doc[before].text in {"»", '"', "”"}:
        return False
    nxt = doc[after]
    return not (nxt.pos_ in ("VERB", "ADP") and nxt.morph.get("VerbForm", []) != ["Fin"])


def _inverted_subject(verb: Token, end: int, words: MentionWords) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and child.i >= end and person_like(child, words):
            return child
    return nearest_right(verb, end, words)


def _after_subject(doc: Doc, speaker: Token, s_end: int) -> int | None:
    j = max(speaker.i, speaker.right_edge.i) + 1
    while j < s_end and doc[j].text != "," and doc[j].text != ".":
        j += 1
    return j if j < s_end else None


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


# ------------------------------------------------------------ prepositional cues


def _prep_quote(doc: Doc, tok: Token, lexicon: Lexicon, words: MentionWords) -> Found | None:
    """A prepositional cue in one of the positions its lexicon frames allow (before, after, mid, rel)."""
    matched = _match_prep(doc, tok, lexicon)
    if matched is None:
        return None
    text, end = matched
    frames = lexicon.prep_frames(text)
    s_start, s_end = sentence_bounds(doc, tok.i)
    first = content_start(doc, s_start, s_end)
    if "rel" in frames and end < len(doc) and doc[end].lower_ in RELATIVES:
        return _prep_relative(doc, tok, end, s_end, lexicon)
    if tok.i <= first + 1 or (tok.i == first + 1 and doc[first].pos_ in ("CCONJ", "ADV")) or _opens(doc, tok):
        return _prep_before(doc, tok, text, end, s_end, lexicon, words)
    if "after" in frames or "mid" in frames:
        return _prep_after(doc, tok, end, first, s_end, lexicon, words, frames)
    return None


def _opens(doc: Doc, tok: Token) -> bool:
    """« Selon » with a capital after a full stop opens a sentence the parser may have glued to the last."""
    return (
        tok.text[:1].isupper()
        and tok.i > 0
        and (doc[tok.i - 1].text in {".", "!", "?"} or doc[tok.i - 1].is_space)
    )


def _match_prep(doc: Doc, tok: Token, lexicon: Lexicon) -> tuple[str, int] | None:
    """The prepositional cue starting at ``tok`` (« selon », « d'après », « aux yeux de »…) and its end."""
    if tok.lower_ in ("de", "à", "a") and (
        tok.i + 1 >= len(doc)
        or doc[tok.i + 1].lower_ not in ("l'", "l’", "en", "ses", "son", "leurs", "leur")
    ):
        return None  # « de » and « à » start a cue only as « de l'avis de », « à en croire », « à ses yeux »
    first = prep_words(tok.text)
    if not first or first[0] not in lexicon.prep_first:
        return None
    for text, words in lexicon.prep_words:
        j, k = tok.i, 0
        while k < len(words) and j < len(doc):
            got = prep_words(doc[j].text)
            if got != words[k : k + len(got)]:
                break
            k, j = k + len(got), j + 1
        if k == len(words):
            return text, j
    return None


def _prep_before(
    doc: Doc, tok: Token, text: str, end: int, s_end: int, lexicon: Lexicon, words: MentionWords
) -> Found | None:
    """Selon X, P / Pour X, P / À ses yeux, P."""
    comma = next((j for j in range(end, min(s_end, end + 14)) if doc[j].text == ","), None)
    if comma is None:
        return None
    source = _source_head(doc, tok.i, end, comma, words, strict=text == "pour")
    if source is None:
        return None
    stop = cut_before_next_report(doc, comma + 1, s_end, lexicon)
    c_start, c_end = strip_span(doc, comma + 1, stop)
    if c_end <= c_start or not any(t.pos_ in ("VERB", "AUX") for t in doc[comma + 1 : stop]):
        return None
    return Found(
        "indirect",
        c_start,
        c_end,
        (tok.i, end if source.i >= end else source.i),
        source.i,
        f"indirect: « {text} X, P »",
    )


def _prep_after(
    doc: Doc,
    tok: Token,
    end: int,
    first: int,
    s_end: int,
    lexicon: Lexicon,
    words: MentionWords,
    frames: frozenset[str],
) -> Found | None:
    """P, selon X. (frame ``after``) / P1, selon X, P2. (frame ``mid``: the content is the whole sentence)."""
    stop = next((j for j in range(end, s_end) if doc[j].text in {",", ".", ";", "—", "–", "(", ")"}), s_end)
    last = not any(not (t.is_punct or t.is_space) for t in doc[stop:s_end])
    if (last and "after" not in frames) or (not last and "mid" not in frames):
        return None
    if doc[tok.i - 1].text != "," and "bare" not in frames:
        return None  # « se passer de l'avis de X »: only « selon » reports without a comma before it
    if tok.i >= 2 and doc[tok.i - 1].text == "," and doc[tok.i - 2].text in CLOSING:
        return None  # « … », selon X: a direct quote, attributed by the direct finder
    if not last and stop + 1 < s_end and doc[stop + 1].pos_ in ("SCONJ", "CCONJ"):
        last = True  # P, selon X, si …: the report is P; what follows is another clause
    source = _source_head(doc, tok.i, end, stop, words, strict=False)
    if source is None or not _can_be_source(source, words):
        return None
    if any(match_verb(t, lexicon) is not None for t in doc[first:s_end] if t.i not in range(tok.i, stop)):
        return None  # « P », a déclaré X, selon des propos …: the selon frames that report
    c_start, c_end = strip_span(doc, first, tok.i if last else s_end)
    verbs = any(t.pos_ in ("VERB", "AUX") for t in doc[first : tok.i if last else s_end])
    if c_end <= c_start or (not verbs and not person_like(source, words)):
        return None  # a verbless content is a report only when a person or group is cited
    return Found(
        "indirect",
        c_start,
        c_end,
        (tok.i, end if source.i >= end else source.i),
        source.i,
        "indirect: « P, selon X »" if last else "indirect: « P, selon X » (inside the sentence)",
    )


def _can_be_source(source: Token, words: MentionWords) -> bool:
    """Who or what « selon » may cite: a person or group, a pronoun, a document, any noun but a few."""
    if person_like(source, words) or source.lower_ in POSSESSIVES:
        return True
    return source.pos_ in ("NOUN", "PROPN") and source.lemma_.lower() not in words.nonsource


def _prep_relative(doc: Doc, tok: Token, end: int, s_end: int, lexicon: Lexicon) -> Found | None:
    """X, selon lequel P: the content follows the relative pronoun, the speaker is its antecedent."""
    antecedent = next(
        (doc[j] for j in range(tok.i - 1, max(-1, tok.i - 4), -1) if doc[j].pos_ in ("NOUN", "PROPN")), None
    )
    if antecedent is None:
        return None
    stop = cut_before_next_report(doc, end + 1, s_end, lexicon)
    c_start, c_end = strip_span(doc, end + 1, stop)
    if c_end <= c_start or not any(t.pos_ in ("VERB", "AUX") for t in doc[end + 1 : stop]):
        return None
    return Found(
        "indirect", c_start, c_end, (tok.i, end + 1), antecedent.i, "indirect: « X, selon lequel P »"
    )


def _source_head(
    doc: Doc, cue_start: int, start: int, stop: int, words: MentionWords, strict: bool
) -> Token | None:
    """The head of X in « selon X »: a possessive (à ses yeux), a pronoun, a name or a noun."""
    for j in range(cue_start, start):
        if doc[j].lower_ in POSSESSIVES or (doc[j].lower_ in PRONOUNS and doc[j].pos_ == "PRON"):
            return doc[j]  # « à ses yeux », « selon lui »
    span = doc[start:stop]
    if not len(span) or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl",) for t in span[:1]):
        return None
    if strict and any(t.pos_ == "VERB" for t in span):
        return None
    for t in span:
        if t.ent_type_ in ("PER", "ORG"):
            return t
    for t in span:
        if t.lower_ in PRONOUNS and t.pos_ == "PRON":
            return t
    heads = [t for t in span if t.head.i < start or t.head.i >= stop or t.head.i == t.i]
    for t in heads + list(span):
        if t.pos_ in ("PROPN", "NOUN") and not is_clitic(t):
            if strict and t.pos_ == "NOUN" and not _speaker_noun(t, words):
                return None
            return t
    return None


def _speaker_noun(t: Token, words: MentionWords) -> bool:
    lemma = t.lemma_.lower()
    return (
        lemma in words.person
        or lemma in words.group
        or lemma in words.document
        or t.ent_type_ in ("PER", "ORG")
    )
