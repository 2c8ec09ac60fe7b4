"""``sia-console edit VISIT_ID``: open the terminal UI straight at a visit's note.

The visit is looked up before the terminal UI starts, so a mistyped id is one sentence
and exit code 1, not a screen to back out of. The note itself is opened (or started as
a draft) by the editor, exactly as from the calendar or the dashboard.
"""

from __future__ import annotations

from typing import Annotated

import typer

from sia_console.cli.state import state
from sia_console.i18n import _
from sia_console.services.notes.editing import resolve_visit


def edit_command(
    ctx: typer.Context,
    visit_id: Annotated[
        str,
        typer.Argument(
            metavar="VISIT_ID", help=_("The visit's id, or its first 8 or more characters.")
        ),
    ],
) -> None:
    """Open the note of visit VISIT_ID in the terminal UI (a new draft if it has none)."""
    cli = state(ctx)
    with cli.session() as session:
        visit = resolve_visit(session, visit_id)
    cli.close()
    from sia_console.tui.launch import launch

    launch(cli.db_path, edit_visit=visit.id)


def register(root: typer.Typer) -> None:
    """Add ``edit`` to the root command."""
    root.command(
        "edit",
        help=_("Open the note of visit VISIT_ID in the terminal UI (a new draft if it has none)."),
    )(edit_command)
