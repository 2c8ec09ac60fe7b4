"""The note text area on its own: words found by a search stay when typing starts."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from sia_console.tui.widgets.note_text_area import NoteTextArea


class OneArea(App[None]):
    def compose(self) -> ComposeResult:
        yield NoteTextArea("Excellent eisteddfod in Y3 and Y4.")


async def test_typing_after_a_search_keeps_the_words_found() -> None:
    app = OneArea()
    async with app.run_test() as pilot:
        area = app.query_one(NoteTextArea)
        area.focus()
        area.show_found((0, 10), (0, 20))
        await pilot.pause()
        assert area.selected_text == "eisteddfod"
        await pilot.press(*" (Welsh)")
        assert area.text == "Excellent eisteddfod (Welsh) in Y3 and Y4."


async def test_a_paste_after_a_search_keeps_the_words_found_too() -> None:
    app = OneArea()
    async with app.run_test() as pilot:
        area = app.query_one(NoteTextArea)
        area.focus()
        area.show_found((0, 10), (0, 20))
        await pilot.pause()
        area.post_message(events.Paste(" and choir"))
        await pilot.pause()
        assert area.text == "Excellent eisteddfod and choir in Y3 and Y4."


async def test_a_selection_made_by_hand_is_replaced_as_usual() -> None:
    app = OneArea()
    async with app.run_test() as pilot:
        area = app.query_one(NoteTextArea)
        area.focus()
        area.show_found((0, 10), (0, 20))
        await pilot.press("shift+right")  # the adviser changes the selection: theirs now
        await pilot.press("shift+left", "shift+left")
        await pilot.press("X")
        assert "eisteddfod" not in area.text
