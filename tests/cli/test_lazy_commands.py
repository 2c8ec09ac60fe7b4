"""The root command lists its commands without loading them, with the help they give."""

from __future__ import annotations

import typer
import typer.main

from sia_console.cli.commands import COMMANDS, load_command
from sia_console.cli.main import app


def test_every_command_is_listed_with_its_own_help() -> None:
    for name, entry in COMMANDS.items():
        command = load_command(name)
        assert command is not None, name
        assert command.help == entry.help, name


def test_every_registered_command_is_in_the_list() -> None:
    registered: set[str] = set()
    for module in {entry.module for entry in COMMANDS.values()}:
        holder = typer.Typer()
        __import__(module, fromlist=["register"]).register(holder)
        registered |= set(typer.main.get_group(holder).commands)
    assert registered == set(COMMANDS)


def test_the_root_lists_the_commands_in_order() -> None:
    group = typer.main.get_group(app)
    with group.make_context("sia-console", []) as ctx:
        assert group.list_commands(ctx) == list(COMMANDS)
        assert group.get_command(ctx, "no-such-command") is None


def test_the_notes_sub_commands_are_listed_with_their_own_help() -> None:
    from sia_console.cli.notes import NotesGroup

    for name, entry in NotesGroup.LAZY.items():
        command = load_command(name, NotesGroup.LAZY)
        assert command is not None, name
        assert command.help == entry.help, name
