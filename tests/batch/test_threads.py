"""limit_native_threads: every BLAS/OpenMP pool of the process on one thread."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, numpy
from threadpoolctl import threadpool_info
from guillemets.batch.threads import limit_native_threads
numpy.ones((64, 64)) @ numpy.ones((64, 64))  # starts OpenBLAS's pool
before = [p["num_threads"] for p in threadpool_info()]
limit_native_threads()
print(json.dumps({"before": before, "after": [p["num_threads"] for p in threadpool_info()]}))
"""


def test_limit_native_threads_sets_every_pool_to_one(project_root: Path) -> None:
    env = {"PYTHONPATH": "src", "PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "2"}  # a pool of 2 to start
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=str(project_root),
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["before"] and max(result["before"]) == 2
    assert set(result["after"]) == {1}
