"""Exports from the terminal UI go to the export folder setting and never over a file:
the board report (``w`` on the core lead's home screen) and Sync's bundles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from sia_console.services.settings import save_setting
from sia_console.storage.database import Database, open_database
from sia_console.tui.launch import make_app
from sia_console.tui.screens.sync import SyncScreen
from sia_console.tui.widgets.safe_input import SafeInput
from tests.authority_support import TODAY, core_lead_database

from . import test_sync_screen
from .test_sync_screen import Pair, settle, type_into

built = test_sync_screen.built
pair = test_sync_screen.pair


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Database]:
    database = open_database(core_lead_database(tmp_path / "lead.sqlite"))
    yield database
    database.dispose()


def set_export_folder(database: Database, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with database.session() as session:
        save_setting(session, "export_folder", str(folder))


async def test_w_writes_into_the_export_folder_and_never_over_the_last_report(
    lead: Database, tmp_path: Path
) -> None:
    board = tmp_path / "Bwrdd [safonau]"
    set_export_folder(lead, board)
    app = make_app(lead, today=lambda: TODAY)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
    day = TODAY.isoformat()
    first, second = (
        board / f"authority-summary-{day}.docx",
        board / f"authority-summary-{day} (2).docx",
    )
    assert set(board.iterdir()) == {first, second}
    assert docx.Document(str(second)).paragraphs[0].text.endswith("23 November 2026")
    messages = [n.message for n in app._notifications]
    assert f"Wrote the authority summary to {first}." in messages
    assert f"Wrote the authority summary to {second}." in messages


async def test_sync_offers_the_export_folder_and_keeps_each_bundle(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = pair.folder / "USB ŵyr"
    set_export_folder(pair.sia, usb)
    from sia_console.services.sync import export as sync_export

    monkeypatch.setattr(sync_export, "default_bundle_name", lambda *_a: "today.siabundle")
    app = make_app(pair.sia, today=lambda: TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        box = app.screen.query_one("#sync-folder", SafeInput)
        assert box.value == str(usb)
        await type_into(pilot, "#sync-folder", str(usb))
        await type_into(pilot, "#sync-folder", str(usb))
    assert sorted(p.name for p in usb.iterdir()) == ["today (2).siabundle", "today.siabundle"]
