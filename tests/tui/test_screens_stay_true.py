"""Every screen shows the database as it is when it is shown again, after any change made
in the app: an import on Sync, a reassignment, a conflict resolved, a note edited.

The core lead's screens are tried over an adviser's year and a core lead (the Sync
screen's pair of databases) and over the three advisers' authority; the adviser's
dashboard over the same pair.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from textual.pilot import Pilot

from sia_console.domain.models import Conflict, School
from sia_console.services.sync import export as sync_export
from sia_console.storage.database import Database, open_database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.assign_dialogs import AssignChoice
from sia_console.tui.dialogs.conflict_dialog import ConflictDialog
from sia_console.tui.dialogs.register_dialogs import ReassignChoice
from sia_console.tui.launch import make_app
from sia_console.tui.screens.assignment import AssignmentScreen
from sia_console.tui.screens.authority import AuthorityScreen
from sia_console.tui.screens.dashboard import DashboardScreen
from sia_console.tui.screens.school_detail import SchoolDetailScreen
from sia_console.tui.screens.school_register import RegisterScreen
from sia_console.tui.screens.sync import SyncScreen
from sia_console.tui.widgets.conflict_note import ConflictNote
from sia_console.tui.widgets.safe_input import SafeInput
from sia_console.tui.widgets.section import Section
from tests.authority_support import core_lead_database

from . import test_sync_screen
from .conftest import TODAY
from .screen_text import screen_text
from .test_sync_screen import (
    Pair,
    first_school,
    fix_stamped_times,
    lead_receives,
    lead_sends_back,
    set_head,
    settle,
    type_into,
)

built = test_sync_screen.built
pair = test_sync_screen.pair
"""The adviser and core lead of the Sync screen's tests, each test on its own copies."""


@pytest.fixture
def lead_app(pair: Pair) -> SiaConsole:
    """The core lead of the pair, before any bundle of the adviser's arrived."""
    return make_app(pair.lead, today=lambda: TODAY)


@pytest.fixture
def authority(tmp_path: Path) -> Iterator[Database]:
    """A core lead with three advisers' bundles imported."""
    database = open_database(core_lead_database(tmp_path / "authority.sqlite"))
    yield database
    database.dispose()


def rows(app: SiaConsole, section: str) -> int:
    return app.screen.query_one(f"#{section}", Section).table.row_count


async def go(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def number(pattern: str, text: str) -> int:
    found = re.search(pattern, text.replace("\n", " "))
    assert found is not None, (pattern, text)
    return int(found.group(1))


# ------------------------------------------------------------------ the core lead's home


async def test_bundles_imported_on_sync_are_on_the_home_screen_at_once(
    pair: Pair, lead_app: SiaConsole
) -> None:
    inbox = pair.folder / "inbox"
    inbox.mkdir()
    with pair.sia.session() as s:
        sync_export.export_bundle(s, inbox / "sia.siabundle", full=True)
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert isinstance(lead_app.screen, AuthorityScreen)
        assert rows(lead_app, "risk") == 0
        await go(pilot, "y")
        assert isinstance(lead_app.screen, SyncScreen)
        await type_into(pilot, "#sync-import-path", str(inbox))
        await go(pilot, "escape")
        assert isinstance(lead_app.screen, AuthorityScreen)
        assert rows(lead_app, "risk") > 10  # without r
        [coverage] = [
            row
            for row in lead_app.screen.query_one("#coverage", Section).table.records
            if row.adviser_id is not None
        ]
        assert coverage.last_bundle is not None and coverage.year.done > 0


async def test_a_reassignment_changes_the_coverage_at_once(authority: Database) -> None:
    app = make_app(authority, today=lambda: TODAY)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        home = app.screen
        before = {
            r.adviser_name: r.schools for r in home.query_one("#coverage", Section).table.records
        }
        await go(pilot, "a")
        screen = app.screen
        assert isinstance(screen, AssignmentScreen) and screen.page is not None
        school = next(r for r in screen.page.rows if r.adviser_id is not None)
        other = next(a for a in screen.page.advisers if a.id != school.adviser_id)
        screen.save_assignment(school.code, AssignChoice(school.category, other.id))
        await settle(pilot)
        await go(pilot, "escape")
        assert app.screen is home
        after = {
            r.adviser_name: r.schools for r in home.query_one("#coverage", Section).table.records
        }
    assert after[school.adviser] == before[school.adviser] - 1
    assert after[other.name] == before[other.name] + 1


async def test_a_reassignment_on_the_register_changes_the_coverage_at_once(
    authority: Database,
) -> None:
    app = make_app(authority, today=lambda: TODAY)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        home = app.screen
        before = {
            r.adviser_name: r.schools for r in home.query_one("#coverage", Section).table.records
        }
        await go(pilot, "s")
        screen = app.screen
        assert isinstance(screen, RegisterScreen) and screen.data is not None
        school = next(r for r in screen.data.rows if r.adviser_id is not None)
        other = next(a for a in screen.data.advisers if a.id != school.adviser_id)
        choice = ReassignChoice(other.id, "Caseloads balanced", TODAY)
        screen.save_reassignment((school.school_code,), choice)
        await settle(pilot)
        await go(pilot, "escape")
        assert app.screen is home
        after = {
            r.adviser_name: r.schools for r in home.query_one("#coverage", Section).table.records
        }
    assert after[school.adviser_name] == before[school.adviser_name] - 1
    assert after[other.name] == before[other.name] + 1


async def test_sync_and_schools_and_categories_agree_on_the_next_bundle(
    authority: Database,
) -> None:
    app = make_app(authority, today=lambda: TODAY)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await go(pilot, "y")  # Sync is read once here, before the change
        carried = number(r"The next bundle will carry (\d+) record", screen_text(app))
        await go(pilot, "escape", "a")
        screen = app.screen
        assert isinstance(screen, AssignmentScreen) and screen.page is not None
        school = screen.page.rows[0]
        category = next(key for key, _label in screen.page.categories if key != school.category)
        screen.save_assignment(school.code, AssignChoice(category, school.adviser_id))
        await settle(pilot)
        pending = number(r"(\d+) records? for the next bundle", screen_text(app))
        await go(pilot, "y")
        assert isinstance(app.screen, SyncScreen)
        assert number(r"The next bundle will carry (\d+) record", screen_text(app)) == pending
    assert pending > carried


async def test_schools_and_categories_has_nothing_to_send_after_sync_exports(
    pair: Pair, lead_app: SiaConsole
) -> None:
    usb = pair.folder / "usb"
    usb.mkdir()
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await go(pilot, "a")
        screen = lead_app.screen
        assert isinstance(screen, AssignmentScreen) and screen.page is not None
        school = screen.page.rows[0]
        category = next(key for key, _label in screen.page.categories if key != school.category)
        screen.save_assignment(school.code, AssignChoice(category, school.adviser_id))
        await settle(pilot)
        assert "for the next bundle: send it from Sync (y)" in screen_text(lead_app)
        await go(pilot, "y")
        await type_into(pilot, "#sync-folder", str(usb))
        assert list(usb.iterdir())
        await go(pilot, "escape", "a")
        assert lead_app.screen is screen
        assert "nothing new to send" in screen_text(lead_app)


def _conflict_at_the_lead(pair: Pair) -> None:
    """Both change a school's head (the core lead last); the adviser's bundle arrives."""
    lead_receives(pair)
    code, _name = first_school(pair.lead)
    set_head(pair.sia, code, "Mrs Gwenllian Ŵyn")
    set_head(pair.lead, code, "Mr Rhys Core-Lead")
    lead_receives(pair, "second.siabundle")
    with pair.lead.session() as s:
        assert len(s.exec(select(Conflict)).all()) == 1


async def test_a_conflict_resolved_from_the_home_screen_leaves_its_panel_and_headline(
    pair: Pair, lead_app: SiaConsole
) -> None:
    _conflict_at_the_lead(pair)
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        home = lead_app.screen
        assert isinstance(home, AuthorityScreen)
        text = screen_text(lead_app)
        assert "1 conflict to resolve" in text
        assert "Conflicts to resolve (1)" in text
        panel = home.query_one("#conflicts", Section)
        [waiting] = panel.table.records
        assert waiting.fields == 1  # the headteacher
        assert waiting.sender not in ("", "you", "another laptop")  # the adviser, by name
        assert waiting.sender in text
        panel.table.focus()
        await go(pilot, "enter")
        dialog = lead_app.screen
        assert isinstance(dialog, ConflictDialog)
        await pilot.click("#keep-current")
        await settle(pilot)
        assert lead_app.screen is home
        text = screen_text(lead_app)
        assert "0 conflicts to resolve" in text
        assert "Conflicts to resolve" not in text
        assert not panel.display


def test_home_screen_with_a_conflict_snapshot(
    snap_compare: Callable[..., bool], pair: Pair, lead_app: SiaConsole
) -> None:
    _conflict_at_the_lead(pair)
    fix_stamped_times(pair.lead, versions=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(lead_app, terminal_size=(120, 36), run_before=run_before)


async def test_the_home_screen_offers_sync_in_its_footer(pair: Pair, lead_app: SiaConsole) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert "y Sync" in screen_text(lead_app)
        await go(pilot, "y")
        assert isinstance(lead_app.screen, SyncScreen)


async def test_a_core_leads_calendar_offers_no_key_that_changes_a_visit(
    authority: Database,
) -> None:
    from sia_console.tui.screens.calendar import CalendarScreen

    app = make_app(authority, today=lambda: TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await go(pilot, "c")
        calendar = app.screen
        assert isinstance(calendar, CalendarScreen)
        for action in ("plan", "edit", "cancel_visit", "postpone", "programme"):
            assert calendar.check_action(action, ()) is False, action
        text = screen_text(app)
        assert "a Plan" not in text and "y Programme" not in text
        assert "w Week" in text  # reading the advisers' visits still works


# ------------------------------------------------------------------------------- Sync


async def test_coming_back_to_sync_leaves_the_cursor_out_of_the_path_boxes(
    pair: Pair, lead_app: SiaConsole
) -> None:
    async with lead_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await go(pilot, "y")
        sync = lead_app.screen
        assert isinstance(sync, SyncScreen)
        folder = sync.query_one("#sync-folder", SafeInput)
        typed = folder.value
        await go(pilot, "escape", "y")
        assert lead_app.screen is sync
        assert not isinstance(sync.focused, SafeInput)
        await go(pilot, "r")
        assert folder.value == typed


# ----------------------------------------------------------------- the adviser's screens


async def test_the_dashboard_counts_a_conflict_imported_on_sync(pair: Pair) -> None:
    lead_sends_back(pair, pair.folder / "inbox")
    app = make_app(pair.sia, today=lambda: TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert not dashboard.query_one(ConflictNote).display
        await go(pilot, "y")
        await type_into(pilot, "#sync-import-path", str(pair.folder / "inbox"))
        await go(pilot, "escape")
        assert app.screen is dashboard
        assert dashboard.query_one(ConflictNote).display
        assert "y Sync" in screen_text(app)


async def test_a_school_page_shows_the_note_started_from_it(pair: Pair) -> None:
    app = make_app(pair.sia, today=lambda: TODAY)
    with pair.sia.session() as s:
        school = s.exec(select(School).order_by(School.code)).first()
        assert school is not None
        code = school.code
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_school(code)
        await settle(pilot)
        page = app.screen
        assert isinstance(page, SchoolDetailScreen)
        notes = rows(app, "notes")
        visits = page.query_one("#visits", Section).table.records
        planned = next(v for v in visits if v.note_status is None)
        app.open_note(planned.visit_id)  # a new draft
        await settle(pilot)
        await go(pilot, "escape")
        assert app.screen is page
        assert rows(app, "notes") == notes + 1
