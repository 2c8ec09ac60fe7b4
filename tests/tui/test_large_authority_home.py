# ruff: noqa: F811  (the large authority's fixtures, imported, are named as each test's argument)
"""The core lead's home on the large authority (400 schools, 30 SIAs): its panels take the
room the screen has, and a school is still told apart from its neighbours at 80×24."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from sia_console.tui.app import SiaConsole
from sia_console.tui.widgets.authority_tables import RiskRegisterTable
from tests.tui.test_register_screen import (  # noqa: F401  (the fixtures)
    authority_file,
    lead,
    lead_app,
)

SnapCompare = Callable[..., bool]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_risk_register_fills_the_room_at_160_by_48(lead_app: SiaConsole) -> None:
    async with lead_app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        table = lead_app.screen.query_one(RiskRegisterTable)
        assert table.row_count > 100
        # two fifths of 48 rows side by side, less the border and the heading: far more
        # than the 11 rows the panels once had whatever the screen
        assert table.size.height >= 16


async def test_schools_are_told_apart_at_80_by_24(lead_app: SiaConsole) -> None:
    async with lead_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = lead_app.screen.query_one(RiskRegisterTable)
        shown: dict[str, str] = {}
        for row in range(min(table.row_count, 40)):
            record = table.records[row]
            cell = str(table.get_row_at(row)[0])
            assert cell.strip("… ")  # never an ellipsis alone
            assert shown.setdefault(cell, record.school_name) == record.school_name, cell


def test_home_on_the_large_authority_at_80_by_24(
    snap_compare: SnapCompare, lead_app: SiaConsole
) -> None:
    assert snap_compare(lead_app, terminal_size=(80, 24), run_before=settle)


def test_home_on_the_large_authority_at_160_by_48(
    snap_compare: SnapCompare, lead_app: SiaConsole
) -> None:
    assert snap_compare(lead_app, terminal_size=(160, 48), run_before=settle)
