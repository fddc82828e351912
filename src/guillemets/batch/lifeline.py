"""Workers die with their parent: a ``--jobs`` worker must never outlive the process that runs it.

When the parent is killed (kill -9, the OOM killer) nothing tells its workers: they would wait
for work forever, holding their memory, and keep the forkserver and the resource tracker alive
(those exit once the last holder of their pipe is gone). Two guards, set first thing in a worker:

- on Linux, when the worker is a direct child of the parent (the ``fork`` start method), the
  kernel's parent-death signal (``prctl(PR_SET_PDEATHSIG, SIGKILL)``): the worker is killed the
  instant the parent dies, whatever it is doing;
- on every start method (a ``forkserver`` or ``spawn`` worker's parent is another process), a
  daemon watchdog thread that waits on the parent: a pidfd where the platform has one (woken by
  the kernel when the parent exits), else a poll once a second. It ends the worker with
  ``os._exit``: nothing of the parent's state is flushed twice.
"""

from __future__ import annotations

import ctypes
import logging
import os
import select
import signal
import sys
import threading

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
POLL_SECONDS = 1.0  # how often the fallback watchdog checks that the parent is alive
EXIT_ORPHANED = 70  # the exit code of a worker whose parent died (EX_SOFTWARE)


def die_with_parent(parent_pid: int) -> None:
    """Make this process exit when ``parent_pid`` exits; exits at once if it is already gone.

    Call it first thing in a worker process, with the pid of the process that runs the pool.
    """
    direct = os.getppid() == parent_pid
    if direct and sys.platform == "linux":
        _set_parent_death_signal(signal.SIGKILL)
    if not _alive(parent_pid, direct):  # the parent died before the guard was set
        os._exit(EXIT_ORPHANED)
    watchdog = threading.Thread(
        target=_watch, args=(parent_pid, direct), name="guillemets-parent-watchdog", daemon=True
    )
    watchdog.start()


def _set_parent_death_signal(signum: int) -> None:
    """prctl(PR_SET_PDEATHSIG): the kernel sends ``signum`` to this process when its parent exits."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) != 0:
            log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    except (OSError, AttributeError):  # no libc prctl: the watchdog thread is the guard
        log.debug("prctl is not available", exc_info=True)


def _watch(parent_pid: int, direct: bool) -> None:
    """Wait until the parent exits, then end this process."""
    if not _wait_on_pidfd(parent_pid):
        while _alive(parent_pid, direct):
            threading.Event().wait(POLL_SECONDS)
    os._exit(EXIT_ORPHANED)


def _wait_on_pidfd(parent_pid: int) -> bool:
    """Block until ``parent_pid`` exits (True), or False when this platform has no pidfd."""
    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is None:
        return False
    try:
        fd = pidfd_open(parent_pid)
    except ProcessLookupError:
        return True
    except OSError:  # an old kernel (before Linux 5.3) or a sandbox without the syscall
        return False
    try:
        select.select([fd], [], [])  # readable once the process has exited
    finally:
        os.close(fd)
    return True


def _alive(parent_pid: int, direct: bool) -> bool:
    """Whether the parent still runs (a direct child is re-parented when its parent dies)."""
    if direct:
        return os.getppid() == parent_pid
    try:
        os.kill(parent_pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # the pid exists (perhaps reused by another user's process)
        return True
    return True
