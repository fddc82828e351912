"""Quotation-mark pairing, quote types, and the cue lexicon / weights files (no model needed)."""

from __future__ import annotations

import pytest

from guillemets.attribution.candidates import Candidate
from guillemets.attribution.en import Weights, load_weights, overlap, select
from guillemets.attribution.features import NAMES
from guillemets.attribution.lexicon import CueLexicon, CueStat, load_cues
from guillemets.attribution.marks import Marks


def inner(text: str) -> list[str]:
    return [text[s:e] for s, e in Marks.of(text).pairs]


def test_pairs_straight_curly_and_double_apostrophes() -> None:
    text = "She said ''the dam holds,'' then \"maybe\" and “later”."
    assert inner(text) == ["the dam holds,", "maybe", "later"]


def test_unbalanced_mark_stays_unpaired_and_pairs_stop_at_paragraph_end() -> None:
    assert inner('He said "the tide\nturns" now.') == []


def test_triple_apostrophe_closes_the_double_one() -> None:
    assert inner("He called it ''a 'fine' mess,''' she said.") == ["a 'fine' mess,'"]


def test_quote_types_and_shrink() -> None:
    text = 'The mayor said "we will build it" and that rates would rise.'
    m = Marks.of(text)
    q = text.index("we will")
    assert m.quote_type(q, q + len("we will build it")) == "direct"
    assert m.quote_type(0, len(text)) == "mixed"
    assert m.quote_type(text.index("that"), len(text)) == "indirect"
    s, e = m.shrink(q + 3, q + 7)  # part of the quote: the whole inside of its marks
    assert text[s:e] == "we will build it"


def test_lexicon_round_trips_and_rejects_a_short_line() -> None:
    lex = CueLexicon("7", {("claim", "verb"): CueStat("claim", "verb", 3, 9, 1)})
    back = CueLexicon.from_tsv(lex.to_tsv())
    assert back == lex
    assert 0 < back.rows[("claim", "verb")].precision < 1
    with pytest.raises(ValueError, match="line 3"):
        CueLexicon.from_tsv(lex.to_tsv().replace("\t1\t", "\t"))


def test_shipped_lexicon_ranks_say_above_be() -> None:
    lex = load_cues()
    say, be = lex.get("say", "verb"), lex.get("be", "verb")
    assert say is not None and be is not None
    assert say.precision > 0.5 > be.precision


def test_shipped_weights_match_the_features() -> None:
    w = load_weights()
    assert w.features == NAMES and len(w.coef) == len(NAMES)
    assert 0 < w.threshold < 1


def test_weights_with_other_features_are_refused() -> None:
    d = load_weights().to_dict()
    d["features"] = d["features"][:-1]
    with pytest.raises(ValueError, match="retrain"):
        Weights.from_dict(d)


def test_select_keeps_the_best_of_overlapping_contents_and_one_content_per_cue() -> None:
    a = Candidate("ccomp", (10, 50), (0, 4), None, 1)
    b = Candidate("dobj", (12, 50), (0, 4), None, 1)
    c = Candidate("ccomp", (60, 90), (55, 58), None, 9)
    kept = select(
        [(0.9, a), (0.8, b), (0.7, c), (0.2, Candidate("quote", (95, 99), None, None, None))], 0.5, 0.5
    )
    assert kept == [a, c]
    assert overlap((0, 10), (20, 30)) == 0
