"""Per-line counts read straight off the UTF-8 bytes of an Arrow string array, with numpy.

A regular expression kernel visits every character of every line; these features only need to
know which bytes are ASCII digits or commas, or what a line's last character is, and UTF-8 lets
numpy answer that on the raw buffer: a byte below 0x80 is always the ASCII character it encodes,
and a multi-byte character is recognised by its exact byte sequence. The results equal the RE2
patterns they replace (``\\d``, ``,``, ``[….!?…]$``); a test checks it on invented lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa


@dataclass(frozen=True, slots=True)
class Utf8:
    """The bytes of a string array's values and where each value starts and ends in them."""

    data: np.ndarray  # uint8, every value's bytes back to back (plus whatever the buffer holds around)
    start: np.ndarray  # int64 per value
    end: np.ndarray

    @classmethod
    def of(cls, arr: pa.Array) -> Utf8:
        """View a ``large_string`` array (no copy); values are read where the offsets point."""
        if arr.type != pa.large_string():
            raise TypeError(f"expected a large_string array, got {arr.type}")
        _validity, offsets, data = arr.buffers()
        bounds = np.frombuffer(offsets, dtype=np.int64)[arr.offset : arr.offset + len(arr) + 1]
        raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
        return cls(raw, bounds[:-1], bounds[1:])

    def count(self, byte_values: bytes) -> np.ndarray:
        """Per value, how many of its bytes are one of ``byte_values`` (ASCII characters only)."""
        if any(b >= 0x80 for b in byte_values):
            raise ValueError("only ASCII bytes can be counted on their own in UTF-8")
        if len(self.start) == 0:
            return np.zeros(0, dtype=np.int64)
        lo, hi = int(self.start[0]), int(self.end[-1])
        data = self.data[lo:hi]
        low, span = min(byte_values), max(byte_values) - min(byte_values) + 1
        if span == len(set(byte_values)):  # a range (digits) or one byte: one vectorised comparison,
            hit = (data - np.uint8(low)) < span  # (uint8 wraps below ``low``) 3× faster than a table
        else:
            table = np.zeros(256, dtype=bool)
            table[list(byte_values)] = True
            hit = table[data]
        hits = np.flatnonzero(hit) + lo
        return np.searchsorted(hits, self.end) - np.searchsorted(hits, self.start)

    def ends_with(self, chars: str) -> np.ndarray:
        """Per value, whether its last character is one of ``chars`` (empty values: False)."""
        size = self.end - self.start
        found = np.zeros(len(size), dtype=bool)
        for width in (1, 2, 3, 4):
            wanted = [c.encode("utf-8") for c in chars if len(c.encode("utf-8")) == width]
            rows = np.flatnonzero(size >= width)
            if not wanted or len(rows) == 0:
                continue
            tail = np.zeros(len(rows), dtype=np.int64)
            for k in range(width):  # the last ``width`` bytes as one big-endian integer
                tail = (tail << 8) | self.data[self.end[rows] - width + k]
            codes = np.array([int.from_bytes(w, "big") for w in wanted], dtype=np.int64)
            found[rows] |= np.isin(tail, codes)
        return found


def three_byte_code_points(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The code points of the three-byte UTF-8 characters (U+0800–U+FFFF) whose lead bytes are at
    ``at`` in ``data`` (the bytes: one place for this decoding, used by the script and CJK features)."""
    b0, b1, b2 = (data[at + k].astype(np.int64) for k in range(3))
    return np.asarray(((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F))


def numpy_of(arr: pa.Array, dtype: type | None = None) -> np.ndarray:
    """A numeric or boolean Arrow array as a (writable) numpy array, read off its buffers.

    ``np.asarray`` on an Arrow array asks pyarrow, which imports pandas the first time to check
    for pandas types: 0.2 s of CPU in every process that cleans a page. Arrays with nulls (the
    cleaner's kernels make none) go the usual way.
    """
    if arr.null_count:
        return np.asarray(arr, dtype=dtype)
    _validity, values = arr.buffers()[:2]
    if pa.types.is_boolean(arr.type):
        bits = np.frombuffer(values, dtype=np.uint8) if values is not None else np.zeros(0, np.uint8)
        out = np.unpackbits(bits, bitorder="little")[arr.offset : arr.offset + len(arr)].astype(bool)
        return out if dtype is None else out.astype(dtype)
    kind = np.dtype(arr.type.to_pandas_dtype())
    if values is None:
        return np.zeros(0, dtype=dtype or kind)
    return np.frombuffer(values, dtype=kind)[arr.offset : arr.offset + len(arr)].astype(dtype or kind)


def arrow_of(values: np.ndarray) -> pa.Array:
    """A numpy boolean mask or int64 index array as an Arrow array (``pa.array`` imports pandas)."""
    if values.dtype == bool:
        bits = np.packbits(values, bitorder="little")
        return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(bits)])
    ints = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(ints), [None, pa.py_buffer(ints)])
