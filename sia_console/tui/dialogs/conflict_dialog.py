"""Compare a losing version kept by sync with the current record, and keep one of them.

The two versions are read, and the choice is written, by ``services.sync_status`` in a
worker thread. Keeping the other version writes it back as a new local change, so it
travels onward with the next bundle. A finalised note of visit cannot be changed: its
"keep the other version" button is disabled and the dialog says why.
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

from sia_console.i18n import _
from sia_console.services.sync_status import ConflictDetail, Keep, conflict_detail, resolve_conflict
from sia_console.tui.context import AppContext
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.screens.base import describe
from sia_console.tui.widgets.sync_tables import KIND_LABELS

VALUE_WIDTH = 40
"""Values are cut here so that both versions fit side by side."""


class ConflictDialog(ModalScreen[bool]):
    """Both versions field by field; dismissed with ``True`` once a choice was saved."""

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

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box"):
            yield Static(Content(_("Compare the two versions")), id="conflict-title")
            yield Static(Content(_("Reading both versions…")), id="conflict-what")
            yield DataTable(id="conflict-fields", cursor_type="row", zebra_stripes=True)
            yield Static(id="conflict-status")
            with Horizontal(id="conflict-buttons"):
                yield Button(_("Keep current"), variant="primary", id="keep-current")
                yield Button(_("Keep the other version"), id="keep-other", disabled=True)
                yield Button(_("Close"), id="conflict-close")

    def on_mount(self) -> None:
        table = self.query_one("#conflict-fields", DataTable)
        table.add_columns(Text(_("Field")), Text(_("Other version")), Text(_("Current")))
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
        self.post_message(self.Resolved())

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        detail = message.detail
        row = detail.conflict
        kind = KIND_LABELS.get(row.table, row.table)
        self.query_one("#conflict-what", Static).update(
            Content(_("{kind}: {record}").format(kind=kind, record=row.label))
        )
        tones = Tones.of(self.app)
        table = self.query_one("#conflict-fields", DataTable)
        table.clear()
        for field in detail.fields:
            style = tones.late if field.differs else "dim"
            table.add_row(
                Text(field.name, style=style),
                plain(field.other, VALUE_WIDTH),
                plain(field.current, VALUE_WIDTH),
            )
        self.query_one("#keep-other", Button).disabled = detail.locked
        if detail.locked:
            self._status(
                _(
                    "This note of visit has been finalised: only the current version can be kept. "
                    "Add a dated amendment if it needs correcting."
                )
            )
        else:
            self._status(_("Highlighted fields differ."))

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
        for button in self.query("#conflict-buttons Button").results(Button):
            button.disabled = True
        self._status(_("Saving…"))
        self.resolve(keep)

    @on(Button.Pressed, "#conflict-close")
    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(False)

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        self._status(describe(event.worker.error), error=True)
        self.query_one("#keep-current", Button).disabled = False
        self.query_one("#conflict-close", Button).disabled = False

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#conflict-status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")
