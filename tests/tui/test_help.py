"""Help on every screen (``?`` and F1), and panels that Escape closes.

The help lists the keys active on the screen in front, each with what it does, under
the screen's own paragraph; the panel of keys ("Show the keys") closes with Escape and
never follows the adviser to another screen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import HelpPanel

from sia_console.storage.database import Database
from sia_console.tui.app import SiaConsole
from sia_console.tui.dialogs.help import HelpScreen
from sia_console.tui.launch import make_app
from sia_console.tui.notes.editor import NoteEditorScreen
from sia_console.tui.screens.dashboard import DashboardScreen
from sia_console.tui.screens.schools import SchoolsScreen

from .conftest import TODAY
from .screen_text import screen_text
from .test_note_editor import editor, settle, texts, visit_ids

SnapCompare = Callable[..., bool]


async def test_question_mark_opens_the_help_of_the_screen_and_escape_closes_it(
    app: SiaConsole,
) -> None:
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = screen_text(app)
        assert DashboardScreen.ABOUT[:40] in text.replace("\n", " ") or "Your day" in text
        names = {k.name for k in help_screen.keys}
        assert {"Refresh", "Schools", "Calendar", "Quit"} <= names
        assert "Dashboard" not in names  # (already there: the key would do nothing)
        assert all(k.does for k in help_screen.keys)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_f1_opens_the_help_where_question_mark_is_text(
    filled_database: Database,
) -> None:
    visit = visit_ids(filled_database, draft=False)[1]
    app = make_app(filled_database, today=lambda: TODAY, edit_visit=visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        note = editor(app)
        await pilot.press(*"Why?")
        assert app.screen is note  # "?" in a note is a question mark
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.about == NoteEditorScreen.ABOUT
        assert {"Save", "Finalise", "Next section"} <= {k.name for k in help_screen.keys}
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is note
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert texts(filled_database, visit)["who_was_met"] == "Why?"


async def test_the_keys_panel_closes_with_escape_and_stays_behind(app: SiaConsole) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.action_show_help_panel()
        await pilot.pause()
        assert app.screen.query(HelpPanel)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query(HelpPanel)
        assert isinstance(app.screen, DashboardScreen)  # Escape closed the panel only
        app.action_show_help_panel()
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SchoolsScreen)
        assert not app.screen.query(HelpPanel)
        await pilot.press("escape", "escape")
        await settle(pilot)
        app.action_show_dashboard()
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert not app.screen.query(HelpPanel)


def help_after(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_help_of_the_schools_register_at_80_by_24(
    snap_compare: SnapCompare, app: SiaConsole
) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=help_after("s", "f1"))


def test_help_of_sync_at_80_by_24(snap_compare: SnapCompare, app: SiaConsole) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=help_after("y", "f1"))
