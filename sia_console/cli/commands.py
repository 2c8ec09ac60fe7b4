"""The root command's list of commands, each loaded from its module only when it runs.

Importing every command module would import every service, and with them SQLAlchemy,
SQLModel and pydantic, before ``sia-console --help`` could print a line; a script pays
for the command it runs, not for all of them. The list below names each command, the
module that registers it and its one-line help, so that ``--help`` lists the commands
without loading any (a test checks that this help is the one each module gives).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, ClassVar

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from sia_console.i18n import _, retranslate


@dataclass(frozen=True)
class CommandEntry:
    """A command of the root: the module whose ``register(root)`` adds it, and its help."""

    module: str
    help: str


COMMANDS: dict[str, CommandEntry] = {
    "init": CommandEntry(
        "sia_console.cli.identity",
        _("Create this database's identity: an id, a signing key pair and an encryption key pair."),
    ),
    "edit": CommandEntry(
        "sia_console.cli.edit",
        _("Open the note of visit VISIT_ID in the terminal UI (a new draft if it has none)."),
    ),
    "demo": CommandEntry(
        "sia_console.cli.demo",
        _("Fill a database with a fictional adviser's year, then open the terminal UI."),
    ),
    "identity": CommandEntry(
        "sia_console.cli.identity", _("Show, export and trust identity cards.")
    ),
    "schools": CommandEntry(
        "sia_console.cli.schools",
        _("Import and list the link schools; reassign them and read their history."),
    ),
    "visits": CommandEntry("sia_console.cli.visits", _("Plan visits and list the calendar.")),
    "calendar": CommandEntry("sia_console.cli.calendar", _("Export the visit calendar.")),
    "notes": CommandEntry(
        "sia_console.cli.notes",
        _("List and show notes of visit; record the headteacher's response."),
    ),
    "bundle": CommandEntry("sia_console.cli.bundle", _("Export and import sync bundles.")),
    "report": CommandEntry(
        "sia_console.cli.report", _("Reports: the standards board's and a school's year.")
    ),
    "settings": CommandEntry(
        "sia_console.cli.settings",
        _("Show and change the settings: floor target, term dates, Word template, folders."),
    ),
}
"""Every command of the root, in the order ``--help`` lists them."""


def load_command(name: str, commands: dict[str, CommandEntry] = COMMANDS) -> Any:
    """The (click) command ``name`` of ``commands``, built from its module (``None`` for
    an unknown name)."""
    entry = commands.get(name)
    if entry is None:
        return None
    holder = typer.Typer(rich_markup_mode=None)
    importlib.import_module(entry.module).register(holder)
    return typer.main.get_group(holder).commands.get(name)


class LazyCommands(TyperGroup):
    """A group whose commands are those of :attr:`LAZY`, each loaded when asked for."""

    LAZY: ClassVar[dict[str, CommandEntry]] = COMMANDS
    """The commands loaded on demand (the root's by default)."""

    def list_commands(self, ctx: Any) -> list[str]:
        lazy = (name for name in self.LAZY if name not in self.commands)
        return [*super().list_commands(ctx), *lazy]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is None:
            command = load_command(cmd_name, self.LAZY)
            if command is not None:
                from sia_console.cli.framework_words import adopt
                from sia_console.cli.language import retranslate_help

                retranslate_help(command)  # its texts, in the language chosen by now
                adopt(command)  # and the framework's words, in that language when shown
                self.commands[cmd_name] = command
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands with their help from :attr:`LAZY`, loading none."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows: list[tuple[str, str]] = []
        for name in names:
            command: Any = self.commands.get(name) or TyperCommand(
                name, help=retranslate(self.LAZY[name].help)
            )
            if not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)
