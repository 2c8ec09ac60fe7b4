"""``sia-console schools``: import the link schools from a spreadsheet, and list them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sia_console.cli.output import print_json, print_table, say
from sia_console.cli.state import state
from sia_console.domain.text import shown_name
from sia_console.i18n import _, ngettext
from sia_console.services.schools import register as service
from sia_console.services.settings import category_scheme

JsonOption = Annotated[
    bool, typer.Option("--json", help=_("Print one JSON document on stdout instead of text."))
]

schools_app = typer.Typer(
    name="schools",
    help=_("Import and list the link schools."),
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


def register(root: typer.Typer) -> None:
    """Add these commands to the root command."""
    root.add_typer(schools_app, name="schools")
