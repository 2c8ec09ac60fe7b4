"""A final note's document is fixed, and says plainly what it is.

A later visit reviews the earlier visit's actions (done, dropped): that is the later
note's record, so the earlier note exported again reads exactly as before. The wording
of the status, amendments, percentages and predictions; undated actions last; a draft's
file name; the footer of a very long name; the package properties.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from sqlmodel import select

from sia_console.domain.enums import ActionStatus, NoteStatus
from sia_console.domain.models import Action, Adviser, Amendment, NoteOfVisit
from sia_console.formats.docx_properties import app_version
from sia_console.services.notes.actions import review_action
from sia_console.services.notes.export import export_notes_docx
from sia_console.storage.database import open_database
from tests.docx_support import add_note, add_school, body_paragraphs

NOW = datetime(2026, 11, 23, 15, 45, tzinfo=UTC)
LATER = datetime(2027, 3, 2, 11, 0, tzinfo=UTC)


def tables_of(path: Path) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in docx.Document(str(path)).tables
    ]


def test_a_final_note_exported_again_after_a_later_review_is_the_same(tmp_path: Path) -> None:
    database = open_database(tmp_path / "fixed.sqlite")
    try:
        with database.session() as session:
            school = add_school(session, "Ysgol y Graig")
            first = add_note(session, school)
            session.add(
                Action(note_id=first.id, school_id=school.id, text="Undated action", owner="Dep")
            )
            first_id = first.id
        with database.session() as session:
            [before] = export_notes_docx(session, [first_id], tmp_path / "a", now=NOW)
        with database.session() as session:  # a later visit, still a draft, reviews them
            school_row = session.get(type(school), school.id)
            assert school_row is not None
            later = add_note(
                session,
                school_row,
                start=datetime(2027, 2, 1, 9, 30),
                status=NoteStatus.DRAFT,
            )
            later_id = later.id
        with database.session() as session:
            for action in session.exec(select(Action).where(Action.note_id == first_id)).all():
                review_action(session, later_id, action.id, ActionStatus.DONE, "Done and seen.")
        with database.session() as session:
            statuses = {a.status for a in session.exec(select(Action)) if a.note_id == first_id}
            assert statuses == {ActionStatus.DONE}  # today's status has moved on
            [after] = export_notes_docx(session, [first_id], tmp_path / "b", now=LATER)
    finally:
        database.dispose()
    assert body_paragraphs(before.path) == body_paragraphs(after.path)
    assert tables_of(before.path) == tables_of(after.path)
    assert before.path.name == after.path.name
    actions = next(t for t in tables_of(before.path) if t[0][0] == "What" and len(t) == 3)
    assert [row[0] for row in actions[1:]] == ["Share the targets with governors", "Undated action"]
    assert actions[2][2] == "No date"  # undated last
    assert {row[3] for row in actions[1:]} == {"Open"}


def test_status_amendments_percentages_and_properties(tmp_path: Path) -> None:
    database = open_database(tmp_path / "words.sqlite")
    try:
        with database.session() as session:
            school = add_school(session, "Ysgol y Graig")
            note = add_note(session, school)
            author = Adviser(name="Gwen Ŵyn")
            session.add(author)
            session.flush()
            session.add(
                Amendment(
                    note_id=note.id,
                    section_key="discussion",
                    text="The Y6 figure was 63.5%.",
                    made_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
                    author_id=author.id,
                )
            )
            note_id = note.id
        with database.session() as session:
            [exported] = export_notes_docx(session, [note_id], tmp_path, now=NOW)
    finally:
        database.dispose()
    got = body_paragraphs(exported.path)
    cells = [cell for table in tables_of(exported.path) for row in table for cell in row]
    assert "Finalised on 25 November 2026\nHeadteacher's response: Agreed as accurate" in cells
    assert not any("Final, agreed" in c for c in cells)
    assert "Amendment made on 1 December 2026 by Gwen Ŵyn: The Y6 figure was 63.5%." in got
    assert "Predictions at this visit for Y6 and Y5" in got
    assert not any("Latest predictions" in text for text in got)
    nested = [
        cell.text
        for table in docx.Document(str(exported.path)).tables
        for row in table.rows
        for outer in row.cells
        for inner in outer.tables
        for inner_row in inner.rows
        for cell in inner_row.cells
    ]
    assert "63.5%" in nested and "70.0%" in nested and "70%" not in nested
    assert "1.5 percentage points below" in nested and "5.0 percentage points above" in nested
    assert any("Floor target: 65.0% of pupils" in text for text in got)
    with zipfile.ZipFile(exported.path) as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml").decode("utf-8")
        rels = archive.read("_rels/.rels").decode("utf-8")
    assert not any("thumbnail" in name for name in names) and "thumbnail" not in rels
    assert "<Application>sia-console</Application>" in app and "Macintosh" not in app
    assert f"<AppVersion>{app_version()}</AppVersion>" in app
    core = docx.Document(str(exported.path)).core_properties
    assert core.created == NOW.replace(tzinfo=None) or core.created == NOW
    assert core.modified == core.created


def test_a_draft_says_so_in_its_file_name_and_a_long_name_keeps_the_footer_short(
    tmp_path: Path,
) -> None:
    long_name = ("Ysgol Gynradd Gymraeg Llanfair Pwllgwyngyll ŵ ŷ â " * 5)[:200]
    database = open_database(tmp_path / "draft.sqlite")
    try:
        with database.session() as session:
            school = add_school(session, long_name)
            note = add_note(session, school, status=NoteStatus.DRAFT)
            note_id = note.id
        with database.session() as session:
            [exported] = export_notes_docx(session, [note_id], tmp_path, now=NOW)
            final = session.get(NoteOfVisit, note_id)
            assert final is not None
            final.status = NoteStatus.FINAL
            final.finalised_at = NOW
            session.add(final)
        with database.session() as session:
            [finalised] = export_notes_docx(session, [note_id], tmp_path, now=NOW)
    finally:
        database.dispose()
    assert exported.path.name.endswith(" - Note of visit (DRAFT).docx")
    assert finalised.path.name.endswith(" - Note of visit.docx")
    assert exported.path.exists() and finalised.path.exists()  # the draft is not replaced
    footer = docx.Document(str(finalised.path)).sections[0].footer.paragraphs[0].text
    title, _tab, page = footer.partition("\t")
    assert page == "Page 1 of 1"
    assert "…" in title and len(title) <= 100
    assert title.endswith(" — 23 November 2026")
