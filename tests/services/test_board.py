"""The board's report takes the agreed record from final notes; drafts are listed apart."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlmodel import select

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel
from sia_console.domain.models import Action, Adviser, RiskJudgement
from sia_console.formats.authority_report import csv_files, report_tables
from sia_console.services.authority.board import board_report
from sia_console.services.notes.actions import review_action
from sia_console.storage.database import open_database
from tests.docx_support import add_note, add_school

TODAY = date(2027, 3, 1)


def test_drafts_are_provisional_and_overdue_actions_go_by_lateness(tmp_path: Path) -> None:
    database = open_database(tmp_path / "board.sqlite")
    try:
        with database.session() as session:
            school = add_school(session, "Ysgol y Graig")
            other = add_school(session, "Ysgol Glan", code="6612002")
            final = add_note(session, school)  # medium, an action due 15 January 2027
            add_note(session, other, start=datetime(2026, 10, 5, 9, 30))
            draft = add_note(
                session, school, start=datetime(2027, 2, 1, 9, 30), status=NoteStatus.DRAFT
            )
            judgement = session.exec(
                select(RiskJudgement).where(RiskJudgement.note_id == draft.id)
            ).one()
            judgement.level = RiskLevel.HIGH
            session.add(judgement)
            session.add(
                Action(
                    note_id=draft.id,
                    school_id=school.id,
                    text="Draft action",
                    due=date(2027, 2, 20),
                )
            )
            final_id, draft_id = final.id, draft.id
        with database.session() as session:
            [agreed_action] = session.exec(select(Action).where(Action.note_id == final_id)).all()
            # a draft's review says done: not yet the record
            review_action(session, draft_id, agreed_action.id, ActionStatus.DONE, "Done?")
        with database.session() as session:
            report = board_report(session, TODAY)
    finally:
        database.dispose()
    register = {entry.school_name: entry for entry in report.summary.risk}
    assert register["Ysgol y Graig"].level is RiskLevel.MEDIUM  # the final note's
    assert register["Ysgol y Graig"].judged_on == date(2026, 11, 23)
    [provisional] = report.provisional_risk
    assert (provisional.school_name, provisional.level) == ("Ysgol y Graig", RiskLevel.HIGH)
    assert provisional.previous_level is RiskLevel.MEDIUM
    overdue = report.summary.overdue_actions
    assert [a.text for a in overdue] == ["Share the targets with governors"] * 2
    assert [a.days_overdue for a in overdue] == [45, 45]
    assert {a.school_name for a in overdue} == {"Ysgol y Graig", "Ysgol Glan"}
    assert [(a.text, a.days_overdue) for a in report.provisional_actions] == [
        ("Share the targets with governors", 45),  # the draft note's own, longest first
        ("Draft action", 9),
    ]
    months = [m.month for m in report.movement]
    assert months[0] == date(2026, 9, 1) and months[-1] == date(2027, 3, 1)
    assert sum(m.medium for m in report.movement) == 2  # the two final notes' judgements
    assert sum(m.high for m in report.movement) == 0  # the draft's is not counted


def test_a_reassigned_school_keeps_each_judgement_with_who_made_it(tmp_path: Path) -> None:
    database = open_database(tmp_path / "board.sqlite")
    try:
        with database.session() as session:
            school = add_school(session, "Ysgol y Graig")
            add_note(session, school, adviser="Elin Lloyd")  # her judgement and action
            newcomer = Adviser(name="Rhys Parry")
            session.add(newcomer)
            session.flush()
            school.adviser_id = newcomer.id  # the core lead gives the school to Rhys
            session.add(school)
        with database.session() as session:
            report = board_report(session, TODAY)
    finally:
        database.dispose()
    [entry] = report.summary.risk
    assert entry.adviser_name == "Elin Lloyd"
    assert {a.adviser_name for a in report.summary.overdue_actions} == {"Elin Lloyd"}
    files = dict(csv_files(report))
    for key in ("risk", "actions"):
        written = files[key].decode("utf-8-sig")  # the spreadsheet's tables are the same
        assert "Elin Lloyd" in written and "Rhys Parry" not in written


def test_the_overdue_actions_are_those_of_the_reports_academic_year(tmp_path: Path) -> None:
    database = open_database(tmp_path / "board.sqlite")
    try:
        with database.session() as session:
            school = add_school(session, "Ysgol y Graig")
            add_note(session, school)  # 23 November 2026: its action due 15 January 2027
            last_year = add_note(session, school, start=datetime(2026, 6, 15, 9, 30))
            draft = add_note(
                session, school, start=datetime(2026, 7, 1, 9, 30), status=NoteStatus.DRAFT
            )
            for note, text in ((last_year, "Last year's action"), (draft, "Last year's draft")):
                for action in session.exec(select(Action).where(Action.note_id == note.id)):
                    action.text, action.due = text, date(2026, 7, 10)
                    session.add(action)
        with database.session() as session:
            report = board_report(session, TODAY)
    finally:
        database.dispose()
    assert [a.text for a in report.summary.overdue_actions] == ["Share the targets with governors"]
    assert report.provisional_actions == ()
    files = dict(csv_files(report))
    assert "Last year's" not in files["actions"].decode("utf-8-sig")
    [actions] = [table for table in report_tables(report) if table.key == "actions"]
    assert "this academic year's visits (since 1 September 2026)" in actions.note
