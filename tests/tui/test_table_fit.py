"""Tables keep their columns whole when a dialog comes and goes over them."""

from __future__ import annotations

from collections.abc import Callable

from sia_console.services.editing_state import mark_editing
from sia_console.services.note_editing import open_or_create_note
from sia_console.storage.database import Database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.note_dialogs import ConfirmDialog
from sia_console.tui.widgets.tables import WeekVisitTable

from .screen_text import screen_text
from .test_note_editor import settle, visit_ids


async def test_columns_are_whole_after_the_offer_to_reopen_a_draft(
    filled_database: Database, app_for: Callable[[Database], SiaConsole]
) -> None:
    visit = visit_ids(filled_database, draft=True)[0]
    with filled_database.session() as session:
        mark_editing(session, open_or_create_note(session, visit).id, "discussion")
    app = app_for(filled_database)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # "Not now"
        await settle(pilot)
        await pilot.pause(0.2)
        table = app.screen.query_one(WeekVisitTable)
        widths = [column.content_width for column in table.ordered_columns]
        assert widths[0] >= len("Tue 24 Nov 09:00"), widths
        assert "planned" in screen_text(app)
