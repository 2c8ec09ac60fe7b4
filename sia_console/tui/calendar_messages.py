"""Messages of the calendar, the visit dialog and the programme preview.

Workers post these from their thread to the screen or dialog that started them; the
screen hands the data down to its widgets.
"""

from __future__ import annotations

from datetime import date

from textual.message import Message

from sia_console.domain.clashes import Concern
from sia_console.services.programme.calendar import CalendarPeriod, SchoolChoice
from sia_console.services.programme.changes import EditableVisit, SavedVisit
from sia_console.services.programme.planning import ProgrammePlan


class CalendarLoaded(Message):
    """The visits of a month grid have been read."""

    def __init__(self, month: date, period: CalendarPeriod) -> None:
        super().__init__()
        self.month = month
        """The first of the month the period was read for."""
        self.period = period


class VisitFormLoaded(Message):
    """The visit dialog's schools (and the visit being edited) have been read."""

    def __init__(self, schools: tuple[SchoolChoice, ...], visit: EditableVisit | None) -> None:
        super().__init__()
        self.schools = schools
        self.visit = visit


class VisitChecked(Message):
    """The dialog's fields were checked: problems with them, or concerns about the visit."""

    def __init__(self, serial: int, problems: list[str], concerns: list[Concern]) -> None:
        super().__init__()
        self.serial = serial
        """Which check this answers; the dialog ignores answers to older checks."""
        self.problems = problems
        self.concerns = concerns


class VisitSaveRefused(Message):
    """Saving was refused: wrong fields, or an overlap to confirm."""

    def __init__(self, problems: list[str], overlaps: list[Concern]) -> None:
        super().__init__()
        self.problems = problems
        self.overlaps = overlaps


class VisitSaved(Message):
    """The visit was saved."""

    def __init__(self, saved: SavedVisit) -> None:
        super().__init__()
        self.saved = saved


class ProgrammeLoaded(Message):
    """A programme was previewed or applied, with the year's calendar to overlay it on."""

    def __init__(self, plan: ProgrammePlan, period: CalendarPeriod, applied: bool) -> None:
        super().__init__()
        self.plan = plan
        self.period = period
        self.applied = applied


class ProgrammeRefused(Message):
    """The programme could not be made (a malformed template, a wrong year)."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
