"""The text area advisers type notes in: soft-wrapped, literal, and safe to show anything.

Textual's own :class:`~textual.widgets.TextArea` has two habits that do not suit a
record that must survive exactly as typed:

* its document splits lines wherever :meth:`str.splitlines` does, so a vertical tab or
  form feed pasted from a word processor, a lone ``\\r`` or a Unicode line separator
  would silently become a newline when the text is saved again; here only ``\\n``
  breaks a line, and every other character is kept where it was;
* it hands control characters to the terminal as they are, so an ESC in a pasted note
  would be obeyed (recolour, clear the screen) rather than shown; here each control
  character is drawn as its visible picture (ESC as ␛).

A terminal's paste sends line breaks as ``\\r``; those (and ``\\r\\n``) are turned into
``\\n`` on paste, because they are how the terminal spells "new line", not characters of
the note.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.document._document import Document, EditResult, Location
from textual.document._document_navigator import DocumentNavigator
from textual.document._wrapped_document import WrappedDocument
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from sia_console.domain.text import visible
from sia_console.tui.widgets.ordered_keys import run_own_binding


class LiteralDocument(Document):
    """A document whose only line break is ``\\n``: its text round-trips exactly."""

    def __init__(self, text: str) -> None:
        super().__init__("")
        self._newline = "\n"
        self._lines = text.split("\n")

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        """Replace text between two locations (the one way a document changes)."""
        top, bottom = sorted((start, end))
        top_row, top_column = top
        bottom_row, bottom_column = bottom
        lines = self._lines
        replaced_text = self.get_text_range(top, bottom)
        before = lines[top_row][:top_column] if top_row < len(lines) else ""
        after = lines[bottom_row][bottom_column:] if bottom_row < len(lines) else ""
        inserted = text.split("\n")
        inserted[0] = before + inserted[0]
        destination_column = len(inserted[-1])
        inserted[-1] = inserted[-1] + after
        lines[top_row : bottom_row + 1] = inserted
        return EditResult((top_row + len(inserted) - 1, destination_column), replaced_text)


class NoteTextArea(TextArea):
    """A soft-wrapped text area over a :class:`LiteralDocument`.

    Read-only (a final note), it swallows typed characters and says so, rather than let
    them reach the app's one-letter keys: typing into a final note by mistake must not
    jump to another screen.
    """

    class TypedWhileReadOnly(Message):
        """Characters were typed into a read-only text area."""

    def __init__(
        self,
        text: str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
        read_only: bool = False,
        placeholder: str = "",
    ) -> None:
        super().__init__(
            text,
            id=id,
            classes=classes,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            read_only=read_only,
            placeholder=placeholder,
            highlight_cursor_line=False,
        )
        self._found: Selection | None = None
        """Words a search found, selected to be seen: typing must not replace them."""

    def show_found(self, start: Location, end: Location) -> None:
        """Select words found by a search so that they show; the first key typed goes
        after them instead of replacing them, as a selection made by hand would be."""
        self._found = Selection(start, end)
        self.selection = self._found
        self.scroll_cursor_visible(center=True)

    def _keep_found(self) -> None:
        if self._found is not None and self.selection == self._found:
            self.selection = Selection.cursor(self._found.end)
        self._found = None

    def _set_document(self, text: str, language: str | None) -> None:
        """Use a literal document, never a syntax-aware one (notes are prose)."""
        self._highlight_query = None
        self.document = LiteralDocument(text)
        self.wrapped_document = WrappedDocument(self.document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._build_highlight_map()
        self.move_cursor((0, 0))
        self._rewrap_and_refresh_virtual_size()

    def get_line(self, line_index: int) -> Text:
        """The line as drawn: control characters as their pictures (same offsets)."""
        line = self.document.get_line(line_index)
        return Text(visible(line, keep_lines=True), end="", no_wrap=True)

    async def _on_key(self, event: events.Key) -> None:
        self._keep_found()
        if self.read_only and (event.is_printable or event.key == "enter"):
            event.stop()
            event.prevent_default()
            self.post_message(self.TypedWhileReadOnly())
            return
        await run_own_binding(self, event)  # Backspace and the rest, in typing order

    async def _on_paste(self, event: events.Paste) -> None:
        self._keep_found()
        if self.read_only:
            return
        text = event.text.replace("\r\n", "\n").replace("\r", "\n")
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)
            self.focus()
        event.stop()
        event.prevent_default()
