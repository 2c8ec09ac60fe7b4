"""``sia-console schools``: import the link schools from a spreadsheet, list them, hand
them from one SIA to another (the core lead's), and read each school's history of link
advisers and categories.

``reassign`` calls the service the register's reassignment dialog calls
(:func:`~sia_console.services.schools.reassignment.reassign_schools`), so a script and the
screen keep the same history; a script that names a school already with the SIA is told
so, and nothing is changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sia_console.cli.output import print_json, print_table, say, school_label
from sia_console.cli.state import state
from sia_console.domain.text import one_line, shown_name
from sia_console.i18n import _, ngettext
from sia_console.services.schools import register as service
from sia_console.services.settings import category_scheme

JsonOption = Annotated[
    bool, typer.Option("--json", help=_("Print one JSON document on stdout instead of text."))
]

schools_app = typer.Typer(
    name="schools",
    help=_("Import and list the link schools; reassign them and read their history."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@schools_app.command(
    "import", help=_("Add or update schools from a CSV file: every row is imported, or none is.")
)
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help=_(
                "A CSV file (UTF-8) with a header row: code, name, local_authority, and "
                "optionally headteacher, email, phone, postcode, language, category, cluster, "
                "adviser."
            ),
            show_default=False,
        ),
    ],
    json: JsonOption = False,
) -> None:
    """Add or update schools from a CSV file: every row is imported, or none is."""
    with state(ctx).session(create=True) as session:
        summary = service.import_schools(session, file)
    if json:
        print_json(
            {
                "file": str(summary.file),
                "added": summary.added,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "schools": list(summary.codes),
                "kept_assignment": list(summary.kept_assignment),
            }
        )
        return
    say(
        ngettext(
            "Imported {count} school: {added} added, {updated} updated, {unchanged} unchanged.",
            "Imported {count} schools: {added} added, {updated} updated, {unchanged} unchanged.",
            summary.total,
        ).format(
            count=summary.total,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
        )
    )
    if summary.kept_assignment:
        say(service.kept_assignment_sentence(summary.kept_assignment))


@schools_app.command("list", help=_("List the schools, by name."))
def list_command(
    ctx: typer.Context,
    text_filter: Annotated[
        str | None,
        typer.Option(
            "--filter",
            metavar="TEXT",
            help=_("Only schools whose code, name, authority, cluster or adviser contain TEXT."),
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """List the schools, by name."""
    with state(ctx).session() as session:
        rows = service.list_schools(session, text_filter)
        scheme = category_scheme(session)
    if json:
        print_json(
            [
                {
                    "code": row.code,
                    "name": row.name,
                    "local_authority": row.local_authority,
                    "category": row.category,
                    "adviser": row.adviser,
                }
                for row in rows
            ]
        )
        return

    def category_label(key: str | None) -> str | None:
        category = scheme.find(key) if key else None
        return category.label if category else key

    print_table(
        [_("Code"), _("Name"), _("Local authority"), _("Category"), _("Adviser")],
        (
            [
                shown_name(row.code),
                shown_name(row.name),
                shown_name(row.local_authority),
                category_label(row.category),
                shown_name(row.adviser or ""),
            ]
            for row in rows
        ),
        empty=_("No schools match {text}.").format(text=shown_name(text_filter))
        if text_filter
        else _("No schools yet; add them with: sia-console schools import FILE.csv"),
    )


@schools_app.command(
    "reassign",
    help=_(
        "Hand schools to another SIA (the core lead only), with the reason and the day it "
        "takes effect kept in each school's history."
    ),
)
def reassign_command(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="ADVISER",
            help=_("The SIA who takes the schools: their name, email or id."),
            show_default=False,
        ),
    ],
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            metavar="TEXT",
            help=_("Why; kept in each school's history and sent to the SIAs."),
            show_default=False,
        ),
    ],
    codes: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SCHOOL",
            help=_("The codes of the schools to hand on."),
            show_default=False,
        ),
    ] = None,
    from_adviser: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ADVISER",
            help=_("Hand on every school this SIA holds now (with any SCHOOL named too)."),
        ),
    ] = None,
    effective: Annotated[
        str | None,
        typer.Option(
            "--effective",
            metavar="DATE",
            help=_(
                "The day the handover was agreed, today or earlier (default: today); "
                "the change takes effect when it is made."
            ),
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Hand schools to another SIA, with the reason and the day kept in the history."""
    from sia_console.domain.vocabulary import london_today
    from sia_console.services.errors import InvalidInput
    from sia_console.services.programme.visit_rows import parse_day
    from sia_console.services.schools import reassignment

    with state(ctx).session() as session:
        reassignment.require_lead(session)
        effective_on = (
            parse_day(effective, "--effective") if effective is not None else london_today()
        )
        target = reassignment.find_adviser(session, to)
        wanted = list(codes or [])
        if from_adviser is not None:
            source = reassignment.find_adviser(session, from_adviser)
            if source.id == target.id:
                raise InvalidInput(
                    _("--from and --to both name {name}: nothing to hand on.").format(
                        name=shown_name(target.name)
                    )
                )
            theirs = reassignment.link_schools_of(session, source.id)
            if not theirs:
                raise InvalidInput(
                    _("{name} holds no link schools to hand on.").format(
                        name=shown_name(source.name)
                    )
                )
            wanted += theirs
        if not wanted:
            raise InvalidInput(
                _("Name the schools to reassign, or take all of one SIA's with --from ADVISER.")
            )
        done = reassignment.reassign_schools(
            session,
            wanted,
            adviser_id=target.id,
            reason=reason,
            effective_on=effective_on,
            refuse_unchanged=True,
        )
        session.commit()
    if json:
        print_json(
            {
                "schools": list(done.changed),
                "adviser": target.name,
                "adviser_id": target.id,
                "reason": reassignment.checked_reason(reason, required=True),
                "effective_on": effective_on,
            }
        )
        return
    say(
        ngettext(
            "Reassigned {count} school to {name} from {day}; it goes to the SIAs in your "
            "next bundle: {codes}.",
            "Reassigned {count} schools to {name} from {day}; they go to the SIAs in your "
            "next bundle: {codes}.",
            len(done.changed),
        ).format(
            count=len(done.changed),
            name=shown_name(target.name),
            day=effective_on.isoformat(),
            codes=", ".join(shown_name(code) for code in done.changed),
        )
    )


@schools_app.command(
    "history",
    help=_("List a school's changes of link adviser and category: who, when and why."),
)
def history_command(
    ctx: typer.Context,
    code: Annotated[
        str, typer.Argument(metavar="SCHOOL", help=_("The school's code."), show_default=False)
    ],
    json: JsonOption = False,
) -> None:
    """List a school's changes of link adviser and category: who, when and why."""
    from sia_console.services.schools.history import ChangeKind, school_history

    with state(ctx).session() as session:
        history = school_history(session, code)
    if json:
        print_json(
            [
                {
                    "kind": change.kind.value,
                    "on": change.on,
                    "previous": change.previous or None,
                    "new": change.new or None,
                    "previous_id": change.previous_id,
                    "new_id": change.new_id,
                    "reason": change.reason,
                    "by": change.by or None,
                    "at": change.at,
                }
                for change in history.changes
            ]
        )
        return
    kinds = {ChangeKind.ADVISER: _("Link adviser"), ChangeKind.CATEGORY: _("Category")}
    nobody = {ChangeKind.ADVISER: _("no link adviser"), ChangeKind.CATEGORY: _("no category")}
    print_table(
        [_("Day"), _("Change"), _("From"), _("To"), _("By"), _("Reason")],
        (
            [
                change.on.isoformat(),
                kinds[change.kind],
                shown_name(change.previous) or nobody[change.kind],
                shown_name(change.new) or nobody[change.kind],
                shown_name(change.by) or _("unknown"),
                one_line(change.reason),
            ]
            for change in history.changes
        ),
        empty=_("{school} has had no change of link adviser or category.").format(
            school=school_label(history.name, history.code)
        ),
    )


def register(root: typer.Typer) -> None:
    """Add these commands to the root command."""
    root.add_typer(schools_app, name="schools")
