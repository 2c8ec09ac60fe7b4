"""A small chart of floor-target risk judgements over time: one bar per judgement.

Low, medium and high are bars of three heights (▂ ▅ █) in the theme's success, warning
and error colours, with the month of each judgement beneath: the shape of a year reads
at a glance, which is what the core lead watches.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from sia_console.domain.enums import RiskLevel
from sia_console.i18n import _
from sia_console.tui import formatting as fmt

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
        label = fmt.MONTH_ABBREVIATIONS[day.month - 1][:3].center(COLUMN)
        months.append(Content.styled(label, "bold reverse" if current else "$text-muted"))
    latest = shown[-1][1]
    summary = Content.assemble(
        _("Latest: "), Content.styled(fmt.RISK_LABELS[latest], STYLES[latest])
    )
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
