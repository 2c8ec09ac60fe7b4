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

Everything here is Textual's public API: :class:`LiteralDocument` implements the public
``DocumentBase``, and the one private hook a text area needs to use it is kept in
:mod:`~sia_console.tui.widgets.textual_internals`.
"""

from __future__ import annotations

from typing import Literal, overload

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.widgets.text_area import DocumentBase, EditResult, Location, Selection

from sia_console.domain.text import visible
from sia_console.tui.widgets.ordered_keys import run_own_binding
from sia_console.tui.widgets.textual_internals import DocumentTextArea


class LiteralDocument(DocumentBase):
    """A document whose only line break is ``\\n``: its text round-trips exactly."""

    def __init__(self, text: str) -> None:
        self._rows = text.split("\n")

    @property
    def text(self) -> str:
        """The whole text, lines joined by ``\\n``."""
        return "\n".join(self._rows)

    @property
    def newline(self) -> Literal["\n"]:
        """The one line break."""
        return "\n"

    @property
    def lines(self) -> list[str]:
        """The lines, without their line breaks."""
        return self._rows

    @property
    def line_count(self) -> int:
        """How many lines (an empty document has one)."""
        return len(self._rows)

    @property
    def start(self) -> Location:
        """The start of the document."""
        return (0, 0)

    @property
    def end(self) -> Location:
        """The end of the last line."""
        return (len(self._rows) - 1, len(self._rows[-1]))

    def get_line(self, index: int) -> str:
        """The line at ``index``, without its line break."""
        return self._rows[index]

    @overload
    def __getitem__(self, line_index: int) -> str: ...

    @overload
    def __getitem__(self, line_index: slice) -> list[str]: ...

    def __getitem__(self, line_index: int | slice) -> str | list[str]:
        return self._rows[line_index]

    def get_size(self, indent_width: int) -> Size:
        """The widest line in cells (tabs expanded) by the number of lines."""
        widest = max((cell_len(row.expandtabs(indent_width)) for row in self._rows), default=0)
        return Size(widest, len(self._rows))

    def get_text_range(self, start: Location, end: Location) -> str:
        """The text from ``start`` (inclusive) to ``end`` (exclusive), either way round."""
        if start == end:
            return ""
        (top_row, top_column), (bottom_row, bottom_column) = sorted((start, end))
        rows = self._rows
        if top_row == bottom_row:
            return rows[top_row][top_column:bottom_column]
        parts = [rows[top_row][top_column:], *rows[top_row + 1 : bottom_row]]
        if bottom_row < len(rows):
            parts.append(rows[bottom_row][:bottom_column])
        return "\n".join(parts)

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        """Replace text between two locations (the one way a document changes)."""
        top, bottom = sorted((start, end))
        top_row, top_column = top
        bottom_row, bottom_column = bottom
        rows = self._rows
        replaced_text = self.get_text_range(top, bottom)
        before = rows[top_row][:top_column] if top_row < len(rows) else ""
        after = rows[bottom_row][bottom_column:] if bottom_row < len(rows) else ""
        inserted = text.split("\n")
        inserted[0] = before + inserted[0]
        destination_column = len(inserted[-1])
        inserted[-1] = inserted[-1] + after
        rows[top_row : bottom_row + 1] = inserted
        return EditResult((top_row + len(inserted) - 1, destination_column), replaced_text)

    def get_index_from_location(self, location: Location) -> int:
        """The offset in :attr:`text` of ``location``."""
        row, column = location
        return sum(len(line) + 1 for line in self._rows[:row]) + column

    def get_location_from_index(self, index: int) -> Location:
        """The location of the offset ``index`` in :attr:`text`; ``ValueError`` outside it."""
        if not 0 <= index <= len(self.text):
            raise ValueError(f"Index {index!r} does not correspond to a location in the document.")
        line_start = 0
        for row, line in enumerate(self._rows):
            next_start = line_start + len(line) + 1
            if index < next_start:
                return (row, index - line_start)
            line_start = next_start
        return self.end


class NoteTextArea(DocumentTextArea):
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

    def make_document(self, text: str) -> LiteralDocument:
        """A literal document, never a syntax-aware one (notes are prose)."""
        return LiteralDocument(text)

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

    def get_line(self, line_index: int) -> Text:
        """The line as drawn: control characters as their pictures (same offsets)."""
        line = self.document.get_line(line_index)
        return Text(visible(line, keep_lines=True), end="", no_wrap=True)

    async def on_key(self, event: events.Key) -> None:
        """Before the text area's own handling: a read-only area swallows typing, and a
        key bound here (Backspace and the rest) runs now, in typing order."""
        self._keep_found()
        if self.read_only and (event.is_printable or event.key == "enter"):
            event.stop()
            event.prevent_default()
            self.post_message(self.TypedWhileReadOnly())
            return
        await run_own_binding(self, event)

    async def on_paste(self, event: events.Paste) -> None:
        """Paste with the terminal's line breaks as ``\\n`` (instead of the text area's
        own paste, which would keep them)."""
        self._keep_found()
        if self.read_only:
            return
        text = event.text.replace("\r\n", "\n").replace("\r", "\n")
        result = self.replace(text, *self.selection, maintain_selection_offset=False)
        self.move_cursor(result.end_location)
        self.focus()
        event.stop()
        event.prevent_default()
