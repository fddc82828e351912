"""The words of the query marked in result texts, the way the search matched them.

Uses the store's own folding and stemming (so « negociations » marks « négociations »), then
``highlight.render``, which escapes every piece of text.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from guillemets.web.highlight import Span, render, valid_spans

MAX_MARKS = 200  # a result text is short; this bounds the work on pathological inputs


def term_spans(text: str, q: str | None) -> list[Span]:
    """A ``<mark>`` span for each word of ``text`` that starts with a folded, stemmed query word."""
    from guillemets.store.search import fold_same_length, search_languages, terms

    stems = {t for language in search_languages(None) for t in terms(q or "", language)}
    words = sorted({t for t in stems if t}, key=len, reverse=True)
    if not words:
        return []
    folded = fold_same_length(text)
    if len(folded) != len(text):
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*")
    spans = [Span(m.start(), m.end(), "mark", (("class", "hit"),)) for m in pattern.finditer(folded)]
    return spans[:MAX_MARKS]


def mark_terms(text: object, q: str | None) -> Markup:
    """``text`` escaped, with the query's words wrapped in ``<mark class="hit">``."""
    value = "" if text is None else str(text)
    spans = term_spans(value, q)
    return render(value, valid_spans(value, spans)) if spans else Markup(escape(value))
