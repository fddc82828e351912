"""Neighbourhood arithmetic over the rows of a batch of pages, never crossing a page boundary.

The features and the classifier describe a line by its neighbours (previous line, mean over a
window, share of the page's text before it). A batch holds many pages one after the other, so
every such operation is clipped to the rows of the line's own page, and computed from that page's
rows alone (running sums restart at each page): a page gets the same floats whatever its batch.
"""

from __future__ import annotations

import numpy as np


class PageRows:
    """Where each row's page starts and ends, for page-clipped shifts, windows and sums.

    ``block`` (optional): each row's blank-line-separated block (``LineTable.block``; any labels
    whose rows are contiguous), for the stage-2 block context (``classify.block_context_columns``).
    Without it every row is a block of its own.
    """

    def __init__(self, bounds: np.ndarray, block: np.ndarray | None = None) -> None:
        self.bounds = bounds
        self.block = block
        counts = np.diff(bounds)
        self.page = np.repeat(np.arange(len(counts)), counts)
        self.start = bounds[:-1][self.page]
        self.end = bounds[1:][self.page]
        self.n = int(bounds[-1])
        self.index = np.arange(self.n)

    def subset(self, pages: np.ndarray) -> tuple[np.ndarray, PageRows]:
        """The rows of ``pages`` (sorted page indices) and a ``PageRows`` of them alone, in order."""
        counts = np.diff(self.bounds)[pages]
        rows = np.concatenate([np.arange(self.bounds[p], self.bounds[p + 1]) for p in pages.tolist()])
        bounds = np.concatenate([[0], np.cumsum(counts)]).astype(self.bounds.dtype)
        return rows, PageRows(bounds, None if self.block is None else self.block[rows])

    def block_starts(self) -> np.ndarray:
        """Whether each row opens a block: its block label differs from the previous row's, or it
        opens a page (a block never crosses a page; without ``block``, every row)."""
        starts = np.ones(self.n, dtype=bool)
        if self.block is not None and self.n:
            starts[1:] = (self.block[1:] != self.block[:-1]) | (self.page[1:] != self.page[:-1])
        return starts

    def shift(self, x: np.ndarray, by: int) -> np.ndarray:
        """Row i gets row i - by of the same page, zeros where that row is on another page."""
        out = np.zeros_like(x)
        if by > 0:
            out[by:] = x[:-by]
            out[self.index - by < self.start] = 0
        elif by < 0:
            out[:by] = x[-by:]
            out[self.index - by >= self.end] = 0
        else:
            out[:] = x
        return out

    def window_mean(self, x: np.ndarray, w: int) -> np.ndarray:
        """Mean of rows i-w..i+w of each column, clipped at the page's first and last rows."""
        return self.window_mean_of_sums(self.running_sums(x), w)

    def before(self, x: np.ndarray) -> np.ndarray:
        """Sum of x over the rows of the same page before each row."""
        return self.before_of_sums(self.running_sums(x[:, None]))[:, 0]

    def window_mean_of_sums(self, c: np.ndarray, w: int) -> np.ndarray:
        """``window_mean(x, w)`` from ``c = running_sums(x)``: several windows and sums of the same
        columns share one pass over the pages (the same floats as ``window_mean``)."""
        lo = np.maximum(self.index - w, self.start)
        hi = np.minimum(self.index + w + 1, self.end)
        return np.asarray((c[hi + self.page] - c[lo + self.page]) / (hi - lo)[:, None])

    def before_of_sums(self, c: np.ndarray) -> np.ndarray:
        """``before`` of each column of x, from ``c = running_sums(x)``."""
        return np.asarray(c[self.index + self.page])

    def running_sums(self, x: np.ndarray) -> np.ndarray:
        """Running sums of x's columns restarted at each page: row ``i + p`` is the sum of page p's
        rows before row i (each page has one more slot, its leading zero).

        Per page, not one running sum over the batch minus the page's offset: a sum carried over
        the earlier pages rounds differently, so a page's features (and, on near ties, which of its
        lines are kept) would depend on what else is in its batch, and 1 process, ``--jobs N`` and
        Spark, which batch pages differently, would disagree (2 of the 555 DEV dumps lost or gained
        lines). The loop over pages costs about 4 % of the dump cleaner's CPU time on the DEV dumps.
        """
        c = np.zeros((self.n + len(self.bounds) - 1, x.shape[1]))
        for p, (lo, hi) in enumerate(zip(self.bounds[:-1].tolist(), self.bounds[1:].tolist(), strict=True)):
            np.add.accumulate(x[lo:hi], axis=0, out=c[lo + p + 1 : hi + p + 1])
        return c

    def total(self, x: np.ndarray) -> np.ndarray:
        """Sum of x over each row's page, per row."""
        return np.bincount(self.page, x, minlength=len(self.bounds) - 1)[self.page]

    def position(self) -> np.ndarray:
        """Rank of each row in its page, divided by the page's number of rows."""
        return np.asarray((self.index - self.start) / (self.end - self.start))

    def argmax(self, x: np.ndarray) -> np.ndarray:
        """Row index of each row's page maximum of x (first one on ties)."""
        best = np.zeros(len(self.bounds) - 1, dtype=np.int64)
        for p, (lo, hi) in enumerate(zip(self.bounds[:-1].tolist(), self.bounds[1:].tolist(), strict=True)):
            if hi > lo:
                best[p] = lo + int(np.argmax(x[lo:hi]))
        return best[self.page]
