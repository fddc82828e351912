"""A Ctrl-C the CLI caught ends with its own exit code under ``python -m``, never with a SIGINT death."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from guillemets.cli import main
try:
    exec("raise KeyboardInterrupt")  # as when Ctrl-C lands while dataclasses builds a class
except KeyboardInterrupt:
    pass
sys.argv = ["guillemets", "--version"]
main()
"""


def test_caught_interrupt_inside_exec_does_not_turn_the_exit_into_sigint(
    project_root: Path, tmp_path: Path
) -> None:
    (tmp_path / "caught_interrupt.py").write_text(SCRIPT, encoding="utf-8")
    env_path = [str(tmp_path), str(project_root / "src")]
    done = subprocess.run(
        [sys.executable, "-m", "caught_interrupt"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": ":".join(env_path), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert "guillemets" in done.stdout
