"""Tables of the note editor: actions carried forward from earlier visits, actions agreed.

Both show what they are given and post what the adviser asks for (review this action,
add, change, remove or mark done one); the editor screen does the work through the services.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from sia_console.domain.labels import word
from sia_console.i18n import _
from sia_console.services.notes.actions import CarriedAction
from sia_console.services.notes.reading import ActionDetail
from sia_console.tui import formatting as fmt
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.widgets.tables import set_column_widths

RowT = TypeVar("RowT")


class _Rows(DataTable[Text], Generic[RowT]):
    """A row-cursor table of records with literal cells."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.records: tuple[RowT, ...] = ()
        self.today: date | None = None
        self.locked = False
        """True on a final note: nothing may be changed from here."""

    def on_mount(self) -> None:
        self.add_columns(*(Text(label) for label in self.COLUMNS))

    def show(self, records: Iterable[RowT], today: date) -> None:
        """Replace the rows, keeping the cursor where it was."""
        row = self.cursor_row
        self.records = tuple(records)
        self.today = today
        tones = Tones.of(self.app)
        self.clear()
        rows = [self.cells(record, tones) for record in self.records]
        set_column_widths(self, rows)
        for index, cells in enumerate(rows):
            self.add_row(*cells, key=str(index))
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    def cells(self, record: RowT, tones: Tones) -> tuple[Text, ...]:
        raise NotImplementedError

    def highlighted(self) -> RowT | None:
        """The record under the cursor."""
        if not self.row_count or not 0 <= self.cursor_row < len(self.records):
            return None
        return self.records[self.cursor_row]

    def due(self, due: date | None, tones: Tones) -> Text:
        """A due date; one already past is a warning."""
        if due is None:
            return Text(_("no date"), style=tones.quiet)
        if self.today is not None and due < self.today:
            return Text(_("{day} (past)").format(day=fmt.short_day(due)), style=tones.late)
        return Text(fmt.short_day(due))


class CarriedActionTable(_Rows[CarriedAction]):
    """Open actions from earlier visits, with this visit's review of each."""

    COLUMNS = (_("Action"), _("Due"), _("This visit"), _("Comment"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "review",
            _("Review"),
            id="carried.review",
            tooltip=_("Mark the highlighted action done, in progress or dropped, with a comment"),
        ),
    ]

    class Review(Message):
        """The adviser wants to review an action."""

        def __init__(self, action: CarriedAction) -> None:
            super().__init__()
            self.action = action

    def cells(self, record: CarriedAction, tones: Tones) -> tuple[Text, ...]:
        if record.review_status is None:
            review = Text(_("not reviewed"), style=tones.late)
        else:
            review = Text(word(record.review_status))
        return (
            plain(record.text, 28),
            self.due(record.due, tones),
            review,
            plain(record.comment, 20),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review":
            return not self.locked and self.row_count > 0
        return True

    def action_review(self) -> None:
        """Ask to review the highlighted action."""
        record = self.highlighted()
        if record is not None and not self.locked:
            self.post_message(self.Review(record))


class AgreedActionTable(_Rows[ActionDetail]):
    """Actions agreed at this visit: what, who, by when."""

    COLUMNS = (_("Action"), _("Owner"), _("Due"), _("Status"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", _("New action"), id="agreed.add", tooltip=_("Agree a new action")),
        Binding(
            "enter",
            "change",
            _("Change"),
            id="agreed.change",
            tooltip=_("Change what, who or by when of the highlighted action"),
        ),
        Binding(
            "delete",
            "remove",
            _("Remove"),
            id="agreed.remove",
            tooltip=_("Remove the highlighted action from this note"),
        ),
        Binding(
            "d",
            "mark_done",
            _("Done"),
            id="agreed.done",
            tooltip=_("Mark the highlighted action done (or open again, if it is done)"),
        ),
    ]

    class Edit(Message):
        """The adviser wants to add an action (``action`` ``None``) or change one."""

        def __init__(self, action: ActionDetail | None) -> None:
            super().__init__()
            self.action = action

    class Remove(Message):
        """The adviser wants to remove an action."""

        def __init__(self, action: ActionDetail) -> None:
            super().__init__()
            self.action = action

    class MarkDone(Message):
        """The adviser wants to mark an action done, or open again."""

        def __init__(self, action: ActionDetail) -> None:
            super().__init__()
            self.action = action

    def cells(self, record: ActionDetail, tones: Tones) -> tuple[Text, ...]:
        return (
            plain(record.text, 40),
            plain(record.owner, 20),
            self.due(record.due, tones),
            Text(word(record.status)),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add":
            return not self.locked
        if action in ("change", "remove"):
            return not self.locked and self.row_count > 0
        if action == "mark_done":  # progress, not the note's text: a final note's too
            return self.row_count > 0
        return True

    def action_add(self) -> None:
        """Ask to agree a new action."""
        if not self.locked:
            self.post_message(self.Edit(None))

    def action_change(self) -> None:
        """Ask to change the highlighted action."""
        record = self.highlighted()
        if record is not None and not self.locked:
            self.post_message(self.Edit(record))

    def action_mark_done(self) -> None:
        """Ask to mark the highlighted action done (or open again)."""
        record = self.highlighted()
        if record is not None:
            self.post_message(self.MarkDone(record))

    def action_remove(self) -> None:
        """Ask to remove the highlighted action."""
        record = self.highlighted()
        if record is not None and not self.locked:
            self.post_message(self.Remove(record))
