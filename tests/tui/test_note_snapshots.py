"""What the note editor and the search look like, as SVG snapshots.

Update with ``pytest tests/tui/test_note_snapshots.py --snapshot-update`` and look at
the SVGs before accepting. Nothing is typed before a picture (a save would put the time
of day on the status line); hostile text is written through the services first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, tzinfo
from typing import Any

import pytest
from textual.pilot import Pilot

from sia_console.domain.enums import NoteStatus
from sia_console.domain.models import School, Visit
from sia_console.services.notes.editing import open_or_create_note, save_section
from sia_console.services.programme.visits import list_visits
from sia_console.storage.database import Database
from sia_console.tui.launch import make_app
from sia_console.tui.notes import drafts

from .conftest import TODAY

SnapCompare = Callable[..., bool]
HOSTILE = (
    "Met: [bold]Mrs Jones[/bold] [@click=app.quit]click me[/] [00] [/\n"
    "Pasted from a terminal: \x1b[31mred\x1b[0m, a bell \x07, a NUL \x00, a form feed \x0c.\n"
    "Ysgol Gynradd Llanfair Pwllgwyngyll — Dŵr, tŷ, â."
)


def first_draft(database: Database) -> str:
    with database.session() as session:
        return next(r.id for r in list_visits(session) if r.note_status is NoteStatus.DRAFT)


def settled(*pages: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for page in pages:
            pilot.app.screen.show_page(page, focus=True)  # type: ignore[attr-defined]
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


def test_editor_with_demo_data(snap_compare: SnapCompare, filled_database: Database) -> None:
    app = make_app(filled_database, today=lambda: TODAY, edit_visit=first_draft(filled_database))
    assert snap_compare(app, terminal_size=(110, 30), run_before=settled())


class FixedClock(datetime):
    """Saves made while moving to the page are "at" a fixed time (it shows)."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> FixedClock:
        return cls(2026, 11, 23, 10, 30, 0)


def test_editor_risk_page(
    snap_compare: SnapCompare, filled_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafts, "datetime", FixedClock)
    app = make_app(filled_database, today=lambda: TODAY, edit_visit=first_draft(filled_database))
    assert snap_compare(app, terminal_size=(110, 30), run_before=settled("@risk"))


def test_editor_with_hostile_text(snap_compare: SnapCompare, filled_database: Database) -> None:
    visit = first_draft(filled_database)
    with filled_database.session() as session:
        note = open_or_create_note(session, visit)
        save_section(session, note.id, "who_was_met", HOSTILE)
    app = make_app(filled_database, today=lambda: TODAY, edit_visit=visit)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled())


def test_editor_at_80_by_24_keeps_the_date_beside_a_long_name(
    snap_compare: SnapCompare, filled_database: Database
) -> None:
    visit = first_draft(filled_database)
    with filled_database.session() as session:
        school = session.get(School, session.get_one(Visit, visit).school_id)
        assert school is not None
        school.name = "Ysgol Gynradd Gymraeg Llanfairpwllgwyngyll a Phorthaethwy"
        session.add(school)
    app = make_app(filled_database, today=lambda: TODAY, edit_visit=visit)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled())
