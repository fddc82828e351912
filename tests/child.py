"""Run Python code in a fresh interpreter: for what lasts a whole process (modules imported, C
library settings), which a test inside the pytest process cannot see."""

from __future__ import annotations

import subprocess
import sys


def run_child(code: str) -> str:
    """The child's standard output, stripped; a failing child fails the test with its stderr."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
