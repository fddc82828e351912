"""The ``guillemets`` command group: each subcommand lives in its own module, loaded lazily.

Exit codes: 0 all inputs processed · 1 some inputs failed · 2 usage error ·
3 could not run (model missing, database unreachable, output unwritable) · 130 interrupted.
Each error class in errors.py carries its exit code; ``exit_code_for`` is the one place that
turns an exception into a code, and the group applies it to whatever a command lets escape.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging

import click

from guillemets import __version__
from guillemets.errors import (
    EXIT_CANNOT_RUN,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    GuillemetsError,
)
from guillemets.logs import quiet_per_record_loggers

__all__ = [
    "EXIT_CANNOT_RUN",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_SOME_FAILED",
    "EXIT_USAGE",
    "exit_code_for",
]
log = logging.getLogger(__name__)


def exit_code_for(exc: BaseException) -> int:
    """The exit code a run stopped by ``exc`` ends with (README: Exit codes)."""
    if isinstance(exc, GuillemetsError):
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, click.UsageError):
        return EXIT_USAGE
    return EXIT_CANNOT_RUN  # OSError (output unwritable, disk full) and anything unexpected


# command name -> module under guillemets.cli holding a click command named ``command``
COMMANDS = {
    "extract": "extract",
    "quotes": "quotes",
    "ingest": "ingest",
    "search": "search",
    "speakers": "speakers",
    "export": "export",
    "serve": "serve",
    "spark": "spark",
}


class LazyGroup(click.Group):
    """Imports a subcommand's module only when it runs, so `--help` and startup stay fast."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._module_exists(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not self._module_exists(cmd_name):
            return None
        module = importlib.import_module(f"guillemets.cli.{COMMANDS[cmd_name]}")
        command: click.Command = module.command
        return command

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; a typed error it lets escape becomes one stderr line and its exit code.

        Ctrl-C anywhere (imports, model loading, worker start-up) is one line and exit 130.
        """
        try:
            return super().invoke(ctx)
        except GuillemetsError as exc:
            log.debug("stopped by %s", exc.code, exc_info=True)
            click.echo(f"guillemets: error: {exc}", err=True)
            ctx.exit(exit_code_for(exc))
        except KeyboardInterrupt as exc:
            click.echo("guillemets: interrupted", err=True)
            ctx.exit(exit_code_for(exc))

    @staticmethod
    def _module_exists(name: str) -> bool:
        return importlib.util.find_spec(f"guillemets.cli.{COMMANDS[name]}") is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="guillemets")
@click.option("-v", "--verbose", count=True, help="-v info logs, -vv debug logs and tracebacks.")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """guillemets: clean news pages and record who said what.

    \b
    Examples:
      guillemets extract examples/ -o articles.jsonl
      guillemets quotes articles.jsonl
      guillemets ingest examples/ --db corpus.db
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="guillemets: %(levelname)s: %(name)s: %(message)s")
    quiet_per_record_loggers(verbose)


def main() -> None:
    try:
        cli(prog_name="guillemets")
    finally:
        _forget_caught_interrupt()


def _forget_caught_interrupt() -> None:
    """Let a Ctrl-C we caught end with our exit code (130), not with CPython killing itself by SIGINT.

    CPython 3.11 sets a process-wide "unhandled KeyboardInterrupt" flag whenever a KeyboardInterrupt
    leaves an ``exec()`` of a string (dataclasses and pydantic run such code while spaCy imports),
    even when the caller catches it; ``python -m guillemets`` then ends with SIGINT whatever exit
    code we chose. Any ``exec()`` of a string that succeeds clears the flag.
    """
    exec("pass")  # a constant string: clears CPython's flag, see the docstring
