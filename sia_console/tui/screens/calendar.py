"""The calendar: a month grid beside the agenda of the selected day or week.

The adviser's home for the year. Arrows move the day, PgUp/PgDn the month, ``t`` comes
back to today, ``w`` switches the agenda between the day and its week. From here a visit
is planned (``a``), changed or moved (``e``, Enter), cancelled (``x``) or postponed
(``p``) — a visit still planned at a school the core lead has linked to another adviser
is marked "school reassigned", and cancelling it offers that reason; ``y`` opens the
year's programme and ``i`` exports the calendar for Outlook.

A month grid (six weeks) is read in one worker and kept, so moving the day inside it, or
back to a month already seen, reads nothing; any change empties what was kept.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static

from sia_console.domain.caseload import reassigned_words
from sia_console.domain.enums import VisitStatus
from sia_console.i18n import _, ngettext
from sia_console.paths import default_exports_dir
from sia_console.services.errors import ServiceError
from sia_console.services.programme.calendar import (
    CalendarPeriod,
    calendar_period,
    month_grid_bounds,
)
from sia_console.services.programme.changes import SavedVisit
from sia_console.services.programme.ical import export_ics
from sia_console.services.settings import export_folder
from sia_console.tui import formatting as fmt
from sia_console.tui import visit_actions
from sia_console.tui.calendar_messages import CalendarLoaded
from sia_console.tui.context import AppContext
from sia_console.tui.messages import OpenNote
from sia_console.tui.screens.base import DataScreen, describe
from sia_console.tui.widgets.agenda import Agenda
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.month_grid import Legend, Mark, MonthGrid, add_months

WIDE = 110
"""From this many columns the grid takes a larger share of the width."""
KEPT_MONTHS = 24
"""Months of data kept for moving back and forth without reading again."""


def _binding(key: str, action: str, label: str, tip: str, *, show: bool = True) -> Binding:
    return Binding(key, action, label, show=show, id=f"calendar.{action}", tooltip=tip)


class CalendarScreen(DataScreen):
    """The month grid and the agenda."""

    ABOUT = _(
        "Your calendar of visits for the year: the month on the left, the agenda of the day "
        "or week on the right. Plan, move, cancel or postpone a visit here; the year's "
        "programme of visits and an export for Outlook are one key away."
    )

    CSS_PATH = "../calendar.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        _binding("a", "plan", _("Plan"), _("Plan a visit on the selected day")),
        _binding("e", "edit", _("Edit"), _("Change or move the selected visit")),
        _binding("x", "cancel_visit", _("Cancel"), _("Cancel the selected visit (kept, marked)")),
        _binding("p", "postpone", _("Postpone"), _("Postpone the selected visit")),
        _binding("w", "toggle_week", _("Week"), _("Show the whole week in the agenda")),
        _binding("t", "today", _("Today"), _("Go back to today")),
        _binding("pageup", "month(-1)", _("Month before"), _("The month before"), show=False),
        _binding("pagedown", "month(1)", _("Month after"), _("The month after"), show=False),
        _binding("y", "programme", _("Programme"), _("Plan the year's programme of visits")),
        _binding("i", "export", _("Export .ics"), _("Export the calendar for Outlook or Google")),
        _binding("n", "note", _("Note"), _("Open the note of the selected visit")),
        _binding("r", "refresh", _("Refresh"), _("Read the calendar again"), show=False),
    ]

    LOAD_FAILED = _("Could not load the calendar")

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.kept: dict[date, CalendarPeriod] = {}
        """Months already read, by their first day."""
        self.week = False

    def compose(self) -> ComposeResult:
        today = self.context.today()
        yield Header()
        with Horizontal(id="calendar-body"):
            with Vertical(id="calendar-left"):
                yield MonthGrid(today, today, id="month-grid")
                yield Legend(id="calendar-legend")
            with Vertical(id="calendar-right"):
                yield Static(self.READING, id="agenda-title", classes="status-line")
                yield Agenda(id="agenda")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Calendar")
        self.grid.focus()
        self.show_selected()

    def read_again(self) -> None:
        """Visits changed (in a note, a school's page or another place): read again."""
        if self.read_ok:
            self.changed()

    def on_resize(self, event: events.Resize) -> None:
        """Give the grid wider days on a wide terminal."""
        self.set_class(event.size.width >= WIDE, "-wide")

    @property
    def grid(self) -> MonthGrid:
        """The month grid."""
        return self.query_one(MonthGrid)

    @property
    def agenda(self) -> Agenda:
        """The agenda list."""
        return self.query_one(Agenda)

    # ----------------------------------------------------------------- reading

    def show_selected(self) -> None:
        """Show the selected day's month from what is kept, or read it."""
        month = self.grid.selected.replace(day=1)
        period = self.kept.get(month)
        if period is None:
            self.load(month)
        else:
            self._show(period)

    @work(thread=True, exclusive=True, exit_on_error=False, group="calendar")
    def load(self, month: date) -> None:
        """Read a month grid's visits in a thread and post them back."""
        first, last = month_grid_bounds(month)
        with self.context.database.session() as session:
            period = calendar_period(session, first, last, self.context.today())
        self.post_message(CalendarLoaded(month, period))

    @on(CalendarLoaded)
    def _loaded(self, message: CalendarLoaded) -> None:
        self.read_ok = True
        if len(self.kept) >= KEPT_MONTHS:
            self.kept.pop(next(iter(self.kept)))
        self.kept[message.month] = message.period
        if message.month == self.grid.selected.replace(day=1):
            self._show(message.period)

    def _show(self, period: CalendarPeriod) -> None:
        marks: dict[date, list[Mark]] = {}
        for visit in period.visits:
            marks.setdefault(visit.start.date(), []).append(
                Mark.of(visit.status, visit.note_overdue)
            )
        holidays = dict(period.bank_holidays)
        self.grid.show(marks, holidays, period.terms)
        self._show_agenda(period, holidays)

    def _show_agenda(self, period: CalendarPeriod, holidays: dict[date, str]) -> None:
        day = self.grid.selected
        first = day - timedelta(days=day.weekday()) if self.week else day
        days = 7 if self.week else 1
        visits = [v for v in period.visits if 0 <= (v.start.date() - first).days < days]
        self.agenda.show(visits, first=first, days=days, holidays=holidays)
        if self.week:
            title = _("Week of {day}").format(day=fmt.short_day_with_year(first))
        else:
            title = fmt.long_day(day)
        count = ngettext("{count} visit", "{count} visits", len(visits)).format(count=len(visits))
        self.query_one("#agenda-title", Static).update(
            Content.assemble((title, "bold"), " · ", (count, "$text-muted"))
        )

    @on(MonthGrid.DayChosen)
    def _day_chosen(self) -> None:
        self.show_selected()

    @on(MonthGrid.DayActivated)
    def _day_activated(self, message: MonthGrid.DayActivated) -> None:
        self.action_plan()

    def changed(self, saved: SavedVisit | None = None) -> None:
        """Something was saved: forget what was kept, follow a moved visit, read again."""
        self.kept.clear()
        if saved is not None and saved.start.date() != self.grid.selected:
            self.grid.select(saved.start.date(), announce=False)
        self.show_selected()

    # ----------------------------------------------------------------- actions

    def action_month(self, months: int) -> None:
        """Move the selected day a month back or on."""
        self.grid.select(add_months(self.grid.selected, months))

    def action_today(self) -> None:
        """Select today."""
        self.grid.select(self.context.today())

    def action_toggle_week(self) -> None:
        """Show the week in the agenda, or only the day."""
        self.week = not self.week
        self.grid.set_week_mode(self.week)
        self.show_selected()

    def action_refresh(self) -> None:
        """Read the calendar again."""
        self.changed()

    def action_plan(self) -> None:
        """Plan a visit on the selected day."""
        visit_actions.plan_visit(self, self.changed, day=self.grid.selected)

    def action_edit(self) -> None:
        """Change or move the highlighted visit."""
        visit = self.agenda.highlighted_visit()
        if visit is not None:
            visit_actions.edit_visit(self, visit.id, self.changed)

    def _change_status(self, status: VisitStatus) -> None:
        visit = self.agenda.highlighted_visit()
        if visit is None or visit.status is status:
            return
        visit_actions.change_status(
            self,
            self.changed,
            visit_id=visit.id,
            school_name=visit.school_name,
            start=visit.start,
            status=status,
            reason=reassigned_words() if visit.reassigned else "",
        )

    def action_cancel_visit(self) -> None:
        """Cancel the highlighted visit (it stays, marked cancelled)."""
        self._change_status(VisitStatus.CANCELLED)

    def action_postpone(self) -> None:
        """Postpone the highlighted visit."""
        self._change_status(VisitStatus.POSTPONED)

    def action_note(self) -> None:
        """Open the note of visit of the highlighted visit."""
        visit = self.agenda.highlighted_visit()
        if visit is not None:
            self.post_message(OpenNote(visit.id))

    VISIT_WRITES = frozenset({"plan", "edit", "cancel_visit", "postpone", "programme"})
    """Actions that plan or change an adviser's visits: never offered to a core lead, who
    reads the advisers' calendars but plans and changes none of their visits."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the visit keys only when a visit is selected in the agenda, and a core
        lead none of those that would change a visit."""
        if self.context.core_lead and action in self.VISIT_WRITES:
            return False
        if action in ("edit", "cancel_visit", "postpone", "note"):
            visit = self.agenda.highlighted_visit() if self.is_mounted else None
            if action == "note" and self.context.core_lead:  # (opens, never starts, a note)
                return visit is not None and visit.note_status is not None
            return visit is not None
        return True

    @on(OptionList.OptionHighlighted, "#agenda")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#agenda")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_programme(self) -> None:
        """Open the programme preview for the academic year of the selected day."""
        from sia_console.domain.programme import academic_year_of
        from sia_console.tui.screens.programme import ProgrammeScreen

        screen = ProgrammeScreen(self.context, academic_year_of(self.grid.selected))

        def closed(_result: None) -> None:
            if screen.applied:
                self.changed()

        self.app.push_screen(screen, callback=closed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export-ask")
    def action_export(self) -> None:
        """Ask where to write the calendar (the export folder setting, else the user's
        documents), then export it."""
        from sia_console.tui.dialogs.ics_dialog import IcsDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.export(path)

        with self.context.database.session() as session:
            folder = export_folder(session, default_exports_dir())
        self.app.call_from_thread(self.app.push_screen, IcsDialog(folder), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def export(self, path: Path) -> None:
        """Write the iCalendar file in a thread and say where it went (or why not)."""
        try:
            if path.parent == default_exports_dir():  # (a folder of the user's: made if missing)
                path.parent.mkdir(parents=True, exist_ok=True)
            with self.context.database.session() as session:
                result = export_ics(session, path)
        except (ServiceError, OSError) as error:
            self.app.call_from_thread(
                self.notify,
                describe(error),
                title=_("The calendar was not exported"),
                severity="error",
                markup=False,
            )
            return
        message = ngettext(
            "Exported {count} visit to {path}.", "Exported {count} visits to {path}.", result.events
        ).format(count=result.events, path=result.path)
        self.app.call_from_thread(self.notify, message, title=_("Calendar exported"), markup=False)
