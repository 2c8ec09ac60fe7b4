"""Drilling down from the core lead's home screen: an SIA's schools, a school's judgements.

Both are read-only: a core lead watches an SIA's work and never edits an SIA's note (the
notes behind the judgements open in the editor, which shows another adviser's note read
only). Escape goes back.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static

from sia_console.i18n import _
from sia_console.services.authority.summary import SiaSchool, sia_schools
from sia_console.services.notes.history import NoteHistoryRow, school_notes
from sia_console.services.schools.page import SchoolOverview, school_overview
from sia_console.tui.context import AppContext
from sia_console.tui.messages import OpenSchool
from sia_console.tui.notes.history import NoteHistoryTable
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.authority_tables import SiaSchoolTable
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.record_tables import JudgementTable
from sia_console.tui.widgets.risk_trend import TrendPanel
from sia_console.tui.widgets.section import Section

BACK: list[BindingType] = [
    Binding("escape", "app.pop_screen", _("Back"), id="authority.back", tooltip=_("Go back"))
]


class SiaSchoolsScreen(DataScreen):
    """The link schools of one SIA, most behind first; Enter shows a school's judgements."""

    ABOUT = _(
        "The link schools of one adviser, the most behind first. Enter shows a school's risk "
        "judgements over time."
    )

    BINDINGS: ClassVar[list[BindingType]] = BACK
    LOAD_FAILED = _("Could not load the SIA's schools")

    class Loaded(Message):
        """The SIA's schools have been read."""

        def __init__(self, schools: tuple[SiaSchool, ...]) -> None:
            super().__init__()
            self.schools = schools

    def __init__(self, context: AppContext, adviser_id: str | None, name: str) -> None:
        super().__init__(context)
        self.adviser_id = adviser_id
        """The SIA (``None``: schools without one)."""
        self.adviser_name = name

    def compose(self) -> ComposeResult:
        self.load()
        yield Header()
        with Vertical(id="body"):  # (one list, as tall as the screen)
            yield Static(self.READING, id="summary", classes="status-line")
            yield Section(
                _("Link schools"), SiaSchoolTable(), empty=_("No link schools."), id="schools"
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.adviser_name

    def read_again(self) -> None:
        """Something was written since the last read (a reassignment, an import)."""
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sia-schools")
    def load(self) -> None:
        """Read the SIA's schools in a thread."""
        with self.context.database.session() as session:
            schools = sia_schools(session, self.adviser_id, self.context.today())
        self.post_message(self.Loaded(schools))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.query_one("#summary", Static).update(Content(self.adviser_name))
        section = self.query_one("#schools", Section)
        section.show(message.schools)
        section.table.focus()

    @on(OpenSchool)
    def _open_school(self, message: OpenSchool) -> None:
        message.stop()
        self.app.push_screen(SchoolJudgementsScreen(self.context, message.code))


class SchoolJudgementsScreen(DataScreen):
    """A school's floor-target risk judgements over time, newest first, its risk trend and
    the notes of visit behind them (read-only)."""

    ABOUT = _(
        "A school's floor-target risk judgements over time, newest first, with the notes of "
        "visit behind them (read only)."
    )

    BINDINGS: ClassVar[list[BindingType]] = BACK
    LOAD_FAILED = _("Could not load the school")

    class Loaded(Message):
        """The school has been read."""

        def __init__(self, overview: SchoolOverview, notes: tuple[NoteHistoryRow, ...]) -> None:
            super().__init__()
            self.overview = overview
            self.notes = notes

    def __init__(self, context: AppContext, code: str) -> None:
        super().__init__(context)
        self.code = code

    def compose(self) -> ComposeResult:
        self.load()
        yield Header()
        with VerticalScroll(id="body"):
            yield Static(self.READING, id="summary", classes="status-line")
            yield TrendPanel()
            yield Section(
                _("Risk judgements"),
                JudgementTable(),
                empty=_("No risk judgement recorded yet."),
                id="judgements",
            )
            yield Section(
                _("Notes of visit"),
                NoteHistoryTable(),
                empty=_("No notes of visit yet."),
                id="notes",
            )
        yield KeyFooter()

    def read_again(self) -> None:
        """Something was written since the last read (an import, a resolved conflict)."""
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="school-judgements")
    def load(self) -> None:
        """Read the school in a thread."""
        with self.context.database.session() as session:
            overview = school_overview(session, self.code)
            notes = tuple(school_notes(session, self.code))
        self.post_message(self.Loaded(overview, notes))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        school = message.overview.school
        self.sub_title = school.name
        parts = [school.name, school.code, school.local_authority, school.category or ""]
        self.query_one("#summary", Static).update(Content(" · ".join(p for p in parts if p)))
        judgements = message.overview.judgements
        self.query_one(TrendPanel).show(judgements)
        self.query_one("#notes", Section).show(message.notes)
        section = self.query_one("#judgements", Section)
        section.show(judgements)
        section.table.focus()
