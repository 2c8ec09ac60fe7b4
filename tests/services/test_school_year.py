"""The school's year, from the year's final notes, read back with python-docx."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from sqlmodel import select
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.domain.enums import ActionStatus, NoteStatus
from sia_console.domain.models import Action, NoteOfVisit
from sia_console.services.errors import InvalidInput
from sia_console.services.notes.actions import review_action
from sia_console.services.schools.year import (
    export_school_year,
    save_year_summary,
    school_year_document,
    year_summary,
)
from sia_console.storage.database import Database, open_database
from tests.docx_support import add_note, add_school

NOW = datetime(2027, 7, 20, 15, 0, tzinfo=UTC)
LONG_WELSH = ("Ysgol Gynradd Gymraeg Llanfair Pwllgwyngyll a Chwm Ŵy ŷ â " * 5)[:200]


def build(path: Path, name: str = "Ysgol y Graig") -> Database:
    """Visit 2 final (an action), visit 4 final (reviews it: done), visit 5 a draft."""
    database = open_database(path)
    with database.session() as session:
        school = add_school(session, name)
        first = add_note(session, school, texts={"support": "ALN team."})
        second = add_note(
            session, school, start=datetime(2027, 2, 1, 9, 30), status=NoteStatus.DRAFT
        )
        add_note(
            session,
            school,
            start=datetime(2027, 4, 20, 9, 30),
            status=NoteStatus.DRAFT,
            texts={"support": "DRAFT SUPPORT, not agreed"},
        )
        first_id, second_id, code = first.id, second.id, school.code
    with database.session() as session:
        [action] = session.exec(select(Action).where(Action.note_id == first_id)).all()
        review_action(session, second_id, action.id, ActionStatus.DONE, "Shared in January.")
        second_note = session.get(NoteOfVisit, second_id)
        assert second_note is not None
        second_note.status = NoteStatus.FINAL
        second_note.finalised_at = datetime(2027, 2, 3, tzinfo=UTC)
        session.add(second_note)
        save_year_summary(session, code, 2026, "A good year.\n\nWriting is next.")
    return database


def test_the_document_holds_the_final_notes_only(tmp_path: Path) -> None:
    database = build(tmp_path / "year.sqlite")
    try:
        with database.session() as session:
            year = school_year_document(session, "6612001", 2026, NOW)
            path = export_school_year(session, "6612001", 2026, tmp_path / "out", now=NOW)
    finally:
        database.dispose()
    assert [v.state for v in year.visits] == [
        "Note final",
        "Note final",
        "Note in draft, not yet agreed",
    ]
    assert [j.day.isoformat() for j in year.judgements] == ["2026-11-23", "2027-02-01"]
    [action] = [a for a in year.actions if a.agreed_on.isoformat() == "2026-11-23"]
    assert action.status is ActionStatus.DONE and action.comment == "Shared in January."
    assert action.reviewed_on is not None and action.reviewed_on.isoformat() == "2027-02-01"
    assert path.name == "2026–27 Ysgol y Graig - School's year.docx"
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["Sir Eryri", "The school's year 2026–27", "Ysgol y Graig"]
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 1"]
    assert headings == [
        "Visits against the programme",
        "Floor-target risk over the year",
        "Priorities and areas for development",
        "Actions agreed and what became of them",
        "Support brokered",
        "The adviser's summary",
    ]
    assert "ALN team." in texts and not any("DRAFT SUPPORT" in t for t in texts)
    assert texts[-2:] == ["A good year.", "Writing is next."]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert tables[0][0] == ["Date", "Visit", "Focus", "Note of visit"]
    assert tables[0][1][:2] == ["23 November 2026", "Visit 2"]
    assert tables[1] == [  # the chart: a dot per visit, in the row of its level
        ["Risk", "23 Nov", "1 Feb"],
        ["High", "", ""],
        ["Medium", "●", "●"],
        ["Low", "", ""],
    ]
    assert tables[2][1] == ["23 November 2026", "Medium", "63.5%", "70.0%"]
    assert tables[3][1][0] == "Share the targets with governors"
    assert tables[3][1][4] == "Done (reviewed on 1 February 2027)\nShared in January."
    for table in document.tables:
        first_row = table._tbl.findall(qn("w:tr"))[0]
        assert first_row.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    section = document.sections[0]
    assert section.page_width is not None and round(section.page_width.cm, 1) == 21.0
    footer = section.footer.paragraphs[0].text
    assert footer == "The school's year 2026–27 — Ysgol y Graig\tPage 1 of 1"
    core = document.core_properties
    assert core.title == "The school's year 2026–27 — Ysgol y Graig"
    assert core.created is not None and core.created.replace(tzinfo=UTC) == NOW
    with zipfile.ZipFile(path) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        app_xml = archive.read("docProps/app.xml").decode()
    assert images == []  # the chart is drawn in the document, not pasted in as a picture
    assert "<Application>sia-console</Application>" in app_xml


def test_a_long_welsh_name_and_hostile_summary(tmp_path: Path) -> None:
    database = build(tmp_path / "long.sqlite", LONG_WELSH)
    hostile = 'Evil \u202eevil\u202c and \x1b[2J, NUL \x00, =HYPERLINK("x")'
    try:
        with database.session() as session:
            save_year_summary(session, "6612001", 2026, hostile)
            assert year_summary(session, "6612001", 2026) == hostile
            path = export_school_year(session, "6612001", 2026, tmp_path, now=NOW)
    finally:
        database.dispose()
    assert len(path.name.encode("utf-8")) < 255 and "…" in path.name
    document = docx.Document(str(path))
    footer = document.sections[0].footer.paragraphs[0].text
    assert "…" in footer and len(footer.partition("\t")[0]) < 100
    xml = document.element.xml
    assert "\u202e" not in xml and "\x1b" not in xml and "\ufffd" not in xml
    assert "Evil ␦evil␦ and ␛[2J, NUL ␀, =HYPERLINK" in xml


def test_the_year_must_be_one_a_person_could_mean(tmp_path: Path) -> None:
    database = build(tmp_path / "y.sqlite")
    try:
        with database.session() as session, pytest.raises(InvalidInput):
            school_year_document(session, "6612001", 1900)
    finally:
        database.dispose()


def test_report_school_on_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    build(db).dispose()
    out = tmp_path / "governors.docx"
    args = ["--db", str(db), "report", "school", "--year", "2026", "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--school", "6612001", "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"path": str(out)}
    assert out.exists()
    missing = CliRunner().invoke(app, [*args, "--school", "NOPE"])
    assert missing.exit_code == 1 and "NOPE" in missing.stderr


def test_a_welsh_medium_schools_year_is_in_welsh(tmp_path: Path) -> None:
    from sia_console.domain.enums import LanguageMedium
    from sia_console.domain.models import School

    database = build(tmp_path / "year.sqlite")
    try:
        with database.session() as session:
            school = session.exec(select(School).where(School.code == "6612001")).one()
            school.language = LanguageMedium.WELSH
            session.add(school)
        with database.session() as session:
            path = export_school_year(session, "6612001", 2026, tmp_path / "out", now=NOW)
    finally:
        database.dispose()
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts[1] == "Blwyddyn yr ysgol 2026–27"
    assert "ALN team." in texts  # the adviser's words as written
    assert texts[-2:] == ["A good year.", "Writing is next."]
