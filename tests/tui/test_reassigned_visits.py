"""A visit still planned at a school the core lead has linked to another adviser: marked
"school reassigned" on the dashboard and in the calendar, and cancelled with that reason."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import col, select
from textual.widgets import Input

from sia_console.domain.enums import Role, VisitStatus
from sia_console.domain.models import Adviser, NoteOfVisit, RiskJudgement, School, Visit
from sia_console.storage.database import Database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.reason_dialog import ReasonDialog
from sia_console.tui.screens.dashboard import DashboardScreen
from sia_console.tui.screens.school_detail import SchoolDetailScreen
from sia_console.tui.widgets.agenda import Agenda
from sia_console.tui.widgets.record_tables import JudgementTable, TodayVisitTable, WeekVisitTable

from .conftest import TODAY
from .screen_text import screen_text
from .test_calendar import open_calendar, settle, visits_on

DAY = date(2026, 11, 25)
"""The Wednesday of the demo's week: a visit planned there."""


def _reassign_school_of(database: Database, visit: Visit) -> None:
    with database.session() as session:
        other = Adviser(name="Rhys Parry", role=Role.SIA)
        session.add(other)
        session.flush()
        school = session.get(School, visit.school_id)
        assert school is not None
        school.adviser_id = other.id  # as the core lead's bundle sets it
        session.add(school)


def _planned(database: Database) -> Visit:
    [visit, *_rest] = [v for v in visits_on(database, DAY) if v.status is VisitStatus.PLANNED]
    return visit


async def test_the_dashboard_marks_it_and_x_cancels_it_with_the_reason(
    filled_database: Database, app: SiaConsole
) -> None:
    visit = _planned(filled_database)
    _reassign_school_of(filled_database, visit)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert "school reassigned" in screen_text(app)
        table = screen.query_one(WeekVisitTable)
        table.focus()
        table.move_cursor(row=[r.visit_id for r in table.records].index(visit.id))
        await settle(pilot)
        assert "x Cancel visit" in screen_text(app).splitlines()[-1]  # offered in the footer
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        assert dialog.query_one("#visit-reason", Input).value == "school reassigned"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "school reassigned" not in screen_text(app)  # cancelled: nothing to do
    with filled_database.session() as session:
        cancelled = session.get(Visit, visit.id)
        assert cancelled is not None
        assert cancelled.status is VisitStatus.CANCELLED
        assert cancelled.status_reason == "school reassigned"


async def test_x_is_not_offered_for_a_visit_of_ones_own_school(
    filled_database: Database, app: SiaConsole
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(WeekVisitTable)
        table.focus()
        await settle(pilot)
        assert table.records and not any(r.reassigned for r in table.records)
        assert table.check_action("cancel_reassigned", ()) is False


async def test_the_calendar_marks_it_and_offers_the_reason(
    filled_database: Database, app: SiaConsole
) -> None:
    visit = _planned(filled_database)
    _reassign_school_of(filled_database, visit)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("right", "right", "tab")
        await settle(pilot)
        agenda = screen.query_one(Agenda)
        assert agenda.visits and any(v.reassigned for v in agenda.visits)
        agenda.highlighted = agenda.get_option_index(visit.id)
        await settle(pilot)
        assert "school reassigned" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        assert dialog.query_one("#visit-reason", Input).value == "school reassigned"


async def test_a_schools_page_names_who_made_the_earlier_judgements(
    filled_database: Database, app: SiaConsole
) -> None:
    """A school's history from another adviser: each judgement and action named."""
    with filled_database.session() as session:
        judgement = session.exec(
            select(RiskJudgement).where(col(RiskJudgement.level).is_not(None))
        ).first()
        assert judgement is not None
        note = session.get(NoteOfVisit, judgement.note_id)
        assert note is not None
        visit = session.get(Visit, note.visit_id)
        school = session.get(School, judgement.school_id)
        assert visit is not None and school is not None
        other = Adviser(name="Rhys Parry", role=Role.SIA)
        session.add(other)
        session.flush()
        visit.adviser_id = other.id  # as if Rhys had made it before the school was ours
        session.add(visit)
        code = school.code
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.push_screen(SchoolDetailScreen(app.context, code))
        await settle(pilot)
        page = app.screen
        assert isinstance(page, SchoolDetailScreen)
        judgements = page.query_one(JudgementTable)
        assert judgement.id in {j.judgement_id for j in judgements.records}
        assert {j.made_by for j in judgements.records if j.judgement_id == judgement.id} == {
            "Rhys Parry"
        }
        assert "Rhys Parry:" in screen_text(app)


async def test_a_visit_cancelled_today_says_so_on_the_dashboard(
    filled_database: Database, app: SiaConsole
) -> None:
    """Today's list has no status column: a cancelled visit says so before its purpose."""
    visit = _planned(filled_database)
    with filled_database.session() as session:
        cancelled = session.get(Visit, visit.id)
        assert cancelled is not None
        cancelled.start = datetime.combine(TODAY, cancelled.start.time())  # (moved to today)
        cancelled.end = datetime.combine(TODAY, cancelled.end.time())
        cancelled.status = VisitStatus.CANCELLED
        cancelled.status_reason = "school reassigned"
        session.add(cancelled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(TodayVisitTable)
        row = [r.visit_id for r in table.records].index(visit.id)
        purpose = str(table.get_row_at(row)[3])
        assert purpose.startswith("cancelled "), purpose


async def test_X_cancels_every_visit_at_reassigned_schools_at_once(
    filled_database: Database, app: SiaConsole
) -> None:
    """A handover can leave a dozen visits: one question, one reason, all cancelled, and
    nothing else touched (visits at the adviser's own schools stay planned)."""
    visit = _planned(filled_database)
    _reassign_school_of(filled_database, visit)
    with filled_database.session() as session:
        theirs = session.exec(
            select(Visit).where(
                col(Visit.school_id) == visit.school_id,
                col(Visit.status) == VisitStatus.PLANNED,
                col(Visit.deleted).is_(False),
            )
        ).all()
        others = {
            v.id
            for v in session.exec(
                select(Visit).where(
                    col(Visit.school_id) != visit.school_id,
                    col(Visit.status) == VisitStatus.PLANNED,
                )
            ).all()
        }
    assert len(theirs) > 1 and others  # (more than the one in this week's list)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one(WeekVisitTable)
        table.focus()
        table.move_cursor(row=[r.visit_id for r in table.records].index(visit.id))
        await settle(pilot)
        assert "X Cancel all" in screen_text(app).splitlines()[-1]
        await pilot.press("X")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        assert f"Cancel the {len(theirs)} visits" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "school reassigned" not in screen_text(app)
    with filled_database.session() as session:
        for planned in theirs:
            after = session.get(Visit, planned.id)
            assert after is not None
            assert (after.status, after.status_reason) == (
                VisitStatus.CANCELLED,
                "school reassigned",
            )
        still = {
            v.id
            for v in session.exec(
                select(Visit).where(col(Visit.status) == VisitStatus.PLANNED)
            ).all()
        }
        assert others <= still
