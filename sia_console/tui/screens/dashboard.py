"""The first screen: today's visits and the next seven days', and what needs attention.

What needs attention is three lists: notes of visit overdue, schools whose latest agreed
floor-target risk judgement is high (a draft's, on a visit made, marked provisional), and
open actions falling due (n opens the note where one was agreed, at its actions page,
where d marks it done). A visit still planned at a school the core lead has linked to
another adviser is marked "school reassigned", and x cancels it. A database without
schools says so, and says how to get some.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from sia_console.i18n import _, ngettext
from sia_console.paths import default_db_path
from sia_console.services.today_rows import DashboardSummary
from sia_console.tui import formatting as fmt
from sia_console.tui.data_changes import data_changed
from sia_console.tui.messages import CancelReassigned, DashboardLoaded, FirstScreenShown
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.conflict_note import ConflictNote
from sia_console.tui.widgets.coverage_table import CoverageTable
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.record_tables import (
    ActionTable,
    HighRiskTable,
    OverdueNoteTable,
    TodayVisitTable,
    WeekVisitTable,
)
from sia_console.tui.widgets.section import Section
from sia_console.tui.widgets.tables import RecordTable

if TYPE_CHECKING:
    from sqlmodel import Session


def dashboard_summary(session: Session, today: date) -> DashboardSummary:
    """The services' read of the day (``services.today``, imported at the first call: it
    loads the ORM, which the first screen's quick read does without)."""
    from sia_console.services.today import dashboard_summary as read

    return read(session, today)


SIDE_BY_SIDE_WIDTH = 160
"""From this many columns, visits sit on the left and what needs attention on the right."""


class DashboardScreen(DataScreen):
    """Today, the next seven days, overdue notes, high-risk schools and actions due."""

    ABOUT = _(
        "Your day at a glance: the visits coming up, notes of visit overdue, schools whose "
        "latest floor-target risk judgement is high, and actions falling due. The letters at "
        "the foot of the screen go to the other places."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "refresh",
            _("Refresh"),
            id="dashboard.refresh",
            tooltip=_("Read the dashboard again from the database"),
        ),
        Binding(
            "y",
            "app.show_sync",
            _("Sync"),
            id="dashboard.sync",
            tooltip=_("Send your work to your core lead, import theirs, resolve conflicts"),
        ),
    ]

    LOAD_FAILED = _("Could not load the dashboard")
    AUTO_FOCUS = ""  # nothing yet: the first list with rows is focused when data arrives
    _read_once = False
    """Whether a summary has been shown (later showings of the screen read again)."""
    _counted_once = False
    """Whether the sync conflicts have been counted (the first count may go through
    ``sqlite3``, as the first read does)."""

    _first: DashboardSummary | None = None
    """The first read, made before the widgets are built (shown as they are mounted)."""

    def compose(self) -> ComposeResult:
        if not self._read_once:
            from sia_console.services import today_sqlite

            self._first = self.first_read(today_sqlite.dashboard_summary)
        if self._first is None:
            self.load()  # start reading now: SQLite works while the widgets are built
        yield Header()
        with VerticalScroll(id="body"):
            yield Static(self.READING, id="summary", classes="status-line")
            yield ConflictNote(id="sync-note")
            yield Static(id="welcome")
            wide = self.app.size.width >= SIDE_BY_SIDE_WIDTH  # (as on resize, drawn once)
            with Container(id="columns", classes="-side-by-side" if wide else ""):
                with Vertical(classes="column -first"):
                    yield Section(
                        _("Today"), TodayVisitTable(), empty=_("No visits today."), id="today"
                    )
                    yield Section(
                        _("Next seven days"),
                        WeekVisitTable(),
                        empty=_("No visits in the next seven days."),
                        id="week",
                    )
                    yield Section(
                        _("Behind the programme"),
                        CoverageTable(),
                        empty=_("Every link school is on track with its programme of visits."),
                        id="coverage",
                    )
                with Vertical(classes="column"):
                    yield Section(
                        _("Notes overdue"),
                        OverdueNoteTable(),
                        empty=_("No notes overdue."),
                        id="overdue",
                    )
                    yield Section(
                        _("High risk schools"),
                        HighRiskTable(),
                        empty=_("No school's latest risk judgement is high."),
                        id="risk",
                    )
                    yield Section(
                        _("Actions due"),
                        ActionTable(),
                        empty=_("No open actions due in the next two weeks."),
                        id="actions",
                    )
        yield KeyFooter(held=True)  # its keys are those of the list focused once data arrives

    def on_mount(self) -> None:
        self.sub_title = _("Dashboard")
        first, self._first = self._first, None
        if first is not None:  # in the widgets before they are first laid out and drawn
            self._show(first)

    def on_resize(self, event: events.Resize) -> None:
        """Put the lists side by side on a wide terminal (only then does a style change)."""
        wide = event.size.width >= SIDE_BY_SIDE_WIDTH
        self.query_one("#columns").set_class(wide, "-side-by-side")

    def read_again(self) -> None:
        """Something was written since the last read (a visit, a note, an import)."""
        self.load()
        self.count_conflicts()

    def action_refresh(self) -> None:
        """Read everything again."""
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="dashboard")
    def load(self) -> None:
        """Read the dashboard in a thread and post it back.

        The first read of an app started on a ready database goes through ``sqlite3``
        (``services.today_sqlite``: the same answers), so the day is shown before the
        ORM is loaded; later reads use the services as every other screen does.
        """
        today = self.context.today()
        quick = self.context.quick
        if quick is not None and not self._read_once:
            from sia_console.services import today_sqlite

            with quick.lock:
                summary = today_sqlite.dashboard_summary(quick.connection, today)
        else:
            with self.context.database.session() as session:
                summary = dashboard_summary(session, today)
        self.post_message(DashboardLoaded(summary))

    @on(events.ScreenResume)
    def _recount_conflicts(self) -> None:
        self.count_conflicts()

    @work(thread=True, exclusive=True, exit_on_error=False, group="dashboard-sync")
    def count_conflicts(self) -> None:
        """Count the sync conflicts waiting for a choice (shown only when there are some)."""
        quick = self.context.quick
        first, self._counted_once = not self._counted_once, True
        if quick is not None and first:  # the first count, beside the first read
            from sia_console.services import today_sqlite

            with quick.lock:
                count = today_sqlite.unresolved_count(quick.connection)
        else:
            from sia_console.services.sync.conflicts import unresolved_count

            with self.context.database.session() as session:
                count = unresolved_count(session)
        self.post_message(ConflictNote.Counted(count))

    @on(CancelReassigned)
    def _cancel_reassigned(self, message: CancelReassigned) -> None:
        """Cancel a visit planned at a school now another adviser's (the reason offered);
        handing it over is not the adviser's to do (``domain.caseload``)."""
        from sia_console.domain.caseload import reassigned_words
        from sia_console.domain.enums import VisitStatus
        from sia_console.tui import visit_actions

        if message.every:
            self._count_every_reassigned()
            return

        def cancelled(_saved: object) -> None:
            self.load()

        visit_actions.change_status(
            self,
            cancelled,
            visit_id=message.visit_id,
            school_name=message.school_name,
            start=message.start,
            status=VisitStatus.CANCELLED,
            reason=reassigned_words(),
        )

    @work(thread=True, exit_on_error=False, group="dashboard-handed-on")
    def _count_every_reassigned(self) -> None:
        from sia_console.services.programme.handed_on import reassigned_visits

        with self.context.database.session() as session:
            count = len(reassigned_visits(session))
        self.app.call_from_thread(self._ask_to_cancel_every, count)

    def _ask_to_cancel_every(self, count: int) -> None:
        """Ask once, with the reason offered, before cancelling them all."""
        from sia_console.domain.caseload import reassigned_words
        from sia_console.tui.dialogs.reason_dialog import ReasonDialog

        body = Content(
            ngettext(
                "Cancel the {count} visit you still have planned at a school the core lead "
                "has linked to another adviser? It stays in your calendar, cancelled.",
                "Cancel the {count} visits you still have planned at schools the core lead "
                "has linked to another adviser? They stay in your calendar, cancelled.",
                count,
            ).format(count=count)
        )
        dialog = ReasonDialog(
            _("Cancel the visits?"), body, confirm=_("Cancel them"), reason=reassigned_words()
        )
        self.app.push_screen(dialog, self._cancel_every)

    def _cancel_every(self, answer: str | None) -> None:
        if answer is not None:
            self._cancel_every_with(answer)

    @work(thread=True, exit_on_error=False, group="dashboard-handed-on")
    def _cancel_every_with(self, reason: str) -> None:
        from sia_console.services.programme.handed_on import cancel_reassigned_visits

        with self.context.database.session() as session:
            cancelled = cancel_reassigned_visits(session, reason)
        data_changed(self, fresh=self)
        self.app.call_from_thread(self._every_cancelled, len(cancelled))

    def _every_cancelled(self, count: int) -> None:
        self.load()
        self.notify(
            ngettext("Cancelled {count} visit.", "Cancelled {count} visits.", count).format(
                count=count
            ),
            markup=False,
        )

    @on(ConflictNote.Counted)
    def _show_conflicts(self, message: ConflictNote.Counted) -> None:
        self.query_one("#sync-note", ConflictNote).show(message.count)

    @on(DashboardLoaded)
    def show_summary(self, message: DashboardLoaded) -> None:
        """Hand the freshly read summary down to the widgets."""
        self._show(message.summary)

    def _show(self, summary: DashboardSummary) -> None:
        first, self._read_once = not self._read_once, True
        self.query_one("#summary", Static).update(self._headline(summary))
        empty = summary.school_count == 0
        self.set_class(empty, "-no-schools")
        self.query_one("#welcome", Static).update(self._welcome(summary) if empty else "")
        self.query_one("#today", Section).show(summary.today_visits)
        self.query_one("#week", Section).show(summary.week_visits)
        self.query_one("#overdue", Section).show(summary.overdue_notes)
        self.query_one("#risk", Section).show(summary.high_risk)
        self.query_one("#actions", Section).show(summary.actions_due, today=summary.today)
        self.query_one("#coverage", Section).show(summary.programme_behind)
        if not isinstance(self.focused, RecordTable) or not self.focused.display:
            self._focus_first_table()
        self.query_one(KeyFooter).release()
        if first:  # once it is drawn: what waits for it (the ORM's import) takes the CPU
            self.call_after_refresh(self.post_message, FirstScreenShown())

    def _focus_first_table(self) -> None:
        # By its records, not its rows (a table's rows wait for its width on the first read),
        # and at once rather than after the next refresh (``Widget.focus``): the footer
        # built in between was built again for the focused table.
        for section in self.query(Section):
            if section.table.records:
                self.set_focus(section.table)
                return

    def _headline(self, summary: DashboardSummary) -> Content:
        parts: list[Content] = [Content.styled(fmt.long_day(summary.today), "bold")]
        if summary.adviser_name:
            parts.append(Content(summary.adviser_name))
        count = summary.school_count
        parts.append(
            Content(
                ngettext("{count} link school", "{count} link schools", count).format(count=count)
            )
        )
        if summary.is_demo:
            parts.append(Content.styled(_("demo data"), "$text-warning"))
        elif summary.adviser_name is None and count:
            parts.append(
                Content.styled(_("no identity yet: run sia-console init"), "$text-warning")
            )
        return Content(" · ").join(parts)

    def _welcome(self, summary: DashboardSummary) -> Content:
        database = self.context.path
        prefix = "sia-console"
        if database is not None and database != default_db_path():
            prefix = f"sia-console --db {database}"
        lines: list[Content] = [
            Content.styled(_("Welcome to sia-console"), "bold $text-primary"),
            Content(""),
            Content(_("This database has no link schools yet.")),
            Content(""),
            Content(_("To explore with fictional schools, visits and notes, run:")),
            Content.styled("    sia-console demo", "bold"),
            Content(_("To add your own link schools from a CSV file, run:")),
            Content.styled(f"    {prefix} schools import FILE.csv", "bold"),
        ]
        if summary.adviser_name is None:
            lines += [
                Content(""),
                Content(_("You have no adviser identity yet; create yours with:")),
                Content.styled(f'    {prefix} init --name "Your Name" --role sia', "bold"),
            ]
        if database is not None:
            lines += [Content(""), Content(_("Database: {path}").format(path=database))]
        return Content("\n").join(lines)
