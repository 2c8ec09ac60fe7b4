"""``sia-console visits``: plan visits and list the calendar.

``visits list`` reads through ``sqlite3`` alone on a database ready as it is (as
``notes list`` does), so this module imports no ORM: the other commands import their
services when they run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sia_console.cli.output import print_json, print_table, say, school_label, warn
from sia_console.cli.state import state
from sia_console.domain.caseload import reassigned_words
from sia_console.domain.enums import ProgrammeVisitState, VisitStatus
from sia_console.domain.labels import visit_status_words, word
from sia_console.domain.text import shown_name
from sia_console.domain.vocabulary import london_today
from sia_console.i18n import _, ngettext
from sia_console.services.programme.visit_rows import VisitRow, parse_day

if TYPE_CHECKING:
    from sia_console.domain.clashes import Concern

JsonOption = Annotated[
    bool, typer.Option("--json", help=_("Print one JSON document on stdout instead of text."))
]

visits_app = typer.Typer(
    name="visits",
    help=_("Plan visits and list the calendar."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


def visit_json(row: VisitRow) -> dict[str, Any]:
    """The JSON form of a visit: the contract keys first, then extras."""
    return {
        "id": row.id,
        "school_code": row.school_code,
        "start": row.start,
        "end": row.end,
        "purpose": row.purpose,
        "status": row.status.value,
        "school_name": row.school_name,
        "programme_slot": row.programme_slot,
        "note_id": row.note_id,
        "note_status": row.note_status.value if row.note_status else None,
        "status_reason": row.status_reason,
        "moved_to": row.moved_to,
        "adviser": row.adviser_name,
        "school_reassigned": row.reassigned,
    }


def warning_json(concern: Concern) -> dict[str, Any]:
    """A finding of the checks: its kind (``overlap``, ``weekend``, ``bank-holiday``,
    ``outside-term``, ``same-school-week`` …), the sentence, and the other visit named."""
    return {
        "kind": concern.kind.value,
        "message": concern.message,
        "other_visit_id": concern.other_visit_id,
    }


def when(row: VisitRow) -> str:
    """``2026-11-23 09:30–12:30`` (or both dates when a visit crosses midnight)."""
    end = (
        row.end.strftime("%H:%M")
        if row.end.date() == row.start.date()
        else row.end.strftime("%Y-%m-%d %H:%M")
    )
    return f"{row.start:%Y-%m-%d %H:%M}–{end}"


@visits_app.command(
    "add", help=_("Plan a visit to a link school; what the checks find is named (an overlap too).")
)
def add_command(
    ctx: typer.Context,
    school: Annotated[
        str, typer.Option("--school", metavar="CODE", help=_("The link school's code."))
    ],
    start: Annotated[
        str,
        typer.Option(
            "--start",
            metavar="DATETIME",
            help=_(
                "When the visit starts: 2026-11-23T09:30, or 23/11/2026 09:30; London time "
                "if no zone."
            ),
        ),
    ],
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes", metavar="N", help=_("How long the visit lasts (default 180, at most 720).")
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--end", metavar="DATETIME", help=_("When the visit ends, instead of --minutes.")
        ),
    ] = None,
    purpose: Annotated[
        str, typer.Option("--purpose", metavar="TEXT", help=_("The focus of the visit."))
    ] = "",
    json: JsonOption = False,
) -> None:
    """Plan a visit to a link school; what the checks find is named (an overlap too)."""
    from sia_console.domain.models import Visit
    from sia_console.services.programme import visits as service
    from sia_console.services.programme.changes import add_visit

    starts = service.parse_start(start)
    ends = service.parse_start(end, "end") if end is not None else None
    with state(ctx).session() as session:
        saved = add_visit(
            session,
            school_code=school,
            start=starts,
            minutes=minutes,
            end=ends,
            purpose=purpose,
            confirmed=True,  # asked for on the command line; named below
        )
        row = service.visit_row(session, session.get_one(Visit, saved.id))
    for concern in saved.warnings:  # the visit is planned; these are for the adviser to read
        warn(_("Note: {concern}").format(concern=concern.message))
    if json:
        print_json({**visit_json(row), "warnings": [warning_json(c) for c in saved.warnings]})
        return
    say(
        _("Planned a visit to {school} ({code}) on {when}.").format(
            school=shown_name(row.school_name), code=shown_name(row.school_code), when=when(row)
        )
    )
    say(_("Visit id: {id}").format(id=row.id))


@visits_app.command("list", help=_("List visits in order of their start."))
def list_command(
    ctx: typer.Context,
    date_from: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help=_("Only visits on or after this date.")),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help=_("Only visits on or before this date.")),
    ] = None,
    school: Annotated[
        str | None,
        typer.Option("--school", metavar="CODE", help=_("Only visits to this school.")),
    ] = None,
    json: JsonOption = False,
) -> None:
    """List visits in order of their start."""
    first = parse_day(date_from, "--from") if date_from is not None else None
    last = parse_day(date_to, "--to") if date_to is not None else None
    cli_state = state(ctx)
    connection = cli_state.ready_connection()  # sqlite3 alone, when the database is ready
    if connection is not None:
        from sia_console.services.programme.listing_sqlite import list_visits

        rows = list_visits(connection, date_from=first, date_to=last, school_code=school)
    else:
        from sia_console.services.programme.visits import list_visits as read_visits

        with cli_state.session() as session:
            rows = read_visits(session, date_from=first, date_to=last, school_code=school)
    if json:
        print_json([visit_json(row) for row in rows])
        return
    print_table(
        [_("When"), _("School"), _("Purpose"), _("Status"), _("Note"), _("Id")],
        (
            [
                when(row),
                school_label(row.school_name, row.school_code),
                _shorten(row.purpose, 60),
                _shorten(
                    reassigned_words()
                    if row.reassigned
                    else visit_status_words(row.status, row.status_reason, row.moved_to),
                    60,
                ),
                word(row.note_status) if row.note_status else "",
                row.id[:8],
            ]
            for row in rows
        ),
        empty=_("No visits match.")
        if (first or last or school)
        else _(
            "No visits yet; plan one with: sia-console visits add --school CODE --start DATETIME"
        ),
    )
    if rows:
        say(ngettext("{count} visit.", "{count} visits.", len(rows)).format(count=len(rows)))


@visits_app.command(
    "programme", help=_("The annual programme for every link school: a preview unless --apply.")
)
def programme_command(
    ctx: typer.Context,
    year: Annotated[
        int,
        typer.Option(
            "--year",
            metavar="YYYY",
            help=_("The academic year starting in September of YYYY."),
        ),
    ],
    apply: Annotated[
        bool, typer.Option("--apply", help=_("Add the proposed visits to the calendar."))
    ] = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="FILE",
            help=_("A programme template (TOML); default: the six-visit Wiltshire programme."),
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """The annual programme for every link school: a preview unless --apply."""
    from sia_console.services.programme import visits as service

    with state(ctx).session() as session:
        rows = service.plan_programme(
            session, year=year, apply=apply, template=template, today=london_today()
        )
    if json:
        print_json(
            [
                {
                    "school_code": row.school_code,
                    "school_name": row.school_name,
                    "slot": row.slot,
                    "start": row.start,
                    "end": row.end,
                    "purpose": row.purpose,
                    "state": row.state,
                    "id": row.visit_id,
                    "when": row.when,
                }
                for row in rows
            ]
        )
        return
    print_table(
        [_("When"), _("School"), _("Visit"), _("State")],
        (
            [
                f"{row.start:%Y-%m-%d %H:%M}" if row.start else row.when,
                school_label(row.school_name, row.school_code),
                str(row.slot),
                word(row.state),
            ]
            for row in rows
        ),
        empty=_("No link schools yet; import them with: sia-console schools import FILE.csv"),
    )
    added = sum(row.state is ProgrammeVisitState.ADDED for row in rows)
    proposed = sum(row.state is ProgrammeVisitState.PROPOSED for row in rows)
    unplaced = sum(row.state is ProgrammeVisitState.UNPLACED for row in rows)
    if unplaced:
        warn(
            ngettext(
                "{count} visit found no free working half-day near its window; plan it by hand.",
                "{count} visits found no free working half-day near their windows; plan them by "
                "hand.",
                unplaced,
            ).format(count=unplaced)
        )
    if rows and not added and not proposed:
        say(_("Nothing to add: every visit of the programme is already in the calendar."))
    elif apply:
        say(ngettext("Added {count} visit.", "Added {count} visits.", added).format(count=added))
    elif proposed:
        say(
            ngettext(
                "{count} visit proposed; add it with --apply.",
                "{count} visits proposed; add them with --apply.",
                proposed,
            ).format(count=proposed)
        )


ReasonOption = Annotated[
    str,
    typer.Option("--reason", metavar="TEXT", help=_("Why; kept with the visit and shown with it.")),
]


def _set_status(
    ctx: typer.Context, visit: str, status: VisitStatus, reason: str, json: bool
) -> None:
    from sia_console.domain.models import Visit
    from sia_console.services.programme import visits as service
    from sia_console.services.programme.changes import find_visit_id, set_visit_status

    with state(ctx).session() as session:
        visit_id = find_visit_id(session, visit)
        set_visit_status(session, visit_id, status, reason)
        row = service.visit_row(session, session.get_one(Visit, visit_id))
    if json:
        print_json(visit_json(row))
        return
    say(
        _("The visit to {school} on {when} is {status}.").format(
            school=shown_name(row.school_name),
            when=when(row),
            status=shown_name(visit_status_words(row.status, row.status_reason, row.moved_to)),
        )
    )


@visits_app.command(
    "cancel",
    help=_("Cancel a visit (it stays in the calendar, marked cancelled, with the reason)."),
)
def cancel_command(
    ctx: typer.Context,
    visit: Annotated[str, typer.Argument(metavar="VISIT_ID", help=_("The visit's id."))],
    reason: ReasonOption = "",
    json: JsonOption = False,
) -> None:
    """Cancel a visit (it stays in the calendar, marked cancelled, with the reason)."""
    _set_status(ctx, visit, VisitStatus.CANCELLED, reason, json)


@visits_app.command(
    "postpone",
    help=_("Postpone a visit (it stays in the calendar, marked postponed, with the reason)."),
)
def postpone_command(
    ctx: typer.Context,
    visit: Annotated[str, typer.Argument(metavar="VISIT_ID", help=_("The visit's id."))],
    reason: ReasonOption = "",
    json: JsonOption = False,
) -> None:
    """Postpone a visit (it stays in the calendar, marked postponed, with the reason)."""
    _set_status(ctx, visit, VisitStatus.POSTPONED, reason, json)


def _shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def register(root: typer.Typer) -> None:
    """Add ``visits`` to the root command."""
    root.add_typer(visits_app, name="visits")
