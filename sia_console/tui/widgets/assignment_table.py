"""The schools and categories table: every school with its support category, its link
adviser and who set them; Enter posts :class:`AssignmentTable.Assign` for the screen to
open the dialog. (Its own module: only that screen needs it, not the first screen.)"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from sia_console.domain.enums import Role
from sia_console.domain.labels import word
from sia_console.i18n import _
from sia_console.services.schools.assignment import AssignmentRow
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.widgets.authority_tables import SortableTable
from sia_console.tui.widgets.tables import NAME_WIDTH


class AssignmentTable(SortableTable[AssignmentRow]):
    """Every school with its support category, its link adviser and who set them."""

    class Assign(Message):
        """Change the category and link adviser of one school."""

        def __init__(self, school: AssignmentRow) -> None:
            super().__init__()
            self.school = school

    COLUMNS = (
        _("School"),
        _("Authority"),
        _("Category"),
        _("Link adviser"),
        _("Set by"),
        _("Code"),
    )
    FLEX = (0, 1, 3)
    NAME_COLUMNS = (0,)
    OPENS_SCHOOLS = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            _("Change"),
            id="assignment.change",
            tooltip=_("Change the category and link adviser of the highlighted school"),
        ),
    ]

    def cells(self, record: AssignmentRow, tones: Tones) -> tuple[Text, ...]:
        return (
            plain(record.name),
            plain(record.local_authority, 20),
            plain(record.category_label or "—", 16),
            plain(record.adviser or "—", NAME_WIDTH),
            Text(
                word(Role.CORE_LEAD if record.by_lead else Role.SIA),
                style="" if record.by_lead else tones.quiet,
            ),
            plain(record.code),
        )

    def key_of(self, record: AssignmentRow) -> str:
        return record.code

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select_cursor":
            return self.row_count > 0
        return super().check_action(action, parameters)

    @on(DataTable.RowSelected)
    def _assign(self, event: DataTable.RowSelected) -> None:
        record = self.highlighted()
        if record is not None:
            event.stop()
            self.post_message(self.Assign(record))
