"""What the adviser's day is made of: the rows and the summary the dashboard shows.

Plain frozen dataclasses, apart from the queries that fill them (``services.today``
with SQLAlchemy, ``services.today_sqlite`` with the standard library's ``sqlite3`` for
the first screen), so that the terminal UI can show them without loading the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, VisitStatus
from sia_console.services.programme.coverage_rows import SchoolCoverage

OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
"""Actions in these states still need doing."""

DEFAULT_ACTION_HORIZON_DAYS = 14
"""How far ahead the dashboard looks for actions falling due."""

NEXT_DAYS = 7
"""The dashboard looks this many days ahead, from tomorrow."""


@dataclass(frozen=True)
class VisitRow:
    """One visit with its school and the state of its note of visit."""

    visit_id: str
    school_code: str
    school_name: str
    start: datetime
    end: datetime
    purpose: str
    status: VisitStatus
    note_status: NoteStatus | None
    """``None`` when no note of visit has been started."""
    status_reason: str | None = None
    """Why the visit was cancelled or postponed."""
    reassigned: bool = False
    """Still planned at a school the core lead has since linked to another adviser
    (``domain.caseload.school_reassigned``): to cancel."""


@dataclass(frozen=True)
class OverdueNote:
    """A visit that has happened whose note is still missing or only a draft."""

    visit_id: str
    school_code: str
    school_name: str
    visit_start: datetime
    purpose: str
    note_status: NoteStatus | None
    due_on: date
    """The day the final note was due: the visit's day plus ``note_overdue_days``."""
    days_overdue: int
    """Whole days since ``due_on``; at least 1."""


@dataclass(frozen=True)
class HighRiskSchool:
    """A school whose latest floor-target risk judgement is high."""

    school_code: str
    school_name: str
    judged_on: date
    previous_level: RiskLevel | None
    """The judgement before the latest, for the trend; ``None`` for a first judgement."""
    previous_judged_on: date | None
    provisional: bool = False
    """The high judgement is a draft's, on a visit that has happened, newer than the
    school's latest agreed (final) one: shown, but not yet the school's judgement."""


@dataclass(frozen=True)
class ActionRow:
    """An action agreed with a school: what, who, by when."""

    action_id: str
    school_code: str
    school_name: str
    text: str
    owner: str
    due: date | None
    status: ActionStatus
    visit_id: str | None = None
    agreed_by: str | None = None
    """Who agreed it, when another adviser did (a school's page names them: the school's
    history, from before it was linked to this adviser); ``None`` elsewhere."""
    """The visit at which the action was agreed (its note opens at the actions page)."""

    def days_overdue(self, today: date) -> int:
        """Whole days past the due date (0 when not yet due or undated)."""
        if self.due is None or self.due >= today:
            return 0
        return (today - self.due).days


@dataclass(frozen=True)
class DashboardSummary:
    """Everything the dashboard shows, read in one transaction."""

    today: date
    week_start: date
    """Monday of the current week."""
    week_end: date
    """Sunday of the current week."""
    adviser_name: str | None
    """The local identity's name; ``None`` until ``sia-console init`` has been run."""
    is_demo: bool
    school_count: int
    note_overdue_days: int
    today_visits: tuple[VisitRow, ...]
    week_visits: tuple[VisitRow, ...]
    """Visits in the next seven days, from tomorrow (today's are in ``today_visits``):
    on a Sunday, Monday's visits are here."""
    overdue_notes: tuple[OverdueNote, ...]
    high_risk: tuple[HighRiskSchool, ...]
    actions_due: tuple[ActionRow, ...]
    programme_behind: tuple[SchoolCoverage, ...] = ()
    """Link schools behind the annual programme or not fully planned
    (``services.programme.coverage``)."""
