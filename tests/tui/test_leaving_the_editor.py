"""Every way out of the app saves the notes open in it, wherever they are.

Quitting finds the editors through the app's screen stacks: the one on top, and any
left open in another place (each place keeps its own stack).
"""

from __future__ import annotations

import signal

import pytest
from textual import events

from sia_console.domain.models import EditingState
from sia_console.storage.database import Database
from sia_console.tui import ways_out
from sia_console.tui.launch import make_app
from sia_console.tui.notes.editor import NoteEditorScreen

from .conftest import TODAY
from .test_note_editor import AppWith, editor, settle, texts, visit_ids


@pytest.fixture
def editing(filled_database: Database) -> AppWith:
    """The app opened straight at a visit's note (as ``sia-console edit`` does)."""
    return lambda visit: make_app(filled_database, today=lambda: TODAY, edit_visit=visit)


@pytest.fixture(autouse=True)
def no_autosave_before_leaving(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only leaving may save here: typing never pauses long enough."""
    monkeypatch.setattr(NoteEditorScreen, "pause", 60.0)
    monkeypatch.setattr(NoteEditorScreen, "max_wait", 60.0)


async def test_quitting_closes_an_editor_left_in_another_place(
    filled_database: Database, editing: AppWith
) -> None:
    visit = visit_ids(filled_database, draft=False)[1]
    app = editing(visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        note = editor(app)
        await pilot.press(*"Typed before going to the schools")
        app.action_show_schools()  # as the command palette goes there from the editor
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditorScreen)
        assert app.open_editors() == [note]
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert texts(filled_database, visit)["who_was_met"] == "Typed before going to the schools"
    with filled_database.session() as session:
        assert session.get(EditingState, 1) is None


@pytest.mark.parametrize("typed", [" abc", " Dŵr, tŷ: a sentence typed at speed"])
async def test_text_typed_just_before_a_fast_quit_is_saved(
    filled_database: Database, editing: AppWith, typed: str
) -> None:
    """Keys and Ctrl+Q arriving together, as from a fast typist or a pasting terminal: the
    quit key (a priority binding) runs before the text area has taken the keys before it,
    so the quit's own save cannot hold them; the last save as the editor closes must."""
    visit = visit_ids(filled_database, draft=False)[1]
    app = editing(visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in [*typed, "ctrl+q"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
    assert texts(filled_database, visit)["who_was_met"] == typed
    with filled_database.session() as session:
        assert session.get(EditingState, 1) is None


async def test_a_signal_saves_at_once_and_leaves(
    filled_database: Database, editing: AppWith, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM or the terminal closing: what was typed is written before anything else."""
    ended: list[int] = []
    monkeypatch.setattr(ways_out, "end_soon", ended.append)  # (the real one ends the process)
    visit = visit_ids(filled_database, draft=False)[1]
    app = editing(visit)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"Typed as the window closed")
        app.leave_on_signal(signal.SIGTERM)
        assert texts(filled_database, visit)["who_was_met"] == "Typed as the window closed"
        await pilot.pause(app.LATE_KEYS * 3)
        assert not app.is_running
    assert ended == [signal.SIGTERM]
    with filled_database.session() as session:
        assert session.get(EditingState, 1) is None


async def test_suspending_saves_first(
    filled_database: Database, editing: AppWith, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stopped process saves nothing: Ctrl+Z saves, waits, and only then suspends."""
    visit = visit_ids(filled_database, draft=False)[0]
    app = editing(visit)
    at_suspend: list[str] = []
    monkeypatch.setattr(type(app), "can_suspend", lambda self: True)
    monkeypatch.setattr(
        type(app),
        "action_suspend_process",
        lambda self: at_suspend.append(texts(filled_database, visit)["who_was_met"]),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"Before the suspend")
        app.set_focus(None)  # (in a text area, Ctrl+Z is undo)
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert at_suspend == ["Before the suspend"]
