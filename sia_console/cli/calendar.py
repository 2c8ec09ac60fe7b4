"""``sia-console calendar``: the adviser's visits for other calendars (Outlook, Google)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sia_console.cli.output import print_json, say
from sia_console.cli.state import state
from sia_console.domain.text import shown_path
from sia_console.i18n import _, ngettext
from sia_console.services.export_files import replacing
from sia_console.services.programme.ical import export_ics
from sia_console.services.programme.visits import parse_day

calendar_app = typer.Typer(
    name="calendar",
    help=_("Export the visit calendar."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@calendar_app.command(
    "export-ics",
    help=_("Write your visits as iCalendar; importing it again updates rather than duplicates."),
)
def export_ics_command(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Option("--out", metavar="FILE", help=_("The iCalendar file to write (visits.ics).")),
    ],
    date_from: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help=_("Only visits on or after this date.")),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help=_("Only visits on or before this date.")),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help=_("Replace the file named by --out if it is already there.")),
    ] = False,
    json: Annotated[
        bool, typer.Option("--json", help=_("Print one JSON document on stdout instead of text."))
    ] = False,
) -> None:
    """Write your visits as iCalendar; importing it again updates rather than duplicates."""
    first = parse_day(date_from, "--from") if date_from is not None else None
    last = parse_day(date_to, "--to") if date_to is not None else None
    with state(ctx).session() as session:
        result = export_ics(session, out, date_from=first, date_to=last, existing=replacing(force))
    if json:
        print_json({"path": result.path, "events": result.events, "cancelled": result.cancelled})
        return
    say(
        ngettext(
            "Wrote {count} visit to {path}.", "Wrote {count} visits to {path}.", result.events
        ).format(count=result.events, path=shown_path(result.path))
    )


def register(root: typer.Typer) -> None:
    """Add ``calendar`` to the root command."""
    root.add_typer(calendar_app, name="calendar")
