"""The dashboard's first data comes through ``sqlite3``, before the ORM is loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from textual.widgets import DataTable, Static

from sia_console.storage.database import Database, open_database
from sia_console.storage.quick import QuickDatabase, open_ready
from sia_console.tui.launch import make_app, open_quickly
from sia_console.tui.widgets.section import Section
from tests.authority_support import TODAY as LEAD_TODAY
from tests.authority_support import core_lead_database
from tests.tui.conftest import TODAY

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
