"""Why a quote was found: a structured reason per rule, which later steps test (never the explanation text).

The value of each member is the template of its ``--explain`` line; ``{}`` takes the quote's ``detail``
(a cue frame, the cue's words).
"""

from __future__ import annotations

from enum import Enum


class Reason(Enum):
    INCISE_AFTER = "direct: incise after the quote"
    SHAPED_INCISE = "direct: incise after the quote (« {} » outside the lexicon, incise shape)"
    CUE_BEFORE = "direct: cue before the quote"
    INCISE_INSIDE = "direct: incise inside the quote"
    AFTER_COLON = "direct: after a colon"
    CONTINUES = "direct: continues the previous quote"
    STANDALONE = "direct: a quoted sentence after one about its speaker (no cue)"
    QUE_CLAUSE = "indirect: cue + que clause{}"
    INFINITIVE = "indirect: cue + infinitive{}"
    PREDICATIVE = "indirect: cue + object and predicative adjective{}"
    OBJECT_FRAGMENT = "mixed: cue + object holding a quoted fragment{}"
    INCISE_CONTENT = "indirect: incise after the content"
    INCISE_FRAGMENT = "mixed: a clause ending in a quoted fragment, then an incise"
    PREP_BEFORE = "indirect: « {} X, P »"
    PREP_AFTER = "indirect: « P, selon X »"
    PREP_AFTER_MARK = "direct: « … », selon X"
    PREP_MID = "indirect: « P, selon X » (inside the sentence)"
    PREP_RELATIVE = "indirect: « X, selon lequel P »"
    PREP_COUNT = "indirect: « N, selon X » (a count in a list of counts)"
    REPORTATIVE = "indirect: continues the report in the reportative conditional (no cue)"
    # weak candidates (``guillemets.quotes.weak``): emitted only when the quote scorer keeps them
    WEAK_DIRECT = "direct: quoted words no rule attributes (weak{})"
    WEAK_INCISE = "indirect: incise after the content, past a guard{} (weak)"
    WEAK_INCISE_NOUN = (
        "indirect: incise after the content, its inverted subject « {} » outside the lexicon (weak)"
    )
    WEAK_AS_SAID = "indirect: « {} » the report points back to (weak)"
    WEAK_QUE = "indirect: « {} » outside the lexicon + que clause (weak)"
    WEAK_REPORTATIVE = "indirect: continues the report in the conditional (no cue, weak)"
    WEAK_OBJECT = "mixed: « {} » + an object holding a quoted fragment, outside its frames (weak)"
    WEAK_INFINITIVE = "indirect: « {} » + an infinitive it governs, outside its frames (weak)"

    @property
    def weak(self) -> bool:
        """A candidate the rules alone would not emit: only the quote scorer can keep it."""
        return self in _WEAK

    @property
    def prepositional(self) -> bool:
        """Reported under a prepositional cue (« selon X, P », « P, selon X »…)."""
        return self in _PREPOSITIONAL

    @property
    def trailing_prep(self) -> bool:
        """The prepositional cue follows its content (« P, selon X », mid-sentence, or a count)."""
        return self in _TRAILING


_PREPOSITIONAL = frozenset(
    {Reason.PREP_BEFORE, Reason.PREP_AFTER, Reason.PREP_MID, Reason.PREP_RELATIVE, Reason.PREP_COUNT}
)
_TRAILING = frozenset({Reason.PREP_AFTER, Reason.PREP_MID, Reason.PREP_COUNT})
_WEAK = frozenset(
    {
        Reason.WEAK_DIRECT,
        Reason.WEAK_INCISE,
        Reason.WEAK_INCISE_NOUN,
        Reason.WEAK_AS_SAID,
        Reason.WEAK_QUE,
        Reason.WEAK_OBJECT,
        Reason.WEAK_REPORTATIVE,
        Reason.WEAK_INFINITIVE,
    }
)
