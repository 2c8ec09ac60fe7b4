"""What the adviser's day holds: this week's visits, notes overdue, schools at high risk,
actions falling due, and the link schools behind the annual programme.

Every function takes an open session and plain values and returns frozen dataclasses,
so the terminal UI can run them in a worker thread and hand the results to widgets
without sharing any ORM object across threads. Nothing here changes the database.

The questions whose answer grows with the history (overdue notes, schools at high risk,
the schools register with each school's latest risk) are SQLAlchemy Core statements
built once at import, reading columns rather than ORM objects, each served by an index
of migration 0003: a core lead's database holds every SIA's years of visits.

Rules that hold for every query below:

* rows marked ``deleted`` (tombstones that travel in bundles) are never shown, and
  neither is anything belonging to a deleted school;
* visit ``start``/``end`` are naive Europe/London wall-clock times, compared with
  naive datetimes built from the ``today`` the caller passes in;
* a risk judgement without a level is a judgement not yet made, and is skipped;
* an adviser's dashboard watches their caseload (``domain.caseload``): a school the core
  lead has linked to another adviser leaves their high-risk list, their actions due, their
  count of link schools and their programme, while their visits there stay in their
  agenda (those still planned marked reassigned) and their notes stay owed; their agenda
  and notes owed are their diary's (another adviser's visits, relayed as a school's
  history, are not theirs to make or write up).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, String, and_, bindparam, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from sia_console.domain.caseload import school_reassigned
from sia_console.domain.enums import (
    NoteStatus,
    VisitStatus,
)
from sia_console.domain.models import (
    Action,
    Adviser,
    Installation,
    LocalIdentity,
    NoteOfVisit,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.services.high_risk import high_risk_schools as high_risk_schools
from sia_console.services.identity import adviser_here
from sia_console.services.programme.coverage import schools_behind
from sia_console.services.settings import load_settings
from sia_console.services.sql import midnight, table_of
from sia_console.services.today_rows import (
    DEFAULT_ACTION_HORIZON_DAYS,
    NEXT_DAYS,
    OPEN_ACTION_STATUSES,
    ActionRow,
    DashboardSummary,
    HighRiskSchool,
    OverdueNote,
    VisitRow,
)

__all__ = [
    "DEFAULT_ACTION_HORIZON_DAYS",
    "NEXT_DAYS",
    "OPEN_ACTION_STATUSES",
    "ActionRow",
    "DashboardSummary",
    "HighRiskSchool",
    "OverdueNote",
    "VisitRow",
    "dashboard_summary",
    "high_risk_schools",
]


# ----------------------------------------------------------------------------- queries


def visit_rows(
    session: Session, *conditions: ColumnElement[bool], newest_first: bool = False
) -> list[VisitRow]:
    note_joined = and_(
        col(NoteOfVisit.visit_id) == col(Visit.id),
        col(NoteOfVisit.deleted).is_(False),
    )
    order = col(Visit.start).desc() if newest_first else col(Visit.start)
    statement = (
        select(Visit, School, NoteOfVisit)
        .join(School, col(School.id) == col(Visit.school_id))
        .outerjoin(NoteOfVisit, note_joined)
        .where(col(Visit.deleted).is_(False), col(School.deleted).is_(False), *conditions)
        .order_by(order, col(School.name))
    )
    return [
        VisitRow(
            visit_id=visit.id,
            school_code=school.code,
            school_name=school.name,
            start=visit.start,
            end=visit.end,
            purpose=visit.purpose,
            status=visit.status,
            status_reason=visit.status_reason,
            note_status=note.status if note is not None else None,
            reassigned=school_reassigned(visit.status, visit.adviser_id, school.adviser_id),
        )
        for visit, school, note in session.exec(statement)
    ]


def visits_between(
    session: Session, start: date, end: date, diary_of: str | None = None
) -> list[VisitRow]:
    """Visits starting on any day from ``start`` to ``end`` inclusive, earliest first
    (with ``diary_of``, in that adviser's diary: theirs and those of no adviser).

    Every status is included (a cancelled visit is still worth seeing in the week).
    """
    diary: tuple[ColumnElement[bool], ...] = ()
    if diary_of is not None:
        diary = (or_(col(Visit.adviser_id).is_(None), col(Visit.adviser_id) == diary_of),)
    return visit_rows(
        session,
        col(Visit.start) >= midnight(start),
        col(Visit.start) < midnight(end + timedelta(days=1)),
        *diary,
    )


_VISIT, _SCHOOL, _NOTE = table_of(Visit), table_of(School), table_of(NoteOfVisit)
_JUDGEMENT = table_of(RiskJudgement)
_DIARY = bindparam("diary", type_=String)
"""The adviser whose diary is read (their visits and those of no adviser); ``None``: all."""

_NOT_FINAL = (
    sa_select(
        _VISIT.c.id,
        _SCHOOL.c.code,
        _SCHOOL.c.name,
        _VISIT.c.start,
        _VISIT.c.purpose,
        _NOTE.c.status,
    )
    .select_from(
        _VISIT.join(_SCHOOL, _SCHOOL.c.id == _VISIT.c.school_id).outerjoin(
            _NOTE, and_(_NOTE.c.visit_id == _VISIT.c.id, _NOTE.c.deleted.is_(False))
        )
    )
    .where(
        _VISIT.c.status.in_([VisitStatus.DONE, VisitStatus.PLANNED]),
        _VISIT.c.start < bindparam("latest_start"),
        _VISIT.c.deleted.is_(False),
        _SCHOOL.c.deleted.is_(False),
        or_(_NOTE.c.status.is_(None), _NOTE.c.status != NoteStatus.FINAL),
        or_(_DIARY.is_(None), _VISIT.c.adviser_id.is_(None), _VISIT.c.adviser_id == _DIARY),
    )
    .order_by(_VISIT.c.start, _SCHOOL.c.name)
)
"""Visits made before a day whose note is missing or not final, oldest first: served by
the index on visit ``(status, start)`` (migration 0003), reading columns only."""


def overdue_notes(
    session: Session, today: date, overdue_days: int, diary_of: str | None = None
) -> list[OverdueNote]:
    """Visits that have happened whose note of visit is not final in time, oldest first.

    A visit *has happened* when it is marked done, or when it is still marked planned
    and its day is before ``today`` (the adviser went but has not updated it).
    Cancelled and postponed visits never need a note. The note is due ``overdue_days``
    days after the visit's day and is overdue from the day after that: with 10 days, a
    visit on Friday 13 November is due on Monday 23 November and overdue on the 24th.
    A note that is missing or still a draft counts as not final. With ``diary_of``, only
    that adviser's visits (and those of no adviser): another's notes are theirs to write.
    """
    allowance = timedelta(days=max(overdue_days, 0))
    latest_start = midnight(today - allowance)  # visits before this day are late
    overdue: list[OverdueNote] = []
    rows = session.execute(_NOT_FINAL, {"latest_start": latest_start, "diary": diary_of}).all()
    for visit_id, code, name, start, purpose, note_status in rows:
        due_on = start.date() + allowance
        overdue.append(
            OverdueNote(
                visit_id=visit_id,
                school_code=code,
                school_name=name,
                visit_start=start,
                purpose=purpose,
                note_status=note_status,
                due_on=due_on,
                days_overdue=(today - due_on).days,
            )
        )
    return overdue


def action_rows(session: Session, *conditions: ColumnElement[bool]) -> list[ActionRow]:
    statement = (
        select(Action, School, NoteOfVisit.visit_id)
        .join(School, col(School.id) == col(Action.school_id))
        .outerjoin(NoteOfVisit, col(NoteOfVisit.id) == col(Action.note_id))
        .where(
            col(Action.deleted).is_(False),
            col(School.deleted).is_(False),
            col(Action.status).in_(OPEN_ACTION_STATUSES),
            *conditions,
        )
        .order_by(
            col(Action.due).is_(None),
            col(Action.due),
            col(School.name),
            col(Action.text),
            col(Action.id),
        )
    )
    return [
        ActionRow(
            action_id=action.id,
            school_code=school.code,
            school_name=school.name,
            text=action.text,
            owner=action.owner,
            due=action.due,
            status=action.status,
            visit_id=visit_id,
        )
        for action, school, visit_id in session.exec(statement)
    ]


def open_actions_due(
    session: Session,
    today: date,
    horizon_days: int = DEFAULT_ACTION_HORIZON_DAYS,
    adviser_id: str | None = None,
) -> list[ActionRow]:
    """Open and in-progress actions due before ``today + horizon_days``, overdue first
    (with ``adviser_id``, at the schools of that adviser's caseload only).

    Undated actions are never "due", so they are left out here (a school's page lists them).
    """
    return action_rows(
        session,
        col(Action.due).is_not(None),
        col(Action.due) < today + timedelta(days=horizon_days),
        *caseload_of(adviser_id),
    )


def caseload_of(adviser_id: str | None) -> tuple[ColumnElement[bool], ...]:
    """The condition on ``School`` of ``domain.caseload.in_caseload`` (none for ``None``)."""
    if adviser_id is None:
        return ()
    return (or_(col(School.adviser_id).is_(None), col(School.adviser_id) == adviser_id),)


def _adviser_name(session: Session) -> str | None:
    identity = session.get(LocalIdentity, 1)
    if identity is None:
        return None
    adviser = session.get(Adviser, identity.adviser_id)
    return adviser.name if adviser is not None else None


def school_count(session: Session, adviser_id: str | None = None) -> int:
    """How many schools the register holds (deleted ones aside; with ``adviser_id``, in
    that adviser's caseload)."""
    statement = (
        select(func.count())
        .select_from(School)
        .where(col(School.deleted).is_(False), *caseload_of(adviser_id))
    )
    return int(session.exec(statement).one())


def dashboard_summary(session: Session, today: date) -> DashboardSummary:
    """Everything the dashboard shows for ``today``, in one read."""
    week_start = today - timedelta(days=today.weekday())
    week_end = week_start + timedelta(days=6)
    overdue_days = load_settings(session).note_overdue_days
    mine = adviser_here(session)
    week = visits_between(session, today, today + timedelta(days=NEXT_DAYS), mine)
    installation = session.get(Installation, 1)
    return DashboardSummary(
        today=today,
        week_start=week_start,
        week_end=week_end,
        adviser_name=_adviser_name(session),
        is_demo=bool(installation and installation.is_demo),
        school_count=school_count(session, mine),
        note_overdue_days=overdue_days,
        today_visits=tuple(row for row in week if row.start.date() == today),
        week_visits=tuple(row for row in week if row.start.date() != today),
        overdue_notes=tuple(overdue_notes(session, today, overdue_days, mine)),
        high_risk=tuple(high_risk_schools(session, today, adviser_id=mine)),
        actions_due=tuple(open_actions_due(session, today, adviser_id=mine)),
        programme_behind=schools_behind(session, today),
    )
