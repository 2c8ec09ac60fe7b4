"""The risk-trend chart fits its box: the latest judgements that fit, years beneath."""

from __future__ import annotations

from datetime import date

from sia_console.domain.enums import RiskLevel
from sia_console.tui.widgets.risk_trend import COLUMN, trend_content

POINTS = [
    (date(2025 + (month > 12), (month - 1) % 12 + 1, 10), RiskLevel.HIGH, False)
    for month in range(3, 19)
]  # sixteen judgements, March 2025 to June 2026


def test_only_the_latest_that_fit_are_drawn_on_unwrapped_lines() -> None:
    lines = trend_content(POINTS, limit=5, years=True).plain.split("\n")
    bars, months, years = lines[0], lines[1], lines[2]
    assert len(bars) == len(months) == len(years) == 5 * COLUMN
    assert months.split() == ["Feb", "Mar", "Apr", "May", "Jun"]  # the latest five


def test_the_year_is_written_beneath_the_first_month_of_each_year() -> None:
    lines = trend_content(POINTS, limit=12, years=True).plain.split("\n")
    assert lines[2].split() == ["2025", "2026"]
    assert lines[2].index("2026") == lines[1].index("Jan")  # (centred alike in the column)
