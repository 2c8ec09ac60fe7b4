"""Tables keep their columns whole: when a dialog comes and goes, and when rows change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from textual.app import App, ComposeResult

from sia_console.domain.enums import ActionStatus
from sia_console.services.notes.actions import CarriedAction
from sia_console.services.notes.editing import open_or_create_note
from sia_console.services.notes.recovery import mark_editing
from sia_console.storage.database import Database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.confirm import ConfirmDialog
from sia_console.tui.notes.action_tables import CarriedActionTable
from sia_console.tui.widgets.record_tables import WeekVisitTable

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


class _Reviews(App[None]):
    def compose(self) -> ComposeResult:
        yield CarriedActionTable(id="carried")


async def test_a_new_comment_is_whole_in_the_very_next_frame() -> None:
    """A review's comment is not cut to the width of the heading "Comment" (DataTable
    measures new rows only when idle, and keeps lines drawn before that)."""
    action = CarriedAction(
        action_id="a1",
        text="Share the writing moderation",
        owner="Deputy head",
        due=date(2026, 12, 4),
        agreed_on=date(2026, 10, 14),
        status=ActionStatus.OPEN,
        review_status=None,
        comment="",
    )
    app = _Reviews()
    async with app.run_test(size=(100, 10)) as pilot:
        table = app.query_one(CarriedActionTable)
        table.show([action], date(2026, 11, 23))
        await pilot.pause()
        reviewed = replace(action, review_status=ActionStatus.DONE, comment="Seen in books")
        table.show([reviewed], date(2026, 11, 23))
        assert "Seen in books" in table.render_line(1).text  # drawn before any idle
        await pilot.pause()
        table.show([replace(reviewed, comment="Seen")], date(2026, 11, 23))
        widths = [column.content_width for column in table.ordered_columns]
        assert widths[-1] == len("Comment")  # narrower again when the comment is shorter
