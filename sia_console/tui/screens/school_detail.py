"""A school's page: what the register holds, its risk over time, its visits and open actions."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static

from sia_console.domain.enums import VisitStatus
from sia_console.domain.labels import label
from sia_console.i18n import _
from sia_console.services.notes.history import school_notes
from sia_console.services.schools.page import SchoolFacts, school_overview
from sia_console.services.schools.reassignment import (
    AssignmentHistoryEntry,
    assignment_history_of,
)
from sia_console.tui import visit_actions
from sia_console.tui.context import AppContext
from sia_console.tui.messages import ExportNotes, SchoolOverviewLoaded
from sia_console.tui.notes.history import NoteHistoryTable
from sia_console.tui.notes.messages import NoteHistoryLoaded
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.history_table import AssignmentHistoryTable
from sia_console.tui.widgets.record_tables import (
    JudgementTable,
    SchoolActionTable,
    SchoolVisitTable,
)
from sia_console.tui.widgets.risk_trend import TrendPanel
from sia_console.tui.widgets.section import Section


class SchoolDetailScreen(DataScreen):
    """One school, read in a worker when the page opens."""

    ABOUT = _(
        "One school: what the register holds about it, its floor-target risk judgements over "
        "time, its visits and its open actions. From here its notes of visit can be exported "
        "to Word."
    )

    CSS_PATH = "../schools.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            _("Back"),
            id="school.back",
            tooltip=_("Go back to where you opened this school from"),
        ),
        Binding(
            "r",
            "refresh",
            _("Refresh"),
            id="school.refresh",
            tooltip=_("Read this school again from the database"),
        ),
        Binding(
            "w",
            "export_word",
            _("Word"),
            id="school.export-word",
            tooltip=_("Write this school's notes of visit as Word documents, one file each"),
        ),
        Binding(
            "y",
            "school_year",
            _("Year"),
            id="school.year",
            tooltip=_("The school's year: write the adviser's summary, export it for governors"),
        ),
        *visit_actions.visit_bindings("school"),
    ]

    VISIT_WRITES = frozenset({"plan_visit", "edit_visit", "cancel_visit", "postpone_visit"})
    """Actions that change an adviser's visits: never offered to a core lead, whose
    database cannot plan or change them (only the adviser whose visit it is can)."""

    LOAD_FAILED = _("Could not open the school")
    AUTO_FOCUS = ""  # the visits list is focused when the data arrives (keys n, Enter work)

    def __init__(self, context: AppContext, code: str) -> None:
        super().__init__(context)
        self.code = code
        """The code of the school shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="body"):
            with Horizontal(id="school-head"):
                yield Static(self.READING, id="facts", classes="status-line")
                yield TrendPanel()
            yield Section(
                _("Visits"),
                SchoolVisitTable(),
                empty=_("No visits planned or made yet."),
                id="visits",
            )
            yield Section(
                _("Floor-target risk judgements"),
                JudgementTable(),
                empty=_("No risk judgement recorded yet."),
                id="judgements",
            )
            yield Section(
                _("Open actions"),
                SchoolActionTable(),
                empty=_("No open actions."),
                id="school-actions",
            )
            yield Section(
                _("Notes of visit"),
                NoteHistoryTable(),
                empty=_("No notes of visit yet."),
                id="notes",
            )
            yield Section(  # (shown only once the school has changed hands)
                _("Changes of link adviser"),
                AssignmentHistoryTable(),
                empty="",
                id="handovers",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.code
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what can work here: a core lead plans and changes no visit."""
        if self.context.core_lead and action in self.VISIT_WRITES:
            return False
        return super().check_action(action, parameters)

    def read_again(self) -> None:
        """The visits, the risk or the actions may have changed: read the school again."""
        self.load()

    def action_back(self) -> None:
        """Return to the screen this page was opened from."""
        self.dismiss()

    def action_refresh(self) -> None:
        """Read the school again."""
        self.load()

    def action_plan_visit(self) -> None:
        """Plan a visit to this school (from today)."""
        visit_actions.plan_visit(self, self._visits_changed, school_code=self.code)

    def action_edit_visit(self) -> None:
        """Change or move the highlighted visit."""
        visit = self.query_one(SchoolVisitTable).highlighted()
        if visit is not None:
            visit_actions.edit_visit(self, visit.visit_id, self._visits_changed)

    def _set_visit_status(self, status: VisitStatus) -> None:
        visit = self.query_one(SchoolVisitTable).highlighted()
        if visit is not None and visit.status is not status:
            visit_actions.change_status(
                self,
                self._visits_changed,
                visit_id=visit.visit_id,
                school_name=visit.school_name,
                start=visit.start,
                status=status,
            )

    def action_cancel_visit(self) -> None:
        """Cancel the highlighted visit (it stays, marked cancelled)."""
        self._set_visit_status(VisitStatus.CANCELLED)

    def action_postpone_visit(self) -> None:
        """Postpone the highlighted visit."""
        self._set_visit_status(VisitStatus.POSTPONED)

    def _visits_changed(self, _saved: object) -> None:
        self.load()

    def action_export_word(self) -> None:
        """Export this school's notes of visit to Word (the app opens the dialog)."""
        self.post_message(
            ExportNotes(
                school_code=self.code,
                description=_("The notes of visit of {school}").format(school=self.sub_title),
            )
        )

    def action_school_year(self) -> None:
        """Open the school's year: the adviser's summary, and its Word document."""
        from sia_console.tui.screens.year_summary import YearSummaryScreen

        self.app.push_screen(YearSummaryScreen(self.context, self.code))

    @work(thread=True, exclusive=True, exit_on_error=False, group="school")
    def load(self) -> None:
        """Read the school's page in a thread and post it back."""
        with self.context.database.session() as session:
            overview = school_overview(session, self.code)
            notes = tuple(school_notes(session, self.code))
            handovers = assignment_history_of(session, self.code)
        self.post_message(self.HandoversLoaded(handovers))
        self.post_message(NoteHistoryLoaded(notes))  # first: the page settles on the overview
        self.post_message(SchoolOverviewLoaded(overview))

    @on(SchoolOverviewLoaded)
    def show_overview(self, message: SchoolOverviewLoaded) -> None:
        """Hand the school's page down to the widgets."""
        overview = message.overview
        self.read_ok = True
        self.sub_title = overview.school.name
        self.query_one("#facts", Static).update(facts(overview.school))
        self.query_one("#visits", Section).show(overview.visits)
        self.query_one("#judgements", Section).show(overview.judgements)
        self.query_one(TrendPanel).show(overview.judgements)
        self.query_one("#school-actions", Section).show(
            overview.open_actions, today=self.context.today()
        )
        if self.focused is None:
            self.query_one(SchoolVisitTable).focus()

    class HandoversLoaded(Message):
        """The school's changes of link adviser have been read."""

        def __init__(self, handovers: tuple[AssignmentHistoryEntry, ...]) -> None:
            super().__init__()
            self.handovers = handovers

    @on(HandoversLoaded)
    def _show_handovers(self, message: HandoversLoaded) -> None:
        self.query_one("#handovers", Section).show(message.handovers)

    @on(NoteHistoryLoaded)
    def show_notes(self, message: NoteHistoryLoaded) -> None:
        """The school's notes of visit, newest first."""
        self.query_one("#notes", Section).show(message.notes)


def facts(school: SchoolFacts) -> Content:
    """The register's entry for a school, three short lines of literal text."""
    place = [school.code, school.local_authority]
    if school.cluster:
        place.append(_("cluster {name}").format(name=school.cluster))
    place.append(label(school.language))
    people: list[str] = []
    if school.headteacher:
        people.append(_("Headteacher: {name}").format(name=school.headteacher))
    if school.number_on_roll is not None:
        people.append(_("{count} on roll").format(count=school.number_on_roll))
    if school.category:
        people.append(_("Category: {category}").format(category=school.category))
    if school.adviser:
        people.append(_("Link adviser: {name}").format(name=school.adviser))
    contact = [part for part in (school.phone, school.email, school.postcode) if part]
    lines = [Content.styled(school.name, "bold $text-primary"), Content(" · ".join(place))]
    lines += [Content(" · ".join(part)) for part in (people, contact) if part]
    return Content("\n").join(lines)
