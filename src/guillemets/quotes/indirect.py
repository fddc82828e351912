"""Indirect quotes: a cue and the clause it reports.

Verb cues take a ``que`` clause (a déclaré que P), an infinitive (a promis de P), or stand
as an inverted incise after the content (P, a indiqué la police), or judge an object (a jugé
les mesures insuffisantes). Prepositional cues (Selon X, P / P, selon X / Pour X, P) are in
``prep``; where a content starts and ends (``clauses``): to the end of the sentence, cut before
another reporting event (…, au moment où Y a suggéré que …).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from guillemets.quotes.clauses import CLOSING, content_start, cut_before_next_report
from guillemets.quotes.cues import Found, cue_span, match_verb, sentence_bounds, strip_span, unglued
from guillemets.quotes.prep import prep_quote, trailing_source
from guillemets.quotes.reasons import Reason
from guillemets.rules import Frame, Lexicon, Profile
from guillemets.rules.mentions import inverted_clitic, is_clitic, nearest_right, person_like, subject_of

QUE_WINDOW = 8  # tokens between a cue and its « que » (a assuré à Vladimir Poutine que)


def find_indirect(doc: Doc, rules: Profile, inside: list[tuple[int, int]]) -> list[Found]:
    """Indirect quotes from verb cues and prepositional cues, outside the given quoted ranges."""
    out: list[Found] = []
    for tok in trigger_tokens(doc, rules.cues):
        if _inside(tok.idx, inside):
            continue
        hit = match_verb(tok, rules)
        if hit is not None:
            found = _verb_quote(doc, tok, hit[0].frames, hit[1], rules, inside)
            if found is not None:
                out.append(found)
            continue
        found = prep_quote(doc, tok, rules)
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
    rules: Profile,
    marks: list[tuple[int, int]],
) -> Found | None:
    s_start, s_end = sentence_bounds(doc, verb.i)
    cue = cue_span(verb, end, rules)
    words = rules.words
    if Frame.QUE in frames:
        que = _find_que(doc, cue[1], s_end, rules)
        if que is not None:
            return _clause(doc, verb, cue, que + 1, s_end, rules, Reason.QUE_CLAUSE)
    if Frame.INF in frames:
        inf = _find_infinitive(doc, cue[1], s_end, rules)
        if inf is not None:
            while inf - 1 >= cue[1] and doc[inf - 1].lower_ in words.infinitive_left:
                inf -= 1  # « a appelé à ne pas se mobiliser »: negation and clitics belong to the content
            return _clause(doc, verb, cue, inf, s_end, rules, Reason.INFINITIVE)
    if Frame.INCISE in frames:
        found = _incise(doc, verb, cue, s_start, s_end, rules)
        if found is not None:
            return found
    if Frame.PRED in frames:
        found = _predicative(doc, verb, cue, rules)
        if found is not None:
            return found
    if Frame.NP in frames and not _incise_position(doc, verb, cue, rules):
        prep = (
            cue[1] < s_end and doc[cue[1]].lower_ in words.object_preposition and not _bare_participle(verb)
        )
        start = cue[1] + 1 if prep else cue[1]
        if _np_with_fragment(doc, start, _np_end(doc, start, s_end, rules), marks, rules):
            stop = _opening_participle_end(doc, verb, cue, s_start, s_end)
            return _clause(doc, verb, cue, start, stop, rules, Reason.OBJECT_FRAGMENT)
    return None


def _opening_participle_end(doc: Doc, verb: Token, cue: tuple[int, int], s_start: int, s_end: int) -> int:
    """« Dénonçant la « X » du gouvernement, le syndicat a appelé … »: a present participle opening its
    sentence heads a clause that ends at the first comma after a closing mark (the main clause follows)."""
    participle = "Part" in verb.morph.get("VerbForm", []) and "Pres" in verb.morph.get("Tense", [])
    if not participle or cue[0] > content_start(doc, s_start, cue[0]):
        return s_end
    closed = next((j for j in range(cue[1], s_end) if doc[j].text in CLOSING), None)
    if closed is None:
        return s_end
    return next((j for j in range(closed, s_end) if doc[j].text == ","), s_end)


def _predicative(doc: Doc, verb: Token, cue: tuple[int, int], rules: Profile) -> Found | None:
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
    speaker = subject_of(verb, rules)
    why = Reason.PREDICATIVE
    return Found(
        "indirect", c_start, c_end, cue, speaker.i if speaker else None, why, frame_name(verb, rules)
    )


def _find_que(doc: Doc, start: int, s_end: int, rules: Profile) -> int | None:
    words = rules.words
    for j in range(start, min(s_end, start + QUE_WINDOW)):
        tok = doc[j]
        if tok.lower_ in words.complementiser:
            return j
        if tok.text in {".", ";", ":", "«", "»", '"', "("} or (tok.pos_ == "VERB" and j > start):
            return None
        if (
            tok.lower_ in words.que_object
            and j + 1 < s_end
            and doc[j + 1].lower_ in words.complementiser
            and doc[j - 1].lower_ not in words.que_object_after
        ):  # « a dit ce que »: an object (but « a appelé à ce que » is a clause, and
            return None  # « a affirmé ce lundi que P » a time phrase before the clause)
    return None


def _find_infinitive(doc: Doc, start: int, s_end: int, rules: Profile) -> int | None:
    for j in range(start, min(s_end, start + 10)):
        tok = doc[j]
        if tok.pos_ in ("VERB", "AUX") and "Inf" in tok.morph.get("VerbForm", []):
            return (
                j
                if j == start
                or doc[j - 1].lower_ in rules.words.infinitive_mark
                or doc[j - 1].pos_ in ("ADV", "PRON")
                else None
            )
        if tok.text in {".", ";", ":", ",", "«", "»", '"'} or tok.pos_ in ("VERB", "SCONJ"):
            return None
        if tok.lower_ in rules.words.clause_opener:
            return None  # « estime Berne qui se rallie … »: a relative clause, not a complement
    return None


def _bare_participle(verb: Token) -> bool:
    """« les dispositions les plus contestées de ce projet »: a past participle with no auxiliary is
    an adjective, and its « de » phrase is no object."""
    past = verb.morph.get("Tense", []) == ["Past"] and "Part" in verb.morph.get("VerbForm", [])
    return past and not any(c.dep_.startswith("aux") for c in verb.children)


def _incise_position(doc: Doc, verb: Token, cue: tuple[int, int], rules: Profile) -> bool:
    """« P, ajoute ce « gilet jaune » »: after a comma and with no subject before it, the noun phrase after
    the cue is its inverted subject, not an object holding a quoted fragment (a present participle,
    « , dénonçant les « abus » », has no inverted subject)."""
    before = doc[cue[0] - 1].text if cue[0] > 0 else ""
    left_subject = any(c.dep_.startswith("nsubj") and c.i < verb.i for c in verb.children)
    participle = verb.morph.get("Tense", []) == ["Pres"] and "Part" in verb.morph.get("VerbForm", [])
    return before in {",", *CLOSING} and not left_subject and not participle and not _relative(verb, rules)


def _np_end(doc: Doc, start: int, s_end: int, rules: Profile) -> int:
    end = cut_before_next_report(doc, start, s_end, rules)
    return next((j for j in range(start, end) if doc[j].text in {":", ";", ".", "!", "?"}), end)


def _np_with_fragment(doc: Doc, start: int, s_end: int, marks: list[tuple[int, int]], rules: Profile) -> bool:
    """An object noun phrase right after the cue, and a quoted fragment later in the sentence."""
    if start < s_end and doc[start].text in ("«", "“", '"'):  # « a reconnu « une vingtaine » de vols »:
        close = next((j for j in range(start + 1, s_end) if doc[j].text in CLOSING), None)  # the fragment
        return close is not None and close + 1 < s_end and doc[close + 1].lower_ in rules.words.of  # opens it
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
    rules: Profile,
    reason: Reason,
) -> Found | None:
    end = cut_before_next_report(doc, start, s_end, rules)
    end = next(
        (j for j in range(start + 2, end) if doc[j].text == "," and trailing_source(doc, j, s_end, rules)),
        end,
    )
    if _relative(verb, rules):  # « X, qui affirme que P, a quitté … »: P ends with the relative clause
        end = next(
            (j for j in range(start, end - 1) if doc[j].text == "," and doc[j + 1].pos_ in ("AUX", "VERB")),
            end,
        )
    c_start, c_end = unglued(doc.text, *strip_span(doc, start, end), after_cue=True)
    if c_end <= c_start:
        return None
    speaker = subject_of(verb, rules)
    found = Found("indirect", c_start, c_end, cue, speaker.i if speaker else None, reason)
    found.detail = frame_name(verb, rules)
    return found


def _relative(verb: Token, rules: Profile) -> bool:
    """The cue heads a relative clause: « qui affirme », « qui a dit » (the parse or the words say so)."""
    return verb.dep_ == "acl:relcl" or _relative_pronoun(verb, rules) is not None


def _relative_pronoun(verb: Token, rules: Profile) -> int | None:
    """Index of the « qui » opening the relative clause the cue heads (« qui a dit », « qui lui affirme »)."""
    doc = verb.doc
    relative = rules.words.relative
    j = verb.i - 1
    while j >= 0 and doc[j].pos_ in ("AUX", "ADV", "PRON") and doc[j].lower_ not in relative:
        j -= 1
    return j if j >= 0 and doc[j].lower_ in relative else None


def frame_name(verb: Token, rules: Profile) -> str:
    """How the cue verb is built, for --explain: participle, gerund, relative or reflexive frames."""
    doc = verb.doc
    form = verb.morph.get("VerbForm", [])
    aux = any(c.dep_.startswith("aux") for c in verb.children)
    if verb.i > 0 and doc[verb.i - 1].lower_ in rules.words.gerund_mark and ("Part" in form or "Ger" in form):
        return f" (gerund frame « {doc[verb.i - 1].lower_} {verb.text} »)"
    if _relative(verb, rules):
        j = _relative_pronoun(verb, rules)
        words = verb.doc[j : verb.i + 1].text if j is not None else f"qui {verb.text}"
        return f" (relative frame « {words} »)"
    if "Part" in form and not aux and "Pres" in verb.morph.get("Tense", []):
        return f" (participle frame « {verb.text} »)"
    if any(c.lower_ in rules.words.reflexive_third for c in verb.children):
        return f" (reflexive frame « s'… {verb.text} »)"
    return ""


def _incise(
    doc: Doc, verb: Token, cue: tuple[int, int], s_start: int, s_end: int, rules: Profile
) -> Found | None:
    """P, a indiqué la police. / P1, dit-il, P2.: an inverted cue after (or inside) its content."""
    if cue[0] - s_start < 3 or doc[cue[0] - 1].text != ",":
        return None
    if any(
        c.dep_ in ("obj", "ccomp", "xcomp")
        and c.i > verb.i
        and not is_clitic(c, rules)
        and not person_like(c, rules)
        and not _past_a_comma(doc, cue[1], c.left_edge.i)
        for c in verb.children
    ):
        return None
    speaker = inverted_clitic(verb, rules) or _inverted_subject(verb, cue[1], rules)
    if speaker is None:
        return None
    start = content_start(doc, s_start, cue[0] - 1)
    end = cue[0] - 1
    after = _after_subject(doc, speaker, s_end)
    if (
        after is not None
        and after < s_end - 1
        and doc[after].text == ","
        and _goes_on(doc, cue[0] - 2, after + 1, rules)
    ):
        end = s_end
    c_start, c_end = strip_span(doc, start, end)
    if end < s_end:  # « P, a indiqué X. »: the content before the incise starts after a glued stop
        c_start, c_end = unglued(doc.text, c_start, c_end, after_cue=False)
    if c_end <= c_start:
        return None
    return Found("indirect", c_start, c_end, cue, speaker.i, Reason.INCISE_CONTENT)


def _past_a_comma(doc: Doc, start: int, end: int) -> bool:
    """« P, a indiqué X, où il … »: a complement the parse hangs on the cue past a comma after it
    belongs to a later clause, not to the incise (whose own object comes right after the verb)."""
    return any(doc[k].text == "," for k in range(start, end))


def _goes_on(doc: Doc, before: int, after: int, rules: Profile) -> bool:
    """« P1, dit-il, P2 »: the content resumes after the incise (not after a quotation, a participle,
    or a relative pronoun: « P, estime X, qui … » describes the speaker)."""
    if doc[before].text in {"»", '"', "”"}:
        return False
    nxt = doc[after]
    if nxt.lower_ in rules.words.relative_opener:
        return False
    return not (nxt.pos_ in ("VERB", "ADP") and nxt.morph.get("VerbForm", []) != ["Fin"])


def _inverted_subject(verb: Token, end: int, rules: Profile) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and child.i >= end and person_like(child, rules):
            return child
    return nearest_right(verb, end, rules)


def _after_subject(doc: Doc, speaker: Token, s_end: int) -> int | None:
    j = max(speaker.i, speaker.right_edge.i) + 1
    while j < s_end and doc[j].text != "," and doc[j].text != ".":
        j += 1
    return j if j < s_end else None
