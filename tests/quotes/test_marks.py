import itertools

from hypothesis import given
from hypothesis import strategies as st

from guillemets.quotes.marks import pair_marks, paragraph_spans


@given(st.text(alphabet='«»“”" abc.\n'))
def test_pair_marks_spans_are_ordered_and_inside(text: str) -> None:
    pairs = pair_marks(text)
    assert all(0 <= p.start < p.end <= len(text) for p in pairs)
    assert all(p.start < p.inner_start <= p.inner_end <= p.end for p in pairs)
    assert all(a.end <= b.start for a, b in itertools.pairwise(pairs))


@given(st.text(alphabet='«»“”" abcé,.!\n—'))
def test_pair_marks_inner_text_matches_offsets(text: str) -> None:
    for pair in pair_marks(text):
        inner = pair.inner(text)
        assert inner == text[pair.inner_start : pair.inner_end]
        assert inner == inner.strip()


def test_pair_marks_french_guillemets() -> None:
    text = "Il a dit « Partez » puis « Restez »."
    assert [p.inner(text) for p in pair_marks(text)] == ["Partez", "Restez"]


def test_pair_marks_long_quote_reopened_at_each_paragraph() -> None:
    text = "« Premier paragraphe.\n\n« Second paragraphe. »\n\nFin."
    [pair] = pair_marks(text)
    assert pair.inner(text).startswith("Premier") and pair.inner(text).endswith("Second paragraphe.")


def test_pair_marks_unbalanced_closes_at_paragraph_end() -> None:
    text = "Il a dit « jamais de la vie\n\nAutre paragraphe « ici »."
    pairs = pair_marks(text)
    assert [p.inner(text) for p in pairs] == ["jamais de la vie", "ici"]
    assert not pairs[0].closed and pairs[1].closed


def test_pair_marks_quote_running_to_end_of_text() -> None:
    text = "Elle a lancé : « nous ne lâcherons rien"
    [pair] = pair_marks(text)
    assert pair.inner(text) == "nous ne lâcherons rien" and pair.end == len(text)


def test_pair_marks_dialogue_dash_splits_turns() -> None:
    text = "« Eh oui, mon petit ! — Tout à fait Thierry ! »"
    assert [p.inner(text) for p in pair_marks(text)] == ["Eh oui, mon petit !", "Tout à fait Thierry !"]


def test_pair_marks_straight_and_curly_quotes() -> None:
    text = "Il a parlé d'un \"scandale\" et d'une “honte”."
    assert [p.inner(text) for p in pair_marks(text)] == ["scandale", "honte"]


def test_paragraph_spans_cover_non_empty_paragraphs() -> None:
    text = "Un.\n\nDeux.\n\n\n\nTrois."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["Un.", "Deux.", "Trois."]
