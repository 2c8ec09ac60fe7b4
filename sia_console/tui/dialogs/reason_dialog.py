"""Cancel or postpone a visit, with the reason why (kept with the visit, shown in the
calendar, on the school's page and in the .ics file).

The question is given as :class:`Content`, built by the caller from literal strings; the
reason typed is user text, shown with its control characters drawn, never obeyed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from sia_console.domain.limits import MAX_REASON_CHARS
from sia_console.i18n import _
from sia_console.tui.dialogs.form import FormDialog
from sia_console.tui.widgets.ordered_keys import FOCUS_KEYS
from sia_console.tui.widgets.safe_input import SafeInput


class ReasonDialog(FormDialog[str]):
    """A question, a line for the reason, and the confirming button; hands back the
    reason (perhaps empty) or ``None`` when the adviser keeps the visit as it is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_KEYS,
        Binding("escape", "cancel", _("Cancel"), id="reason.cancel", tooltip=_("Go back")),
    ]

    def __init__(self, title: str, body: Content, *, confirm: str, reason: str = "") -> None:
        super().__init__()
        self.heading = title
        self.body = body
        self.confirm_label = confirm
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            yield Label(_("Why (the school and your calendar will show it)"), classes="field-label")
            yield SafeInput(
                self.reason,
                placeholder=_("for example: the headteacher is ill"),
                id="visit-reason",
                max_length=MAX_REASON_CHARS,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.confirm_label, variant="primary", id="confirm")
                yield Button(_("Keep it"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#visit-reason", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Hand back the reason typed."""
        self.dismiss(self.query_one("#visit-reason", Input).value)
