"""A small chart of floor-target risk judgements over time: one bar per judgement.

Low, medium and high are bars of three heights (▂ ▅ █) in the theme's success, warning
and error colours, with the month of each judgement beneath: the shape of a year reads
at a glance, which is what the core lead watches. On a school's page the chart shows the
latest judgements that fit its box, never wrapped, with the year beneath the first month
of each year.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from sia_console.domain.enums import RiskLevel
from sia_console.domain.labels import word
from sia_console.domain.vocabulary import short_month_name
from sia_console.i18n import _
from sia_console.services.schools.page import JudgementRow

BARS = {RiskLevel.LOW: "▂", RiskLevel.MEDIUM: "▅", RiskLevel.HIGH: "█"}
STYLES = {
    RiskLevel.LOW: "$text-success",
    RiskLevel.MEDIUM: "$text-warning",
    RiskLevel.HIGH: "bold $text-error",
}
COLUMN = 5
"""Cells per judgement: room for a month's abbreviation and a gap."""


def trend_content(
    points: Sequence[tuple[date, RiskLevel, bool]], *, limit: int = 12, years: bool = False
) -> Content:
    """The chart for ``(judged_on, level, is_current)`` points, oldest first: the latest
    ``limit`` of them, with a line of years beneath the months when ``years``."""
    if not points:
        return Content.styled(_("No risk judgement yet."), "$text-muted")
    shown = list(points)[-max(limit, 1) :]
    bars: list[Content] = []
    months: list[Content] = []
    year_line: list[Content] = []
    year_before: int | None = None
    for day, level, current in shown:
        bars.append(Content.styled(BARS[level].center(COLUMN), STYLES[level]))
        label = short_month_name(day.month)[:3].center(COLUMN)
        months.append(Content.styled(label, "bold reverse" if current else "$text-muted"))
        said = str(day.year) if day.year != year_before else ""
        year_line.append(Content.styled(said.center(COLUMN), "$text-muted"))
        year_before = day.year
    latest = shown[-1][1]
    summary = Content.assemble(_("Latest: "), Content.styled(word(latest), STYLES[latest]))
    lines = [Content("").join(bars), Content("").join(months)]
    if years:
        lines.append(Content("").join(year_line))
    return Content("\n").join([*lines, summary])


class RiskTrend(Static):
    """The chart, given its points (attributes down)."""

    DEFAULT_CSS = """
    RiskTrend {
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def show(self, points: Sequence[tuple[date, RiskLevel, bool]]) -> None:
        """Draw the chart for ``points``, oldest first."""
        self.update(trend_content(points))


class TrendPanel(Vertical):
    """A bordered "Risk trend" box around the chart of a school's judgements."""

    DEFAULT_CSS = """
    TrendPanel {
        width: auto;
        max-width: 50%;
        min-width: 24;
        height: auto;
        border: round $panel-lighten-2;
        border-title-color: $text-primary;
        border-title-style: bold;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = _("Risk trend")

    def compose(self) -> ComposeResult:
        yield RiskTrend()

    points: tuple[tuple[date, RiskLevel, bool], ...] = ()
    """The judgements charted, oldest first."""

    def show(self, judgements: Iterable[JudgementRow]) -> None:
        """Chart ``judgements`` (newest first, as a school's page reads them)."""
        self.points = tuple((j.judged_on, j.level, False) for j in judgements)[::-1]
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        """The latest judgements that fit beside what shares the line, without wrapping."""
        line = self.parent.size.width if isinstance(self.parent, Widget) else self.app.size.width
        room = line // 2 - 4  # (at most half the line, less the border and padding)
        limit = max(room // COLUMN, 1) if room > 0 else 12
        self.query_one(RiskTrend).update(trend_content(self.points, limit=limit, years=True))
