"""What every small form dialog shares: a Save button (``#confirm``) that runs the
dialog's ``action_save``, and a Cancel button (``#cancel``) and Escape that close it
handing back ``None``. The look is every small dialog's (``dialogs.tcss``)."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, RadioSet

from sia_console.tui.widgets.safe_input import start_at_pressed

ResultT = TypeVar("ResultT")


class FormDialog(ModalScreen[ResultT | None]):
    """A dialog that collects a few values; ``action_save`` checks them and dismisses."""

    CSS_PATH = "../dialogs.tcss"  # (read when first shown, not at start-up)

    def __init__(self) -> None:
        super().__init__(classes="note-dialog")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.action_save()
        else:
            self.dismiss(None)

    def focus_choices(self) -> None:
        """Start on the dialog's radio set, its cursor on the choice already made."""
        radios = self.query_one(RadioSet)
        start_at_pressed(radios)
        radios.focus()

    def action_save(self) -> None:
        """Check what was entered and hand it back (each dialog says how)."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
