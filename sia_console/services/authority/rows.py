"""The rows of the core lead's home screen and board report, without the ORM.

The answers of :mod:`.summary` (read through SQLAlchemy) and of :mod:`.quick` (read
through the standard library's ``sqlite3`` for the first paint) are these same frozen
dataclasses and named tuples, so this module imports neither SQLAlchemy, SQLModel nor
pydantic: the terminal UI can name them before the ORM is loaded. How they are made from
the rows read is in :mod:`.shaping`, shared by both reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from sia_console.domain.enums import ActionStatus, RiskLevel

# ----------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class ProgrammeCount:
    """Programme visits of a set of schools over a period (a term or the year)."""

    programme: int = 0
    """Visits the programme gives whose window ends in the period."""
    planned: int = 0
    """Of those, planned or done."""
    done: int = 0
    """Of those, done."""
    due: int = 0
    """Of those, whose window has closed by today."""
    done_of_due: int = 0
    """Of the due ones, done."""

    @property
    def behind(self) -> int:
        """Due visits not done."""
        return self.due - self.done_of_due

    def __add__(self, other: ProgrammeCount) -> ProgrammeCount:
        return ProgrammeCount(
            self.programme + other.programme,
            self.planned + other.planned,
            self.done + other.done,
            self.due + other.due,
            self.done_of_due + other.done_of_due,
        )


@dataclass(frozen=True)
class SiaCoverage:
    """How far one SIA has got with the programme for their link schools."""

    adviser_id: str | None
    """``None`` for the schools not assigned to any SIA."""
    adviser_name: str
    schools: int
    term: ProgrammeCount
    year: ProgrammeCount
    notes_overdue: int
    """Visits made whose note is not final ``note_overdue_days`` after the visit."""
    last_bundle: datetime | None
    """When the last bundle from this SIA was imported (UTC); ``None`` if never."""


@dataclass(frozen=True)
class SiaSchool:
    """One link school of an SIA, as the core lead drills down from the SIA's coverage."""

    school_code: str
    school_name: str
    local_authority: str
    category: str
    """The category's label in the scheme in force ("" for none)."""
    latest_risk: RiskLevel | None
    year: ProgrammeCount
    notes_overdue: int
    held: bool = True
    """The SIA holds the school now; ``False`` for a school handed on to another SIA
    whose visits the SIA made this year, or missed while they held it, still count for
    them."""


@dataclass(frozen=True)
class LiveSchool:
    """A school that is not deleted: the columns the core lead's panels use."""

    id: str
    code: str
    name: str
    local_authority: str
    category: str | None
    adviser_id: str | None


# ----------------------------------------------------------------------------- risk


class Change(StrEnum):
    """How the latest floor-target risk judgement compares with the one before."""

    WORSE = "↑"
    BETTER = "↓"
    SAME = "="
    FIRST = ""


@dataclass(frozen=True)
class RiskEntry:
    """One school's line of the risk register."""

    school_code: str
    school_name: str
    local_authority: str
    adviser_name: str
    level: RiskLevel
    judged_on: date
    previous_level: RiskLevel | None
    change: Change
    judged_by: str = ""
    """Who made the latest judgement (the adviser of its note's visit); "" if none is named.
    ``adviser_name`` is the school's current SIA."""


# ----------------------------------------------------------------------------- categories


class CategoryCount(NamedTuple):
    """How many schools of one authority are in one support category.

    A named tuple, as :class:`OverdueAction` is: one is made for each row read.
    """

    local_authority: str
    category: str
    """The category's label in the scheme in force ("(none)" for no category)."""
    schools: int


@dataclass(frozen=True)
class CategoryChangeEntry:
    """A school whose support category changed this academic year."""

    change_id: str
    school_code: str
    school_name: str
    local_authority: str
    adviser_name: str
    previous: str
    """The category before, as its label in the scheme in force ("(none)" for none)."""
    category: str
    """The category after, as its label ("(none)" when it was cleared)."""
    changed_on: date


@dataclass(frozen=True)
class CategorySummary:
    """Schools per support category, in the scheme's order, and per authority."""

    scheme_name: str
    totals: tuple[tuple[str, int], ...]
    """(category label, schools) in scheme order; uncategorised and unknown last."""
    by_authority: tuple[CategoryCount, ...]
    changes: tuple[CategoryChangeEntry, ...] = ()
    """The changes of category this academic year, newest first."""


# ----------------------------------------------------------------------------- actions


class OverdueAction(NamedTuple):
    """An open action past its due date.

    A named tuple, not a frozen dataclass: a large authority has hundreds, and making them
    with a dataclass's ``__init__`` (a call per field) took half as long as SQLite's read.
    """

    action_id: str
    school_code: str
    school_name: str
    adviser_name: str
    """Empty for a school with no SIA."""
    text: str
    owner: str
    due: date
    days_overdue: int
    status: ActionStatus


# ----------------------------------------------------------------------------- the screen


@dataclass(frozen=True)
class AuthoritySummary:
    """Everything the core lead's home screen and the standards-board report show."""

    today: date
    authority: str | None
    coverage: tuple[SiaCoverage, ...]
    risk: tuple[RiskEntry, ...]
    categories: CategorySummary
    overdue_actions: tuple[OverdueAction, ...]
