"""A titled panel holding one table, or a helpful sentence when the table would be empty."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from sia_console.i18n import _
from sia_console.tui.widgets.tables import RecordTable


class Section(Vertical):
    """A bordered panel: a title with a count, a table, and what to say when it is empty."""

    def __init__(
        self, title: str, table: RecordTable[Any], *, empty: str, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.heading = title
        """The heading, already translated; the count of records is added to it."""
        self.table = table
        self.empty = empty
        """The sentence shown instead of an empty table."""
        self.border_title = Content(title)

    def compose(self) -> ComposeResult:
        yield self.table
        yield Static(Content(self.empty), classes="empty-note")

    def show(
        self, records: Iterable[Any], *, today: date | None = None, filtered_by: str = ""
    ) -> None:
        """Show ``records`` in the table, or the empty sentence when there are none (with
        ``filtered_by``, the sentence says that nothing matches the filter)."""
        self.table.show(records, today=today)
        note = self.query_one(".empty-note", Static)
        if filtered_by.strip():
            note.update(
                Content(_("Nothing here matches “{words}”.").format(words=filtered_by.strip()))
            )
        else:
            note.update(Content(self.empty))
        count = len(self.table.records)
        self.border_title = Content.assemble(self.heading, f" ({count})" if count else "")
        self.set_class(count == 0, "-empty")
