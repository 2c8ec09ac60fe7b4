"""``sia-console notes export-docx``: notes of visit as Word documents, one file per note.

``(ID … | --all) [--final] [--out DIR] [--json]``; prints ``[{id, path}]`` with ``--json``.
Every id is resolved before anything is written, so an unknown id writes nothing (exit
1); a progress bar is drawn on stderr when it is a terminal, so stdout stays data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sia_console.cli.output import print_json, say, warn
from sia_console.cli.progress import progress_bar
from sia_console.cli.state import state
from sia_console.domain.document_language import parse_document_language
from sia_console.domain.text import shown_path
from sia_console.i18n import _, ngettext
from sia_console.services.notes import export as exports


def export_docx_command(
    ctx: typer.Context,
    note_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID",
            help=_("Notes to export: ids, or their first 8 or more characters."),
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help=_("Export every note of visit (drafts marked DRAFT)."))
    ] = False,
    final: Annotated[
        bool, typer.Option("--final", help=_("With --all: only the finalised notes."))
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help=_("The folder to write to (default: the export folder setting, else exports/)."),
        ),
    ] = None,
    json: Annotated[
        bool, typer.Option("--json", help=_("Print one JSON document on stdout instead of text."))
    ] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            metavar="cy|en|bilingual",
            help=_(
                "The language of the documents' own words (default: each school's language "
                "of correspondence; bilingual: Welsh first, then English)."
            ),
        ),
    ] = None,
) -> None:
    """Export notes of visit as Word documents (.docx), one file per note."""
    if bool(note_ids) == every:
        raise typer.BadParameter(
            _("give the ids of the notes to export, or --all (not both)."),
            param_hint="ID… / --all",
        )
    if final and not every:
        raise typer.BadParameter(_("--final goes with --all."), param_hint="--final")
    words = parse_document_language(language)
    if language is not None and words is None:
        raise typer.BadParameter(_("choose cy, en or bilingual."), param_hint="--language")
    with state(ctx).session() as session:
        selection = exports.NoteSelection(
            note_ids=tuple(note_ids or ()), every=every, final_only=final
        )
        ids = exports.select_notes(session, selection)
        folder = out if out is not None else exports.export_folder(session)
        with progress_bar(_("Exporting notes")) as report:
            done = exports.export_notes_docx(session, ids, folder, report, language=words)
    if json:
        print_json([{"id": note.id, "path": str(note.path)} for note in done])
        return
    for note in done:
        say(str(note.path))
    english = sum(1 for note in done if note.english_titles)
    if english:
        warn(
            ngettext(
                "{count} note's template has no Welsh for some section titles: they are in "
                "English.",
                "{count} notes' templates have no Welsh for some section titles: they are in "
                "English.",
                english,
            ).format(count=english)
        )
    say(
        ngettext(
            "{count} note exported to {folder}.", "{count} notes exported to {folder}.", len(done)
        ).format(count=len(done), folder=shown_path(folder))
    )


def register(notes_app: typer.Typer) -> None:
    """Add ``export-docx`` to ``sia-console notes``."""
    notes_app.command(
        "export-docx", help=_("Export notes of visit as Word documents (.docx), one file per note.")
    )(export_docx_command)
