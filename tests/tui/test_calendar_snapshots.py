"""The calendar on Monday 23 November 2026 of the demo year, as SVG snapshots.

Update with ``pytest tests/tui/test_calendar_snapshots.py --snapshot-update`` and look at
the SVGs before accepting them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from textual.pilot import Pilot

from sia_console.services.programme.calendar import school_choices
from sia_console.services.programme.changes import add_visit
from sia_console.storage.database import Database
from sia_console.tui.app import SiaConsole

SnapCompare = Callable[..., bool]


def after(*keys: str, wait: float = 0.0) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Let each read finish after each key (and a dialog's delayed check, with ``wait``)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        if wait:
            await pilot.pause(wait)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


def test_month_view_at_80_by_24(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("c", "right"))


def test_week_view_at_120_by_36(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(120, 36), run_before=after("c", "w", "tab"))


def test_a_weekend_warning_before_saving(snap_compare: SnapCompare, app: SiaConsole) -> None:
    keys = ("c", "right", "right", "right", "right", "right", "a", *"dwr", "down", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=after(*keys, wait=0.5))


def test_next_years_programme_preview(snap_compare: SnapCompare, app: SiaConsole) -> None:
    keys = ("c", "y", "backspace", *"2027", "enter")
    assert snap_compare(app, terminal_size=(100, 30), run_before=after(*keys))


def test_the_programme_at_80_by_24_shows_each_rows_school(
    snap_compare: SnapCompare, app: SiaConsole
) -> None:
    keys = ("c", "y", "backspace", *"2027", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=after(*keys))


def test_a_bank_holiday_keeps_its_mark_beside_a_visit_at_80_by_24(
    snap_compare: SnapCompare, filled_database: Database, app: SiaConsole
) -> None:
    with filled_database.session() as session:
        choice = school_choices(session)[0]
        add_visit(
            session,
            school_code=choice.code,
            start=datetime(2026, 12, 28, 9, 30),  # Boxing Day, observed on the Monday
            purpose="Governors' training",
            confirmed=True,
        )
    keys = ("c", "pagedown", *["right"] * 5)  # 23 December, then the 28th
    assert snap_compare(app, terminal_size=(80, 24), run_before=after(*keys))
