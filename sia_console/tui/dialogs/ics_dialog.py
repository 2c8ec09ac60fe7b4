"""Ask where to write the calendar as an iCalendar file (for Outlook or Google Calendar)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from sia_console.i18n import _
from sia_console.paths import default_exports_dir

DEFAULT_NAME = "visits.ics"


class IcsDialog(ModalScreen[Path | None]):
    """A file name for the export; returns the path, or ``None`` when closed."""

    CSS_PATH = "../calendar.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "close", _("Close"), id="ics.close", tooltip=_("Close, exporting nothing")
        ),
    ]

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder if folder is not None else default_exports_dir()
        """Where the file goes unless another is typed (the export folder setting)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="ics-box"):
            yield Static(Content(_("Export the calendar")), id="ics-title")
            yield Static(
                Content(
                    _(
                        "Your visits as an iCalendar file. Import it into Outlook or Google "
                        "Calendar; importing a later export updates the same events."
                    )
                ),
                id="ics-about",
            )
            yield Input(str(self.folder / DEFAULT_NAME), compact=True, id="ics-path")
            yield Static(id="ics-problem")
            with Horizontal(id="ics-buttons"):
                yield Button(_("Export"), variant="primary", compact=True, id="ics-export")
                yield Button(_("Close"), compact=True, id="ics-cancel")

    def on_mount(self) -> None:
        self.query_one("#ics-path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ics-export")
    def _export(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        text = self.query_one("#ics-path", Input).value.strip()
        if not text:
            self.query_one("#ics-problem", Static).update(
                Content.styled(_("Give a file name, such as visits.ics."), "$text-error")
            )
            return
        self.dismiss(Path(text).expanduser())

    @on(Button.Pressed, "#ics-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
