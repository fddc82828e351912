"""Every option of every command is documented in README.md or docs/*.md (as sqlite-utils checks its CLI)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from guillemets.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def documented_text() -> str:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(p.read_text("utf-8") for p in pages)


def commands() -> dict[str, click.Command]:
    """Every subcommand, loaded (the group imports them lazily)."""
    ctx = click.Context(cli)
    found = {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}  # type: ignore[attr-defined]
    return {name: command for name, command in found.items() if command is not None}


def command_options() -> list[tuple[str, str]]:
    """(command, longest flag) for every option of the group and of every command, help excepted."""
    found = []
    for name, command in [("(group)", cli), *sorted(commands().items())]:
        for param in command.params:
            if isinstance(param, click.Option) and "--help" not in param.opts:
                found.append((name, max([*param.opts, *param.secondary_opts], key=len)))
    return found


def test_every_command_is_listed() -> None:
    text = documented_text()
    assert len(commands()) >= 8
    assert [name for name in commands() if f"guillemets {name}" not in text] == []


@pytest.mark.parametrize(("command", "flag"), command_options())
def test_every_option_is_documented(command: str, flag: str) -> None:
    assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", documented_text()), (
        f"guillemets {command} {flag} is not documented in README.md or docs/*.md"
    )


def readme_commands() -> list[str]:
    """The two commands of the README's "Two commands" section, as written there."""
    section = (ROOT / "README.md").read_text("utf-8").split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```\n(.*?)```", section, re.DOTALL)]


def test_ci_installs_and_tests_exactly_as_the_readme_says() -> None:
    """.ci/run runs README command 1 and 2 verbatim, with the pip the venv comes with (issue 11)."""
    install, tests = readme_commands()
    assert install.startswith("python3 -m venv .venv") and "pip install -e" in install
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert install in ci and tests in ci
    upgrades = [line for line in ci if re.search(r"pip install\b.*(-U|--upgrade)\b.*\bpip\b", line)]
    assert upgrades == []
