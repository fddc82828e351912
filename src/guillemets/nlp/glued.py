"""Sentences glued by a scraper (« … la population ».Les manifestants … »): split the full stop off.

Pages that lost their paragraph breaks join the last word of one paragraph to the first of the next
with a bare full stop. spaCy's tokenizers already split « rue.Dans » (a lowercase letter before the
stop), but not after a closing quotation mark (« ».Les » is read as a token « .Les »), a digit
(« en 2019.Le ») or an acronym (« LREM.Quatorze »), so the sentence does not end there and the
parser, the NER and the cues read two sentences as one. The stop is split off only before a
capitalised word (a capital then a lowercase letter): « Change.org », « 3.5 », « U.S.A. » and
« M.Dupont » are left as they were.
"""

from __future__ import annotations

import re

from spacy.language import Language

# a full stop before a capitalised word (Latin, Greek and Cyrillic capitals, then a lowercase letter)
_BEFORE_WORD = r"\.(?=[A-ZÀ-ÖØ-ÞΑ-ΩА-Я][a-zß-öø-ÿα-ωа-я])"
PREFIXES = (_BEFORE_WORD,)  # « ».Les »: the quotation mark is a suffix of the token before
INFIXES = (r"(?<=[0-9])" + _BEFORE_WORD, r"(?<=[A-ZÀ-ÖØ-Þ]{2})" + _BEFORE_WORD)
VERSION = "glued-1"  # recorded in nlp.meta: parse caches keyed on it see the change


def split_glued_sentences(nlp: Language) -> None:
    """Add the patterns above to ``nlp``'s tokenizer, after the model's own prefixes and infixes."""
    tokenizer = nlp.tokenizer
    if nlp.meta.get("guillemets_tokenizer") == VERSION:
        return
    prefix = getattr(tokenizer, "prefix_search", None)
    infix = getattr(tokenizer, "infix_finditer", None)
    if prefix is None or infix is None:  # a tokenizer without affix rules (Chinese, Japanese…)
        return
    old_prefix, old_infix = prefix.__self__.pattern, infix.__self__.pattern
    tokenizer.prefix_search = re.compile(  # type: ignore[attr-defined]
        "|".join([old_prefix, *(f"^{p}" for p in PREFIXES)])
    ).search
    tokenizer.infix_finditer = re.compile("|".join([old_infix, *INFIXES])).finditer  # type: ignore[attr-defined]
    nlp.meta["guillemets_tokenizer"] = VERSION
