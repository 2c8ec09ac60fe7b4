"""A question to confirm or decline (finalise a note, remove an action, cancel a visit,
reopen a draft), or only to read and close.

The body is given as :class:`Content`, built by the caller from literal strings: a school
or a note is never markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sia_console.i18n import _
from sia_console.tui.widgets.ordered_keys import FOCUS_KEYS


class ConfirmDialog(ModalScreen[bool]):
    """A question with a confirming button and a way out (or only a way out)."""

    CSS_PATH = "../dialogs.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="confirm.cancel", tooltip=_("Go back")),
    ]

    def __init__(
        self, title: str, body: Content, *, confirm: str | None, cancel: str = _("Cancel")
    ) -> None:
        super().__init__(classes="note-dialog")
        self.heading = title
        self.body = body
        self.confirm_label = confirm
        self.cancel_label = cancel

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                if self.confirm_label is not None:
                    yield Button(self.confirm_label, variant="primary", id="confirm")
                yield Button(self.cancel_label, id="cancel")

    def on_mount(self) -> None:
        first = "#confirm" if self.confirm_label is not None else "#cancel"
        self.query_one(first, Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        """Close without doing anything."""
        self.dismiss(False)
