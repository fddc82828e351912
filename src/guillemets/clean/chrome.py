"""A page's chrome lines kept as the cleaner's arrays: objects on first read, JSON for a batch at once.

Most lines of a dump are chrome (about 140 a page on the DEV dumps) and most records are only
written as JSON lines. Building a ``ChromeLine`` per line, then formatting each one, cost about
0.1 ms a page, a tenth of cleaning it. The cleaner stores ``ChromeRows`` in ``Cleaned.chrome``
(a ``model.DeferredField``): reading the field builds the list; the JSON lines writer asks for
``json_items`` instead, which formats the chrome lines of the whole batch with a few Arrow
kernels the first time one page of it is written.
"""

from __future__ import annotations

from json.encoder import encode_basestring

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from guillemets.clean.lines import strings
from guillemets.clean.shape import arrow_of
from guillemets.model import ChromeKind, ChromeLine, Deferred

KINDS = tuple(ChromeKind)  # a chrome line's kind code is its index here
# What follows a line's number in its JSON item, for each kind: `,"kind":"navigation","text":"`.
_MIDDLES = [f',"kind":{encode_basestring(str(kind))},"text":"' for kind in KINDS]
_TEXT = pa.large_string()  # 64-bit offsets: a batch's JSON may pass 2 GB (one 200 MB page of quotes)


class ChromeBatch:
    """The chrome lines of one cleaned batch: the batch's line texts, and each page's rows and kinds."""

    def __init__(self, texts: pa.Array, numbers: np.ndarray) -> None:
        self._texts: pa.Array | None = texts  # the batch's lines (collapsed), dropped once formatted
        self._numbers: np.ndarray | None = numbers  # their line numbers in their pages
        self._rows: list[np.ndarray] = []  # per page: batch rows of its chrome lines, in order
        self._kinds: list[np.ndarray] = []  # per page: their kind codes (indexes of KINDS)
        self._json: list[bytes] | None = None

    def add(self, rows: np.ndarray, kinds: np.ndarray) -> int:
        """Record one page's chrome lines; returns its index in the batch."""
        self._rows.append(rows)
        self._kinds.append(kinds)
        return len(self._rows) - 1

    def json_items(self, page: int) -> bytes:
        """Page ``page``'s chrome lines as the items of a JSON list, as ``model.record_bytes`` writes them."""
        if self._json is None:
            self._json = self._format()
            self._texts = self._numbers = None
        return self._json[page]

    def _format(self) -> list[bytes]:
        """Each page's items, ``{"line":N,"kind":"K","text":"T"}`` joined by ",", in a few
        kernels over all the batch's chrome lines; the texts JSON must escape (a quote, a backslash,
        a control character: 1 % of DEV's chrome lines) are escaped by ``json`` itself."""
        assert self._texts is not None and self._numbers is not None
        rows = np.concatenate(self._rows) if self._rows else np.zeros(0, np.int64)
        texts = self._texts.take(arrow_of(rows)).cast(_TEXT)
        items = pc.binary_join_element_wise(
            _scalar('{"line":'), arrow_of(self._numbers[rows]).cast(_TEXT),
            strings(_MIDDLES).take(arrow_of(np.concatenate(self._kinds) if self._kinds else rows)),
            _escaped(texts), _scalar('"}'), _scalar(""),
        )  # fmt: skip
        offsets = np.zeros(len(self._rows) + 1, np.int64)
        np.cumsum([len(r) for r in self._rows], out=offsets[1:])
        pages = pa.LargeListArray.from_arrays(arrow_of(offsets), items)
        joined: list[bytes] = pc.binary_join(pages, _scalar(",")).cast(pa.large_binary()).to_pylist()
        return joined


def _escaped(texts: pa.Array) -> pa.Array:
    """``texts`` as JSON strings' contents (no quotes around): the rows holding a byte JSON escapes
    (a quote, a backslash, a control character) found on the UTF-8 bytes, escaped by ``json``."""
    buffers = texts.buffers()
    offsets = np.frombuffer(buffers[1], np.int64, len(texts) + 1, texts.offset * 8)
    first, last = int(offsets[0]), int(offsets[-1])
    data = np.frombuffer(buffers[2], np.uint8, last - first, first) if last > first else np.zeros(0, np.uint8)
    bad = np.flatnonzero((data < 0x20) | (data == 0x22) | (data == 0x5C))
    if len(bad) == 0:
        return texts
    which = np.unique(np.searchsorted(offsets, bad + first, "right") - 1)
    values = [encode_basestring(text)[1:-1] for text in texts.take(arrow_of(which)).to_pylist()]
    mask = np.zeros(len(texts), dtype=bool)
    mask[which] = True
    return pc.replace_with_mask(texts, arrow_of(mask), strings(values))


def _scalar(text: str) -> pa.Scalar:
    """An Arrow large_string scalar (``pa.scalar`` imports pandas: 0.2 s of a process's start-up)."""
    return strings([text])[0]


class ChromeRows(Deferred[ChromeLine]):
    """One page's chrome lines: which of its lines, their kinds, and the batch that formats them."""

    __slots__ = ("_batch", "_kinds", "_numbers", "_page", "_rows", "_texts")

    def __init__(self, batch: ChromeBatch, start: int, texts: list[str], numbers: list[int],
                 rows: np.ndarray, kinds: np.ndarray) -> None:  # fmt: skip
        """``rows`` index the page's lines (``texts``, ``numbers``); ``start`` is its first batch row."""
        self._batch, self._page = batch, batch.add(rows + start, kinds)
        self._texts, self._numbers = texts, numbers
        self._rows, self._kinds = rows, kinds

    def build(self) -> list[ChromeLine]:
        texts, numbers, kinds = self._texts, self._numbers, KINDS
        return [
            ChromeLine(numbers[i], kinds[k], texts[i])
            for i, k in zip(self._rows.tolist(), self._kinds.tolist(), strict=True)
        ]

    def json_items(self) -> bytes:
        return self._batch.json_items(self._page)

    def __len__(self) -> int:
        return len(self._rows)
