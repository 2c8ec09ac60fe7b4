"""Compare a losing version kept by sync with the current record, and keep one of them.

The two versions are read, and the choice is written, by ``services.sync.conflicts`` in a
worker thread. Keeping the other version writes it back as a new local change, so it
travels onward with the next bundle. A finalised note of visit cannot be changed: its
"keep the other version" button is disabled and the dialog says why.

Values are cut to fit both versions side by side; the highlighted field, when its two
values differ and one of them is cut, is shown again under the table from a little
before where the two first differ (a long section of a note differs somewhere in its
middle). Only the fields that differ are listed, by their names in words and their values
as people read them, under a line saying who wrote each version and when.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static
from textual.worker import Worker, WorkerState

from sia_console.domain.text import one_line
from sia_console.i18n import _, ngettext
from sia_console.services.sync.conflicts import (
    ConflictDetail,
    FieldComparison,
    Keep,
    conflict_detail,
    resolve_conflict,
)
from sia_console.tui.context import AppContext
from sia_console.tui.data_changes import data_changed
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.screens.base import describe
from sia_console.tui.widgets.record_kinds import KIND_LABELS

VALUE_WIDTH = 40
"""Values are cut here at most, and narrower when the terminal is narrow."""
MIN_VALUE_WIDTH = 12
EXCERPT = 200
"""Characters of each version shown under the table."""
LEAD_IN = 30
"""Characters shown before the first difference."""
MAX_TABLE_ROWS = 20
BOX_SHARE = 0.9
"""The box's share of the screen's height (``max-height: 90%`` in ``sync.tcss``)."""


def shown_fields(fields: list[FieldComparison]) -> list[FieldComparison]:
    """The fields worth a row: those whose two values differ."""
    return [f for f in fields if f.differs]


def around_difference(other: str, current: str, limit: int = EXCERPT) -> tuple[str, str]:
    """Both values on one line, from a little before where they first differ."""
    other, current = one_line(other), one_line(current)
    same = 0
    for a, b in zip(other, current, strict=False):
        if a != b:
            break
        same += 1
    start = max(0, same - LEAD_IN)
    if start:
        start = other.rfind(" ", 0, start) + 1  # from the start of a word

    def excerpt(text: str) -> str:
        piece = text[start : start + limit]
        return ("…" if start else "") + piece + ("…" if start + limit < len(text) else "")

    return excerpt(other), excerpt(current)


def value_width(table_width: int, names: list[str]) -> int:
    """How wide each version's column may be so that both fit beside the field names."""
    name_width = max((len(name) for name in names), default=0)
    spare = table_width - name_width - 3 * 2 - 2  # cell padding and the scroll bar
    return max(MIN_VALUE_WIDTH, min(VALUE_WIDTH, spare // 2))


class ConflictDialog(ModalScreen[bool]):
    """Both versions field by field; dismissed with ``True`` once a choice was saved."""

    CSS_PATH = "../sync.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close",
            _("Close"),
            id="conflict.close",
            tooltip=_("Close without choosing"),
        ),
    ]

    class Loaded(Message):
        """Both versions have been read."""

        bubble = False

        def __init__(self, detail: ConflictDetail) -> None:
            super().__init__()
            self.detail = detail

    class Resolved(Message):
        """The choice has been saved."""

        bubble = False

    def __init__(self, context: AppContext, conflict_id: str) -> None:
        super().__init__()
        self.context = context
        self.conflict_id = conflict_id
        self._fields: list[FieldComparison] = []
        """The rows of the table, in order."""
        self._width = VALUE_WIDTH
        self._locked = True
        """Whether only "keep current" is possible (until both versions have been read)."""
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box"):
            yield Static(Content(_("Compare the two versions")), id="conflict-title")
            yield Static(Content(_("Reading both versions…")), id="conflict-what")
            with Vertical(id="conflict-foot"):
                yield Static(id="conflict-status")
                with Horizontal(id="conflict-buttons"):
                    yield Button(_("Keep current"), variant="primary", id="keep-current")
                    yield Button(_("Keep the other version"), id="keep-other", disabled=True)
                    yield Button(_("Close"), id="conflict-close")
            yield DataTable(id="conflict-fields", cursor_type="row", zebra_stripes=True)
            yield Static(id="conflict-full")

    def on_mount(self) -> None:
        table = self.query_one("#conflict-fields", DataTable)
        table.add_columns(Text(_("Field")), Text(_("Other version")), Text(_("Current")))
        self.query_one("#conflict-full", Static).display = False
        self.query_one("#keep-current", Button).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflict")
    def load(self) -> None:
        """Read both versions."""
        with self.context.database.session() as session:
            detail = conflict_detail(session, self.conflict_id)
        self.post_message(self.Loaded(detail))

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflict")
    def resolve(self, keep: Keep) -> None:
        """Save the choice."""
        with self.context.database.session() as session:
            resolve_conflict(session, self.conflict_id, keep)
        data_changed(self)
        self.post_message(self.Resolved())

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        detail = message.detail
        row = detail.conflict
        kind = KIND_LABELS.get(row.table, row.table)
        what = _("{kind}: {record}").format(kind=kind, record=row.label)
        if detail.other is not None:
            what += "\n" + _("Other version: {who}").format(who=detail.other.words())
        if detail.current is not None:
            what += "\n" + _("Current: {who}").format(who=detail.current.words())
        self.query_one("#conflict-what", Static).update(Content(what))
        tones = Tones.of(self.app)
        table = self.query_one("#conflict-fields", DataTable)
        table.clear()
        self._fields = shown_fields(detail.fields)
        self._width = value_width(table.size.width, [f.label or f.name for f in self._fields])
        for field in self._fields:
            style = tones.late if field.differs else "dim"
            table.add_row(
                Text(field.label or field.name, style=style),
                plain(field.other, self._width),
                plain(field.current, self._width),
            )
        first = next((i for i, f in enumerate(self._fields) if f.differs), 0)
        self.call_after_refresh(self._fit_table)
        if self._fields:
            table.move_cursor(row=first)
        self._show_full(first)
        self._locked = detail.locked
        self.query_one("#keep-other", Button).disabled = detail.locked
        if detail.locked:
            self._status(
                _(
                    "This note of visit has been finalised: only the current version can be kept. "
                    "Add a dated amendment if it needs correcting."
                )
            )
        else:
            self._status(
                ngettext(
                    "{count} field differs.", "{count} fields differ.", len(self._fields)
                ).format(count=len(self._fields))
            )

    @on(DataTable.RowHighlighted, "#conflict-fields")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_full(event.cursor_row)

    def _show_full(self, row: int) -> None:
        """The highlighted field again, where it differs, when its values do not fit."""
        full = self.query_one("#conflict-full", Static)
        field = self._fields[row] if 0 <= row < len(self._fields) else None
        cut = field is not None and (
            len(field.other) > self._width
            or len(field.current) > self._width
            or "\n" in field.other + field.current
        )
        shown = bool(field and field.differs and cut)
        if full.display != shown:
            full.display = shown
            self.call_after_refresh(self._fit_table)
        if field is None or not shown:
            return
        other, current = around_difference(field.other, field.current)
        full.update(
            Content.assemble(
                (_("Other version:"), "bold"),
                " ",
                other,
                "\n",
                (_("Current:"), "bold"),
                " ",
                current,
            )
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_table)

    def _fit_table(self) -> None:
        """Let the table give way, so that the full values and the choice stay in sight."""
        box = self.query_one("#conflict-box", Vertical)
        table = self.query_one("#conflict-fields", DataTable)
        others = sum(
            child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
            for child in box.children
            if child is not table and child.display
        )
        room = int(self.size.height * BOX_SHARE) - box.styles.gutter.height - others
        rows = max(len(self._fields), 1) + 1  # and the header
        table.styles.max_height = max(3, min(rows, MAX_TABLE_ROWS, room))
        self.call_after_refresh(table.move_cursor, row=table.cursor_row)  # still in sight

    @on(Resolved)
    def _resolved(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#keep-current")
    def keep_current(self) -> None:
        """Keep the record as it is."""
        self._choose("current")

    @on(Button.Pressed, "#keep-other")
    def keep_other(self) -> None:
        """Write the other version back as a new change."""
        self._choose("other")

    def _choose(self, keep: Keep) -> None:
        if self._saving:
            return
        self._saving = True
        for button in self.query("#conflict-buttons Button").results(Button):
            button.disabled = True
        self._status(_("Saving…"))
        self.resolve(keep)

    @on(Button.Pressed, "#conflict-close")
    def action_close(self) -> None:
        """Close without choosing (not while a choice is being saved)."""
        if not self._saving:
            self.dismiss(False)

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        self._saving = False
        self._status(describe(event.worker.error), error=True)
        self.query_one("#keep-current", Button).disabled = False
        self.query_one("#keep-other", Button).disabled = self._locked
        self.query_one("#conflict-close", Button).disabled = False

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#conflict-status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")
