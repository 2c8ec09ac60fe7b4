"""The floor-target risk judgement page of the note editor.

The level (high, medium, low), the rationale, and the predictions for the current Y6
and Y5 per measure, each compared with the floor target; beside them, the school's
judgements so far this year. The panel only shows and reads its fields: the editor
screen hears their changes (messages bubble up) and saves them through its autosave.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from sia_console.domain.enums import Cohort, Measure, RiskLevel
from sia_console.domain.judgement_sense import combined_above_parts
from sia_console.domain.labels import label, word
from sia_console.i18n import _, ngettext
from sia_console.services.errors import InvalidInput
from sia_console.services.notes.risk import parse_percent
from sia_console.services.notes.workspace import NoteWorkspace
from sia_console.tui.widgets.note_text_area import NoteTextArea
from sia_console.tui.widgets.risk_trend import RiskTrend
from sia_console.tui.widgets.safe_input import OrderedInput, start_at_pressed

LEVELS = (RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW)
COHORTS = (Cohort.Y6, Cohort.Y5)
MEASURES = (Measure.READING, Measure.WRITING, Measure.MATHS, Measure.COMBINED)


def box_id(cohort: str, measure: str) -> str:
    """The id of the input for one prediction."""
    return f"predict-{cohort}-{measure}"


class RiskPanel(Vertical):
    """Level, rationale, predictions against the floor target, and this year's trend."""

    def __init__(self, workspace: NoteWorkspace, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="note-page")
        self.workspace = workspace
        self.floor_target = workspace.floor_target
        self.problems: list[str] = []
        """Predictions typed that are not percentages, in words (not saved)."""

    def compose(self) -> ComposeResult:
        risk = self.workspace.note.risk
        level = risk.level if risk else None
        values = {(p.cohort, p.measure): p.percent for p in (risk.predictions if risk else [])}
        yield Static(Content.styled(_("Floor-target risk judgement"), "bold"), classes="page-title")
        yield Static(
            Content(_("The risk of the school falling below the floor target at the end of KS2.")),
            classes="page-hint",
        )
        with Horizontal(id="risk-top"):
            with Vertical(id="risk-choice"):
                yield Label(_("Level of risk"), classes="field-label")
                with RadioSet(id="risk-level"):
                    for choice in LEVELS:
                        yield RadioButton(label(choice), value=choice is level)
            with Vertical(id="risk-trend-box"):
                yield Label(_("This year's judgements"), classes="field-label")
                yield RiskTrend(id="risk-trend")
        yield Label(_("Rationale"), classes="field-label")
        yield NoteTextArea(risk.rationale if risk else "", id="risk-rationale")
        yield Label(self._predictions_heading(), classes="field-label", id="predictions-heading")
        with Grid(id="predictions"):
            yield Static("")
            for measure in MEASURES:
                yield Static(Content(label(measure)), classes="measure")
            for cohort in COHORTS:
                yield Static(Content(cohort.value), classes="cohort")
                for measure in MEASURES:
                    value = values.get((cohort.value, measure.value))
                    yield OrderedInput(
                        "" if value is None else f"{value:g}",
                        id=box_id(cohort.value, measure.value),
                        restrict=r"[0-9.,% ]*",
                        max_length=6,
                        compact=True,
                        classes="prediction",
                    )
        yield Static(id="comparison")

    def on_mount(self) -> None:
        start_at_pressed(self.query_one(RadioSet))
        self.show_trend()
        self.compare()

    def _predictions_heading(self) -> str:
        return _(
            "Predictions: % of pupils at the expected standard (floor target {target:g}%)"
        ).format(target=self.floor_target)

    @property
    def level(self) -> RiskLevel | None:
        """The level chosen, if any."""
        index = self.query_one(RadioSet).pressed_index
        return LEVELS[index] if 0 <= index < len(LEVELS) else None

    @property
    def rationale(self) -> str:
        """The rationale as typed."""
        return self.query_one("#risk-rationale", NoteTextArea).text

    def boxes(self) -> Iterator[tuple[str, str, Input]]:
        """Every prediction input with its cohort and measure."""
        for cohort in COHORTS:
            for measure in MEASURES:
                box = self.query_one(f"#{box_id(cohort.value, measure.value)}", Input)
                yield cohort.value, measure.value, box

    def predictions(self) -> dict[tuple[str, str], float | None]:
        """The predictions that read as percentages; the others are marked, left out (the
        value saved before stays) and named in :attr:`problems`."""
        values: dict[tuple[str, str], float | None] = {}
        self.problems = []
        for cohort, measure, box in self.boxes():
            try:
                values[(cohort, measure)] = parse_percent(box.value)
            except InvalidInput as exc:
                box.add_class("-invalid")
                self.problems.append(
                    _("{cohort} {measure}: {problem} It is not saved.").format(
                        cohort=cohort,
                        measure=word(Measure(measure)),
                        problem=exc,
                    )
                )
                continue
            box.remove_class("-invalid")
        return values

    def compare(self) -> None:
        """Say how the combined predictions stand against the floor target, and a
        combined figure above one of its parts (a warning: said again before finalising)."""
        values = self.predictions()
        lines = [Content.styled(problem, "bold $text-error") for problem in self.problems]
        for cohort in COHORTS:
            combined = values.get((cohort.value, Measure.COMBINED.value))
            if combined is None:
                continue
            gap = round(combined - self.floor_target, 1)
            points = abs(gap)
            if gap < 0:
                text = ngettext(
                    "{cohort} combined {value:g}% is {gap:g} point below the floor target.",
                    "{cohort} combined {value:g}% is {gap:g} points below the floor target.",
                    1 if points == 1 else 2,
                )
                style = "$text-error"
            elif gap == 0:
                text = _("{cohort} combined {value:g}% is exactly the floor target.")
                style = "$text-warning"
            else:
                text = ngettext(
                    "{cohort} combined {value:g}% is {gap:g} point above the floor target.",
                    "{cohort} combined {value:g}% is {gap:g} points above the floor target.",
                    1 if points == 1 else 2,
                )
                style = "$text-success"
            lines.append(
                Content.styled(text.format(cohort=cohort.value, value=combined, gap=points), style)
            )
        known = {key: value for key, value in values.items() if value is not None}
        lines += [
            Content.styled(f"⚠ {warning}", "$text-warning")
            for warning in combined_above_parts(known)
        ]
        for _cohort, _measure, box in self.boxes():
            value = values.get((_cohort, _measure))
            box.set_class(value is not None and value < self.floor_target, "-below-floor")
        self.query_one("#comparison", Static).update(Content("\n").join(lines))

    def show_trend(self) -> None:
        """The school's judgements this year, this note's with its current level."""
        points: list[tuple[date, RiskLevel, bool]] = [
            (p.judged_on, p.level, False) for p in self.workspace.trend if not p.current
        ]
        level = self.level
        visit_day = self.workspace.note.visit_start.date()
        if level is not None:
            points.append((visit_day, level, True))
        self.query_one(RiskTrend).show(points)

    def make_read_only(self) -> None:
        """A final note: nothing here can be changed."""
        self.query_one(RadioSet).disabled = True
        self.query_one("#risk-rationale", NoteTextArea).read_only = True
        for _cohort, _measure, box in self.boxes():
            box.disabled = True
