"""How dates, states and user text look on screen: British, translated, never markup.

Day and month names come from our own translated tables rather than ``strftime`` so
that the machine's locale cannot turn "Mon 23 Nov" into something else, and so that a
Welsh catalogue can translate them. Everything returned here is plain text or a
:class:`rich.text.Text`, built from user text without ever parsing it as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, VisitStatus
from sia_console.domain.text import one_line
from sia_console.i18n import _, ngettext

if TYPE_CHECKING:
    from textual.app import App

DAY_ABBREVIATIONS = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
DAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
MONTH_ABBREVIATIONS = (
    _("Jan"),
    _("Feb"),
    _("Mar"),
    _("Apr"),
    _("May"),
    _("Jun"),
    _("Jul"),
    _("Aug"),
    _("Sep"),
    _("Oct"),
    _("Nov"),
    _("Dec"),
)
MONTH_NAMES = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)

VISIT_STATUS_LABELS = {
    VisitStatus.PLANNED: _("planned"),
    VisitStatus.DONE: _("done"),
    VisitStatus.CANCELLED: _("cancelled"),
    VisitStatus.POSTPONED: _("postponed"),
}
NOTE_STATUS_LABELS = {NoteStatus.DRAFT: _("draft"), NoteStatus.FINAL: _("final")}
NO_NOTE = _("none")
RISK_LABELS = {RiskLevel.HIGH: _("high"), RiskLevel.MEDIUM: _("medium"), RiskLevel.LOW: _("low")}
ACTION_STATUS_LABELS = {
    ActionStatus.OPEN: _("open"),
    ActionStatus.IN_PROGRESS: _("in progress"),
    ActionStatus.DONE: _("done"),
    ActionStatus.DROPPED: _("dropped"),
}


def short_day(day: date) -> str:
    """``Mon 23 Nov``."""
    return f"{DAY_ABBREVIATIONS[day.weekday()]} {day.day} {MONTH_ABBREVIATIONS[day.month - 1]}"


def short_day_with_year(day: date) -> str:
    """``Mon 23 Nov 2026``, for lists that span years."""
    return f"{short_day(day)} {day.year}"


def long_day(day: date) -> str:
    """``Monday 23 November 2026``."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def day_and_time(moment: datetime) -> str:
    """``Mon 23 Nov 09:30``."""
    return f"{short_day(moment.date())} {moment:%H:%M}"


def time_range(start: datetime, end: datetime) -> str:
    """``09:30–12:30``."""
    return f"{start:%H:%M}–{end:%H:%M}"


def days(count: int) -> str:
    """``1 day``, ``3 days``."""
    return ngettext("{count} day", "{count} days", count).format(count=count)


def plain(value: str | None, limit: int = 0) -> Text:
    """User text as a literal cell, cut to ``limit`` characters with an ellipsis.

    Control characters are shown as their pictures (ESC as ␛), never sent to the terminal.
    """
    text = Text(one_line(value or ""), no_wrap=True, end="")
    if limit:
        text.truncate(limit, overflow="ellipsis")
    return text


@dataclass(frozen=True)
class Tones:
    """Cell styles taken from the theme in force, so table cells follow light and dark.

    DataTable cells are Rich text and cannot refer to ``$variables``; these are the
    theme's own values, looked up again whenever the theme changes.
    """

    high: str
    medium: str
    low: str
    late: str
    quiet: str = "dim"

    @classmethod
    def of(cls, app: App[Any]) -> Tones:
        """The tones of ``app``'s theme in force (worked out once per theme)."""
        theme = app.current_theme
        tones = _TONES_BY_THEME.get(theme.name)
        if tones is None:
            tones = _TONES_BY_THEME[theme.name] = cls.from_variables(app.get_css_variables())
        return tones

    @classmethod
    def from_variables(cls, variables: Mapping[str, str]) -> Tones:
        """Tones from :meth:`textual.app.App.get_css_variables`."""
        return cls(
            high=f"bold {variables.get('text-error', 'red')}",
            medium=variables.get("text-warning", "yellow"),
            low=variables.get("text-success", "green"),
            late=variables.get("text-warning", "yellow"),
        )

    def risk(self, level: RiskLevel | None) -> Text:
        """A risk level, coloured by how worrying it is."""
        if level is None:
            return Text("—", style=self.quiet, end="")
        style = {RiskLevel.HIGH: self.high, RiskLevel.MEDIUM: self.medium}.get(level, self.low)
        return Text(RISK_LABELS[level], style=style, end="")

    def note(self, status: NoteStatus | None) -> Text:
        """A note's state: none yet, draft or final."""
        if status is None:
            return Text(NO_NOTE, style=self.quiet, end="")
        style = self.low if status is NoteStatus.FINAL else self.medium
        return Text(NOTE_STATUS_LABELS[status], style=style, end="")

    def visit_status(self, status: VisitStatus) -> Text:
        """A visit's state; cancelled and postponed visits are quietened."""
        quiet = status in (VisitStatus.CANCELLED, VisitStatus.POSTPONED)
        return Text(VISIT_STATUS_LABELS[status], style=self.quiet if quiet else "", end="")


_TONES_BY_THEME: dict[str, Tones] = {}
