"""Stage 2's block context: the stage-1 scores of the line's block and of the blocks beside it."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from guillemets.clean.classify import BLOCK_CONTEXT, CONTEXT, block_context_columns, load_model, score_context
from guillemets.clean.features import base_features, line_features, marker_kinds
from guillemets.clean.lines import split_pages
from guillemets.clean.segment import BIAS, decide
from guillemets.clean.trees import Trees
from guillemets.clean.window import PageRows

# Two invented pages: blocks are the lines between blank lines.
PAGE_A = "Menu\nHome\n\nA first paragraph of prose.\n\nSalt\nFlour\nEggs\n\nLast words."
PAGE_B = "One line\n\nTwo\nlines"


def _columns(z: np.ndarray, rows: PageRows) -> dict[str, list[float]]:
    return dict(zip(BLOCK_CONTEXT, (c.tolist() for c in block_context_columns(z, rows)), strict=True))


def test_block_columns_are_the_stage_one_scores_of_the_block_and_its_neighbours() -> None:
    t = split_pages([PAGE_A, PAGE_B])
    assert t.block.tolist() == [0, 0, 1, 2, 2, 2, 3, 4, 5, 5]
    z = np.array([-3.0, -1.0, 4.0, 0.5, -0.5, 1.5, 2.0, 7.0, -2.0, 1.0])
    got = _columns(z, PageRows(t.bounds, t.block))
    assert got["s1_block_mean"] == [-2.0, -2.0, 4.0, 0.5, 0.5, 0.5, 2.0, 7.0, -0.5, -0.5]
    assert got["s1_block_max"] == [-1.0, -1.0, 4.0, 1.5, 1.5, 1.5, 2.0, 7.0, 1.0, 1.0]
    assert got["s1_block_min"] == [-3.0, -3.0, 4.0, -0.5, -0.5, -0.5, 2.0, 7.0, -2.0, -2.0]
    # The block before / after, within the page: 0 at a page's first / last block.
    assert got["s1_prev_block"] == [0.0, 0.0, -2.0, 4.0, 4.0, 4.0, 0.5, 0.0, 7.0, 7.0]
    assert got["s1_next_block"] == [4.0, 4.0, 0.5, 2.0, 2.0, 2.0, 0.0, -0.5, 0.0, 0.0]


def test_block_mean_is_the_mean_of_its_lines_scores() -> None:
    t = split_pages([PAGE_A])
    z = np.random.default_rng(0).normal(size=len(t))
    mean = block_context_columns(z, PageRows(t.bounds, t.block))[0]
    for b in np.unique(t.block).tolist():
        assert np.allclose(mean[t.block == b], z[t.block == b].mean())


def test_without_blocks_every_line_is_a_block_of_its_own() -> None:
    z = np.array([1.0, -2.0, 3.0, 5.0])
    got = _columns(z, PageRows(np.array([0, 3, 4])))
    assert got["s1_block_mean"] == got["s1_block_max"] == got["s1_block_min"] == z.tolist()
    assert got["s1_prev_block"] == [0.0, 1.0, -2.0, 0.0]
    assert got["s1_next_block"] == [-2.0, 3.0, 0.0, 0.0]


def test_a_block_label_shared_across_pages_does_not_join_them() -> None:
    z = np.array([1.0, 3.0, 10.0])
    got = _columns(z, PageRows(np.array([0, 2, 3]), np.array([0, 0, 0])))
    assert got["s1_block_mean"] == [2.0, 2.0, 10.0]
    assert got["s1_next_block"] == [0.0, 0.0, 0.0]


def test_score_context_ends_with_the_block_columns() -> None:
    t = split_pages([PAGE_A])
    z = np.linspace(-2.0, 2.0, len(t))
    rows = PageRows(t.bounds, t.block)
    ctx = score_context(z, rows)
    assert ctx.shape == (len(t), len(CONTEXT)) and CONTEXT[-len(BLOCK_CONTEXT) :] == BLOCK_CONTEXT
    assert np.array_equal(ctx[:, -len(BLOCK_CONTEXT) :], np.column_stack(block_context_columns(z, rows)))


def test_subset_keeps_the_rows_blocks() -> None:
    t = split_pages([PAGE_B, PAGE_A, PAGE_B])
    rows = PageRows(t.bounds, t.block)
    at, sub = rows.subset(np.array([1]))
    assert sub.block is not None and np.array_equal(sub.block, t.block[at])
    z = np.arange(float(len(t)))
    alone = split_pages([PAGE_A])
    expected = block_context_columns(z[at], PageRows(alone.bounds, alone.block))
    for got, want in zip(block_context_columns(z[at], sub), expected, strict=True):
        assert np.array_equal(got, want)


@given(
    st.lists(st.lists(st.integers(min_value=1, max_value=4), max_size=4), min_size=1, max_size=5),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_a_pages_block_columns_do_not_depend_on_its_batch(pages: list[list[int]], seed: int) -> None:
    """Pages as their blocks' sizes: each page's columns, batched, are its columns alone, bit for bit."""
    sizes = [sum(p) for p in pages]
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    block = np.repeat(np.arange(sum(len(p) for p in pages)), [s for p in pages for s in p]).astype(np.int64)
    z = np.random.default_rng(seed).normal(scale=3.0, size=int(bounds[-1]))
    batched = block_context_columns(z, PageRows(bounds, block))
    for lo, hi in itertools.pairwise(bounds.tolist()):
        if hi == lo:
            continue
        page_block = block[lo:hi] - block[lo]
        alone = block_context_columns(z[lo:hi], PageRows(np.array([0, hi - lo]), page_block))
        for got, want in zip(batched, alone, strict=True):
            assert np.array_equal(got[lo:hi], want)


def test_decide_scores_with_the_tables_blocks(small_page: tuple[str, str]) -> None:
    """``segment.decide`` gives stage 2 the blocks (the shipped trees read the block columns)."""
    t = split_pages([small_page[1], PAGE_A])
    model = load_model()
    assert isinstance(model.second, Trees)
    assert set(BLOCK_CONTEXT) <= {model.second.names[i] for i in model.second.used.tolist()}
    logits = np.concatenate([d.logits for d in decide(t, model)])
    x = base_features(t, marker_kinds(t))
    with_blocks = model.logits(x, PageRows(t.bounds, t.block))
    assert np.allclose(logits, with_blocks + BIAS)
    assert not np.allclose(with_blocks, model.logits(x, PageRows(t.bounds)))


def test_fused_logits_equal_the_two_stages_with_blocks(small_page: tuple[str, str]) -> None:
    t = split_pages([small_page[1], PAGE_A, ""])
    rows = PageRows(t.bounds, t.block)
    model = load_model()
    assert model.second is not None
    x = line_features(t)
    expected = model.second.logits(np.hstack([x, score_context(model.first.logits(x), rows)]))
    assert np.allclose(model.logits(base_features(t), rows), expected, atol=1e-9)
