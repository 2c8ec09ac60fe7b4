"""The conflicts waiting for a choice, as a table for the core lead's home screen.

One row per unresolved conflict: the record, how many fields differ, who wrote the other
version and when. Enter posts :class:`CompareTable.Compare`; the screen opens the
compare dialog (the one the Sync screen opens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from sia_console.domain.vocabulary import london
from sia_console.i18n import _
from sia_console.tui import formatting as fmt
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.widgets.record_kinds import KIND_LABELS
from sia_console.tui.widgets.tables import TEXT_WIDTH, RecordTable

if TYPE_CHECKING:
    from sia_console.services.sync.waiting import WaitingConflict


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


ConflictT = TypeVar("ConflictT", bound=_HasId)


class CompareTable(RecordTable[ConflictT]):
    """A table of conflicts: Enter posts :class:`CompareTable.Compare` with the highlighted
    one's id, and the screen opens the compare dialog (the Sync screen's list of every
    kept version and the home screen's panel of those waiting)."""

    OPENS_SCHOOLS = False

    class Compare(Message):
        """Compare a conflict's two versions."""

        def __init__(self, conflict_id: str) -> None:
            super().__init__()
            self.conflict_id = conflict_id

    def key_of(self, record: ConflictT) -> str:
        return record.id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select_cursor":
            return self.row_count > 0
        return super().check_action(action, parameters)

    @on(DataTable.RowSelected)
    def _compare(self, event: DataTable.RowSelected) -> None:
        record = self.highlighted()
        if record is not None:
            event.stop()
            self.post_message(self.Compare(record.id))


def compare_binding(binding_id: str) -> Binding:
    """Enter, to compare the highlighted conflict (each table its own binding id)."""
    return Binding(
        "enter",
        "select_cursor",
        _("Compare"),
        id=binding_id,
        tooltip=_("Compare the other version with the current record and choose one"),
    )


class WaitingConflictTable(CompareTable["WaitingConflict"]):
    """Unresolved conflicts; Enter compares the two versions and lets one be kept."""

    COLUMNS = (_("Kind"), _("Which record"), _("Fields"), _("From"), _("Written"))
    FLEX = (1,)
    BINDINGS: ClassVar[list[BindingType]] = [compare_binding("home.compare")]

    def cells(self, record: WaitingConflict, tones: Tones) -> tuple[Text, ...]:
        row = record.conflict
        written = record.written_at
        return (
            Text(KIND_LABELS.get(row.table, row.table)),
            plain(row.label, TEXT_WIDTH),
            Text(str(record.fields) if record.fields else "—", style=tones.late),
            plain(record.sender or "—", 24),
            Text(fmt.short_day_with_year(london(written).date()) if written else "—"),
        )
