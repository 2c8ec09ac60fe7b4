"""The language of the command line: ``--lang``, ``SIA_CONSOLE_LANG``, the saved preference.

The root command's ``--lang`` option calls :func:`choose_language` before any command
runs. The help texts of the commands were put into words when their modules were
imported, in the language the environment gave; once the language is chosen they are put
into it (:func:`retranslate_help`), so ``sia-console --lang cy notes --help`` is Welsh.
"""

from __future__ import annotations

import os
from typing import Any

import typer

from sia_console import i18n
from sia_console.i18n import _
from sia_console.storage.preferences import load_preferences


def choose_language(ctx: typer.Context, _param: typer.CallbackParam, value: str | None) -> None:
    """Use ``value`` (``en``, ``cy``) or, without it, ``SIA_CONSOLE_LANG``, else the saved
    preference, else the system's language; then word the commands' help in it."""
    before = i18n.language()
    if value:
        if value not in i18n.LANGUAGES:
            raise typer.BadParameter(_("choose en or cy."))
        i18n.set_language(value)
    elif not os.environ.get("SIA_CONSOLE_LANG"):
        saved = load_preferences().language
        if saved is not None:
            i18n.set_language(saved)
    if i18n.language() != before:
        retranslate_help(ctx.find_root().command)


def retranslate_help(command: Any) -> None:
    """Put the help of ``command``, its options and its subcommands into the language now."""
    for name in ("help", "short_help", "epilog"):
        text = getattr(command, name, None)
        if isinstance(text, str) and text:
            setattr(command, name, i18n.retranslate(text))
    for param in getattr(command, "params", ()):
        text = getattr(param, "help", None)
        if isinstance(text, str) and text:
            param.help = i18n.retranslate(text)
    commands = getattr(command, "commands", None)
    if isinstance(commands, dict):
        for sub in commands.values():
            retranslate_help(sub)
