"""What the standards board receives: the agreed record, the provisional apart, the charts.

The core lead's screen shows every judgement and action as it arrives, drafts included:
that is how an adviser's work in progress is seen. A report to the standards board is a
record, so it is built from what was agreed with the school (final notes of visit) only:

* the risk register takes each school's two latest judgements recorded on *final* notes;
  a judgement on a draft note later than the school's latest agreed one is listed apart,
  marked provisional;
* an overdue action is one agreed on a final note of a visit in the report's academic
  year (from 1 September to the report's day), still open by the reviews of later *final*
  notes, past its due date on the report's day; actions agreed on draft notes of the year
  and past their date are listed apart, marked provisional; both lists are ordered by days
  overdue, longest first. The board reads the year it is given: an action agreed in an
  earlier year and never reviewed since is that year's business (and the screen's, which
  lists every open action), not a finding of this one;
* the charts count agreed judgements: the latest level of each school per authority, and
  each month of the academic year's judgements by level (the year's movement of risk).

Coverage and categories are the same as the screen's (:mod:`.summary`): visits made and
support categories are facts, not agreements.

Each judgement and action is named with the adviser who made it (the adviser of the visit
whose note holds it), not the school's link adviser now: a school given to another adviser
keeps its history with whoever wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import NamedTuple

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel
from sia_console.domain.models import (
    Action,
    ActionReview,
    Adviser,
    NoteOfVisit,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.domain.programme import academic_year_bounds, academic_year_of
from sia_console.services.authority.rows import AuthoritySummary, OverdueAction, RiskEntry
from sia_console.services.authority.shaping import change_of
from sia_console.services.authority.summary import authority_summary

OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class MonthOfRisk:
    """How many agreed judgements of each level were made in one month."""

    month: date
    """The first day of the month."""
    high: int = 0
    medium: int = 0
    low: int = 0


@dataclass(frozen=True)
class BoardReport:
    """The standards board's report: the agreed summary, the provisional, the charts' data."""

    summary: AuthoritySummary
    """Coverage and categories as the screen has them; risk and overdue actions agreed only."""
    provisional_risk: tuple[RiskEntry, ...] = ()
    provisional_actions: tuple[OverdueAction, ...] = ()
    movement: tuple[MonthOfRisk, ...] = ()

    @property
    def today(self) -> date:
        """The day the report is for."""
        return self.summary.today

    def risk_by_authority(self) -> list[tuple[str, dict[RiskLevel, int]]]:
        """Each authority's schools by their latest agreed level, authorities by name."""
        counts: dict[str, dict[RiskLevel, int]] = {}
        for entry in self.summary.risk:
            levels = counts.setdefault(entry.local_authority, dict.fromkeys(RiskLevel, 0))
            levels[entry.level] += 1
        return sorted(counts.items(), key=lambda item: item[0].casefold())


def report_of(summary: AuthoritySummary) -> BoardReport:
    """A report of ``summary`` as it stands, with nothing provisional and no months."""
    return BoardReport(summary=summary)


def board_report(session: Session, today: date) -> BoardReport:
    """Read the board's report in one transaction (see the module)."""
    summary = authority_summary(session, today)
    schools = {
        s.id: s
        for s in session.exec(select(School).where(School.deleted == False))  # noqa: E712
    }
    advisers = {a.id: a.name for a in session.exec(select(Adviser))}
    agreed, provisional, movement = _judgements(session, schools, advisers, today)
    overdue, pending = _overdue(session, schools, advisers, today)
    return BoardReport(
        summary=replace(summary, risk=agreed, overdue_actions=overdue),
        provisional_risk=provisional,
        provisional_actions=pending,
        movement=movement,
    )


def _sia(adviser_id: str | None, advisers: dict[str, str]) -> str:
    """The name of the adviser who made a record (of its visit), or nothing."""
    return advisers.get(adviser_id or "", "")


def _judgements(
    session: Session, schools: dict[str, School], advisers: dict[str, str], today: date
) -> tuple[tuple[RiskEntry, ...], tuple[RiskEntry, ...], tuple[MonthOfRisk, ...]]:
    rows = session.execute(
        sa_select(
            col(RiskJudgement.school_id),
            col(RiskJudgement.judged_on),
            col(RiskJudgement.level),
            col(NoteOfVisit.status),
            col(Visit.adviser_id),
        )
        .join(NoteOfVisit, col(NoteOfVisit.id) == col(RiskJudgement.note_id))
        .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
        .where(
            col(RiskJudgement.deleted).is_(False),
            col(NoteOfVisit.deleted).is_(False),
            col(RiskJudgement.level).is_not(None),
        )
        .order_by(
            col(RiskJudgement.judged_on).desc(),
            col(RiskJudgement.created_at).desc(),
            col(RiskJudgement.id).desc(),
        )
    ).all()
    agreed: dict[str, list[Judged]] = {}
    drafts: dict[str, Judged] = {}
    first, _last = academic_year_bounds(academic_year_of(today))
    months: dict[date, dict[RiskLevel, int]] = {}
    for school_id, judged_on, level, status, adviser_id in rows:
        if school_id not in schools or level is None:
            continue
        judged = Judged(judged_on, level, adviser_id)
        if status is NoteStatus.FINAL:
            found = agreed.setdefault(school_id, [])
            if len(found) < 2:
                found.append(judged)
            if first <= judged_on <= today:
                counts = months.setdefault(judged_on.replace(day=1), dict.fromkeys(RiskLevel, 0))
                counts[level] += 1
        elif school_id not in drafts:
            drafts[school_id] = judged
    register = [_entry(schools[sid], advisers, found) for sid, found in agreed.items()]
    pending = [
        _entry(schools[sid], advisers, [draft, *agreed.get(sid, [])[:1]])
        for sid, draft in drafts.items()
        if sid not in agreed or agreed[sid][0].judged_on <= draft.judged_on
    ]
    month = first
    movement: list[MonthOfRisk] = []
    while month <= today:
        counts = months.get(month, {})
        movement.append(
            MonthOfRisk(
                month,
                counts.get(RiskLevel.HIGH, 0),
                counts.get(RiskLevel.MEDIUM, 0),
                counts.get(RiskLevel.LOW, 0),
            )
        )
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return _ordered(register), _ordered(pending), tuple(movement)


class Judged(NamedTuple):
    """A judgement as the register reads it."""

    judged_on: date
    level: RiskLevel
    adviser_id: str | None = None
    """Who made it: the adviser of the visit whose note holds it."""


def _entry(school: School, advisers: dict[str, str], found: list[Judged]) -> RiskEntry:
    latest = found[0]
    previous = found[1].level if len(found) > 1 else None
    return RiskEntry(
        school_code=school.code,
        school_name=school.name,
        local_authority=school.local_authority,
        adviser_name=_sia(latest.adviser_id, advisers),
        level=latest.level,
        judged_on=latest.judged_on,
        previous_level=previous,
        change=change_of(latest.level, previous),
        judged_by=advisers.get(latest.adviser_id or "", ""),
    )


_CHANGE_ORDER = {"↑": 0, "": 1, "=": 2, "↓": 3}


def _ordered(entries: list[RiskEntry]) -> tuple[RiskEntry, ...]:
    """High first, worsening first, newest, by name (as the register on the screen)."""
    return tuple(
        sorted(
            entries,
            key=lambda r: (
                -r.level.rank,
                _CHANGE_ORDER[str(r.change)],
                -r.judged_on.toordinal(),
                r.school_name.casefold(),
            ),
        )
    )


def _overdue(
    session: Session, schools: dict[str, School], advisers: dict[str, str], today: date
) -> tuple[tuple[OverdueAction, ...], tuple[OverdueAction, ...]]:
    """Agreed actions still open by the final record, and draft ones, past their date:
    those of the notes of visits in the academic year of ``today``."""
    first, _last = academic_year_bounds(academic_year_of(today))
    reviewed: dict[str, ActionStatus] = {}
    for action_id, status in session.execute(
        sa_select(col(ActionReview.action_id), col(ActionReview.status))
        .join(NoteOfVisit, col(NoteOfVisit.id) == col(ActionReview.note_id))
        .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
        .where(
            col(ActionReview.deleted).is_(False),
            col(NoteOfVisit.deleted).is_(False),
            col(NoteOfVisit.status) == NoteStatus.FINAL,
        )
        .order_by(col(Visit.start), col(ActionReview.created_at))
    ):
        reviewed[action_id] = status  # the latest final review wins
    agreed: list[OverdueAction] = []
    pending: list[OverdueAction] = []
    for action_id, school_id, text, owner, due, status, adviser_id in session.execute(
        sa_select(
            *(col(c) for c in (Action.id, Action.school_id, Action.text, Action.owner)),
            col(Action.due),
            col(NoteOfVisit.status),
            col(Visit.adviser_id),
        )
        .join(NoteOfVisit, col(NoteOfVisit.id) == col(Action.note_id))
        .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
        .where(
            col(Action.deleted).is_(False),
            col(NoteOfVisit.deleted).is_(False),
            col(Action.due).is_not(None),
            col(Action.due) < today,
            col(Visit.start) >= datetime.combine(first, time.min),
        )
    ):
        school = schools.get(school_id)
        if school is None or due is None:
            continue
        state = reviewed.get(action_id, ActionStatus.OPEN)
        if state not in OPEN:
            continue
        row = OverdueAction(
            action_id,
            school.code,
            school.name,
            _sia(adviser_id, advisers),
            text,
            owner,
            due,
            (today - due).days,
            state,
        )
        (agreed if status is NoteStatus.FINAL else pending).append(row)
    return _by_lateness(agreed), _by_lateness(pending)


def _by_lateness(actions: list[OverdueAction]) -> tuple[OverdueAction, ...]:
    """Longest overdue first, then by school and SIA."""
    return tuple(
        sorted(
            actions,
            key=lambda a: (
                -a.days_overdue,
                a.school_name.casefold(),
                a.adviser_name.casefold(),
                a.text,
                a.action_id,
            ),
        )
    )
