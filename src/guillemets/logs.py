"""Dependencies that log once per record: quieted by the executors (CLI, --jobs workers, Spark tasks).

warcio warns for every archive record whose WARC-Target-URI holds spaces, after repairing it
("Replacing spaces in invalid WARC-Target-URI"): thousands of lines on a real crawl, none of
them actionable. They stay visible with ``-vv``. The library itself never configures logging.
"""

from __future__ import annotations

import logging

PER_RECORD_LOGGERS = ("warcio",)


def quiet_per_record_loggers(verbose: int = 0) -> None:
    """Show only errors from per-record loggers, unless ``verbose`` asks for debug output (2+)."""
    level = logging.NOTSET if verbose >= 2 else logging.ERROR
    for name in PER_RECORD_LOGGERS:
        logging.getLogger(name).setLevel(level)
