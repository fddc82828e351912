from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from guillemets.clean.window import PageRows


@given(st.lists(st.integers(min_value=0, max_value=6), max_size=6), st.integers(min_value=1, max_value=4))
def test_batched_operations_equal_page_by_page(sizes: list[int], w: int) -> None:
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    x = np.arange(1.0, bounds[-1] + 1.0) ** 1.5
    rows = PageRows(bounds)
    for lo, hi in itertools.pairwise(bounds):
        if hi == lo:
            continue
        one = PageRows(np.array([0, hi - lo]))
        part = x[lo:hi]
        assert np.allclose(rows.shift(x[:, None], 1)[lo:hi], one.shift(part[:, None], 1))
        assert np.allclose(rows.shift(x[:, None], -2)[lo:hi], one.shift(part[:, None], -2))
        assert np.allclose(rows.window_mean(x[:, None], w)[lo:hi], one.window_mean(part[:, None], w))
        assert np.allclose(rows.before(x)[lo:hi], np.cumsum(part) - part)
        assert np.allclose(rows.total(x)[lo:hi], part.sum())
        assert np.array_equal(
            rows.argmax(-((x - x[lo:hi].mean()) ** 2))[lo:hi] - lo, one.argmax(-((part - part.mean()) ** 2))
        )


def test_window_mean_is_clipped_at_page_edges() -> None:
    rows = PageRows(np.array([0, 3, 5]))
    x = np.array([[1.0], [2.0], [3.0], [10.0], [20.0]])
    assert rows.window_mean(x, 1)[:, 0].tolist() == [1.5, 2.0, 2.5, 15.0, 15.0]
    assert rows.shift(x, 1)[:, 0].tolist() == [0.0, 1.0, 2.0, 0.0, 10.0]
    assert rows.position().tolist() == [0.0, 1 / 3, 2 / 3, 0.0, 0.5]


@given(st.lists(st.integers(min_value=0, max_value=6), max_size=6), st.integers(min_value=1, max_value=4))
def test_windows_and_sums_from_shared_running_sums_are_the_same_floats(sizes: list[int], w: int) -> None:
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    x = np.column_stack([np.arange(1.0, bounds[-1] + 1.0) ** 1.5, np.sqrt(np.arange(float(bounds[-1])))])
    rows = PageRows(bounds)
    sums = rows.running_sums(x)
    for j in range(2):
        assert np.array_equal(
            rows.window_mean_of_sums(sums[:, j : j + 1], w), rows.window_mean(x[:, j : j + 1], w)
        )
        assert np.array_equal(rows.before_of_sums(sums)[:, j], rows.before(x[:, j]))
