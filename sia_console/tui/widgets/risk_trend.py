"""A small chart of floor-target risk judgements over time: one bar per judgement.

Low, medium and high are bars of three heights (▂ ▅ █) in the theme's success, warning
and error colours, with the month of each judgement beneath: the shape of a year reads
at a glance, which is what the core lead watches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
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


def trend_content(points: Sequence[tuple[date, RiskLevel, bool]], *, limit: int = 12) -> Content:
    """The chart for ``(judged_on, level, is_current)`` points, oldest first."""
    if not points:
        return Content.styled(_("No risk judgement yet."), "$text-muted")
    shown = list(points)[-limit:]
    bars: list[Content] = []
    months: list[Content] = []
    for day, level, current in shown:
        bars.append(Content.styled(BARS[level].center(COLUMN), STYLES[level]))
        label = short_month_name(day.month)[:3].center(COLUMN)
        months.append(Content.styled(label, "bold reverse" if current else "$text-muted"))
    latest = shown[-1][1]
    summary = Content.assemble(_("Latest: "), Content.styled(word(latest), STYLES[latest]))
    return Content("\n").join([Content("").join(bars), Content("").join(months), summary])


class RiskTrend(Static):
    """The chart, given its points (attributes down)."""

    DEFAULT_CSS = """
    RiskTrend {
        height: auto;
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

    def show(self, judgements: Iterable[JudgementRow]) -> None:
        """Chart ``judgements`` (newest first, as a school's page reads them)."""
        points = [(j.judged_on, j.level, False) for j in judgements]
        self.query_one(RiskTrend).show(points[::-1])
