"""How dates, states and user text look on screen: British, translated, never markup.

The words themselves are the domain's, defined once for every face: dates and times in
:mod:`sia_console.domain.vocabulary` (re-exported here, as the screens call them),
the labels of risk levels and statuses in :mod:`sia_console.domain.labels`. Everything
returned here is plain text or a :class:`rich.text.Text`, built from user text without
ever parsing it as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text

from sia_console.domain.dates import date_for_typing
from sia_console.domain.enums import NoteStatus, RiskLevel, VisitStatus
from sia_console.domain.labels import word
from sia_console.domain.text import one_line
from sia_console.domain.vocabulary import (
    day_and_time,
    long_day,
    short_day,
    short_day_with_year,
    time_range,
)
from sia_console.i18n import _, ngettext

if TYPE_CHECKING:
    from textual.app import App

__all__ = [
    "NO_NOTE",
    "Tones",
    "date_for_typing",
    "day_and_time",
    "days",
    "long_day",
    "plain",
    "short_day",
    "short_day_with_year",
    "time_range",
]

NO_NOTE = _("none")
"""In a visit's note column: no note of visit yet."""


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
        return Text(word(level), style=style, end="")

    def note(self, status: NoteStatus | None) -> Text:
        """A note's state: none yet, draft or final."""
        if status is None:
            return Text(NO_NOTE, style=self.quiet, end="")
        style = self.low if status is NoteStatus.FINAL else self.medium
        return Text(word(status), style=style, end="")

    def visit_status(self, status: VisitStatus) -> Text:
        """A visit's state; cancelled and postponed visits are quietened."""
        quiet = status in (VisitStatus.CANCELLED, VisitStatus.POSTPONED)
        return Text(word(status), style=self.quiet if quiet else "", end="")


_TONES_BY_THEME: dict[str, Tones] = {}
