"""What every screen that shows stored data shares: its context and the failure handler.

Screens read the database only inside thread workers (``@work(thread=True, ...)``) that
open their own session and post the result back as a message, so the UI thread never
waits on SQLite. Workers are started with ``exit_on_error=False``; the one handler
below turns any failure into the error dialog instead of ending the app.

Every such screen stays true to the database: it remembers the app's data generation
(:mod:`sia_console.tui.data_changes`) it last read, and reads again through its
:meth:`DataScreen.read_again` when it is shown again after a change, or when a change
is made while it is in front.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from textual import events, on
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
from sia_console.tui.data_changes import generation_of
from sia_console.tui.dialogs.error import ErrorDialog
from sia_console.tui.messages import FirstScreenShown
from sia_console.tui.widgets.footer import KeyFooter

T = TypeVar("T")


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
        self.read_generation = 0
        """The app's data generation when this screen last started to read."""
        self._hidden_once = False
        """Whether another screen has come in front of this one (so a resume is a coming
        back, not the first showing)."""

    ABOUT = ""
    """What the screen is for, in a short paragraph: the help (``?``, F1) shows it above
    the screen's keys."""

    def first_read(self, read: Callable[[sqlite3.Connection, date], T]) -> T | None:
        """The screen's first data, read at once through ``sqlite3`` when the app starts on
        a ready database (``context.quick``; ``read`` is one of the services' ``sqlite3``
        readers), so that it is in the widgets before they are first laid out and drawn:
        one frame, with the data, as soon as a bare program could draw it. ``None`` when
        there is no such connection, or when that read fails (the screen's worker then
        reads and says why)."""
        quick = self.context.quick
        if quick is None:
            return None
        try:
            with quick.lock:
                return read(quick.connection, self.context.today())
        except Exception:  # (the worker's read fails the same way, and tells it)
            return None

    def on_screen_suspend(self) -> None:
        """The panel of keys belongs to the screen it was asked on: it closes as another
        screen comes in front (it would otherwise be there on coming back)."""
        self.query("HelpPanel").remove()

    # ---------------------------------------------------------------- staying true

    def read_again(self) -> None:
        """Read what the screen shows again, through its own worker (each data screen
        says how; one that reads nothing of the shared data leaves it as it is)."""

    def shown_again(self) -> None:
        """Called each time the screen comes back in front (not on its first showing),
        before any read; screens may put the focus where it belongs."""

    def read_latest(self) -> None:
        """Read again now, remembering the generation read."""
        self.read_generation = generation_of(self.app)
        self.read_again()

    def data_changed_here(self, *, fresh: bool) -> None:
        """A change committed while this screen is in front (``fresh``: it has read its
        own data again already)."""
        if fresh:
            self.read_generation = generation_of(self.app)
        elif self.read_generation != generation_of(self.app):
            self.read_latest()

    @on(events.Mount)
    def _remember_generation(self) -> None:
        self.read_generation = generation_of(self.app)  # (compose started the first read)

    @on(events.ScreenSuspend)
    def _hidden(self) -> None:
        self._hidden_once = True

    @on(events.ScreenResume)
    def _shown_again(self) -> None:
        if not self._hidden_once:
            return
        self.shown_again()
        if self.read_generation != generation_of(self.app):
            self.read_latest()

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
