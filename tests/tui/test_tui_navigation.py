"""Moving around as an adviser would: keys, mouse and the command palette.

Expectations are read from the same services the screens use, so these tests check the
screens, not the demo's choice of names.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from sia_console.domain.enums import ActionStatus
from sia_console.domain.models import Action, School, Visit
from sia_console.services.schools.page import school_rows
from sia_console.services.today import DashboardSummary, dashboard_summary
from sia_console.storage.database import Database
from sia_console.storage.preferences import Preferences, load_preferences
from sia_console.tui.app import SiaConsole
from sia_console.tui.launch import make_app
from sia_console.tui.notes.action_tables import AgreedActionTable
from sia_console.tui.notes.editor import NoteEditorScreen
from sia_console.tui.screens import dashboard as dashboard_screen
from sia_console.tui.screens.dashboard import DashboardScreen
from sia_console.tui.screens.school_detail import SchoolDetailScreen
from sia_console.tui.screens.schools import SchoolsScreen
from sia_console.tui.widgets import footer
from sia_console.tui.widgets.record_tables import ActionTable, SchoolTable, TodayVisitTable
from sia_console.tui.widgets.tables import RecordTable

from .conftest import TODAY
from .screen_text import screen_text


async def settle(pilot: Pilot[None]) -> None:
    """Let the workers finish and their messages reach the widgets."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def summary_of(database: Database) -> DashboardSummary:
    with database.session() as session:
        return dashboard_summary(session, TODAY)


async def test_the_dashboard_shows_today_at_80_by_24(
    filled_database: Database, app: SiaConsole
) -> None:
    with filled_database.session() as session:
        school = session.exec(select(School).order_by(School.name)).first()
        assert school is not None
        start = datetime.combine(TODAY, datetime.min.time()).replace(hour=9, minute=30)
        session.add(Visit(school_id=school.id, start=start, end=start + timedelta(hours=3)))
        name = school.name
    summary = summary_of(filled_database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, DashboardScreen)
        assert f"Monday 23 November 2026 · {summary.adviser_name} · 15 link schools" in text
        assert "15 link schools · demo data" in text
        assert "Today (1)" in text
        assert f"09:30–12:30  {name[:20]}" in text
        assert f"Next seven days ({len(summary.week_visits)})" in text
        assert "⏎ Open school" in text
        assert isinstance(app.focused, TodayVisitTable)


def slow_reads(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The dashboard's reads wait until the returned event is set."""
    may_read = threading.Event()

    def slow(*args: object, **kwargs: object) -> DashboardSummary:
        assert may_read.wait(10)
        return dashboard_summary(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboard_screen, "dashboard_summary", slow)
    return may_read


async def test_the_footer_shows_its_keys_once_the_dashboard_is_read(
    filled_database: Database, app: SiaConsole, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keys wait for the data, and come with those of the list focused then."""
    monkeypatch.setattr(footer, "HOLD_AT_MOST", 60.0)
    may_read = slow_reads(monkeypatch)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause(0.2)
        assert not app.screen.query(FooterKey)  # reading: no keys yet
        may_read.set()
        await settle(pilot)
        await pilot.pause(0.1)
        assert isinstance(app.focused, RecordTable)
        assert "select_cursor" in [key.action for key in app.screen.query(FooterKey)]
        assert "⏎ Open school" in screen_text(app)


async def test_the_footer_does_not_wait_for_ever(
    filled_database: Database, app: SiaConsole, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(footer, "HOLD_AT_MOST", 0.2)
    may_read = slow_reads(monkeypatch)
    async with app.run_test(size=(120, 30)) as pilot:
        for _step in range(100):
            if app.screen.query(FooterKey):
                break
            await pilot.pause(0.05)
        shown = [key.action for key in app.screen.query(FooterKey)]
        assert "show_schools" in shown and "select_cursor" not in shown  # still reading
        may_read.set()
        await settle(pilot)


async def test_dashboard_to_schools_filter_open_and_back(
    filled_database: Database, app: SiaConsole
) -> None:
    with filled_database.session() as session:
        expected = [row.name for row in school_rows(session, TODAY, "dwr")]
    assert any("Dŵr" in name for name in expected)  # the filter ignores accents
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SchoolsScreen)
        table = app.screen.query_one(SchoolTable)
        assert table.row_count == 15

        await pilot.press("slash", *"dwr")
        await settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "dwr"
        assert [row.name for row in table.records] == expected
        assert f"Showing {len(expected)} of 15 schools" in screen_text(app)

        await pilot.press("enter")  # from the filter to the list
        assert app.focused is table
        await pilot.press("enter")  # open the highlighted school
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
        assert app.screen.sub_title == expected[0]
        text = screen_text(app)
        assert "Visits (" in text and "Floor-target risk judgements (" in text

        await pilot.press("escape")
        assert isinstance(app.screen, SchoolsScreen)
        assert app.screen.query_one("#filter", Input).value == "dwr"
        await pilot.press("escape")  # clears the filter
        await settle(pilot)
        assert app.screen.query_one("#filter", Input).value == ""
        assert table.row_count == 15
        await pilot.press("escape")  # and then goes back
        assert isinstance(app.screen, DashboardScreen)


async def test_the_footer_leaves_out_the_key_of_the_place_shown(app: SiaConsole) -> None:
    def keys() -> list[str]:
        return [key.action for key in app.screen.query(FooterKey)]

    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        assert "show_dashboard" not in keys() and "show_schools" in keys()
        await pilot.press("enter")  # a school's page, opened from the dashboard
        await settle(pilot)
        await pilot.pause(0.1)
        assert isinstance(app.screen, SchoolDetailScreen)
        assert "show_dashboard" in keys()  # d goes back to the dashboard itself
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("d")  # nothing to do: stays, and nothing breaks
        assert isinstance(app.screen, DashboardScreen) and app.is_running


async def test_letters_typed_in_the_filter_are_text_not_keys(app: SiaConsole) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s", "slash", "d", "q", "s")
        await settle(pilot)
        assert isinstance(app.screen, SchoolsScreen)
        assert app.screen.query_one("#filter", Input).value == "dqs"
        assert "No school matches “dqs”." in screen_text(app)


async def test_enter_on_a_dashboard_row_opens_its_school(
    filled_database: Database, app: SiaConsole
) -> None:
    summary = summary_of(filled_database)
    assert summary.today_visits == ()  # so the first list with rows is the week's
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
        assert app.screen.code == summary.week_visits[1].school_code
        await pilot.press("d")
        assert isinstance(app.screen, DashboardScreen)


async def test_the_mouse_opens_a_school_and_switches_screens(app: SiaConsole) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.focused
        assert isinstance(table, RecordTable)
        # The first click highlights the cell, a second click on it opens the school.
        assert await pilot.click(table, offset=(25, 2))
        assert isinstance(app.screen, DashboardScreen)
        record = table.highlighted()
        assert table.cursor_row == 1 and record is not None
        assert await pilot.click(table, offset=(25, 2))
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
        assert app.screen.code == table.school_of(record)

        schools_key = next(k for k in app.screen.query(FooterKey) if k.action == "show_schools")
        assert await pilot.click(schools_key)
        await settle(pilot)
        assert isinstance(app.screen, SchoolsScreen)


async def test_the_command_palette_opens_a_school_by_name(
    filled_database: Database, app: SiaConsole
) -> None:
    high = summary_of(filled_database).high_risk[0]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*high.school_name)
        await settle(pilot)
        await pilot.pause(0.3)  # the palette gathers hits after a short pause
        assert f"Open school: {high.school_name} ({high.school_code})" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
        assert app.screen.code == high.school_code


async def test_the_command_palette_goes_to_the_schools(app: SiaConsole) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"go to the schools")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SchoolsScreen)


async def test_dark_and_light_themes(app: SiaConsole) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.current_theme.dark
        app.action_toggle_theme()
        await pilot.pause()
        assert not app.current_theme.dark
        assert "Next seven days" in screen_text(app)  # tables redrawn in the new colours
        app.action_toggle_theme()
        assert app.current_theme.dark


async def test_the_theme_chosen_is_there_next_time(filled_database: Database) -> None:
    first = make_app(filled_database, today=lambda: TODAY, preferences=load_preferences())
    async with first.run_test(size=(100, 30)) as pilot:
        assert first.theme == "textual-dark"
        first.action_toggle_theme()
        await pilot.pause()
        await first.workers.wait_for_complete()
    assert load_preferences() == Preferences(theme="textual-light")
    second = make_app(filled_database, today=lambda: TODAY, preferences=load_preferences())
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert second.theme == "textual-light"


async def test_an_action_on_the_dashboard_opens_its_note_and_is_marked_done_there(
    filled_database: Database, app: SiaConsole
) -> None:
    action = summary_of(filled_database).actions_due[0]
    assert action.visit_id is not None
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ActionTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("n")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen) and editor.visit_id == action.visit_id
        agreed = editor.query_one(AgreedActionTable)
        assert app.focused is agreed  # opened at the actions page
        row = next(i for i, a in enumerate(agreed.records) if a.id == action.action_id)
        agreed.move_cursor(row=row)
        await pilot.press("d")
        await settle(pilot)
        assert "Action marked done." in [n.message for n in app._notifications]
        shown = next(a for a in agreed.records if a.id == action.action_id)
        assert shown.status is ActionStatus.DONE  # the note read again
    with filled_database.session() as session:
        stored = session.get(Action, action.action_id)
        assert stored is not None and stored.status is ActionStatus.DONE
        assert stored.closed_on == TODAY
    assert action.action_id not in {a.action_id for a in summary_of(filled_database).actions_due}


async def test_on_a_sunday_the_dashboard_shows_mondays_visits(filled_database: Database) -> None:
    sunday = TODAY + timedelta(days=6)
    with filled_database.session() as session:
        school = session.exec(select(School).order_by(School.name)).first()
        assert school is not None
        start = datetime(2026, 11, 30, 9, 30)
        session.add(Visit(school_id=school.id, start=start, end=start + timedelta(hours=3)))
    with filled_database.session() as session:
        ahead = dashboard_summary(session, sunday).week_visits
    assert any(row.start == start for row in ahead)
    app = make_app(filled_database, today=lambda: sunday)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert f"Next seven days ({len(ahead)})" in text
        assert "Mon 30 Nov" in text
