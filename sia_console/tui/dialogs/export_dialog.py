"""The Word export dialog: which notes, into which folder, with progress for a batch.

It calls the same service as ``sia-console notes export-docx`` (``services.notes.export``),
always in a worker thread: first to read which notes are meant and the default folder,
then to write the files, reporting progress with messages. A failure (a read-only or
full folder, a bad template) is shown in the dialog as one sentence and the adviser can
choose another folder; Escape during a batch stops after the note being written (every
file written is whole). The result is announced with the path shown literally.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState

from sia_console.domain.document_language import DocumentLanguage, parse_document_language
from sia_console.i18n import _, ngettext
from sia_console.services.notes.export import (
    ExportedNote,
    NoteSelection,
    export_folder,
    export_notes_docx,
    select_notes,
)
from sia_console.tui.context import AppContext
from sia_console.tui.screens.base import describe

SCHOOLS_OWN = "school"
"""The choice of each school's own language of correspondence (the default)."""


class ExportDialog(ModalScreen[list[ExportedNote] | None]):
    """Choose a folder and export the selected notes of visit to Word."""

    CSS_PATH = "../dialogs.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close",
            _("Cancel"),
            id="export.cancel",
            tooltip=_("Close without exporting, or stop a batch after the current note"),
        ),
    ]

    class Ready(Message):
        """The notes to export and the default folder have been read."""

        bubble = False

        def __init__(self, note_ids: list[str], folder: Path) -> None:
            super().__init__()
            self.note_ids = note_ids
            self.folder = folder

    class Progress(Message):
        """``done`` of ``total`` notes have been written."""

        bubble = False

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Finished(Message):
        """Every note was written (or the batch was stopped after ``exported``)."""

        bubble = False

        def __init__(self, exported: list[ExportedNote], folder: Path, stopped: bool) -> None:
            super().__init__()
            self.exported = exported
            self.folder = folder
            self.stopped = stopped

    def __init__(self, context: AppContext, selection: NoteSelection, description: str) -> None:
        super().__init__()
        self.context = context
        self.selection = selection
        self.description = description
        """What is exported, in words (user text: shown literally)."""
        self.note_ids: list[str] = []
        self._stop_requested = threading.Event()
        self._exporting = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Content(_("Export to Word")), id="export-title")
            yield Static(Content(self.description), id="export-what")
            yield Label(_("Folder"), id="export-folder-label")
            yield Input(id="export-folder", placeholder=_("Folder to write the files to"))
            yield Label(_("Language of the documents"), id="export-language-label")
            yield Select(
                [
                    (_("Each school's language"), SCHOOLS_OWN),
                    (_("English"), "en"),
                    (_("Welsh"), "cy"),
                    (_("Bilingual (Welsh first)"), "bilingual"),
                ],
                value=SCHOOLS_OWN,
                allow_blank=False,
                id="export-language",
            )
            yield Static(Content(_("Reading the notes…")), id="export-status")
            yield ProgressBar(id="export-progress", show_eta=False)
            with Horizontal(id="export-buttons"):
                yield Button(_("Export"), variant="primary", id="export-go", disabled=True)
                yield Button(_("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-progress", ProgressBar).display = False
        self.query_one("#export-folder", Input).focus()
        self.prepare()

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def prepare(self) -> None:
        """Read which notes are meant and where they go by default."""
        with self.context.database.session() as session:
            ids = select_notes(session, self.selection)
            folder = export_folder(session)
        self.post_message(self.Ready(ids, folder))

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export(
        self, note_ids: list[str], folder: Path, language: DocumentLanguage | None = None
    ) -> None:
        """Write the files, one note at a time, reporting progress."""

        def report(done: int, total: int) -> None:
            self.post_message(self.Progress(done, total))

        with self.context.database.session() as session:
            exported = export_notes_docx(
                session,
                note_ids,
                folder,
                report,
                should_stop=self._stop_requested.is_set,
                language=language,
            )
        self.post_message(self.Finished(exported, folder, len(exported) < len(note_ids)))

    # ------------------------------------------------------------------ messages

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        self.note_ids = message.note_ids
        folder = self.query_one("#export-folder", Input)
        if not folder.value:
            folder.value = str(message.folder)
        count = len(message.note_ids)
        if count == 0:
            self._status(_("There are no notes of visit to export."))
            return
        self._status(
            ngettext(
                "{count} note will be written as a Word document.",
                "{count} notes will be written as Word documents, one file each.",
                count,
            ).format(count=count)
        )
        self.query_one("#export-go", Button).disabled = False

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=message.total, progress=message.done)
        if message.done < message.total:
            self._status(
                _("Writing note {number} of {total}…").format(
                    number=message.done + 1, total=message.total
                )
            )

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        self._exporting = False
        exported = message.exported
        if message.stopped:
            text = _("Export stopped: {count} of {total} notes were written to {folder}").format(
                count=len(exported), total=len(self.note_ids), folder=message.folder
            )
        elif len(exported) == 1:
            text = _("Exported to {path}").format(path=exported[0].path)
        else:
            text = ngettext(
                "{count} note exported to {folder}",
                "{count} notes exported to {folder}",
                len(exported),
            ).format(count=len(exported), folder=message.folder)
        self.app.notify(text, title=_("Word export"), markup=False, timeout=12)
        self.dismiss(exported)

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        self._exporting = False
        self._status(describe(event.worker.error), error=True)
        self._set_busy(False)
        self.query_one("#export-go", Button).disabled = not self.note_ids

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-folder")
    def start(self) -> None:
        """Export into the folder typed (the default one unless changed)."""
        if self._exporting or not self.note_ids:
            return
        typed = self.query_one("#export-folder", Input).value.strip()
        if not typed:
            self._status(_("Type the folder to write the files to."), error=True)
            return
        self._exporting = True
        self._stop_requested.clear()
        self._set_busy(True)
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=len(self.note_ids), progress=0)
        bar.display = len(self.note_ids) > 1
        self._status(_("Writing…"))
        chosen = self.query_one("#export-language", Select).value
        language = parse_document_language(chosen if isinstance(chosen, str) else None)
        self.export(list(self.note_ids), Path(typed).expanduser(), language)

    @on(Button.Pressed, "#export-cancel")
    def action_close(self) -> None:
        """Close, or ask a running batch to stop after the current note."""
        if self._exporting:
            self._stop_requested.set()
            self._status(_("Stopping after the note being written…"))
            return
        self.dismiss(None)

    def _set_busy(self, busy: bool) -> None:
        self.query_one("#export-folder", Input).disabled = busy
        self.query_one("#export-go", Button).disabled = busy

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")
