"""The note editor's document: only ``\\n`` breaks a line, and it behaves as Textual's does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets.text_area import Document

from sia_console.tui.widgets.note_text_area import LiteralDocument, NoteTextArea

HOSTILE = "Dŵr\x0bTŷ\x0c\u2028\u2029\x85\x1c\x1d\x1e\rend\r\n\tlast\n"
"""Every character here but ``\\n`` splits a line for :meth:`str.splitlines`."""

plain_text = st.text(alphabet="ab ŵ\t\n", max_size=40)
"""Text on which the two documents must agree: ``\\n`` its only line break."""


def _locations(text: str) -> list[tuple[int, int]]:
    lines = text.split("\n")
    return [(row, column) for row, line in enumerate(lines) for column in range(len(line) + 1)]


def test_only_a_newline_breaks_a_line() -> None:
    document = LiteralDocument(HOSTILE)
    assert document.text == HOSTILE
    assert document.line_count == 3 and document.lines == HOSTILE.split("\n")
    document.replace_range((0, 3), (0, 3), "\x0b\r\n")
    assert document.text == HOSTILE[:3] + "\x0b\r\n" + HOSTILE[3:]


@given(plain_text, st.data())
def test_it_agrees_with_textuals_document_on_plain_text(text: str, data: st.DataObject) -> None:
    literal, textual = LiteralDocument(text), Document(text)
    assert (literal.text, literal.lines, literal.end) == (textual.text, textual.lines, textual.end)
    assert literal.line_count == textual.line_count and literal.newline == textual.newline
    assert literal.get_size(4) == textual.get_size(4)
    places = _locations(text)
    start, end = data.draw(st.sampled_from(places)), data.draw(st.sampled_from(places))
    assert literal.get_text_range(start, end) == textual.get_text_range(start, end)
    for location in places:
        index = textual.get_index_from_location(location)
        assert literal.get_index_from_location(location) == index
        assert literal.get_location_from_index(index) == textual.get_location_from_index(index)
    insert = data.draw(plain_text)
    assert literal.replace_range(start, end, insert) == textual.replace_range(start, end, insert)
    assert literal.text == textual.text


class OneArea(App[None]):
    def compose(self) -> ComposeResult:
        yield NoteTextArea(HOSTILE)


async def test_the_text_area_keeps_hostile_text_literally_however_it_is_loaded() -> None:
    app = OneArea()
    async with app.run_test(size=(40, 10)) as pilot:
        area = app.query_one(NoteTextArea)
        assert isinstance(area.document, LiteralDocument) and area.text == HOSTILE
        area.load_text("Un\x0bdau\n")
        await pilot.pause()
        assert isinstance(area.document, LiteralDocument) and area.text == "Un\x0bdau\n"
        assert area.wrapped_document.document is area.document
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press("t", "r", "i", "backspace")
        assert area.text == "Un\x0bdau\ntr"
