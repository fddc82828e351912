"""One thread per worker for the native BLAS/OpenMP pools, when N workers share N cores.

numpy's OpenBLAS starts one thread per core on its first matrix product and keeps
them spinning between calls; with one worker process per core those threads steal
CPU from the other workers instead of helping. Parallelism comes from the workers.
"""

from __future__ import annotations

import functools
import logging
import os

log = logging.getLogger(__name__)

_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@functools.cache
def limit_native_threads() -> None:
    """Limit this process's BLAS/OpenMP pools to one thread: loaded ones now, later ones by environment.

    Call it first thing in a worker process (once per process; later calls do nothing).
    """
    for name in _THREAD_VARIABLES:  # read by a native library when it loads
        os.environ[name] = "1"
    import numpy  # noqa: F401  (loads OpenBLAS, so the limit below reaches it)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)
    log.debug("native thread pools limited to 1 thread in process %d", os.getpid())
