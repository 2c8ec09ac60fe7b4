"""The screens in Welsh, switched in the running app, as SVG snapshots.

Welsh runs longer than English: the pictures show that nothing that names a row is cut.
Update with ``pytest tests/tui/test_welsh_snapshots.py --snapshot-update`` and look at
the SVGs before accepting.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from sia_console.domain.enums import NoteStatus
from sia_console.services.programme.visits import list_visits
from sia_console.storage.database import Database, open_database
from sia_console.tui.app import SiaConsole
from sia_console.tui.launch import make_app
from tests.authority_support import TODAY as LEAD_TODAY
from tests.authority_support import core_lead_database

from .conftest import TODAY

SnapCompare = Callable[..., bool]


def in_welsh(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Let the first read finish, switch to Welsh, press ``keys``, let every read finish."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.action_switch_language()  # type: ignore[attr-defined]
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        pilot.app.clear_notifications()  # the switch's own notice, over the lists
        await pilot.pause()

    return run_before


def test_dashboard_in_welsh_at_80_by_24(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=in_welsh())


def test_dashboard_in_welsh_at_120_by_36(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(120, 36), run_before=in_welsh())


def test_calendar_in_welsh_at_120_by_36(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(120, 36), run_before=in_welsh("c"))


def test_calendar_in_welsh_at_80_by_24(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=in_welsh("c"))


def _editor(database: Database) -> SiaConsole:
    with database.session() as session:
        visit = next(r.id for r in list_visits(session) if r.note_status is NoteStatus.DRAFT)
    return make_app(database, today=lambda: TODAY, edit_visit=visit)


def test_note_editor_in_welsh_at_80_by_24(
    snap_compare: SnapCompare, filled_database: Database
) -> None:
    app = _editor(filled_database)
    assert snap_compare(app, terminal_size=(80, 24), run_before=in_welsh())


def test_note_editor_in_welsh_at_120_by_36(
    snap_compare: SnapCompare, filled_database: Database
) -> None:
    app = _editor(filled_database)
    assert snap_compare(app, terminal_size=(120, 36), run_before=in_welsh())


@pytest.fixture
def lead_app(tmp_path: Path) -> Iterator[SiaConsole]:
    """The core lead's home over three SIAs' bundles."""
    database = open_database(core_lead_database(tmp_path / "lead.sqlite"))
    yield make_app(database, today=lambda: LEAD_TODAY)
    database.dispose()


def test_authority_in_welsh_at_80_by_24(snap_compare: SnapCompare, lead_app: SiaConsole) -> None:
    assert snap_compare(lead_app, terminal_size=(80, 24), run_before=in_welsh())


def test_authority_in_welsh_at_120_by_36(snap_compare: SnapCompare, lead_app: SiaConsole) -> None:
    assert snap_compare(lead_app, terminal_size=(120, 36), run_before=in_welsh())
