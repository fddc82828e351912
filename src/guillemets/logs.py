"""Dependencies that log once per record: quieted by the executors (CLI, --jobs workers, Spark tasks).

warcio warns for every archive record whose WARC-Target-URI holds spaces, after repairing it
("Replacing spaces in invalid WARC-Target-URI"): thousands of lines on a real crawl, none of
them actionable. They stay visible with ``-vv``. The library itself never configures logging.

warcio also writes some warnings straight to ``sys.stderr``, several lines each ("WARNING: Record
not followed by newline..."); ``stderr_to_debug`` turns them into one debug log line (``-vv``).
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator

PER_RECORD_LOGGERS = ("warcio",)


def quiet_per_record_loggers(verbose: int = 0) -> None:
    """Show only errors from per-record loggers, unless ``verbose`` asks for debug output (2+)."""
    level = logging.NOTSET if verbose >= 2 else logging.ERROR
    for name in PER_RECORD_LOGGERS:
        logging.getLogger(name).setLevel(level)


@contextlib.contextmanager
def stderr_to_debug(logger: logging.Logger, what: str) -> Iterator[None]:
    """Run a block whose dependency writes to ``sys.stderr``; log what it wrote as one debug line.

    Only the block's own writes are caught: wrap the calls into the dependency, never a ``yield``
    (the caller's progress bar and error lines must reach the real stderr).
    """
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stderr(buffer):
            yield
    finally:
        if text := " | ".join(line.strip() for line in buffer.getvalue().splitlines() if line.strip()):
            logger.debug("%s: %s", what, text[:2000])
