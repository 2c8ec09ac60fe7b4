"""User text is shown literally, a new database explains itself, and failures are reported."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from sia_console.domain.enums import NoteStatus, RiskLevel, VisitStatus
from sia_console.domain.models import NoteOfVisit, RiskJudgement, School, Visit
from sia_console.storage.database import Database, open_database
from sia_console.storage.errors import StorageError
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.error import ErrorDialog
from sia_console.tui.screens import dashboard as dashboard_screen
from sia_console.tui.screens.dashboard import DashboardScreen
from sia_console.tui.screens.school_detail import SchoolDetailScreen
from sia_console.tui.screens.schools import SchoolsScreen

from .conftest import TODAY
from .screen_text import screen_text
from .test_note_editor import until

HOSTILE = "[bold]Ysgol [@click=app.quit]y Graig[/"
"""A school name that would be markup, and an action, if it were ever parsed."""


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def hostile_database(tmp_path: Path) -> Iterator[Database]:
    """One school with a markup-like name, visited today and judged high risk."""
    database = open_database(tmp_path / "hostile.sqlite")
    with database.session() as session:
        school = School(code="[red]X1", name=HOSTILE, local_authority="[b]Conwy")
        session.add(school)
        session.flush()
        start = datetime.combine(TODAY, datetime.min.time()).replace(hour=9, minute=30)
        today = Visit(
            school_id=school.id, start=start, end=start + timedelta(hours=3), purpose="[i]x[/i]"
        )
        earlier = Visit(
            school_id=school.id,
            start=start - timedelta(days=7),
            end=start - timedelta(days=7, hours=-3),
            status=VisitStatus.DONE,
        )
        session.add_all([today, earlier])
        session.flush()
        note = NoteOfVisit(visit_id=earlier.id, status=NoteStatus.FINAL)
        session.add(note)
        session.flush()
        session.add(
            RiskJudgement(
                note_id=note.id,
                school_id=school.id,
                judged_on=earlier.start.date(),
                level=RiskLevel.HIGH,
                rationale="[link=https://example.org]click[/link]",
            )
        )
    yield database
    database.dispose()


async def test_markup_in_user_text_is_shown_literally(
    hostile_database: Database, app_for: Callable[[Database], SiaConsole]
) -> None:
    app = app_for(hostile_database)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert f"09:30–12:30  {HOSTILE}" in text  # whole (there is room), not parsed
        assert "[i]x[/i]" in text

        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SchoolsScreen)
        assert HOSTILE in screen_text(app)

        await pilot.press("slash", *"[@click")
        await settle(pilot)
        assert "Showing 1 of 1 school" in screen_text(app)

        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SchoolDetailScreen)
        assert app.screen.sub_title == HOSTILE
        text = screen_text(app)
        assert f"sia-console — {HOSTILE}" in text
        assert "[red]X1 · [b]Conwy" in text
        assert "[link=https://example.org]click[/link]" in text

        await pilot.press("ctrl+p", *"graig")
        await settle(pilot)
        await pilot.pause(0.3)
        assert f"Open school: {HOSTILE} ([red]X1)" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running


async def test_a_new_database_says_what_to_do(
    empty_database: Database, app_for: Callable[[Database], SiaConsole]
) -> None:
    app = app_for(empty_database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        welcome = str(app.screen.query_one("#welcome", Static).render())
        assert "This database has no link schools yet." in welcome
        assert "sia-console demo" in welcome
        assert "schools import FILE.csv" in welcome
        assert "init" in welcome  # no identity yet either
        text = screen_text(app)
        assert "Welcome to sia-console" in text
        assert "Open school" not in text  # nothing to open

        await pilot.press("s")
        await settle(pilot)
        assert "0 schools" in screen_text(app)
        assert "No schools yet." in screen_text(app)


async def test_a_failing_read_shows_the_error_dialog(
    app: SiaConsole, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*_args: object) -> None:
        raise StorageError("The database is locked by another program.")

    monkeypatch.setattr(dashboard_screen, "dashboard_summary", locked)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        text = screen_text(app)
        assert "Could not load the dashboard" in text
        assert "The database is locked by another program." in text
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        assert "The database is locked by another program." in screen_text(app)
        await pilot.pause()
        assert "s Schools" in screen_text(app)  # the footer waited for the data, not for ever
        assert app.is_running


async def test_an_unknown_school_is_reported_not_fatal(app: SiaConsole) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_school("NO-SUCH")
        await settle(pilot)
        await until(pilot, lambda: isinstance(app.screen, ErrorDialog) and bool(screen_text(app)))
        assert "There is no school with the code NO-SUCH." in screen_text(app)
        await pilot.press("enter")
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
