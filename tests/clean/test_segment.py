from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from guillemets.clean import clean_dump
from guillemets.clean.result import Cleaned
from guillemets.clean.segment import smooth, smooth_pages


def test_smooth_bridges_a_weak_gap_but_not_a_strong_one() -> None:
    weak = smooth(np.array([-5.0, 4.0, 4.0, -0.5, 4.0, -5.0]), switch_cost=2.0)
    assert weak.tolist() == [False, True, True, True, True, False]
    strong = smooth(np.array([4.0, 4.0, -9.0, 4.0, 4.0]), switch_cost=2.0)
    assert strong.tolist() == [True, True, False, True, True]


def test_smooth_with_no_switch_cost_follows_the_sign() -> None:
    logits = np.array([1.0, -1.0, 2.0, -3.0])
    assert smooth(logits, 0.0).tolist() == [True, False, True, False]


def _accounted(cleaned: Cleaned) -> list[str]:
    """Line texts of every field, one entry per input line (the breadcrumb line as labelled)."""
    texts = [d.text for d in cleaned.explain if d.label == "section"]
    texts += [t for t in (cleaned.title, cleaned.lede) if t]
    texts += cleaned.paragraphs + [c.text for c in cleaned.chrome]
    texts += [t for s in cleaned.related for t in (s.title, s.text) if t]
    return texts


def test_clean_dump_small_pages(small_page: tuple[str, str]) -> None:
    lang, dump = small_page
    cleaned = clean_dump(dump, lang)
    assert len(cleaned.section) == 3
    assert cleaned.title.split()[0] in ("Le", "Storm", "Bundestag")
    assert cleaned.lede.endswith(".") and len(cleaned.paragraphs) >= 2
    assert all(p.endswith(".") and len(p.split()) >= 12 for p in cleaned.paragraphs)
    assert cleaned.date is not None and cleaned.date[:4] in ("2023", "2024", "2025")
    assert cleaned.related and all("©" not in s.title for s in cleaned.related)
    article = " ".join([cleaned.title, cleaned.lede, *cleaned.paragraphs])
    for word in ("Lire aussi", "Related", "Mehr zum Thema", "Partager", "Share", "Teilen", "©"):
        assert word not in article


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "", " ", "Accueil > Monde", "Lire aussi", "Les plus lus", "Publié le 3 mars 2024",
    "Une phrase assez longue pour ressembler à un paragraphe d'article, avec des virgules et un point.",
    "Titre court d'une autre histoire", "Partager", "© 2024 Journal", "Menu",
    "Encore un paragraphe, plus long que les autres, où l'on explique ce qui s'est passé hier soir en ville.",
]), max_size=40))  # fmt: skip
def test_clean_dump_accounts_for_every_line_exactly_once(rows: list[str]) -> None:
    dump = "\n".join(rows)
    cleaned = clean_dump(dump, explain=True)
    nonempty = [(i, " ".join(r.split())) for i, r in enumerate(dump.splitlines()) if r.strip()]
    assert [(d.line, d.text) for d in cleaned.explain] == nonempty
    assert sorted(_accounted(cleaned)) == sorted(t for _, t in nonempty)
    crumbs = [d.text for d in cleaned.explain if d.label == "section"]
    assert all(part in crumbs[0] for part in cleaned.section)
    chrome_lines = [c.line for c in cleaned.chrome]
    assert chrome_lines == sorted(set(chrome_lines))


def test_clean_dump_of_empty_text() -> None:
    cleaned = clean_dump("\n \n")
    assert (cleaned.title, cleaned.lede, cleaned.paragraphs, cleaned.chrome) == ("", "", [], [])


def _viterbi(logits: list[float], c: float) -> list[bool]:
    """The textbook two-state Viterbi, to check the closed form of ``smooth_pages`` against."""
    half = [z / 2 for z in logits]
    score = {True: half[0], False: -half[0]}
    back: list[dict[bool, bool]] = []
    for h in half[1:]:
        step = {}
        new = {}
        for state, sign in ((True, 1), (False, -1)):
            stay, switch = score[state], score[not state] - c
            step[state] = state if stay >= switch else not state
            new[state] = max(stay, switch) + sign * h
        back.append(step)
        score = new
    state = score[True] > score[False]
    path = [state]
    for step in reversed(back):
        state = step[state]
        path.append(state)
    return path[::-1]


# Quarter-integers: exact arithmetic, so ties (common here) must be broken the same way.
_LOGIT = st.integers(-32, 32).map(lambda k: k / 4)


@given(st.lists(st.lists(_LOGIT, max_size=12), max_size=5), st.sampled_from([0.0, 0.5, 1.0, 2.25]))
def test_smooth_pages_equals_textbook_viterbi_on_each_page(pages: list[list[float]], c: float) -> None:
    flat = np.array([z for page in pages for z in page])
    bounds = np.concatenate([[0], np.cumsum([len(p) for p in pages])]).astype(np.int64)
    keep = smooth_pages(flat, bounds, c)
    for page, lo in zip(pages, bounds[:-1], strict=True):
        if page:
            assert keep[lo : lo + len(page)].tolist() == _viterbi(page, c)


def _loop_sums(z: list[float], starts: set[int], c: float) -> list[float]:
    """δ of the smoothing as the plain recursion computes it, float by float."""
    out, d = [], 0.0
    for i, v in enumerate(z):
        d = v if i in starts else v + (c if d > c else -c if d < -c else d)
        out.append(d)
    return out


# Mostly small log-odds, so that long runs of lines whose clip depends on their predecessor occur.
_FLOAT = st.one_of(st.floats(-1.2, 1.2), st.floats(-40, 40), st.just(0.0))


@settings(deadline=None)
@given(st.lists(st.lists(_FLOAT, max_size=30), max_size=4), st.sampled_from([0.0, 0.5, 0.6, 1.0]))
def test_clipped_sums_equal_the_plain_recursion_bit_for_bit(pages: list[list[float]], c: float) -> None:
    from guillemets.clean.segment import _clipped_sums

    flat = [z for page in pages for z in page]
    bounds = np.concatenate([[0], np.cumsum([len(p) for p in pages])]).astype(np.int64)
    got = _clipped_sums(np.array(flat, dtype=np.float64), bounds[:-1], c)
    assert got.tolist() == _loop_sums(flat, set(bounds[:-1].tolist()), c)
