"""What the calendar shows, and the checks made on a visit before it is saved.

The calendar reads a whole month grid (six weeks) at once, so moving the selected day
inside it needs no further read; each visit carries whether its note of visit is overdue
(the dashboard's rule), and the grid knows the bank holidays and term dates it spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, select

from sia_console.domain.clashes import Concern, DiaryEntry, check_visit
from sia_console.domain.enums import NoteStatus, VisitStatus
from sia_console.domain.models import School, Visit
from sia_console.domain.programme import TermDates, bank_holiday_names, parse_term_dates
from sia_console.services.identity import adviser_here, current_identity
from sia_console.services.programme.planning import link_schools
from sia_console.services.programme.visits import list_visits
from sia_console.services.settings import load_settings

HAPPENED = (VisitStatus.PLANNED, VisitStatus.DONE)
"""A visit in these states on a past day has happened, so its note is expected."""


@dataclass(frozen=True)
class CalendarVisit:
    """One visit as the calendar shows it."""

    id: str
    school_code: str
    school_name: str
    start: datetime
    end: datetime
    purpose: str
    status: VisitStatus
    programme_slot: int | None
    note_status: NoteStatus | None
    note_overdue: bool
    """The visit has happened and its note is not final ``note_overdue_days`` later."""
    status_reason: str | None = None
    """Why the visit was cancelled or postponed."""
    moved_to: datetime | None = None
    """For a postponed visit planned again, when the new visit starts."""
    reassigned: bool = False
    """Still planned at a school the core lead has since linked to another adviser."""


@dataclass(frozen=True)
class CalendarPeriod:
    """Everything the calendar shows from ``first`` to ``last`` inclusive."""

    first: date
    last: date
    visits: tuple[CalendarVisit, ...]
    """Ordered by start."""
    bank_holidays: tuple[tuple[date, str], ...]
    terms: TermDates
    """Configured term periods (empty when none are configured)."""

    def visits_on(self, day: date) -> tuple[CalendarVisit, ...]:
        """The visits starting on ``day``."""
        return tuple(visit for visit in self.visits if visit.start.date() == day)


@dataclass(frozen=True)
class SchoolChoice:
    """A link school the adviser can plan a visit to."""

    code: str
    name: str

    @property
    def label(self) -> str:
        """``Name (code)``, as the school picker shows and accepts it."""
        return f"{self.name} ({self.code})"


def month_grid_bounds(month: date) -> tuple[date, date]:
    """Monday before the 1st to the Sunday six weeks later: the days a month grid shows."""
    first = month.replace(day=1)
    start = first - timedelta(days=first.weekday())
    return start, start + timedelta(days=41)


def note_is_overdue(
    status: VisitStatus,
    start: datetime,
    note_status: NoteStatus | None,
    today: date,
    overdue_days: int,
) -> bool:
    """The rule of the dashboard's "notes overdue": happened, and no final note in time."""
    return (
        status in HAPPENED
        and note_status is not NoteStatus.FINAL
        and start.date() + timedelta(days=max(overdue_days, 0)) < today
    )


def calendar_period(session: Session, first: date, last: date, today: date) -> CalendarPeriod:
    """The visits of this adviser's diary (theirs, and those of no adviser; a core lead's:
    all), bank holidays and terms from ``first`` to ``last``, as seen on ``today``."""
    settings = load_settings(session)
    rows = list_visits(session, date_from=first, date_to=last, diary_of=adviser_here(session))
    visits = tuple(
        CalendarVisit(
            id=row.id,
            school_code=row.school_code,
            school_name=row.school_name,
            start=row.start,
            end=row.end,
            purpose=row.purpose,
            status=row.status,
            programme_slot=row.programme_slot,
            note_status=row.note_status,
            note_overdue=note_is_overdue(
                row.status, row.start, row.note_status, today, settings.note_overdue_days
            ),
            status_reason=row.status_reason,
            moved_to=row.moved_to,
            reassigned=row.reassigned,
        )
        for row in rows
    )
    holidays: list[tuple[date, str]] = []
    for year in range(first.year, last.year + 1):
        holidays.extend(
            (day, name) for day, name in bank_holiday_names(year).items() if first <= day <= last
        )
    return CalendarPeriod(
        first=first,
        last=last,
        visits=visits,
        bank_holidays=tuple(sorted(holidays)),
        terms=parse_term_dates(settings.term_dates),
    )


def school_choices(session: Session) -> tuple[SchoolChoice, ...]:
    """The link schools a visit can be planned to, by name."""
    adviser = current_identity(session)
    if adviser is None:
        schools = session.exec(
            select(School).where(col(School.deleted).is_(False)).order_by(col(School.name))
        ).all()
    else:
        schools = link_schools(session, adviser)
    return tuple(SchoolChoice(school.code, school.name) for school in schools)


def concerns_for(
    session: Session,
    *,
    school_id: str,
    start: datetime,
    end: datetime,
    visit_id: str | None = None,
    today: date | None = None,
) -> list[Concern]:
    """The clash and sense checks of a visit to ``school_id`` from ``start`` to ``end``
    (with ``today``, also whether it is on a day already past).

    The adviser's diary (their visits, and visits with no adviser) is checked for
    overlaps; every visit to the same school for a second visit within the week.
    """
    adviser = current_identity(session)
    window_start = datetime.combine(start.date() - timedelta(days=7), time.min)
    window_end = datetime.combine(end.date() + timedelta(days=8), time.min)
    mine: list[ColumnElement[bool]] = [col(Visit.adviser_id).is_(None)]
    if adviser is not None:
        mine.append(col(Visit.adviser_id) == adviser.id)
    statement = (
        select(Visit, School)
        .join(School, col(School.id) == col(Visit.school_id))
        .where(
            col(Visit.deleted).is_(False),
            col(Visit.start) < window_end,
            col(Visit.end) > window_start,
            or_(col(Visit.school_id) == school_id, *mine),
        )
    )
    others = [
        DiaryEntry(
            id=visit.id,
            school_key=visit.school_id,
            school_name=school.name,
            start=visit.start,
            end=visit.end,
            status=visit.status,
            in_my_diary=visit.adviser_id is None
            or (adviser is not None and visit.adviser_id == adviser.id),
        )
        for visit, school in session.exec(statement)
    ]
    terms = parse_term_dates(load_settings(session).term_dates)
    return check_visit(
        start=start,
        end=end,
        school_key=school_id,
        others=others,
        terms=terms,
        visit_id=visit_id,
        today=today,
    )
