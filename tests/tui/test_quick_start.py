"""The dashboard's first data comes through ``sqlite3``, before the ORM is loaded."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar
from unittest.mock import patch

from textual.screen import Screen
from textual.widgets import DataTable, Static

from sia_console.services import today_sqlite
from sia_console.services.authority import quick as lead_quick
from sia_console.storage.database import Database, open_database
from sia_console.storage.quick import QuickDatabase, open_ready
from sia_console.tui.launch import make_app, open_quickly
from sia_console.tui.widgets.section import Section
from tests.authority_support import TODAY as LEAD_TODAY
from tests.authority_support import core_lead_database
from tests.tui.conftest import TODAY

T = TypeVar("T")

ORM = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "cryptography", "docx", "keyring")


async def _dashboard_text(database: Database | QuickDatabase) -> list[tuple[str, list[str]]]:
    app = make_app(database, today=lambda: TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        return [
            (
                str(section.border_title),
                [
                    " | ".join(str(cell) for cell in table.get_row_at(row))
                    for table in section.query(DataTable)
                    for row in range(table.row_count)
                ],
            )
            for section in app.screen.query(Section)
        ]


async def test_the_quick_start_shows_the_same_dashboard(filled_database: Database) -> None:
    path = filled_database.path
    assert path is not None
    expected = await _dashboard_text(filled_database)
    connection = open_ready(path)
    assert connection is not None
    quick = QuickDatabase(path, connection)
    try:
        shown = await _dashboard_text(quick)
        assert quick.opened  # the full database was opened once the day was shown
    finally:
        quick.dispose()
    assert shown == expected
    assert any(rows for _title, rows in shown)


def test_a_database_that_needs_work_is_opened_in_full(tmp_path: Path) -> None:
    new = open_quickly(tmp_path / "new.sqlite")  # created, migrated, as before
    try:
        assert isinstance(new, Database)
    finally:
        new.dispose()


def test_the_first_paint_loads_no_orm(filled_database: Database) -> None:
    """Until the dashboard shows its data, nothing has imported SQLAlchemy, SQLModel,
    pydantic, Alembic, cryptography, python-docx or keyring; the full database is opened
    (and the ORM loaded) only after that."""
    path = filled_database.path
    filled_database.dispose()
    script = (
        "import asyncio, json, sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from sia_console.storage import quick\n"
        "seen = {}\n"
        "original = quick.QuickDatabase.database\n"
        "def database(self):\n"
        "    seen.setdefault('modules', sorted(sys.modules))\n"
        "    return original(self)\n"
        "quick.QuickDatabase.database = database\n"
        "from sia_console.tui.launch import make_app, open_quickly\n"
        f"app = make_app(open_quickly(Path({str(path)!r})), today=lambda: date(2026, 11, 23))\n"
        "async def main():\n"
        "    async with app.run_test(size=(120, 36)) as pilot:\n"
        "        for _ in range(3000):\n"
        "            if 'modules' in seen:\n"
        "                break\n"
        "            await asyncio.sleep(0.01)\n"
        "        await pilot.app.workers.wait_for_complete()\n"
        "        return str(app.screen.query_one('#overdue').border_title)\n"
        "title = asyncio.run(main())\n"
        "print(json.dumps({'title': title, 'modules': seen.get('modules')}))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    assert result["title"].startswith("Notes overdue (")
    assert result["modules"] is not None  # the full database was asked for, after the paint
    loaded = {name.split(".")[0] for name in result["modules"]}
    assert loaded.isdisjoint(ORM), sorted(loaded & set(ORM))


async def _home_text(database: Database | QuickDatabase) -> list[tuple[str, list[str]]]:
    app = make_app(database, today=lambda: LEAD_TODAY)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        headline = str(app.screen.query_one("#summary", Static).render())
        return [("headline", [headline])] + [
            (
                str(section.border_title),
                [
                    " | ".join(str(cell) for cell in table.get_row_at(row))
                    for table in section.query(DataTable)
                    for row in range(table.row_count)
                ],
            )
            for section in app.screen.query(Section)
        ]


async def test_the_core_leads_quick_start_shows_the_same_home(tmp_path: Path) -> None:
    path = core_lead_database(tmp_path / "lead.sqlite")
    full = open_database(path)
    try:
        expected = await _home_text(full)
    finally:
        full.dispose()
    connection = open_ready(path)
    assert connection is not None
    quick = QuickDatabase(path, connection)
    try:
        shown = await _home_text(quick)
        assert quick.opened  # the full database was opened once the authority was shown
    finally:
        quick.dispose()
    assert shown == expected
    assert sum(len(rows) for _title, rows in shown) > 45


def test_the_core_leads_first_paint_loads_no_orm(tmp_path: Path) -> None:
    """Until the core lead's home shows its data, nothing has imported SQLAlchemy,
    SQLModel, pydantic, Alembic, cryptography, python-docx or keyring."""
    path = core_lead_database(tmp_path / "lead.sqlite")
    script = (
        "import asyncio, json, sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from sia_console.storage import quick\n"
        "seen = {}\n"
        "original = quick.QuickDatabase.database\n"
        "def database(self):\n"
        "    seen.setdefault('modules', sorted(sys.modules))\n"
        "    return original(self)\n"
        "quick.QuickDatabase.database = database\n"
        "from sia_console.tui.launch import make_app, open_quickly\n"
        f"app = make_app(open_quickly(Path({str(path)!r})), today=lambda: date(2026, 11, 23))\n"
        "async def main():\n"
        "    async with app.run_test(size=(160, 48)) as pilot:\n"
        "        for _ in range(3000):\n"
        "            if 'modules' in seen:\n"
        "                break\n"
        "            await asyncio.sleep(0.01)\n"
        "        await pilot.app.workers.wait_for_complete()\n"
        "        return str(app.screen.query_one('#risk').border_title)\n"
        "title = asyncio.run(main())\n"
        "print(json.dumps({'title': title, 'modules': seen.get('modules')}))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    assert result["title"].startswith("Risk register (")
    assert result["modules"] is not None  # the full database was asked for, after the paint
    loaded = {name.split(".")[0] for name in result["modules"]}
    assert loaded.isdisjoint(ORM), sorted(loaded & set(ORM))


def _slowly(read: Callable[..., T]) -> Callable[..., T]:
    """``read``, taking more than half a second more (a slow disk, a large database)."""

    def slow(*args: object) -> T:
        time.sleep(0.6)
        return read(*args)

    return slow


async def _first_frame(
    database: QuickDatabase, today: date, size: tuple[int, int], panel: str
) -> tuple[str, int, int]:
    """The panel's title, its rows and how many frames had been drawn, as the first frame
    the terminal would be sent is drawn (Textual draws none while start-up holds it),
    the first read taking more than half a second."""
    seen: list[tuple[str, int, int]] = []
    frames = 0
    draw = Screen._compositor_refresh

    def drawing(screen: Screen[object]) -> None:
        nonlocal frames
        if not screen.app._batch_count and screen is screen.app.screen:
            frames += 1
            if not seen:
                section = screen.query_one(panel, Section)
                seen.append((str(section.border_title), section.table.row_count, frames))
        draw(screen)

    app = make_app(database, today=lambda: today)
    with (
        patch.object(Screen, "_compositor_refresh", drawing),
        patch.object(today_sqlite, "dashboard_summary", _slowly(today_sqlite.dashboard_summary)),
        patch.object(lead_quick, "authority_summary", _slowly(lead_quick.authority_summary)),
    ):
        async with app.run_test(size=size) as pilot:
            await pilot.app.workers.wait_for_complete()
    return seen[0]


async def test_the_first_frame_drawn_has_the_day(filled_database: Database) -> None:
    """The adviser's first frame is the day, not "Reading the database…" then the day."""
    path = filled_database.path
    assert path is not None
    filled_database.dispose()
    connection = open_ready(path)
    assert connection is not None
    quick = QuickDatabase(path, connection)
    try:
        title, rows, frame = await _first_frame(quick, TODAY, (120, 35), "#overdue")
    finally:
        quick.dispose()
    assert title.startswith("Notes overdue (") and rows > 0 and frame == 1


async def test_the_core_leads_first_frame_has_the_authority(tmp_path: Path) -> None:
    path = core_lead_database(tmp_path / "lead.sqlite")
    connection = open_ready(path)
    assert connection is not None
    quick = QuickDatabase(path, connection)
    try:
        title, rows, frame = await _first_frame(quick, LEAD_TODAY, (160, 48), "#risk")
    finally:
        quick.dispose()
    assert title.startswith("Risk register (") and rows > 0 and frame == 1
