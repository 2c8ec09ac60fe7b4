"""``report``: the summary for the standards board (Word, workbook or CSV) and a school's
year for its governors (Word)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from sia_console.cli.output import print_json, say
from sia_console.cli.progress import progress_bar
from sia_console.cli.state import state
from sia_console.domain.text import shown_path
from sia_console.i18n import _
from sia_console.services.authority.report import export_authority_files, report_format
from sia_console.services.export_files import replacing

report_app = typer.Typer(
    help=_("Reports: the standards board's and a school's year."),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@report_app.command(
    "authority",
    help=_("Write the authority summary: coverage per SIA, risk register, categories, actions."),
)
def authority(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", help=_("The report file to write, or a folder for it."))
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=_("docx, xlsx or csv (default: from the file name, else docx)."),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help=_("Replace the file named by --out if it is already there.")),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Write the authority summary: coverage per SIA, risk register, categories, actions."""
    chosen = report_format(out, fmt)
    today = date.today()
    with state(ctx).session() as session, progress_bar(_("Writing the report")) as report:
        paths = export_authority_files(
            session, out, today=today, fmt=chosen, progress=report, existing=replacing(force)
        )
    if as_json:
        print_json(
            {
                "path": str(paths[0]),
                "paths": [str(path) for path in paths],
                "format": chosen,
                "date": today.isoformat(),
            }
        )
        return
    for path in paths:
        say(_("Wrote the authority summary to {path}.").format(path=shown_path(path)))


@report_app.command(
    "school",
    help=_("Write the school's year for its governors, from the year's final notes of visit."),
)
def school(
    ctx: typer.Context,
    code: Annotated[str, typer.Option("--school", help=_("The school's code."))],
    year: Annotated[
        int,
        typer.Option(
            "--year", help=_("The academic year, by the year it starts: 2026 for 2026–27.")
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help=_("The Word file to write, or a folder for it."))
    ],
    force: Annotated[
        bool,
        typer.Option("--force", help=_("Replace the file named by --out if it is already there.")),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Write the school's year for its governors, from the year's final notes of visit."""
    from sia_console.services.schools.year import export_school_year

    with state(ctx).session() as session:
        path = export_school_year(session, code, year, out, existing=replacing(force))
    if as_json:
        print_json({"path": str(path)})
        return
    say(_("Wrote the school's year to {path}.").format(path=shown_path(path)))


def register(root: typer.Typer) -> None:
    """Add ``report`` to the root command."""
    root.add_typer(report_app, name="report")
