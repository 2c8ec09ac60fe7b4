"""A month of days, six weeks of seven, with a mark for each visit on each day.

The grid is handed its month, its selected day and its marks (attributes down) and never
reads the database; choosing a day with the keys or the mouse posts
:class:`MonthGrid.DayChosen`, a double click :class:`MonthGrid.DayActivated` (messages up).

Each visit is one mark, with its own glyph as well as its colour, so the status reads on
a monochrome terminal too: ● planned, ✓ done, × cancelled, » postponed, ! done but its
note is overdue, ○ proposed by the programme. A bank holiday is marked "hol", or "h"
beside the visits on it, so it never hides behind them. Colours are theme variables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from sia_console.domain.enums import VisitStatus
from sia_console.domain.labels import word
from sia_console.domain.programme import TermDates, in_term
from sia_console.domain.vocabulary import month_and_year, short_day_names
from sia_console.i18n import _

HEADER_LINES = 2
"""The month's title and the names of the days."""
WEEKS = 6
LINES_PER_WEEK = 2


class Mark(StrEnum):
    """What one visit looks like in a day of the grid."""

    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    OVERDUE = "overdue"
    PROPOSED = "proposed"

    @classmethod
    def of(cls, status: VisitStatus, note_overdue: bool = False) -> Mark:
        """The mark of a visit in ``status``."""
        if note_overdue:
            return cls.OVERDUE
        return cls(status.value)


GLYPHS: dict[Mark, tuple[str, str]] = {
    Mark.PLANNED: ("●", "$text-primary"),
    Mark.DONE: ("✓", "$text-success"),
    Mark.CANCELLED: ("×", "$text-muted"),
    Mark.POSTPONED: ("»", "$text-warning"),
    Mark.OVERDUE: ("!", "bold $text-error"),
    Mark.PROPOSED: ("○", "bold $text-accent"),
}
"""Glyph and style of each mark."""


def legend_entries() -> list[Content]:
    """Each glyph with its name."""
    names = {
        Mark.PLANNED: word(VisitStatus.PLANNED),
        Mark.DONE: word(VisitStatus.DONE),
        Mark.CANCELLED: word(VisitStatus.CANCELLED),
        Mark.POSTPONED: word(VisitStatus.POSTPONED),
        Mark.OVERDUE: _("note overdue"),
        Mark.PROPOSED: _("proposed"),
    }
    return [
        Content.assemble((glyph, style), " ", names[mark])
        for mark, (glyph, style) in GLYPHS.items()
    ]


class Legend(Widget):
    """The glyphs and their names, wrapped between entries (never between a glyph and
    its name) when the line is too narrow for all of them."""

    DEFAULT_CSS = """
    Legend {
        height: auto;
    }
    """
    GAP = 2
    """Cells between two entries on a line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries = legend_entries()

    def lines(self, width: int) -> list[Content]:
        """The entries packed into lines of at most ``width`` cells (an entry wider than
        that has a line of its own)."""
        lines: list[list[Content]] = []
        used = 0
        for entry in self.entries:
            if lines and used + self.GAP + entry.cell_length <= width:
                lines[-1].append(entry)
                used += self.GAP + entry.cell_length
            else:
                lines.append([entry])
                used = entry.cell_length
        return [Content(" " * self.GAP).join(line) for line in lines]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))


def grid_start(month: date) -> date:
    """The Monday on or before the 1st of ``month``: the first day the grid shows."""
    first = month.replace(day=1)
    return first - timedelta(days=first.weekday())


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` (the 31st becomes the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class MonthGrid(Widget, can_focus=True):
    """Six weeks around a month; arrows move the selected day, the mouse chooses one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", _("Day before"), show=False, id="grid.left"),
        Binding("right", "move(1)", _("Day after"), show=False, id="grid.right"),
        Binding("up", "move(-7)", _("Week before"), show=False, id="grid.up"),
        Binding("down", "move(7)", _("Week after"), show=False, id="grid.down"),
        Binding("home", "week_edge(0)", _("Monday"), show=False, id="grid.home"),
        Binding("end", "week_edge(6)", _("Sunday"), show=False, id="grid.end"),
    ]

    class DayChosen(Message):
        """The selected day has changed (by key or by click)."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    class DayActivated(Message):
        """A day was double-clicked: plan a visit on it."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, selected: date, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selected = selected
        """The day the agenda shows."""
        self.today = today
        self.marks: Mapping[date, Sequence[Mark]] = {}
        """The marks of each day (only days with visits are present)."""
        self.holidays: Mapping[date, str] = {}
        """Bank holidays shown in the grid, with their names."""
        self.terms: TermDates = ()
        self.week_mode = False
        """Highlight the selected day's whole week (the agenda shows the week)."""

    @property
    def first_day(self) -> date:
        """The first day the grid shows."""
        return grid_start(self.selected)

    def show(
        self,
        marks: Mapping[date, Sequence[Mark]],
        holidays: Mapping[date, str],
        terms: TermDates = (),
    ) -> None:
        """New marks for the days shown."""
        self.marks, self.holidays, self.terms = marks, holidays, terms
        self.refresh()

    def select(self, day: date, *, announce: bool = True) -> None:
        """Make ``day`` the selected day (the month follows it)."""
        if day != self.selected:
            self.selected = day
            self.refresh()
            if announce:
                self.post_message(self.DayChosen(day))

    def set_week_mode(self, on: bool) -> None:
        """Highlight the week, or only the day."""
        self.week_mode = on
        self.refresh()

    def action_move(self, days: int) -> None:
        """Move the selected day by ``days``."""
        self.select(self.selected + timedelta(days=days))

    def action_week_edge(self, weekday: int) -> None:
        """Go to Monday (0) or Sunday (6) of the selected week."""
        self.select(self.selected + timedelta(days=weekday - self.selected.weekday()))

    # ------------------------------------------------------------------ drawing

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return HEADER_LINES + WEEKS * LINES_PER_WEEK

    def cell_width(self) -> int:
        """Columns per day: at least four, more when the widget is wider."""
        return max(4, self.content_size.width // 7)

    def render(self) -> Content:
        width = self.cell_width()
        month = self.selected.replace(day=1)
        title = month_and_year(month)
        inner = width * 7 - 4
        lines = [
            Content.assemble(
                ("‹ ", "bold $text-primary"),
                (title.center(inner), "bold"),
                (" ›", "bold $text-primary"),
            ),
            Content.assemble(
                *(
                    (name[: width - 1].rjust(width - 1) + " ", "$text-muted" if i >= 5 else "bold")
                    for i, name in enumerate(short_day_names())
                )
            ),
        ]
        start = self.first_day
        for week in range(WEEKS):
            days = [start + timedelta(days=week * 7 + i) for i in range(7)]
            lines.append(Content.assemble(*(self._number(day, month, width) for day in days)))
            lines.append(Content.assemble(*(self._marks(day, width) for day in days)))
        return Content("\n").join(lines)

    def _background(self, day: date) -> str:
        if day == self.selected:
            return (
                " $block-cursor-foreground on $block-cursor-background"
                if self.has_focus
                else " on $block-hover-background"
            )
        if self.week_mode and _same_week(day, self.selected):
            return " on $panel"
        return ""

    def _number(self, day: date, month: date, width: int) -> tuple[str, str]:
        style = ""
        if day.month != month.month:
            style = "$text-muted"
        elif day in self.holidays or day.weekday() >= 5:
            style = "$text-warning" if day in self.holidays else "$text-muted"
        elif not in_term(day, self.terms):
            style = "$text-muted italic"
        if day == self.today:
            style += " bold underline"
        text = str(day.day).rjust(width - 1) + " "
        return text, (style + self._background(day)).strip()

    def _marks(self, day: date, width: int) -> Content:
        marks = list(self.marks.get(day, ()))
        room = width - 1
        background = self._background(day).strip()
        if day in self.holidays and not marks:
            label = _("hol")[:room].rjust(room) + " "
            return Content.styled(label, ("$text-warning " + background).strip())
        holiday = ""
        if day in self.holidays:  # the holiday stays marked beside the visits on it
            holiday, room = _("h")[:1], room - 1
        if len(marks) > room:
            shown, extra = marks[: room - 1], f"+{len(marks) - room + 1}"
        else:
            shown, extra = marks, ""
        parts: list[tuple[str, str]] = [
            (holiday, ("$text-warning " + background).strip()),
            (" " * (room - len(shown) - len(extra)), background),
        ]
        parts += [(GLYPHS[mark][0], f"{GLYPHS[mark][1]} {background}".strip()) for mark in shown]
        parts += [(extra, background), (" ", background)]
        return Content.assemble(*parts)

    # ------------------------------------------------------------------ mouse

    def day_at(self, x: int, y: int) -> date | None:
        """The day under the point ``x``, ``y`` of the widget, if any."""
        if y < HEADER_LINES:
            return None
        week = (y - HEADER_LINES) // LINES_PER_WEEK
        column = x // self.cell_width()
        if not (0 <= week < WEEKS and 0 <= column < 7):
            return None
        return self.first_day + timedelta(days=week * 7 + column)

    def on_click(self, event: events.Click) -> None:
        """Choose a day; a double click plans on it; the arrows of the title change month."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y == 0:
            if offset.x < 3:
                self.select(add_months(self.selected, -1))
            elif offset.x >= self.cell_width() * 7 - 4:
                self.select(add_months(self.selected, 1))
            return
        day = self.day_at(offset.x, offset.y)
        if day is None:
            return
        self.select(day)
        if event.chain >= 2:
            self.post_message(self.DayActivated(day))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.select(add_months(self.selected, -1))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.select(add_months(self.selected, 1))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def _same_week(first: date, second: date) -> bool:
    return first - timedelta(days=first.weekday()) == second - timedelta(days=second.weekday())
