"""The school's year: the adviser's closing summary, written like a note's section.

Opened from a school's page (key ``y``) for the academic year of today. The text is read
in a worker; typing is saved after a pause, as in the note editor (the same
:class:`~sia_console.tui.notes.autosave.AutosavePolicy`), in a thread worker through
``services.schools.year``; leaving the screen (Esc, quitting the app, the screen being
taken down) saves what is unsaved first. ``ctrl+o`` (as in the note editor) writes the
school's year as a Word document into the export folder, the same document as ``report
school``.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static, TextArea

from sia_console.domain.programme import academic_year_of
from sia_console.domain.vocabulary import clock
from sia_console.formats.school_year import academic_year_label
from sia_console.i18n import _
from sia_console.services.notes.export import export_folder
from sia_console.services.schools.register import get_school
from sia_console.services.schools.year import (
    export_school_year,
    save_year_summary,
    year_summary,
)
from sia_console.tui.context import AppContext
from sia_console.tui.data_changes import data_changed
from sia_console.tui.notes.autosave import TICK, AutosavePolicy
from sia_console.tui.screens.base import DataScreen, describe
from sia_console.tui.widgets.footer import KeyFooter


class SummaryRead(Message):
    """The school's name and the summary as stored."""

    def __init__(self, school_name: str, text: str) -> None:
        super().__init__()
        self.school_name = school_name
        self.text = text


class SummarySaved(Message):
    """A save came back: when it committed, or why it failed."""

    def __init__(self, at: datetime | None, error: BaseException | None = None) -> None:
        super().__init__()
        self.at = at
        self.error = error


class YearSummaryScreen(DataScreen):
    """The adviser's summary of one school's academic year."""

    CSS_PATH = "../schools.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            _("Back"),
            id="year.back",
            tooltip=_("Save the summary and go back to the school"),
        ),
        Binding(
            "ctrl+s",
            "save_now",
            _("Save"),
            id="year.save",
            priority=True,
            tooltip=_("Save the summary now (it is saved as you type)"),
        ),
        Binding(
            "ctrl+o",
            "export_word",
            _("Word"),
            id="year.export-word",
            priority=True,
            tooltip=_("Save, then write the school's year as a Word document for the governors"),
        ),
    ]

    LOAD_FAILED = _("Could not open the school's year")

    def __init__(self, context: AppContext, code: str, year: int | None = None) -> None:
        super().__init__(context)
        self.code = code
        self.year = year if year is not None else academic_year_of(context.today())
        self.policy = AutosavePolicy()
        self.loaded = False
        self.saved_text: str | None = None
        """The text as last handed to a save (or as read)."""
        self.area = TextArea(id="year-summary", soft_wrap=True, disabled=True)
        """The summary being written (kept: read again as the screen is taken down)."""
        self.writable = not context.core_lead
        """The summary is the adviser's to write; a core lead reads it and exports the year."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.READING, id="year-title", classes="status-line")
        yield self.area
        yield Static("", id="year-saved")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("The school's year {year}").format(year=academic_year_label(self.year))
        self.set_interval(TICK, self._tick)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="year")
    def load(self) -> None:
        """Read the school's name and the summary."""
        with self.context.database.session() as session:
            name = get_school(session, self.code).name
            text = year_summary(session, self.code, self.year)
        self.post_message(SummaryRead(name, text))

    @on(SummaryRead)
    def show(self, message: SummaryRead) -> None:
        self.read_ok = True
        title = _("The school's year {year} — {school}: the adviser's summary").format(
            year=academic_year_label(self.year), school=message.school_name
        )
        self.query_one("#year-title", Static).update(Content(title))
        area = self.area
        area.load_text(message.text)
        area.read_only = not self.writable
        area.disabled = False
        area.focus()
        self.saved_text = message.text
        self.loaded = self.writable  # (nothing is saved from a core lead's reading)
        if not self.writable:
            self.query_one("#year-saved", Static).update(
                Content(_("The school's adviser writes this summary; ctrl+o writes the year."))
            )

    @on(TextArea.Changed, "#year-summary")
    def typed(self) -> None:
        if self.loaded and self.area.text != self.saved_text:
            self.policy.touch("summary")

    def _tick(self) -> None:
        if self.policy.due():
            self.save()

    def save(self) -> None:
        """Hand the text to a save in a thread worker, if it changed."""
        self.policy.take()
        text = self.area.text
        if not self.loaded or text == self.saved_text:
            return
        self.saved_text = text
        self.run_worker(
            lambda: self._write(text), thread=True, group="year-save", exit_on_error=False
        )

    def _write(self, text: str) -> None:
        try:
            with self.context.database.session() as session:
                save_year_summary(session, self.code, self.year, text)
        except Exception as error:  # reported on the screen; typed again, saved again
            self.post_message(SummarySaved(None, error))
            return
        data_changed(self, fresh=self)
        self.post_message(SummarySaved(datetime.now()))

    @on(SummarySaved)
    def saved(self, message: SummarySaved) -> None:
        line = self.query_one("#year-saved", Static)
        if message.error is not None:
            self.saved_text = None  # try again at the next change or on leaving
            self.policy.touch("summary")
            line.update(Content(describe(message.error)))
        elif message.at is not None:
            line.update(Content(_("Saved at {time}").format(time=clock(message.at))))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving is not offered to a core lead (the summary is the adviser's)."""
        if action == "save_now" and not self.writable:
            return False
        return super().check_action(action, parameters)

    def action_save_now(self) -> None:
        """Save now."""
        self.save()

    def action_back(self) -> None:
        """Save, then back to the school's page."""
        self._save_sync()
        self.dismiss()

    def on_unmount(self) -> None:
        """Taken down (the app quitting): what is unsaved is saved, synchronously."""
        self._save_sync()

    def _save_sync(self) -> None:
        if not self.loaded:
            return
        text = self.area.text
        if text == self.saved_text:
            return
        self.saved_text = text
        with self.context.database.session() as session:
            save_year_summary(session, self.code, self.year, text)
        data_changed(self, fresh=self)

    def action_export_word(self) -> None:
        """Save, then write the school's year to the export folder."""
        self._save_sync()
        self.export()

    @work(thread=True, exclusive=True, exit_on_error=False, group="year-export")
    def export(self) -> None:
        with self.context.database.session() as session:
            path = export_school_year(session, self.code, self.year, export_folder(session))
        self.app.call_from_thread(
            self.notify, _("Wrote {path}").format(path=str(path)), markup=False
        )
