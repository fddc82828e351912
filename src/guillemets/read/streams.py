"""Open an input as a byte stream: files or stdin, gunzipped transparently, first bytes kept for sniffing.

Nothing here reads a whole file: callers read bounded amounts, so memory stays bounded
whatever the input size.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

STDIN = "-"
STDIN_LABEL = "<stdin>"
SNIFF_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
TRUNCATED_GZIP = "truncated gzip stream (the file ends before the compressed data does)"
_CONTROL = re.compile("[\x00-\x1f\x7f]")


class _Rewound(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._pos = 0
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._pos < len(self._head):
            chunk = self._head[self._pos : self._pos + len(buffer)]
            self._pos += len(chunk)
        else:
            chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


class GzipGuard(io.RawIOBase):
    """A gunzipping stream that ends quietly at a break and remembers it in ``broken``.

    Archive readers (warcio) treat an EOFError as a normal end; this makes the break visible.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        self.broken: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.broken:
            return 0
        try:
            chunk = self._gz.read1(len(buffer))  # read1: a failed read loses nothing already read
        except EOFError:
            self.broken = TRUNCATED_GZIP
            return 0
        except (gzip.BadGzipFile, zlib.error) as exc:
            # a file cut one byte into a new gzip member shows as a bad magic number b'\x1f'
            self.broken = TRUNCATED_GZIP if "(b'\\x1f')" in str(exc) else f"corrupt gzip stream ({exc})"
            return 0
        buffer[: len(chunk)] = chunk
        return len(chunk)


@dataclass(slots=True)
class Opened:
    """An input ready to read: ``stream`` starts at byte 0 of the (decompressed) content."""

    name: str  # file name used to pick a format (".gz" removed)
    stream: BinaryIO
    head: bytes  # the first SNIFF_BYTES of the content
    size: int | None  # size on disk of a regular uncompressed file, else None
    guard: GzipGuard | None = None

    @property
    def broken(self) -> str | None:
        return self.guard.broken if self.guard else None


def display_path(path: str) -> str:
    """The path as records and messages show it: one line of valid UTF-8.

    A byte of the name that is not UTF-8, and a control character (a newline in a file name would
    split an error line), is shown as ``\\xNN``; the file itself is still opened by its real name.
    """
    if path == STDIN:
        return STDIN_LABEL
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8 (Python holds its bytes as surrogates)
        path = path.encode("utf-8", "surrogateescape" if _escaped_only(path) else "replace").decode(
            "utf-8", "backslashreplace"
        )
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", path)


def _escaped_only(path: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in path)


@contextmanager
def open_input(path: str) -> Iterator[Opened]:
    """Open ``path`` ('-' is stdin) for reading; raises OSError if it cannot be opened."""
    if path == STDIN:
        yield _prepare(STDIN_LABEL, sys.stdin.buffer, None)
        return
    with open(path, "rb") as raw:
        status = os.fstat(raw.fileno())
        yield _prepare(path, raw, status.st_size if stat.S_ISREG(status.st_mode) else None)


def _prepare(name: str, raw: BinaryIO, size: int | None) -> Opened:
    head = raw.read(SNIFF_BYTES)
    guard = None
    if head.startswith(GZIP_MAGIC):
        guard = GzipGuard(_buffer(_Rewound(head, raw)))
        raw = _buffer(guard)
        head = raw.read(SNIFF_BYTES)
        name, size = name.removesuffix(".gz").removesuffix(".GZ"), None
    elif size is not None and len(head) < SNIFF_BYTES:  # a small file, read whole: no need to rewind
        return Opened(name, io.BytesIO(head), head, size)
    return Opened(name, _buffer(_Rewound(head, raw)), head, size, guard)


def _buffer(raw: io.RawIOBase) -> BinaryIO:
    return io.BufferedReader(raw, buffer_size=SNIFF_BYTES)


class LineTooLong(Exception):
    """More bytes than the bound without a newline: no text format holds such a line."""


class LineBound:
    """``stream.read``, failing with LineTooLong once more than ``limit`` bytes pass without a newline.

    warcio reads header lines with no length limit, copying the line once per buffer it fills: a
    gzipped archive holding a 1.5 GB "header line" would take hours and all memory. No header and no
    page we keep is longer than the page limit, so a line over it ends the archive instead.
    """

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._run = 0  # bytes since the last newline

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        newline = data.rfind(b"\n")
        self._run = len(data) - newline - 1 if newline >= 0 else self._run + len(data)
        if self._run > self._limit:
            raise LineTooLong(f"a line of more than {self._limit} bytes without a newline")
        return data

    def tell(self) -> int:
        raise io.UnsupportedOperation("not seekable")  # warcio then counts offsets itself
