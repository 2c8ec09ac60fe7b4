"""The core lead sets schools' categories, link advisers and the floor target, then sends them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import Select, Static

from sia_console.domain.models import School
from sia_console.services.schools.assignment import AssignmentRow
from sia_console.services.settings import load_settings
from sia_console.services.sync import export as sync_export
from sia_console.storage.database import Database, open_database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.assign_dialogs import AssignDialog, FloorTargetDialog
from sia_console.tui.dialogs.error import ErrorDialog
from sia_console.tui.launch import make_app
from sia_console.tui.screens.assignment import AssignmentScreen
from sia_console.tui.widgets.assignment_table import AssignmentTable
from tests.authority_support import TODAY, core_lead_database

from .screen_text import screen_text

SnapCompare = Any


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Database]:
    database = open_database(core_lead_database(tmp_path / "lead.sqlite"))
    yield database
    database.dispose()


@pytest.fixture
def lead_app(lead: Database) -> SiaConsole:
    return make_app(lead, today=lambda: TODAY)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_assignment(pilot: Pilot[Any]) -> AssignmentTable:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AssignmentScreen)
    return pilot.app.screen.query_one(AssignmentTable)


def _stored(db: Database, code: str) -> School:
    with db.session() as s:
        school = s.exec(select(School).where(School.code == code)).one()
        s.expunge(school)
        return school


def _highlighted(table: AssignmentTable) -> AssignmentRow:
    record = table.highlighted()
    assert record is not None
    return record


async def test_a_from_the_authority_screen_lists_every_school(
    lead_app: SiaConsole, lead: Database
) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        table = await open_assignment(pilot)
        with lead.session() as s:
            schools = len(s.exec(select(School).where(School.deleted == False)).all())  # noqa: E712
        assert table.row_count == schools > 20
        text = screen_text(lead_app)
        assert f"{schools} schools · floor target 65%" in text
        assert "records for the next bundle: send it from Sync (y)" in text  # never sent yet
        assert "Link adviser" in text and "Set by" in text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(lead_app.screen, AssignmentScreen)


async def test_the_core_lead_changes_a_category_and_adviser(
    lead_app: SiaConsole, lead: Database
) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        table = await open_assignment(pilot)
        school = _highlighted(table)
        await pilot.press("enter")
        await settle(pilot)
        dialog = lead_app.screen
        assert isinstance(dialog, AssignDialog)
        category = dialog.query_one("#assign-category", Select)
        adviser = dialog.query_one("#assign-adviser", Select)
        others = [a for a in dialog.advisers if a.id != school.adviser_id]
        new_category = "red" if school.category != "red" else "amber"
        category.value = new_category
        adviser.value = others[0].id
        await pilot.click("#confirm")
        await settle(pilot)
        assert isinstance(lead_app.screen, AssignmentScreen)

        stored = _stored(lead, school.code)
        assert (stored.category, stored.adviser_id, stored.assigned_by_lead) == (
            new_category,
            others[0].id,
            True,
        )
        row = next(r for r in table.records if r.code == school.code)
        assert row.by_lead and row.adviser == others[0].name
        [told] = [n for n in lead_app._notifications if n.message.startswith("Saved")]
        assert told.message.startswith(f"Saved: {school.name} — ") and told.markup is False
    with lead.session() as s:
        sent = sync_export.pending_changes(s)
    assert school.code in {getattr(r, "code", None) for r in sent["school"]}
    assert any(getattr(r, "category", None) == new_category for r in sent["category_change"])


async def test_cancel_and_escape_change_nothing(lead_app: SiaConsole, lead: Database) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        table = await open_assignment(pilot)
        school = _highlighted(table)
        before = _stored(lead, school.code)
        await pilot.press("enter")
        await settle(pilot)
        lead_app.screen.query_one("#assign-category", Select).value = "red"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(lead_app.screen, AssignmentScreen)
        assert _stored(lead, school.code).hlc == before.hlc


async def test_the_floor_target_is_set_and_checked(lead_app: SiaConsole, lead: Database) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await open_assignment(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(lead_app.screen, FloorTargetDialog)
        said = str(lead_app.screen.query_one(".dialog-body", Static).render())
        assert said.endswith("Your advisers receive it in your next bundle.")
        await pilot.press("ctrl+a", "ctrl+k", *"120", "enter")
        await settle(pilot)
        assert isinstance(lead_app.screen, FloorTargetDialog)
        assert "120 is not a percentage from 0 to 100." in screen_text(lead_app)
        await pilot.press("ctrl+a", "ctrl+k", *"85", "enter")
        await settle(pilot)
        assert isinstance(lead_app.screen, AssignmentScreen)
        assert "floor target 85%" in screen_text(lead_app)
    with lead.session() as s:
        assert load_settings(s).floor_target == 85


async def test_the_filter_narrows_the_list(lead_app: SiaConsole) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        table = await open_assignment(pilot)
        before = table.row_count
        await pilot.press("slash", *"ysgol")
        await settle(pilot)
        assert 0 < table.row_count < before
        await pilot.press(*" nowhere")
        await settle(pilot)
        assert table.row_count == 0
        assert "Nothing here matches “ysgol nowhere”." in screen_text(lead_app)


async def test_an_adviser_sees_the_core_leads_choice_but_cannot_change_it(
    lead: Database, tmp_path: Path
) -> None:
    """An adviser's database where the core lead set a school's category."""
    with lead.session() as s:
        school = s.exec(select(School).order_by(School.code)).first()
        assert school is not None
        code = school.code
    sia_db = open_database(tmp_path / "copy.sqlite")
    try:
        with sia_db.session() as s:
            s.add(
                School(
                    code=code,
                    name="Ysgol [bold]Gynradd[/bold]",
                    local_authority="Gwynedd",
                    category="red",
                )
            )
        with sia_db.engine.begin() as connection:  # as a bundle from the core lead leaves it
            connection.exec_driver_sql("UPDATE school SET assigned_by_lead = 1")
        app = make_app(sia_db, today=lambda: TODAY)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.action_show_assignment()
            await settle(pilot)
            table = app.screen.query_one(AssignmentTable)
            assert table.row_count == 1
            assert "Ysgol [bold]Gynradd[/bold]" in screen_text(app)
            table.focus()
            await pilot.press("enter")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, AssignDialog)
            assert dialog.query_one("#assign-category", Select).disabled
            assert not dialog.query("#confirm")
            assert "Your core lead set these." in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            assert not isinstance(app.screen, ErrorDialog)
            await pilot.press("t")  # an adviser's floor target stays on their computer
            await settle(pilot)
            assert isinstance(app.screen, FloorTargetDialog)
            said = str(app.screen.query_one(".dialog-body", Static).render())
            assert said.endswith(
                "It applies on this computer; one your core lead sends replaces it."
            )
    finally:
        sia_db.dispose()


def test_assignment_screen_snapshot(snap_compare: SnapCompare, lead_app: SiaConsole) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await open_assignment(pilot)

    assert snap_compare(lead_app, terminal_size=(120, 30), run_before=run_before)


def test_assign_dialog_snapshot(snap_compare: SnapCompare, lead_app: SiaConsole) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await open_assignment(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(lead_app, terminal_size=(100, 30), run_before=run_before)
