"""Every screen shows the database as it is when it is shown again, after any change made
in the app: an import on Sync, a reassignment, a conflict resolved, a note edited.

The core lead's screens are tried over an adviser's year and a core lead (the Sync
screen's pair of databases) and over the three advisers' authority; the adviser's
dashboard over the same pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from textual.pilot import Pilot

from sia_console.domain.models import School
from sia_console.services.sync import export as sync_export
from sia_console.storage.database import Database, open_database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.assign_dialogs import AssignChoice
from sia_console.tui.launch import make_app
from sia_console.tui.screens.assignment import AssignmentScreen
from sia_console.tui.screens.authority import AuthorityScreen
from sia_console.tui.screens.dashboard import DashboardScreen
from sia_console.tui.screens.school_detail import SchoolDetailScreen
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
    lead_sends_back,
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
