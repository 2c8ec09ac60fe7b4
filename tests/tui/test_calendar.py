"""The calendar as an adviser uses it: moving around, planning, moving and cancelling visits,
the year's programme and the iCalendar export, with the keys and the mouse."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlmodel import col, select
from textual.pilot import Pilot
from textual.widgets import Button, Input

from sia_console.domain.enums import VisitStatus
from sia_console.domain.models import Visit
from sia_console.services.programme.calendar import calendar_period, school_choices
from sia_console.storage.database import Database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.visit_dialog import VisitDialog
from sia_console.tui.screens.calendar import CalendarScreen
from sia_console.tui.screens.programme import ProgrammeScreen
from sia_console.tui.screens.school_detail import SchoolDetailScreen
from sia_console.tui.widgets.agenda import Agenda
from sia_console.tui.widgets.month_grid import GLYPHS, Legend, MonthGrid

from .conftest import TODAY
from .screen_text import screen_text


async def settle(pilot: Pilot[None], wait: float = 0.0) -> None:
    """Let the workers finish (and, with ``wait``, the dialog's delayed check start)."""
    if wait:
        await pilot.pause(wait)
    for _round in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_calendar(pilot: Pilot[None]) -> CalendarScreen:
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CalendarScreen)
    return screen


def visits_on(database: Database, day: date) -> list[Visit]:
    with database.session() as session:
        return list(
            session.exec(
                select(Visit)
                .where(col(Visit.start) >= datetime.combine(day, datetime.min.time()))
                .where(col(Visit.start) < datetime.combine(day, datetime.max.time()))
                .order_by(col(Visit.start))
            )
        )


def count_visits(database: Database) -> int:
    with database.session() as session:
        return len(session.exec(select(Visit)).all())


def a_school(database: Database) -> tuple[str, str]:
    with database.session() as session:
        choice = school_choices(session)[0]
    return choice.code, choice.name


async def test_keys_and_mouse_move_the_day_and_the_month(
    filled_database: Database, app: SiaConsole
) -> None:
    with filled_database.session() as session:
        period = calendar_period(session, date(2026, 11, 24), date(2026, 11, 24), TODAY)
    tuesday = [visit.school_name for visit in period.visits]
    assert len(tuesday) == 2
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(pilot)
        grid = screen.query_one(MonthGrid)
        assert grid.selected == TODAY and app.focused is grid
        assert "November 2026" in screen_text(app)
        assert "Monday 23 November 2026 · 0 visits" in screen_text(app)

        await pilot.press("right")
        await settle(pilot)
        text = screen_text(app)
        assert "Tuesday 24 November 2026 · 2 visits" in text
        assert all(name[:30] in text for name in tuesday)
        assert [v.school_name for v in screen.query_one(Agenda).visits] == tuesday

        await pilot.press("pagedown")
        await settle(pilot)
        assert grid.selected == date(2026, 12, 24) and "December 2026" in screen_text(app)
        assert "Christmas Eve" not in screen_text(app)  # not a bank holiday
        await pilot.press("right")
        await settle(pilot)
        assert "Christmas Day" in screen_text(app)
        await pilot.press("pageup", "pageup", "up")
        await settle(pilot)
        assert grid.selected == date(2026, 10, 18)
        await pilot.press("t")
        await settle(pilot)
        assert grid.selected == TODAY

        # the mouse: a click chooses a day (row of the 9th: third week of the grid)
        await pilot.click(grid, offset=(grid.cell_width() * 1 + 2, 2 + 2 * 2 + 1))
        await settle(pilot)
        assert grid.selected == date(2026, 11, 10)
        await pilot.press("w")
        await settle(pilot)
        assert "Week of Mon 9 Nov 2026" in screen_text(app)


async def test_planning_a_visit_warns_before_saving(
    filled_database: Database, app: SiaConsole
) -> None:
    code, name = a_school(filled_database)
    saturday = date(2026, 11, 28)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(pilot)
        screen.query_one(MonthGrid).select(saturday)
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, VisitDialog)
        assert app.screen.query_one("#visit-day", Input).value == "2026-11-28"
        await pilot.press(*code)
        await settle(pilot, wait=0.5)
        text = screen_text(app)
        assert "Saturday 28 November 2026 is a weekend day." in text  # before any save
        assert visits_on(filled_database, saturday) == []

        await pilot.press("ctrl+s")  # a weekend is confirmed, like an overlap
        await settle(pilot)
        assert isinstance(app.screen, VisitDialog)
        assert str(app.screen.query_one("#visit-save", Button).label) == "Save anyway"
        assert visits_on(filled_database, saturday) == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        [visit] = visits_on(filled_database, saturday)
        assert visit.start == datetime(2026, 11, 28, 9) and visit.status is VisitStatus.PLANNED
        assert name[:25] in screen_text(app)


async def test_a_rejected_dialog_saves_nothing(filled_database: Database, app: SiaConsole) -> None:
    code, _name = a_school(filled_database)
    before = count_visits(filled_database)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, VisitDialog)
        await pilot.press(*code)
        dialog.query_one("#visit-day", Input).value = "2027-02-30"
        dialog.query_one("#visit-minutes", Input).value = "20h"
        await pilot.press("ctrl+s")
        await settle(pilot, wait=0.5)
        text = screen_text(app)
        assert app.screen is dialog
        assert "date: 2027-02-30 is not a date that exists" in text
        assert "length: 1200 minutes is outside 1 minute to 12 hours" in text
        await pilot.press("escape")  # something was typed: asked first
        await settle(pilot)
        assert "Discard your changes?" in screen_text(app)
        await pilot.press("enter")  # Discard
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
    assert count_visits(filled_database) == before


async def test_escape_asks_before_dropping_what_was_typed(
    filled_database: Database, app: SiaConsole
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, VisitDialog)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)

        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, VisitDialog)
        dialog.query_one("#visit-purpose", Input).value = "Book scrutiny with the head"
        await pilot.press("escape")
        await settle(pilot)
        assert "What you typed in this visit has not been saved." in screen_text(app)
        await pilot.press("escape")  # Keep editing
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#visit-purpose", Input).value == "Book scrutiny with the head"


async def test_an_overlap_needs_save_anyway(filled_database: Database, app: SiaConsole) -> None:
    tuesday = date(2026, 11, 24)
    taken = visits_on(filled_database, tuesday)[0]
    with filled_database.session() as session:
        other = next(c for c in school_choices(session) if c.code != taken.school_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(pilot)
        screen.query_one(MonthGrid).select(tuesday)
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*other.code)
        await settle(pilot, wait=0.5)
        assert "It overlaps your visit to" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, VisitDialog)
        assert str(dialog.query_one("#visit-save", Button).label) == "Save anyway"
        assert len(visits_on(filled_database, tuesday)) == 2
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
    assert len(visits_on(filled_database, tuesday)) == 3


async def test_move_then_cancel_a_visit_from_the_agenda(
    filled_database: Database, app: SiaConsole
) -> None:
    moved = visits_on(filled_database, date(2026, 11, 25))[0]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("right", "right", "tab")
        await settle(pilot)
        assert isinstance(app.focused, Agenda)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, VisitDialog) and dialog.visit_id == moved.id
        day = dialog.query_one("#visit-day", Input)
        day.value = "2026-12-02"
        dialog.query_one("#visit-time", Input).value = "13:30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        assert screen.query_one(MonthGrid).selected == date(2026, 12, 2)  # follows the visit

        screen.query_one(Agenda).focus()
        agenda = screen.query_one(Agenda)
        agenda.highlighted = agenda.get_option_index(moved.id)
        await pilot.press("x")
        await settle(pilot)
        assert "Cancel the visit to" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "cancelled" in screen_text(app)
    with filled_database.session() as session:
        visit = session.get(Visit, moved.id)
        assert visit is not None and not visit.deleted
        assert visit.start == datetime(2026, 12, 2, 13, 30)
        assert visit.status is VisitStatus.CANCELLED


async def test_postpone_with_a_reason_then_move_it_keeps_the_postponement(
    filled_database: Database, app: SiaConsole
) -> None:
    postponed = visits_on(filled_database, date(2026, 11, 25))[0]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("right", "right", "tab")
        await settle(pilot)
        agenda = screen.query_one(Agenda)
        agenda.highlighted = agenda.get_option_index(postponed.id)
        await pilot.press("p")
        await settle(pilot)
        assert "Why (the school and your calendar will show it)" in screen_text(app)
        await pilot.press(*"Head off sick", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        for _wait in range(100):  # the agenda reads the month again in a worker
            if "postponed: Head off sick" in screen_text(app):
                break
            await pilot.pause(0.05)
            await settle(pilot)
        assert "postponed: Head off sick" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, VisitDialog)
        dialog.query_one("#visit-day", Input).value = "2/12/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
    with filled_database.session() as session:
        visit = session.get(Visit, postponed.id)
        assert visit is not None and visit.status is VisitStatus.POSTPONED
        assert visit.status_reason == "Head off sick" and visit.moved_to_id is not None
        later = session.get(Visit, visit.moved_to_id)
        assert later is not None and later.start.date() == date(2026, 12, 2)
        assert later.status is VisitStatus.PLANNED


async def test_plan_next_years_programme_then_export_it(
    filled_database: Database, app: SiaConsole, tmp_path: Path
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await open_calendar(pilot)
        await pilot.press("y")
        await settle(pilot)
        programme = app.screen
        assert isinstance(programme, ProgrammeScreen)
        year = programme.query_one("#programme-year", Input)
        year.value = "2027"
        year.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert programme.plan is not None and programme.plan.count("proposed") == 100
        assert "100 to add" in screen_text(app)
        assert "○" in screen_text(app)  # proposed visits on the grid
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Add 100 visits to the calendar for 2027–28?" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert programme.plan.count("added") == 100
        assert "added 100 visits" in screen_text(app)
        await pilot.press("ctrl+s")  # a second apply: nothing to add, and it says so
        await settle(pilot)
        told = "Nothing to add: every visit of the programme is already in the calendar."
        assert told in [n.message for n in app._notifications]
        year.focus()
        await pilot.press("enter")  # preview again: the whole programme is there
        await settle(pilot)
        assert "2027–28 · nothing to add · 100 already planned" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)

        await pilot.press("i")
        await settle(pilot)
        out = tmp_path / "visits.ics"
        app.screen.query_one("#ics-path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
    assert out.read_bytes().count(b"BEGIN:VEVENT") == count_visits(filled_database) == 201


async def test_a_visit_is_planned_from_a_schools_page(
    filled_database: Database, app: SiaConsole
) -> None:
    code, name = a_school(filled_database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_school(code)
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
        await pilot.press("a")
        await settle(pilot, wait=0.5)
        dialog = app.screen
        assert isinstance(dialog, VisitDialog)
        assert dialog.query_one("#school-input", Input).value == f"{name} ({code})"
        dialog.query_one("#visit-day", Input).value = "2026-12-08"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
        assert "Tue 8 Dec 2026" in screen_text(app)


async def test_the_agenda_is_read_again_after_a_note_is_closed(
    filled_database: Database, app: SiaConsole
) -> None:
    visit = visits_on(filled_database, date(2026, 11, 25))[0]
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_calendar(pilot)
        await pilot.press("right", "right")
        await settle(pilot)
        agenda = screen.query_one(Agenda)
        assert "planned" in str(agenda.get_option(visit.id).prompt)
        app.open_note(visit.id)
        await settle(pilot)
        with filled_database.session() as session:  # as finalising the note does
            row = session.get(Visit, visit.id)
            assert row is not None
            row.status = VisitStatus.DONE
            session.add(row)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        line = str(agenda.get_option(visit.id).prompt)
        assert "done" in line and "planned" not in line


def test_the_legend_wraps_between_entries_only() -> None:
    legend = Legend()
    entries = [entry.plain for entry in legend.entries]
    assert Legend().lines(200)[0].plain == "  ".join(entries)  # one line when there is room
    glyphs = {glyph for glyph, _style in GLYPHS.values()}
    for width in range(14, 80):
        lines = [line.plain for line in legend.lines(width)]
        assert all(line[0] in glyphs for line in lines), (width, lines)  # a glyph starts each
        assert all(len(line) <= width for line in lines), (width, lines)
        assert "  ".join(lines) == "  ".join(entries)  # nothing cut or lost
