"""The command-line framework's own words ("Usage:", "Options", "Show this message and
exit.", "Error: …", "Missing argument …") in the interface language.

Typer writes them itself: some through the stdlib ``gettext`` (domain ``messages``, which
finds only compiled ``.mo`` files), most as literal English in the Click it carries
inside it. Rather than patch either, sia-console uses the hooks a command offers:

* help is written by :class:`SiaHelpFormatter` (each command's context class is
  :class:`SiaContext`, :func:`adopt` sets it on every command loaded): it words the
  usage prefix, the section headings and the framework's own help and marks;
* a usage error is shown by :func:`show_error` (the root group runs the framework
  outside its stand-alone mode and shows the error itself): the framework's message is
  matched against its known sentences (:data:`SENTENCES`) and put into the language now,
  the parts it was built from (a name, the options possible) kept as they were.

In English every word is the framework's own, character for character.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import lru_cache
from typing import IO, Any

import typer
from typer._click.exceptions import UsageError
from typer._click.formatting import HelpFormatter
from typer.exceptions import TyperException

from sia_console.i18n import N_, _

SENTENCES: tuple[str, ...] = (
    N_("No such option: {name} (Possible options: {possibilities})"),
    N_("No such option: {name}"),
    N_("No such command {name}."),
    N_("Missing command."),
    N_("Missing argument {name}. {more}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}. {more}"),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("Missing parameter: {name}"),
    N_("Got unexpected extra argument(s) ({args})"),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Option {name} does not take a value."),
    N_("Invalid value for {param}: {message}"),
    N_("Invalid value: {message}"),
    N_("Value {value} is not a valid {kind}."),
    N_("{value} is not one of {choices}."),
)
"""The framework's error sentences, as it writes them (a name is written quoted)."""

KINDS: tuple[str, ...] = (N_("integer"), N_("float"), N_("boolean"))
"""The kinds of value the framework names in "is not a valid …"."""

MARKS: tuple[str, ...] = (N_("[default: {value}]"), N_("[env var: {value}]"))
"""The framework's marks after an option's help."""

HEADINGS: tuple[str, ...] = (N_("Arguments"), N_("Options"), N_("Commands"))
"""The framework's headings in help (worded where they are written)."""

REQUIRED = N_("[required]")
HELP_OPTION = N_("Show this message and exit.")


@lru_cache(maxsize=64)
def _pattern(sentence: str, *, whole: bool) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", sentence)
    regex = "".join(
        f"(?P<{part}>.+?)" if index % 2 else re.escape(part) for index, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$" if whole else regex, re.DOTALL)


def sentence(text: str) -> str:
    """One of the framework's sentences in the language now (a sentence it holds, such
    as an invalid value's reason, too); any other text as it is."""
    for english in SENTENCES:
        found = _pattern(english, whole=True).match(text)
        if found is not None:
            parts = {key: sentence(value) for key, value in found.groupdict().items()}
            return _(english).format(**parts)
    return _(text)


def marked(text: str) -> str:
    """An option's help with the framework's marks (``[default: …]``) in the language now."""
    for english in MARKS:
        text = _pattern(english, whole=False).sub(_Mark(_(english)), text)
    return text.replace(REQUIRED, _(REQUIRED))


class _Mark:
    """A mark found in a help text, written again in the language now."""

    def __init__(self, words: str) -> None:
        self.words = words

    def __call__(self, found: re.Match[str]) -> str:
        return self.words.format(value=found["value"])


class SiaHelpFormatter(HelpFormatter):
    """Help in the interface language: the usage prefix, headings, the framework's help."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else _("Usage:") + " ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(term, marked(_(text))) for term, text in rows], col_max, col_spacing)


class SiaContext(typer.Context):
    """A command's context, whose help is written by :class:`SiaHelpFormatter`."""

    formatter_class = SiaHelpFormatter


def adopt(command: Any) -> None:
    """Give ``command`` and its subcommands the context that words help in the language now."""
    command.context_class = SiaContext
    commands = getattr(command, "commands", None)
    if isinstance(commands, dict):
        for sub in commands.values():
            adopt(sub)


def show_error(error: TyperException, file: IO[str] | None = None) -> None:
    """Show a framework error as the framework would, in the language now."""
    out = file if file is not None else sys.stderr
    lines: list[str] = []
    if isinstance(error, UsageError) and error.ctx is not None:
        ctx = error.ctx
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                _("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=ctx.help_option_names[0]
                )
            )
        lines.append("")
    lines.append(_("Error: {message}").format(message=sentence(error.format_message())))
    typer.echo("\n".join(lines), file=out)


def aborted(file: IO[str] | None = None) -> None:
    """Say that the command was stopped (Ctrl+C at a prompt, end of input)."""
    typer.echo(_("Aborted!"), file=file if file is not None else sys.stderr)
