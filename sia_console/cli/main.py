"""The ``sia-console`` command: with no command it opens the terminal UI.

Exit codes (a public contract): 0 done; 1 the input or the situation is wrong, with one
sentence on stderr; 2 the command line itself is wrong. Nothing reaches the user as a
traceback: a database that cannot be used (read-only, locked, disk full) is one sentence,
and an unexpected error is written to the log folder (its class and where, never its
message) and named in one sentence.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.exceptions import TyperException

from sia_console import __version__
from sia_console.cli.commands import LazyCommands
from sia_console.cli.failures import EXPECTED_ERRORS, sentences_for, warn
from sia_console.cli.framework_words import SiaContext, aborted, show_error
from sia_console.cli.language import choose_language
from sia_console.cli.state import CliState, state
from sia_console.i18n import _


class SiaGroup(LazyCommands):
    """Loads a command's module only when that command runs (``--help`` loads none), and
    turns every expected failure into one sentence on stderr and exit code 1; the
    framework's own words (help, usage errors) are in the interface language."""

    context_class = SiaContext

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; in stand-alone mode, show a usage error ourselves (in the
        interface language) and exit with the framework's code, as it would."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except TyperException as exc:
            show_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            aborted()
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()  # the reader (``| head``) has all it wanted: end quietly
            ctx.exit(0)
        except Exception as exc:  # one sentence (an unexpected error is logged first)
            if not isinstance(exc, (*EXPECTED_ERRORS, OSError)) and _from_cli_framework(exc):
                raise
            _discard_new_database(ctx)
            for sentence in sentences_for(exc, _database_path(ctx)):
                warn(sentence)
            ctx.exit(1)
        finally:
            obj = ctx.obj
            if isinstance(obj, CliState):
                obj.close()


def _discard_new_database(ctx: Any) -> None:
    """A failed command leaves no database it started (``init`` with no key store, say)."""
    obj = ctx.obj
    if isinstance(obj, CliState):
        obj.discard_new_database()


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that flushing it at exit cannot fail again.

    What was still buffered for the closed pipe is dropped; nothing is said about it.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (as under a test runner)
        pass


def _from_cli_framework(exc: BaseException) -> bool:
    """Usage errors and exits belong to the command-line framework, which handles them."""
    return type(exc).__module__.startswith(("typer", "click"))


def _database_path(ctx: Any) -> Path | None:
    """The database the command had open, to name it in a sentence."""
    obj = ctx.obj
    return obj.open_path if isinstance(obj, CliState) else None


app = typer.Typer(
    cls=SiaGroup,
    name="sia-console",
    help=_(
        "Offline notes of visit, visit calendar and sync bundles for school-improvement advisers."
    ),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"sia-console {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help=_("The database file (default: SIA_CONSOLE_DB, else the user data folder)."),
            envvar=None,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version.")),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            callback=choose_language,
            is_eager=True,
            metavar="en|cy",
            help=_(
                "The language of messages and output: en or cy (default: SIA_CONSOLE_LANG, "
                "else the saved preference, else the system's)."
            ),
        ),
    ] = None,
) -> None:
    """Open the terminal UI, or run one of the commands below."""
    ctx.obj = CliState(db_option=db)
    if ctx.invoked_subcommand is None:
        from sia_console.tui.launch import launch

        launch(state(ctx).db_path)


def run() -> None:
    """Run the command line (``sia_console.cli.entry`` calls this for every command)."""
    logging.basicConfig(level=logging.WARNING)
    app()
