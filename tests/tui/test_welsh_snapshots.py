"""The screens in Welsh, switched in the running app, as SVG snapshots.

Welsh runs longer than English: the pictures show that nothing that names a row is cut.
Update with ``pytest tests/tui/test_welsh_snapshots.py --snapshot-update`` and look at
the SVGs before accepting.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from sia_console.tui.app import SiaConsole

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
