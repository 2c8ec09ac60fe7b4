"""The one dialog that reports a failure: what went wrong, in a sentence, and a way out."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from sia_console.i18n import _


class ErrorDialog(ModalScreen[None]):
    """Shows an error's title and message; the message is user data, never markup."""

    CSS_PATH = "../dialogs.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,enter",
            "dismiss",
            _("Close"),
            id="error.close",
            tooltip=_("Close this message and go back"),
        ),
    ]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.heading = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(Content(self.heading), id="error-title")
            yield Static(Content(self.message), id="error-message")
            yield Button(_("Close"), variant="error", id="error-close")

    def on_mount(self) -> None:
        self.query_one("#error-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()
