"""Sync: what the next bundle will carry, export and import, history per peer, conflicts.

The screen calls the same services as ``sia-console bundle export|import|history|
conflicts`` (``services.sync``, ``services.sync.conflicts``), always in worker threads,
and reports back with messages. The number of unresolved conflicts is in the screen's
title, so it is always in sight; choosing one opens the compare dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Header, ProgressBar, Static
from textual.worker import Worker, WorkerState

from sia_console.bundles.container import EXTENSION
from sia_console.i18n import _, ngettext
from sia_console.paths import default_exports_dir
from sia_console.services.errors import NoIdentity
from sia_console.services.settings import export_folder
from sia_console.services.sync import conflicts as sync_conflicts
from sia_console.services.sync import export, importing
from sia_console.services.sync import history as sync_history
from sia_console.services.sync.caseload import reassigned_sentences
from sia_console.services.sync.writing import ExportSummary
from sia_console.tui.context import AppContext
from sia_console.tui.data_changes import data_changed
from sia_console.tui.dialogs.conflict_dialog import ConflictDialog
from sia_console.tui.dialogs.unlock import UnlockDialog
from sia_console.tui.screens import sync_text
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.safe_input import SafeInput
from sia_console.tui.widgets.section import Section
from sia_console.tui.widgets.sync_tables import (
    ConflictTable,
    ImportReportTable,
    PeerHistoryTable,
)


@dataclass(frozen=True)
class SyncState:
    """Everything the screen shows that is read from the database."""

    preview: sync_history.ExportPreview | None
    """``None`` when this database has no identity yet (nothing can be exported)."""
    no_recipient: str | None
    """Why no bundle can be exported yet (nobody trusted to send it to), or ``None``."""
    peers: list[sync_history.PeerHistory]
    conflicts: list[sync_conflicts.ConflictRow]
    export_folder: Path
    """Where bundles go unless another folder is typed (``settings export-folder``)."""


def bundle_files(path: Path) -> list[Path]:
    """A file as itself; a folder as every bundle in it, by name."""
    if path.is_dir():
        return sorted(path.glob(f"*{EXTENSION}"))
    return [path]


def conflicts_title(count: int) -> str:
    """``Sync · 2 conflicts``, for the title bar."""
    if not count:
        return _("Sync")
    return ngettext("Sync · {count} conflict", "Sync · {count} conflicts", count).format(
        count=count
    )


class SyncScreen(DataScreen):
    """Export a bundle, import bundles, see who sent what, resolve conflicts."""

    ABOUT = _(
        "Sync bundles carry your work to your core lead (and theirs to you), signed and "
        "encrypted. Export writes a bundle to a folder or USB stick; import reads bundles you "
        "were given. Conflicts, when two versions of a record disagree, wait here for you to "
        "compare and choose."
    )

    CSS_PATH = "../sync.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            _("Back"),
            id="sync.back",
            tooltip=_("Go back to the dashboard"),
        ),
        Binding(
            "r",
            "refresh",
            _("Refresh"),
            id="sync.refresh",
            tooltip=_("Read the sync state again from the database"),
        ),
    ]

    LOAD_FAILED = _("Sync could not go ahead")
    AUTO_FOCUS = "#sync-folder"  # typing replaces the folder; Enter exports
    MAX_REASONS = 5
    """Rejected files named one by one in the notification; the report lists them all."""

    def action_back(self) -> None:
        """Leave sync for the dashboard (the app's home)."""
        self.app.action_show_dashboard()  # type: ignore[attr-defined]

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self._writing = False
        """Whether an export or import is under way (they write one at a time)."""
        self._again: tuple[str, Callable[[], None]] | None = None
        """The export or import last started, to start again once the keys are unlocked:
        what it needs the keys for, and how to start it."""
        self._folder_offered = str(default_exports_dir())
        """The folder put in the export box (the setting's): replaced by a newer setting
        only while the box still holds it, never over what was typed."""

    class Loaded(Message):
        """The sync state has been read."""

        def __init__(self, state: SyncState) -> None:
            super().__init__()
            self.state = state

    class Exported(Message):
        """A bundle was written and verified."""

        def __init__(self, summary: ExportSummary) -> None:
            super().__init__()
            self.summary = summary

    class ImportProgress(Message):
        """``done`` of ``total`` files imported."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Imported(Message):
        """Every file named has been imported or rejected."""

        def __init__(self, results: list[importing.ImportResult]) -> None:
            super().__init__()
            self.results = results

    def compose(self) -> ComposeResult:
        self.load()
        yield Header()
        with VerticalScroll(id="body"):
            yield Static(self.READING, id="sync-summary", classes="status-line")
            with Vertical(id="sync-export", classes="sync-panel") as export:
                export.border_title = Content(_("Export a bundle"))
                yield Static(id="sync-preview")
                with Horizontal(classes="sync-row"):
                    yield SafeInput(
                        self._folder_offered,
                        id="sync-folder",
                        placeholder=_("Folder (or file) to write the bundle to"),
                    )
                    yield Button(_("Export"), variant="primary", id="sync-export-go")
                yield Static(id="sync-export-status")
            with Vertical(id="sync-import", classes="sync-panel") as box:
                box.border_title = Content(_("Import bundles"))
                with Horizontal(classes="sync-row"):
                    yield SafeInput(
                        id="sync-import-path",
                        placeholder=_("A bundle file, or a folder of them"),
                    )
                    yield Button(_("Import"), id="sync-import-go")
                yield ProgressBar(id="sync-progress", show_eta=False)
                yield Section(
                    _("Import report"),
                    ImportReportTable(),
                    empty=_("Nothing imported yet in this session."),
                    id="sync-report",
                )
            yield Section(
                _("Conflicts"),
                ConflictTable(),
                empty=_("No conflicts: every record agrees."),
                id="sync-conflicts",
            )
            yield Section(
                _("Bundles received"),
                PeerHistoryTable(),
                empty=_("No trusted peers yet; run: sia-console identity trust CARD"),
                id="sync-peers",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = conflicts_title(0)
        self.query_one("#sync-progress", ProgressBar).display = False

    def action_refresh(self) -> None:
        """Read everything again."""
        self.load()

    def read_again(self) -> None:
        """Something was written since the last read (an import, a resolved conflict …)."""
        self.load()

    def shown_again(self) -> None:
        """Coming back, the cursor is not left in a path box (``r`` would type there):
        it goes to the conflicts if there are some, else to the page itself."""
        if isinstance(self.focused, SafeInput):
            conflicts = self.query_one("#sync-conflicts", Section).table
            self.set_focus(conflicts if conflicts.row_count else self.query_one("#body"))

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-read")
    def load(self) -> None:
        """Read the preview, the history and the conflicts."""
        with self.context.database.session() as session:
            try:
                preview: sync_history.ExportPreview | None = sync_history.preview_export(session)
            except NoIdentity:
                preview = None
            state = SyncState(
                preview=preview,
                no_recipient=export.missing_recipient(session),
                peers=sync_history.import_history(session, self.context.today()),
                conflicts=sync_conflicts.list_conflicts(session),
                export_folder=export_folder(session, default_exports_dir()),
            )
        self.post_message(self.Loaded(state))

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-write")
    def export(self, folder: Path) -> None:
        """Write, read back and verify a bundle."""
        if folder == default_exports_dir():
            folder.mkdir(parents=True, exist_ok=True)
        with self.context.database.session() as session:
            summary = export.export_bundle(
                session, folder, passphrase=self.context.passphrase.value
            )
        self.post_message(self.Exported(summary))

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-write")
    def import_bundles(self, path: Path) -> None:
        """Import each file whole or not at all, reporting progress."""
        paths = bundle_files(path)

        def report(done: int, total: int) -> None:
            self.post_message(self.ImportProgress(done, total))

        results = importing.import_files(
            self.context.database.session,
            paths,
            progress=report,
            passphrase=self.context.passphrase.value,
        )
        self.post_message(self.Imported(results))

    # ------------------------------------------------------------------ messages

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        state = message.state
        count = len(state.conflicts)
        self.sub_title = conflicts_title(count)
        self.query_one("#sync-summary", Static).update(sync_text.headline(count))
        preview = sync_text.preview(state.preview, state.no_recipient)
        self.query_one("#sync-preview", Static).update(preview)
        self.query_one("#sync-conflicts", Section).show(state.conflicts)
        self.query_one("#sync-peers", Section).show(state.peers)
        box = self.query_one("#sync-folder", SafeInput)
        if box.value == self._folder_offered:
            self._folder_offered = box.value = str(state.export_folder)

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        summary = message.summary
        text = _("Wrote {records} records to {path} for {recipients}.").format(
            records=summary.records, path=summary.path, recipients=", ".join(summary.recipients)
        )
        self._export_status(text)
        self.app.notify(text, title=_("Bundle exported"), markup=False, timeout=12)
        self._set_writing(False)
        data_changed(self)  # (this screen, in front, reads again with every other)

    @on(ImportProgress)
    def _import_progress(self, message: ImportProgress) -> None:
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.display = message.total > 1  # a bar is worth showing for several files
        bar.update(total=message.total, progress=message.done)

    @on(Imported)
    def _imported(self, message: Imported) -> None:
        self._set_writing(False)
        self.query_one("#sync-progress", ProgressBar).display = False
        self.query_one("#sync-report", Section).show(message.results)
        if not message.results:
            self.app.notify(_("No bundle files found there."), severity="warning", markup=False)
        self._report_rejected([r for r in message.results if r.status != "imported"])
        self._report_reassigned([r for r in message.results if r.reassigned])
        data_changed(self)

    def _report_reassigned(self, results: list[importing.ImportResult]) -> None:
        """Say which schools left this adviser's caseload, and what to do."""
        moved = [school for result in results for school in result.reassigned]
        if not moved:
            return
        title = ngettext(
            "{count} school is no longer yours",
            "{count} schools are no longer yours",
            len(moved),
        ).format(count=len(moved))
        self.app.notify(
            "\n".join(reassigned_sentences(moved)),
            title=title,
            severity="warning",
            markup=False,
            timeout=30,
        )

    def _report_rejected(self, rejected: list[importing.ImportResult]) -> None:
        """Say why files were refused, where it is seen even on a narrow terminal."""
        if not rejected:
            return
        reasons = [r.reason for r in rejected[: self.MAX_REASONS]]
        more = len(rejected) - len(reasons)
        if more:
            reasons.append(
                ngettext(
                    "… and {count} more: see the import report.",
                    "… and {count} more: see the import report.",
                    more,
                ).format(count=more)
            )
        title = ngettext(
            "{count} bundle rejected, nothing of it imported",
            "{count} bundles rejected, nothing of them imported",
            len(rejected),
        ).format(count=len(rejected))
        self.app.notify("\n".join(reasons), title=title, severity="error", markup=False, timeout=20)

    @on(ConflictTable.Compare)
    def _compare(self, message: ConflictTable.Compare) -> None:
        # (a choice saved is announced by the dialog: this screen reads again when shown)
        self.app.push_screen(ConflictDialog(self.context, message.conflict_id))

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed, "#sync-export-go")
    @on(SafeInput.Submitted, "#sync-folder")
    def start_export(self) -> None:
        """Export into the folder (or file) typed."""
        if self._writing:
            return
        typed = self.query_one("#sync-folder", SafeInput).value.strip()
        if not typed:
            self._export_status(_("Type the folder to write the bundle to."))
            return
        self._set_writing(True)
        self._export_status(_("Writing and verifying the bundle…"))
        self._again = (_("to sign and encrypt the bundle"), self.start_export)
        self.export(Path(typed).expanduser())

    @on(Button.Pressed, "#sync-import-go")
    @on(SafeInput.Submitted, "#sync-import-path")
    def start_import(self) -> None:
        """Import the file, or every bundle in the folder, typed."""
        if self._writing:
            return
        typed = self.query_one("#sync-import-path", SafeInput).value.strip()
        if not typed:
            self.app.notify(_("Type a bundle file or a folder of them."), severity="warning")
            return
        path = Path(typed).expanduser()
        self._set_writing(True)
        self.query_one("#sync-progress", ProgressBar).update(total=None, progress=0)
        self._again = (_("to open the bundles"), self.start_import)
        self.import_bundles(path)

    def _export_status(self, text: str) -> None:
        self.query_one("#sync-export-status", Static).update(Content(text))

    def _set_writing(self, writing: bool) -> None:
        """Export and import write one at a time: both wait while either runs."""
        self._writing = writing
        for button in self.query(".sync-row Button").results(Button):
            button.disabled = writing

    def unlock_and_retry(self, worker: Worker[object]) -> bool:
        """An export or import found the keys locked: ask for the passphrase, then start
        it again (nothing was written)."""
        if worker.group != "sync-write" or self._again is None:
            return False
        purpose, start = self._again

        def unlocked(done: bool | None) -> None:
            if done:
                start()
            else:
                self._export_status(
                    _(
                        "The keys are still locked, so nothing was done; export or import "
                        "again to type the passphrase."
                    )
                )

        self.app.push_screen(UnlockDialog(self.context, purpose), unlocked)
        return True

    @on(Worker.StateChanged)
    def _write_failed(self, event: Worker.StateChanged) -> None:
        """After a failed export or import, let the user try again (the dialog says why)."""
        if event.state is WorkerState.ERROR and event.worker.group == "sync-write":
            self._export_status("")
            self.query_one("#sync-progress", ProgressBar).display = False
            self._set_writing(False)
