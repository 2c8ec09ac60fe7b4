"""What every screen that shows stored data shares: its context and the failure handler.

Screens read the database only inside thread workers (``@work(thread=True, ...)``) that
open their own session and post the result back as a message, so the UI thread never
waits on SQLite. Workers are started with ``exit_on_error=False``; the one handler
below turns any failure into the error dialog instead of ending the app.
"""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from sia_console.diagnostics import unexpected_error
from sia_console.i18n import _
from sia_console.keys.errors import KeysLocked, KeyStoreError
from sia_console.services.errors import ServiceError
from sia_console.storage.errors import StorageError, storage_failure
from sia_console.tui.context import AppContext
from sia_console.tui.dialogs.error import ErrorDialog
from sia_console.tui.messages import FirstScreenShown
from sia_console.tui.widgets.footer import KeyFooter


def describe(error: BaseException | None) -> str:
    """One sentence for the user: our own errors speak for themselves.

    A key that cannot be stored or read says why; a database that cannot be used
    (read-only, locked, disk full) is said so; any other error is logged (its class and
    where, never its message) and the sentence names the log, as the command line does.
    """
    if error is None:
        return _("Unexpected error ({kind}).").format(kind=_("unknown"))
    if isinstance(error, ServiceError | StorageError | KeyStoreError):
        return str(error)
    failure = storage_failure(error)
    if failure is not None:
        return str(failure)
    if isinstance(error, OSError) and error.strerror:
        return _("Cannot complete: {reason}.").format(reason=error.strerror)
    return unexpected_error(error)


class DataScreen(Screen[None]):
    """A screen whose data comes from the database through workers.

    Until the first read arrives, its ``.status-line`` says that the database is being
    read (and its lists show only their headings: their "nothing here" sentences appear
    only once the data says so); if the read fails, it says why.
    """

    READING = _("Reading the database…")

    LOAD_FAILED = _("Could not load")
    """Title of the error dialog; screens may say more precisely what failed."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        """The database and the clock, handed down by the app."""
        self.read_ok = False
        """Whether the last read arrived (screens that read again on resume check it, so
        that closing the error dialog of a failed read does not start it again)."""

    ABOUT = ""
    """What the screen is for, in a short paragraph: the help (``?``, F1) shows it above
    the screen's keys."""

    def on_screen_suspend(self) -> None:
        """The panel of keys belongs to the screen it was asked on: it closes as another
        screen comes in front (it would otherwise be there on coming back)."""
        self.query("HelpPanel").remove()

    def unlock_and_retry(self, worker: Worker[object]) -> bool:
        """``worker`` needed the private keys and they are locked in their key file: ask
        for the passphrase and run it again. Screens whose work needs keys do so (and
        return ``True``); any other says why it failed."""
        return False

    @on(Worker.StateChanged)
    def _report_failure(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, KeysLocked) and self.unlock_and_retry(event.worker):
            return
        self.read_ok = False
        self.log.error(f"worker {event.worker.name} failed: {type(error).__name__}")
        message = describe(error)
        for line in self.query(".status-line").results(Static):
            line.update(Content(message))  # still there once the dialog is closed
        for footer in self.query(KeyFooter).results(KeyFooter):
            footer.release()  # the keys a held footer waited to show
        self.app.push_screen(ErrorDialog(self.LOAD_FAILED, message))
        self.post_message(FirstScreenShown())  # (what waited for the first screen may go on)
