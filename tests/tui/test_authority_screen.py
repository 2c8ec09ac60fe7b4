"""The core lead's home screen over three SIAs' imported bundles, on Monday 23 November 2026."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from textual.pilot import Pilot

from sia_console.storage.database import Database, open_database
from sia_console.tui.app import SiaConsole
from sia_console.tui.launch import make_app
from sia_console.tui.notes.editor import NoteEditorScreen
from sia_console.tui.screens import authority as authority_screen
from sia_console.tui.screens.authority import AuthorityScreen
from sia_console.tui.screens.authority_drill import SchoolJudgementsScreen, SiaSchoolsScreen
from sia_console.tui.widgets.section import Section
from tests.authority_support import TODAY, change_categories, core_lead_database

from .screen_text import screen_text


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


def rows(app: SiaConsole, section: str) -> int:
    return app.screen.query_one(f"#{section}", Section).table.row_count


async def test_a_core_lead_starts_on_the_authority_screen(lead_app: SiaConsole) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert isinstance(lead_app.screen, AuthorityScreen)
        assert rows(lead_app, "coverage") == 3
        assert rows(lead_app, "risk") > 10
        assert rows(lead_app, "actions") > 0
        text = screen_text(lead_app)
        assert "Monday 23 November 2026 · GwE · 3 SIAs" in text
        assert "0 conflicts to resolve" in text


async def test_the_filter_narrows_every_panel(lead_app: SiaConsole) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        before = rows(lead_app, "risk")
        await pilot.press("slash", *"ysgol")
        await settle(pilot)
        assert 0 < rows(lead_app, "risk") < before
        assert rows(lead_app, "coverage") == 0
        text = screen_text(lead_app)
        assert "Nothing here matches “ysgol”." in text
        assert "No SIA has sent a bundle yet." not in text  # they have: the filter hides them


async def bring_into_view(pilot: Pilot[Any], selector: str) -> None:
    """Scroll the home screen until the panel ``selector`` is on screen."""
    pilot.app.screen.query_one(selector).scroll_visible(animate=False)
    await pilot.pause()
    await pilot.pause()


async def test_the_schools_whose_category_changed_this_year(lead: Database, tmp_path: Path) -> None:
    with lead.session() as session:
        this_year, last_year = change_categories(session, tmp_path)
    app = make_app(lead, today=lambda: TODAY)
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        section = app.screen.query_one("#category-changes", Section)
        [change] = section.table.records
        assert change.school_code == this_year.code  # last year's change is not shown
        assert change.category == "Red"
        await bring_into_view(pilot, "#category-changes")  # (the panels above fill the screen)
        text = screen_text(app)
        assert "Changes of category this year (1)" in text
        assert "→ Red" in text and "Mon 5 Oct 2026" in text
        assert last_year.name not in [r.school_name for r in section.table.records]

        await pilot.press("slash", *"nowhere at all")
        await settle(pilot)
        assert section.table.row_count == 0
        await bring_into_view(pilot, "#category-changes")
        assert "Nothing here matches “nowhere at all”." in screen_text(app)


async def test_no_change_of_category_says_so(lead_app: SiaConsole) -> None:
    async with lead_app.run_test(size=(160, 60)) as pilot:
        await settle(pilot)
        assert rows(lead_app, "category-changes") == 0
        await bring_into_view(pilot, "#category-changes")
        assert "No school has changed category this academic year." in screen_text(lead_app)


async def test_sorting_by_a_column_and_back(lead_app: SiaConsole) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        table = lead_app.screen.query_one("#risk", Section).table
        table.focus()
        await pilot.press("o")  # by school name
        names = [r.school_name.casefold() for r in table.records]
        assert names == sorted(names)


async def test_drill_down_from_an_sia_to_a_school_and_back(lead_app: SiaConsole) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        lead_app.screen.query_one("#coverage", Section).table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(lead_app.screen, SiaSchoolsScreen)
        assert rows(lead_app, "schools") == 15
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(lead_app.screen, SchoolJudgementsScreen)
        assert "Risk judgements" in screen_text(lead_app)
        await pilot.press("n")  # read-only: no note opens
        await settle(pilot)
        assert isinstance(lead_app.screen, SchoolJudgementsScreen)
        text = screen_text(lead_app)
        assert "Risk trend" in text and "Latest: " in text
        notes = lead_app.screen.query_one("#notes", Section)
        assert notes.table.row_count > 0
        notes.table.focus()
        await pilot.press("enter")  # the note behind a judgement, read only
        await settle(pilot)
        assert isinstance(lead_app.screen, NoteEditorScreen)
        assert "Read only: " in screen_text(lead_app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(lead_app.screen, SchoolJudgementsScreen)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(lead_app.screen, AuthorityScreen)


async def test_w_writes_the_word_report_and_says_where(
    lead_app: SiaConsole, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "[bold]Allforion"
    monkeypatch.setattr(authority_screen, "default_exports_dir", lambda: folder)
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
    path = folder / "authority-summary-2026-11-23.docx"
    assert docx.Document(str(path)).paragraphs[0].text.endswith("23 November 2026")
    messages = [n.message for n in lead_app._notifications]
    assert f"Wrote the authority summary to {path}." in messages
    assert all(n.markup is False for n in lead_app._notifications)


def test_authority_screen_snapshot(snap_compare: Any, lead_app: SiaConsole) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(lead_app, terminal_size=(160, 48), run_before=run_before)


async def test_a_school_page_offers_a_core_lead_only_what_can_work(lead_app: SiaConsole) -> None:
    """A core lead reads an adviser's visits and notes, but plans, changes and starts none."""
    from sia_console.tui.screens.school_detail import SchoolDetailScreen
    from sia_console.tui.widgets.record_tables import SchoolVisitTable

    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        [entry, *_rest] = lead_app.screen.query_one("#risk", Section).table.records
        lead_app.open_school(entry.school_code)
        await settle(pilot)
        page = lead_app.screen
        assert isinstance(page, SchoolDetailScreen)
        for action in ("plan_visit", "edit_visit", "cancel_visit", "postpone_visit"):
            assert page.check_action(action, ()) is False, action
        assert "Plan visit" not in screen_text(lead_app)
        table = page.query_one(SchoolVisitTable)
        for row, visit in enumerate(table.records):
            table.move_cursor(row=row)
            assert table.check_action("open_note", ()) is (visit.note_status is not None)
