"""What the screens look like on Monday 23 November 2026, as SVG snapshots.

Update with ``pytest tests/tui --snapshot-update`` and look at the SVGs before accepting.
Every interaction happens in ``run_before`` so that the data read by workers has arrived
before the picture is taken.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from sia_console.storage.database import Database, open_database
from sia_console.tui.app import SiaConsole

SnapCompare = Callable[..., bool]


def after(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Let the first read finish, press ``keys``, and let their reads finish too."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


def test_dashboard_at_80_by_24(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=after())


def test_dashboard_at_120_by_36(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(120, 36), run_before=after())


def test_dashboard_side_by_side_in_light_theme(snap_compare: SnapCompare, app: SiaConsole) -> None:
    async def light(pilot: Pilot[Any]) -> None:
        pilot.app.action_toggle_theme()  # type: ignore[attr-defined]
        await after()(pilot)

    assert snap_compare(app, terminal_size=(170, 30), run_before=light)


def test_schools_filtered(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("s", *"ysgol"))


def test_school_page(snap_compare: SnapCompare, app: SiaConsole) -> None:
    run_before = after("s", "slash", *"nant y fal", "enter", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_dashboard_of_a_new_database(
    snap_compare: SnapCompare, app_for: Callable[[Database], SiaConsole]
) -> None:
    database = open_database(None)  # in memory: no file path to vary from run to run
    try:
        assert snap_compare(app_for(database), terminal_size=(80, 24), run_before=after())
    finally:
        database.dispose()
