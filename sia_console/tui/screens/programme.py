"""The year's programme of visits: preview it as a table and on the month grid, then apply.

The proposal is made by the same service as ``visits programme``: the shipped Wiltshire
programme or a template file, every link school, working days only, one school visit per
half-day, clear of everything already in the diary. Proposed visits show as ○ on the
grid beside the visits already there; nothing is written until Apply is confirmed, and
applying again adds nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, DataTable, Header, Input, Label, Static

from sia_console.domain.enums import ProgrammeVisitState
from sia_console.domain.labels import word
from sia_console.domain.text import one_line
from sia_console.i18n import _, ngettext
from sia_console.services.errors import ServiceError
from sia_console.services.programme.calendar import calendar_period
from sia_console.services.programme.planning import ProgrammePlan, ProgrammeVisitRow, programme_plan
from sia_console.tui import formatting as fmt
from sia_console.tui.calendar_messages import ProgrammeLoaded, ProgrammeRefused
from sia_console.tui.context import AppContext
from sia_console.tui.data_changes import data_changed
from sia_console.tui.dialogs.confirm import ConfirmDialog
from sia_console.tui.formatting import Tones
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.month_grid import Legend, Mark, MonthGrid, add_months

SCHOOL_WIDTH = 24
"""Characters of a school's name in the table: enough to tell schools apart at 80 columns."""

NOTHING_TO_ADD = _("nothing to add")
"""What the status line says once the programme is all in the calendar."""
ALL_PLANNED = _("Nothing to add: every visit of the programme is already in the calendar.")
"""What a second Apply says."""


class ProgrammeScreen(DataScreen):
    """A year's proposed visits, to look at and then apply."""

    ABOUT = _(
        "The annual programme of visits proposed for every link school, as a table and on the "
        "month grid (proposed visits show as ○). Nothing is written until you apply it; "
        "applying it again adds nothing."
    )

    CSS_PATH = "../calendar.tcss"  # (read when first shown, not at start-up)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "back", _("Back"), id="programme.back", tooltip=_("Back to the calendar")
        ),
        Binding(
            "ctrl+s",
            "apply",
            _("Apply"),
            id="programme.apply",
            tooltip=_("Add the proposed visits to the calendar"),
        ),
        Binding("pageup", "month(-1)", _("Month before"), show=False, id="programme.prev"),
        Binding("pagedown", "month(1)", _("Month after"), show=False, id="programme.next"),
    ]

    LOAD_FAILED = _("Could not make the programme")

    def __init__(self, context: AppContext, year: int) -> None:
        super().__init__(context)
        self.year = year
        self.plan: ProgrammePlan | None = None
        self.applied = False
        """Whether visits were added (the calendar then reads again)."""

    def compose(self) -> ComposeResult:
        today = self.context.today()
        yield Header()
        with Vertical(id="body"):
            with Horizontal(id="programme-controls"):
                yield Label(_("Year"))
                yield Input(str(self.year), compact=True, id="programme-year")
                yield Label(_("Template"))
                yield Input(
                    placeholder=_("the Wiltshire programme (or a .toml file)"),
                    compact=True,
                    id="programme-template",
                )
                yield Button(_("Preview"), compact=True, id="programme-preview")
                yield Button(_("Apply"), variant="primary", compact=True, id="programme-apply")
            yield Static(self.READING, id="programme-status", classes="status-line")
            with Horizontal(id="programme-main"):
                with Vertical(id="programme-left"):
                    yield MonthGrid(date(self.year, 9, 1), today, id="programme-grid")
                    yield Legend(id="programme-legend")
                yield DataTable(cursor_type="row", zebra_stripes=True, id="programme-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("The year's programme")
        table = self.query_one(DataTable)
        # fixed widths: the table is filled as soon as it mounts; the school first, so that
        # a narrow terminal (80 columns) still shows which school each row is
        table.add_column(_("School"), width=SCHOOL_WIDTH)
        table.add_column(_("When"), width=16)
        table.add_column(_("State"), width=max(len(word(state)) for state in ProgrammeVisitState))
        table.add_column(_("No."), width=3)
        self.query_one("#programme-apply", Button).disabled = True
        self.preview()

    # ------------------------------------------------------------------ reading

    def _inputs(self) -> tuple[int, Path | None] | None:
        text = self.query_one("#programme-year", Input).value.strip()
        if not (text.isdigit() and len(text) == 4):
            self._status(
                Content.styled(_("The year must be four digits, such as 2027."), "$text-error")
            )
            return None
        template = self.query_one("#programme-template", Input).value.strip()
        return int(text), Path(template).expanduser() if template else None

    def preview(self) -> None:
        """Propose the year's visits again from the fields."""
        inputs = self._inputs()
        if inputs is not None:
            self._status(Content(self.READING))
            self.load(*inputs, apply=False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="programme")
    def load(self, year: int, template: Path | None, *, apply: bool) -> None:
        """Make (or apply) the programme and read the year around it."""
        today = self.context.today()
        try:
            with self.context.database.session() as session:
                plan = programme_plan(
                    session, year=year, apply=apply, template=template, today=today
                )
                first = date(year, 9, 1) - timedelta(days=7)
                period = calendar_period(session, first, date(year + 1, 9, 7), today)
        except ServiceError as error:
            self.post_message(ProgrammeRefused(str(error)))
            return
        self.post_message(ProgrammeLoaded(plan, period, apply))

    @on(ProgrammeRefused)
    def _refused(self, message: ProgrammeRefused) -> None:
        self.plan = None
        self.query_one("#programme-apply", Button).disabled = True
        self.query_one(DataTable).clear()
        self._status(Content.styled(message.reason, "$text-error"))

    @on(ProgrammeLoaded)
    def _loaded(self, message: ProgrammeLoaded) -> None:
        plan = self.plan = message.plan
        self.year = plan.year
        added = message.applied and plan.count(ProgrammeVisitState.ADDED) > 0
        if added:
            data_changed(self, fresh=self)
        self.applied = self.applied or added
        marks: dict[date, list[Mark]] = {}
        for visit in message.period.visits:
            marks.setdefault(visit.start.date(), []).append(
                Mark.of(visit.status, visit.note_overdue)
            )
        for row in plan.rows:
            if row.state is ProgrammeVisitState.PROPOSED and row.start is not None:
                marks.setdefault(row.start.date(), []).append(Mark.PROPOSED)
        grid = self.query_one(MonthGrid)
        grid.show(marks, dict(message.period.bank_holidays), message.period.terms)
        first = next(
            (r.start for r in plan.rows if r.state is ProgrammeVisitState.PROPOSED and r.start),
            None,
        )
        if first is not None or grid.selected.year not in (plan.year, plan.year + 1):
            grid.select((first.date() if first else date(plan.year, 9, 1)), announce=False)
        self._fill_table(plan.rows)
        self.query_one("#programme-apply", Button).disabled = (
            plan.count(ProgrammeVisitState.PROPOSED) == 0
        )
        self._status(self._summary(plan, message.applied))

    def _fill_table(self, rows: tuple[ProgrammeVisitRow, ...]) -> None:
        tones = Tones.of(self.app)
        styles = {
            ProgrammeVisitState.PROPOSED: "bold",
            ProgrammeVisitState.EXISTS: tones.quiet,
            ProgrammeVisitState.ADDED: tones.low,
            ProgrammeVisitState.UNPLACED: tones.high,
        }
        table = self.query_one(DataTable)
        table.clear()
        for index, row in enumerate(rows):
            when = fmt.day_and_time(row.start) if row.start else row.when
            table.add_row(
                fmt.plain(row.school_name, SCHOOL_WIDTH),
                Text(when),
                Text(word(row.state), style=styles[row.state]),
                Text(str(row.slot)),
                key=str(index),
            )

    def _summary(self, plan: ProgrammePlan, applied: bool) -> Content:
        year = f"{plan.year}–{str(plan.year + 1)[-2:]}"
        parts = [Content.styled(one_line(plan.template_name), "bold"), Content(year)]
        if applied:
            added = plan.count(ProgrammeVisitState.ADDED)
            parts.append(
                Content.styled(
                    ngettext("added {count} visit", "added {count} visits", added).format(
                        count=added
                    ),
                    "$text-success",
                )
            )
            if not added:
                parts.append(Content.styled(NOTHING_TO_ADD, "$text-success"))
        else:
            proposed = plan.count(ProgrammeVisitState.PROPOSED)
            parts.append(
                Content(_("{count} to add").format(count=proposed))
                if proposed
                else Content.styled(NOTHING_TO_ADD, "$text-success")
            )
        parts.append(
            Content(
                _("{count} already planned").format(count=plan.count(ProgrammeVisitState.EXISTS))
            )
        )
        unplaced = plan.count(ProgrammeVisitState.UNPLACED)
        if unplaced:
            parts.append(
                Content.styled(
                    _("{count} with no free half-day: plan them by hand").format(count=unplaced),
                    "$text-error",
                )
            )
        return Content(" · ").join(parts)

    def _status(self, content: Content) -> None:
        self.query_one("#programme-status", Static).update(content)

    # ------------------------------------------------------------------ actions

    @on(Input.Submitted)
    @on(Button.Pressed, "#programme-preview")
    def _preview_asked(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        self.preview()

    @on(Button.Pressed, "#programme-apply")
    def _apply_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        """Ask, then add every proposed visit."""
        plan, inputs = self.plan, self._inputs()
        if plan is None or inputs is None:
            return
        if not plan.count(ProgrammeVisitState.PROPOSED):
            self.notify(ALL_PLANNED, markup=False)
            return
        count = plan.count(ProgrammeVisitState.PROPOSED)
        question = ngettext(
            "Add {count} visit to the calendar for {year}–{next}?",
            "Add {count} visits to the calendar for {year}–{next}?",
            count,
        ).format(count=count, year=plan.year, next=str(plan.year + 1)[-2:])

        def answered(yes: bool | None) -> None:
            if yes:
                self.load(*inputs, apply=True)

        self.app.push_screen(
            ConfirmDialog(_("Apply the programme"), Content(question), confirm=_("Add them")),
            answered,
        )

    @on(DataTable.RowHighlighted, "#programme-table")
    def _row(self, event: DataTable.RowHighlighted) -> None:
        if self.plan is None or event.row_key.value is None:
            return
        row = self.plan.rows[int(event.row_key.value)]
        if row.start is not None:
            self.query_one(MonthGrid).select(row.start.date(), announce=False)

    def action_month(self, months: int) -> None:
        """Show the month before or after."""
        grid = self.query_one(MonthGrid)
        grid.select(add_months(grid.selected, months), announce=False)

    def action_back(self) -> None:
        """Back to the calendar (which reads again if visits were added)."""
        self.dismiss()
