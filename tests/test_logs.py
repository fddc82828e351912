from __future__ import annotations

import logging

from guillemets.logs import PER_RECORD_LOGGERS, quiet_per_record_loggers


def test_per_record_loggers_show_errors_only_unless_debugging() -> None:
    quiet_per_record_loggers(0)
    assert all(not logging.getLogger(n).isEnabledFor(logging.WARNING) for n in PER_RECORD_LOGGERS)
    assert all(logging.getLogger(n).isEnabledFor(logging.ERROR) for n in PER_RECORD_LOGGERS)
    quiet_per_record_loggers(2)
    assert all(logging.getLogger(n).level == logging.NOTSET for n in PER_RECORD_LOGGERS)
    quiet_per_record_loggers(0)
