"""The Word export dialog: from a school's page, from the palette, and from a message."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, Static

from sia_console.domain.enums import NoteStatus
from sia_console.domain.models import NoteOfVisit, School, Visit
from sia_console.formats.docx_text import note_id_of_file
from sia_console.storage.database import Database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.export_dialog import ExportDialog
from sia_console.tui.messages import ExportNotes
from sia_console.tui.screens.school_detail import SchoolDetailScreen

from .screen_text import screen_text


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def school_with_notes(database: Database) -> tuple[str, str, list[str]]:
    """A school that has at least two notes: its code, name and note ids."""
    with database.session() as session:
        rows = session.exec(
            select(School.code, School.name, NoteOfVisit.id)
            .join(Visit, col(Visit.school_id) == col(School.id))
            .join(NoteOfVisit, col(NoteOfVisit.visit_id) == col(Visit.id))
        ).all()
    by_school: dict[tuple[str, str], list[str]] = {}
    for code, name, note_id in rows:
        by_school.setdefault((code, name), []).append(note_id)
    (code, name), ids = max(by_school.items(), key=lambda item: len(item[1]))
    assert len(ids) >= 2
    return code, name, ids


async def test_w_on_a_school_page_exports_its_notes_with_progress(
    filled_database: Database, app: SiaConsole, tmp_path: Path
) -> None:
    code, name, ids = school_with_notes(filled_database)
    folder = tmp_path / "[bold]Allforio"
    messages: list[Message] = []
    async with app.run_test(size=(100, 32), message_hook=messages.append) as pilot:
        await settle(pilot)
        app.open_school(code)
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
        for _wait in range(100):  # the footer is rebuilt after the keys change
            if "w Word" in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "w Word" in screen_text(app)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        text = screen_text(app)
        assert f"The notes of visit of {name}" in text
        assert f"{len(ids)} notes will be written as Word documents, one file each." in text
        field = dialog.query_one("#export-folder", Input)
        assert field.value  # the default folder is offered
        field.value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    written = sorted(folder.glob("*.docx"))
    assert {note_id_of_file(p) for p in written} == set(ids)
    reports = {id(m): m for m in messages if isinstance(m, ExportDialog.Progress)}  # hook: per pump
    progress = [(m.done, m.total) for m in reports.values()]
    assert progress == [(n, len(ids)) for n in range(len(ids) + 1)]
    [notice] = list(app._notifications)
    assert notice.message == f"{len(ids)} notes exported to {folder}"
    assert notice.markup is False


async def test_a_folder_that_cannot_be_made_is_reported_in_the_dialog(
    filled_database: Database, app: SiaConsole, tmp_path: Path
) -> None:
    _code, _name, ids = school_with_notes(filled_database)
    blocker = tmp_path / "stick.txt"
    blocker.write_text("a file", encoding="utf-8")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.post_message(ExportNotes(ids[:1], description="One note"))
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert "1 note will be written as a Word document." in screen_text(app)
        dialog.query_one("#export-folder", Input).value = str(blocker / "out")
        await pilot.click("#export-go")
        await settle(pilot)
        assert app.screen is dialog
        status = dialog.query_one("#export-status", Static)
        assert status.has_class("-error")
        assert "part of the path is a file, not a folder." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)


async def test_the_palette_exports_every_final_note(
    filled_database: Database, app: SiaConsole, tmp_path: Path
) -> None:
    with filled_database.session() as session:
        finals = session.exec(
            select(NoteOfVisit.id).where(NoteOfVisit.status == NoteStatus.FINAL)
        ).all()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"export all final")
        await settle(pilot)
        await pilot.pause(0.3)
        assert "Export all final notes to Word" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert sorted(dialog.note_ids) == sorted(finals)
        dialog.query_one("#export-folder", Input).value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
    assert len(list(tmp_path.glob("*.docx"))) == len(finals)


async def test_the_palette_offers_this_schools_notes_only_on_its_page(
    filled_database: Database, app: SiaConsole
) -> None:
    code, name, ids = school_with_notes(filled_database)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"export this school")
        await settle(pilot)
        await pilot.pause(0.3)
        assert "Export this school's notes to Word" not in screen_text(app)
        await pilot.press("escape")
        app.open_school(code)
        await settle(pilot)
        await pilot.press("ctrl+p", *"export this school")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert sorted(dialog.note_ids) == sorted(ids)
        assert f"The notes of visit of {name}" in screen_text(app)


async def test_the_dialog_writes_the_notes_in_the_language_chosen(
    filled_database: Database, app: SiaConsole, tmp_path: Path
) -> None:
    from textual.widgets import Select

    from tests.docx_support import body_paragraphs

    code, _name, ids = school_with_notes(filled_database)
    folder = tmp_path / "cymraeg"
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        app.open_school(code)
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert "Language of the documents" in screen_text(app)
        dialog.query_one("#export-language", Select).value = "cy"
        dialog.query_one("#export-folder", Input).value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
    written = sorted(folder.glob("*.docx"))
    assert len(written) == len(ids)
    for path in written:
        text = "\n".join(body_paragraphs(path))
        assert "Nodyn ymweliad" in text and "Note of visit" not in text
