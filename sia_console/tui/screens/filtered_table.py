"""A filter box over a sortable table: the shape the core lead's register of schools and
Schools and categories share.

Both read everything they show in one worker (:class:`FilteredTableScreen.Loaded` brings
it back), narrow the rows to those holding every word typed in the filter box (``/``),
read again on ``r`` and whenever they are shown again after a change, and save a change
in a worker that reads the screen again in the same session, tells every other screen
(:func:`~sia_console.tui.data_changes.data_changed`) and says what was saved in a notice
(:class:`FilteredTableScreen.Saved`). A screen says only what differs: its keys, what it
reads (:meth:`FilteredTableScreen.read`), its table and how it shows the rows
(:meth:`FilteredTableScreen.compose_table`, :meth:`FilteredTableScreen.show_rows`), and
what else a read changes (:meth:`FilteredTableScreen.loaded`).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Header, Input, Static

from sia_console.i18n import _
from sia_console.services.errors import ServiceError
from sia_console.tui.data_changes import data_changed
from sia_console.tui.dialogs.error import ErrorDialog
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.safe_input import SafeInput
from sia_console.tui.widgets.tables import RecordTable

Data = TypeVar("Data")


def filter_key(screen: str, tooltip: str, *, priority: bool = False) -> Binding:
    """``/`` puts the cursor in the filter box (``screen``: the keys' id prefix)."""
    return Binding(
        "slash",
        "focus_filter",
        _("Filter"),
        priority=priority,
        id=f"{screen}.filter",
        tooltip=tooltip,
    )


def refresh_key(screen: str, tooltip: str) -> Binding:
    """``r`` reads the screen again (after a change made elsewhere: the command line)."""
    return Binding("r", "refresh", _("Refresh"), id=f"{screen}.refresh", tooltip=tooltip)


class FilteredTableScreen(DataScreen, Generic[Data]):
    """A status line, a filter box and a table of what :meth:`read` returns."""

    CSS_PATH = "../authority.tcss"
    AUTO_FOCUS = ""

    class Loaded(Message):
        """What the screen shows has been read."""

        def __init__(self, data: Any) -> None:
            super().__init__()
            self.data = data

    class Saved(Message):
        """A change was saved: say so."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    data: Data | None = None

    def compose(self) -> ComposeResult:
        self.load()
        yield Header()
        with Vertical(id="body"):
            yield Static(self.READING, id="summary", classes="status-line")
            yield SafeInput(placeholder=self.filter_placeholder(), id="filter")
            yield from self.compose_table()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.place()

    # ---------------------------------------------------------------- what differs
    # (words are put into the language when they are shown, as every screen's are)

    def place(self) -> str:
        """The screen's name: its sub-title, and the title of its notices."""
        raise NotImplementedError

    def filter_placeholder(self) -> str:
        """What the empty filter box says it finds."""
        raise NotImplementedError

    def compose_table(self) -> ComposeResult:
        """The table, and whatever goes with it below the filter box."""
        raise NotImplementedError

    @property
    def table(self) -> RecordTable[Any]:
        """The screen's table."""
        raise NotImplementedError

    def read(self, session: Session) -> Data:
        """Everything the screen shows, read in one session (in a worker thread)."""
        raise NotImplementedError

    def loaded(self, data: Data) -> None:
        """A read has arrived (before its rows are shown): the headline and the rest."""

    def show_rows(self) -> None:
        """Show the rows that match the filter's words (:attr:`filter_words`)."""
        raise NotImplementedError

    # ---------------------------------------------------------------- shared

    @property
    def filter_words(self) -> str:
        """What is typed in the filter box."""
        return self.query_one("#filter", Input).value

    @work(thread=True, exclusive=True, exit_on_error=False, group="filtered-table")
    def load(self) -> None:
        """Read in a thread and post it back."""
        with self.context.database.session() as session:
            data = self.read(session)
        self.post_message(self.Loaded(data))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.data = message.data
        self.read_ok = True
        self.loaded(message.data)
        self.show_rows()
        if self.focused is None and self.table.row_count:
            self.table.focus()

    def saved(self, data: Data, text: str) -> None:
        """From a saving worker: show ``data`` (read after the change), tell the other
        screens, and say ``text``."""
        self.post_message(self.Loaded(data))
        data_changed(self, fresh=self)
        self.post_message(self.Saved(text))

    def not_saved(self, error: ServiceError) -> None:
        """From a saving worker: say why nothing was saved."""
        self.app.call_from_thread(self.app.push_screen, ErrorDialog(_("Not saved"), str(error)))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.notify(message.text, title=self.place(), markup=False)

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.show_rows()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        if self.table.row_count:
            self.table.focus()

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one("#filter", Input).focus()

    def action_refresh(self) -> None:
        """Read everything again."""
        self.load()

    def read_again(self) -> None:
        """Something was written since the last read (an import, a resolved conflict …)."""
        self.load()
