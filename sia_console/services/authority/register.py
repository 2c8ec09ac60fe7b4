"""The risk register: every school whose latest floor-target judgement is recorded, the
riskiest and the worsening first, with how it compares with the judgement before.

Two advisers are named on each line, and they differ once a school has been reassigned:
``adviser_name`` is the school's **current** SIA (``school.adviser_id``: whose school it is
now, as the overdue actions and the categories name it), and ``judged_by`` is the adviser
who **made** the latest judgement (judgement → note → visit → ``visit.adviser_id``), which
reassigning the school never changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.domain.models import Action, CategoryChange, RiskJudgement
from sia_console.services.authority.coverage import ADVISER, NOTE, SCHOOL, VISIT
from sia_console.services.sql import table_of

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

ACTION, JUDGEMENT = table_of(Action), table_of(RiskJudgement)
CATEGORY_CHANGE = table_of(CategoryChange)


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


def _change(level: RiskLevel, previous: RiskLevel | None) -> Change:
    if previous is None:
        return Change.FIRST
    if level.rank > previous.rank:
        return Change.WORSE
    if level.rank < previous.rank:
        return Change.BETTER
    return Change.SAME


_CHANGE_ORDER = {Change.WORSE: 0, Change.FIRST: 1, Change.SAME: 2, Change.BETTER: 3}


_RECENT = JUDGEMENT.alias("recent")
_JUDGE = ADVISER.alias("judge")
_LATEST_TWO = (
    sa_select(_RECENT.c.id)
    .where(
        _RECENT.c.school_id == SCHOOL.c.id,
        _RECENT.c.deleted.is_(False),
        _RECENT.c.level.is_not(None),
    )
    .order_by(_RECENT.c.judged_on.desc(), _RECENT.c.created_at.desc(), _RECENT.c.id.desc())
    .limit(2)
    .correlate(SCHOOL)
)
"""The ids of a school's two latest judgements with a level, newest first as
:func:`~sia_console.services.today.judgements_by_school` orders them; served by the
index on ``(school_id, judged_on, created_at, id)`` read backwards."""

_REGISTER = (
    sa_select(
        SCHOOL.c.id,
        SCHOOL.c.code,
        SCHOOL.c.name,
        SCHOOL.c.local_authority,
        ADVISER.c.name,
        JUDGEMENT.c.level,
        JUDGEMENT.c.judged_on,
        _JUDGE.c.name,
    )
    .select_from(
        SCHOOL.join(JUDGEMENT, JUDGEMENT.c.id.in_(_LATEST_TWO))
        .outerjoin(ADVISER, ADVISER.c.id == SCHOOL.c.adviser_id)
        .outerjoin(NOTE, NOTE.c.id == JUDGEMENT.c.note_id)
        .outerjoin(VISIT, VISIT.c.id == NOTE.c.visit_id)
        .outerjoin(_JUDGE, _JUDGE.c.id == VISIT.c.adviser_id)
    )
    .where(SCHOOL.c.deleted.is_(False))
    .order_by(
        SCHOOL.c.name,
        SCHOOL.c.id,
        JUDGEMENT.c.judged_on.desc(),
        JUDGEMENT.c.created_at.desc(),
        JUDGEMENT.c.id.desc(),
    )
)
"""Each judged school's latest judgement and the one before (its rows next to each other),
with the name of the adviser who made each."""

_RANK = {level: level.rank for level in RiskLevel}


def risk_register(session: Session) -> tuple[RiskEntry, ...]:
    """Every judged school's latest risk: high first, worsening first, newest, by name;
    each names the school's current SIA and who made the judgement."""
    result: list[RiskEntry] = []
    latest: Any = None
    previous: RiskLevel | None = None
    for row in [*session.execute(_REGISTER).all(), None]:
        if row is not None and latest is not None and row[0] == latest[0]:
            previous = row[5]  # the judgement before the latest, of the same school
            continue
        if latest is not None:
            _school, code, name, local_authority, adviser, level, judged_on, judge = latest
            result.append(
                RiskEntry(
                    school_code=code,
                    school_name=name,
                    local_authority=local_authority,
                    adviser_name=adviser or "",
                    level=level,
                    judged_on=judged_on,
                    previous_level=previous,
                    change=_change(level, previous),
                    judged_by=judge or "",
                )
            )
        latest, previous = row, None
    result.sort(
        key=lambda r: (
            -_RANK[r.level],
            _CHANGE_ORDER[r.change],
            -r.judged_on.toordinal(),
            r.school_name.casefold(),
        )
    )
    return tuple(result)
