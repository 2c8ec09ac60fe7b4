"""``sia-console notes``: list the notes of visit and show one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import typer

from sia_console.cli.commands import CommandEntry, LazyCommands
from sia_console.cli.output import print_json, print_table, say, school_label
from sia_console.cli.state import state
from sia_console.domain.enums import HeadResponse
from sia_console.domain.labels import label_of, word
from sia_console.domain.text import one_line, shown_name
from sia_console.i18n import _, ngettext

if TYPE_CHECKING:
    from sia_console.services.notes import reading as service

JsonOption = Annotated[
    bool, typer.Option("--json", help=_("Print one JSON document on stdout instead of text."))
]


class NotesGroup(LazyCommands):
    """``notes``: the Word export and the search are loaded only when they run."""

    LAZY: ClassVar[dict[str, CommandEntry]] = {
        "export-docx": CommandEntry(
            "sia_console.cli.notes_docx",
            _("Export notes of visit as Word documents (.docx), one file per note."),
        ),
        "search": CommandEntry(
            "sia_console.cli.note_search",
            _("Search the text of every note of visit; best matches first."),
        ),
    }


notes_app = typer.Typer(
    cls=NotesGroup,
    name="notes",
    help=_("List and show notes of visit; record the headteacher's response."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@notes_app.command("list", help=_("List the notes of visit, in order of the visits."))
def list_command(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the notes of visit, in order of the visits."""
    cli_state = state(ctx)
    connection = cli_state.ready_connection()  # sqlite3 alone, when the database is ready
    if connection is not None:
        from sia_console.services.notes.listing_sqlite import list_notes

        rows = list_notes(connection)
    else:
        from sia_console.services.notes.reading import list_notes as read_notes

        with cli_state.session() as session:
            rows = read_notes(session)
    if json:
        print_json(
            [
                {
                    "id": row.id,
                    "visit_id": row.visit_id,
                    "school_code": row.school_code,
                    "status": row.status.value,
                    "risk_level": row.risk_level.value if row.risk_level else None,
                    "updated_at": row.updated_at,
                    "school_name": row.school_name,
                    "visit_start": row.visit_start,
                }
                for row in rows
            ]
        )
        return
    print_table(
        [_("Visit"), _("School"), _("Status"), _("Risk"), _("Id")],
        (
            [
                row.visit_start,
                school_label(row.school_name, row.school_code),
                word(row.status),
                word(row.risk_level) if row.risk_level else "",
                row.id[:8],
            ]
            for row in rows
        ),
        empty=_("No notes of visit yet."),
    )
    if rows:
        say(ngettext("{count} note.", "{count} notes.", len(rows)).format(count=len(rows)))


def detail_json(note: service.NoteDetail) -> dict[str, Any]:
    """The JSON form of a note: the contract keys first, then extras."""
    risk = note.risk
    return {
        "id": note.id,
        "visit_id": note.visit_id,
        "school_code": note.school_code,
        "status": note.status.value,
        "sections": [{"key": s.key, "title": s.title, "text": s.text} for s in note.sections],
        "risk": {
            "level": risk.level.value if risk and risk.level else None,
            "rationale": risk.rationale if risk else "",
            "predictions": [
                {"cohort": p.cohort, "measure": p.measure, "percent": p.percent}
                for p in (risk.predictions if risk else [])
            ],
            "floor_target": risk.floor_target if risk else None,
            "judged_on": risk.judged_on if risk else None,
        },
        "actions": [
            {
                "text": a.text,
                "owner": a.owner,
                "due": a.due,
                "status": a.status.value,
                "id": a.id,
                "closed_on": a.closed_on,
            }
            for a in note.actions
        ],
        "school_name": note.school_name,
        "visit_start": note.visit_start,
        "visit_end": note.visit_end,
        "adviser": note.adviser_name,
        "finalised_at": note.finalised_at,
        "head_response": note.head_response,
        "head_response_comment": note.head_response_comment,
        "updated_at": note.updated_at,
        "reviews": [
            {
                "action_id": r.action_id,
                "action_text": r.action_text,
                "status": r.status.value,
                "comment": r.comment,
            }
            for r in note.reviews
        ],
        "amendments": [
            {"section_key": a.section_key, "text": a.text, "made_at": a.made_at}
            for a in note.amendments
        ],
    }


@notes_app.command("show", help=_("Show one note of visit: sections, risk judgement and actions."))
def show_command(
    ctx: typer.Context,
    note_id: Annotated[
        str,
        typer.Argument(metavar="ID", help=_("The note's id, or its first 8 or more characters.")),
    ],
    json: JsonOption = False,
) -> None:
    """Show one note of visit: sections, risk judgement and actions."""
    with state(ctx).session() as session:
        from sia_console.services.notes.reading import note_detail

        note = note_detail(session, note_id)
    if json:
        print_json(detail_json(note))
        return
    render(note)


@notes_app.command("respond", help=_("Record the headteacher's response to a final note of visit."))
def respond_command(
    ctx: typer.Context,
    note_id: Annotated[
        str,
        typer.Argument(metavar="ID", help=_("The note's id, or its first 8 or more characters.")),
    ],
    response: Annotated[
        str,
        typer.Argument(
            metavar="RESPONSE",
            help=_(
                "accurate or inaccurate (the headteacher's answer to the shared note), "
                "or none to clear it."
            ),
        ),
    ],
    comment: Annotated[
        str | None,
        typer.Option(
            "--comment", metavar="TEXT", help=_("What the headteacher said, their reasons.")
        ),
    ] = None,
) -> None:
    """Record the headteacher's response to a final note of visit."""
    choices = {"accurate": HeadResponse.ACCURATE, "inaccurate": HeadResponse.INACCURATE}
    wanted = response.strip().casefold()
    if wanted not in (*choices, "none"):
        raise typer.BadParameter(
            _("{value} is not one of: accurate, inaccurate, none.").format(
                value=shown_name(response)
            ),
            param_hint="RESPONSE",
        )
    with state(ctx).session() as session:
        from sia_console.services.notes.editing import set_head_response
        from sia_console.services.notes.reading import note_detail, resolve_note_id

        full_id = resolve_note_id(session, note_id)
        set_head_response(session, full_id, choices.get(wanted), comment)
        note = note_detail(session, full_id)
    if note.head_response:
        say(
            _("Recorded for the note of {school}: {response}.").format(
                school=shown_name(note.school_name),
                response=label_of(HeadResponse, one_line(note.head_response)),
            )
        )
    else:
        say(
            _("Cleared the headteacher's response to the note of {school}.").format(
                school=shown_name(note.school_name)
            )
        )


def render(note: service.NoteDetail) -> None:
    """A readable plain rendering of a note on stdout."""
    say(
        _("Note of visit: {school} ({code})").format(
            school=shown_name(note.school_name), code=shown_name(note.school_code)
        )
    )
    say(
        _("Visit: {day}, {start}–{end} ({status})").format(
            day=note.visit_start.strftime("%Y-%m-%d"),
            start=note.visit_start.strftime("%H:%M"),
            end=note.visit_end.strftime("%H:%M"),
            status=word(note.visit_status),
        )
    )
    if note.adviser_name:
        say(_("Adviser: {name}").format(name=shown_name(note.adviser_name)))
    status = word(note.status)
    if note.finalised_at:
        status = _("{status}, finalised {day}").format(
            status=status, day=note.finalised_at.strftime("%Y-%m-%d")
        )
    say(_("Status: {status}").format(status=status))
    if note.head_response:
        say(
            _("Headteacher's response: {response}").format(
                response=label_of(HeadResponse, one_line(note.head_response))
            )
            + (f" — {one_line(note.head_response_comment)}" if note.head_response_comment else "")
        )
    say(_("Id: {id}").format(id=note.id))
    for section in note.sections:
        title = shown_name(section.shown_title)
        say("")
        say(title)
        say("-" * len(title))
        say(section.text.strip() or _("(empty)"))
    for amendment in note.amendments:
        say("")
        say(
            _("Amendment of {day}: {text}").format(
                day=amendment.made_at.strftime("%Y-%m-%d"), text=amendment.text
            )
        )
    _render_risk(note)
    _render_actions(note)


def _render_risk(note: service.NoteDetail) -> None:
    title = _("Floor-target risk judgement")
    say("")
    say(title)
    say("-" * len(title))
    risk = note.risk
    if risk is None or risk.level is None:
        say(_("No judgement recorded."))
        return
    target = (
        _(" (floor target {percent:g}%)").format(percent=risk.floor_target)
        if risk.floor_target is not None
        else ""
    )
    say(_("Risk: {level}{target}").format(level=word(risk.level), target=target))
    if risk.rationale:
        say(risk.rationale)
    if risk.predictions:
        measures = list(dict.fromkeys(p.measure for p in risk.predictions))
        cohorts = list(dict.fromkeys(p.cohort for p in risk.predictions))
        values = {(p.cohort, p.measure): p.percent for p in risk.predictions}
        say("")
        print_table(
            [_("Prediction"), *measures],
            (
                [cohort, *(_percent(values.get((cohort, m))) for m in measures)]
                for cohort in cohorts
            ),
        )


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:g}%"


def _render_actions(note: service.NoteDetail) -> None:
    if note.reviews:
        title = _("Actions reviewed")
        say("")
        say(title)
        say("-" * len(title))
        for review in note.reviews:
            say(f"- {review.action_text} [{word(review.status)}]")
            if review.comment:
                say(f"  {review.comment}")
    title = _("Actions agreed")
    say("")
    say(title)
    say("-" * len(title))
    if not note.actions:
        say(_("No actions agreed."))
        return
    for action in note.actions:
        due = action.due.isoformat() if action.due else _("no date")
        say(f"- {action.text}")
        say(
            "  "
            + _("Owner: {owner}; due {due}; {status}").format(
                owner=shown_name(action.owner) or _("not named"),
                due=due,
                status=word(action.status),
            )
        )


def register(root: typer.Typer) -> None:
    """Add ``notes`` to the root command."""
    root.add_typer(notes_app, name="notes")  # (export-docx and search: see NotesGroup)
