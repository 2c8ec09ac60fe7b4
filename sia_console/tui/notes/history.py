"""A school's notes of visit, newest first; Enter opens the highlighted note."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from sia_console.i18n import _
from sia_console.services.notes.history import NoteHistoryRow
from sia_console.tui import formatting as fmt
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.messages import OpenNote
from sia_console.tui.widgets.tables import TEXT_WIDTH, RecordTable


class NoteHistoryTable(RecordTable[NoteHistoryRow]):
    """The notes of one school: visit day, status, risk judgement, last change."""

    COLUMNS = (_("Visit"), _("Note"), _("Risk"), _("Purpose"))
    OPENS_SCHOOLS = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open_note",
            _("Open note"),
            id="history.open-note",
            tooltip=_("Open the highlighted note of visit"),
        ),
    ]

    def cells(self, record: NoteHistoryRow, tones: Tones) -> tuple[Text, ...]:
        return (
            Text(fmt.short_day_with_year(record.visit_start.date())),
            tones.note(record.status),
            tones.risk(record.risk_level),
            plain(record.purpose, TEXT_WIDTH),
        )

    def key_of(self, record: NoteHistoryRow) -> str:
        return record.note_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_note":
            return self.row_count > 0
        return super().check_action(action, parameters)

    def action_open_note(self) -> None:
        """Open the highlighted note."""
        record = self.highlighted()
        if record is not None:
            self.post_message(OpenNote(record.visit_id))

    @on(DataTable.RowSelected)
    def _clicked(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_note()
