"""The core lead's questions about the whole authority, answered from imported bundles.

A core lead line-manages the SIAs of one authority and reports to its standards board:
who is behind the annual programme, which schools are at high risk and getting worse,
how the schools fall into support categories, and which agreed actions are overdue.
Each function takes an open session and plain values and returns frozen dataclasses, so
the terminal UI can run it in a worker and the report writer can lay it out; nothing here
changes the database. Tombstones (``deleted``) and anything of a deleted school are skipped.

Categories: a school row holds only its current category and bundles carry no history of
it, so "changed this year" cannot be derived; :func:`categories` reports current counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlmodel import Session, col, select

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.domain.models import Action, Adviser, School
from sia_console.i18n import _
from sia_console.services.authority_coverage import (
    ProgrammeCount,
    SiaCoverage,
    SiaSchool,
    coverage,
    live_schools,
    sia_schools,
    term_of,
)
from sia_console.services.dashboard import _judgements_by_school
from sia_console.services.identity import current_identity
from sia_console.services.programme import category_key
from sia_console.services.settings import category_scheme

__all__ = [
    "AuthoritySummary",
    "CategoryCount",
    "CategorySummary",
    "Change",
    "OverdueAction",
    "ProgrammeCount",
    "RiskEntry",
    "SiaCoverage",
    "SiaSchool",
    "authority_summary",
    "categories",
    "coverage",
    "overdue_actions",
    "risk_register",
    "sia_schools",
    "term_of",
]

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


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


def _change(level: RiskLevel, previous: RiskLevel | None) -> Change:
    if previous is None:
        return Change.FIRST
    if level.rank > previous.rank:
        return Change.WORSE
    if level.rank < previous.rank:
        return Change.BETTER
    return Change.SAME


_CHANGE_ORDER = {Change.WORSE: 0, Change.FIRST: 1, Change.SAME: 2, Change.BETTER: 3}


def _adviser_names(session: Session) -> dict[str, str]:
    return {a.id: a.name for a in session.exec(select(Adviser))}


def risk_register(session: Session) -> tuple[RiskEntry, ...]:
    """Every judged school's latest risk: high first, worsening first, newest, by name."""
    judgements = _judgements_by_school(session)
    names = _adviser_names(session)
    result: list[RiskEntry] = []
    for school in live_schools(session):
        rows = judgements.get(school.id)
        if not rows:
            continue
        latest = rows[0]
        previous = rows[1].level if len(rows) > 1 else None
        result.append(
            RiskEntry(
                school_code=school.code,
                school_name=school.name,
                local_authority=school.local_authority,
                adviser_name=names.get(school.adviser_id or "", ""),
                level=latest.level,
                judged_on=latest.judged_on,
                previous_level=previous,
                change=_change(latest.level, previous),
            )
        )
    result.sort(
        key=lambda r: (
            -r.level.rank,
            _CHANGE_ORDER[r.change],
            -r.judged_on.toordinal(),
            r.school_name.casefold(),
        )
    )
    return tuple(result)


# ----------------------------------------------------------------------------- categories


@dataclass(frozen=True)
class CategoryCount:
    """How many schools of one authority are in one support category."""

    local_authority: str
    category: str
    """The category's label in the scheme in force ("" for no category)."""
    schools: int


@dataclass(frozen=True)
class CategorySummary:
    """Schools per support category, in the scheme's order, and per authority."""

    scheme_name: str
    totals: tuple[tuple[str, int], ...]
    """(category label, schools) in scheme order; uncategorised and unknown last."""
    by_authority: tuple[CategoryCount, ...]
    history_available: bool = False
    """Whether category changes this year can be shown (not yet: no history is kept)."""


def categories(session: Session) -> CategorySummary:
    """Counts of schools per support category, overall and per authority."""
    scheme = category_scheme(session)
    order = {c.key: i for i, c in enumerate(scheme.categories)}
    labels = {c.key: c.label for c in scheme.categories}
    per: defaultdict[tuple[str, str], int] = defaultdict(int)
    totals: defaultdict[str, int] = defaultdict(int)
    for school in live_schools(session):
        key = category_key(scheme, school.category) or ""
        per[(school.local_authority, key)] += 1
        totals[key] += 1

    def rank(key: str) -> tuple[int, str]:
        return (order.get(key, len(order) + (1 if not key else 0)), key)

    def label(key: str) -> str:
        return labels.get(key, key) if key else _("(none)")

    return CategorySummary(
        scheme_name=scheme.name,
        totals=tuple((label(k), totals[k]) for k in sorted(totals, key=rank)),
        by_authority=tuple(
            CategoryCount(authority, label(key), count)
            for (authority, key), count in sorted(
                per.items(), key=lambda item: (item[0][0].casefold(), rank(item[0][1]))
            )
        ),
    )


# ----------------------------------------------------------------------------- actions


@dataclass(frozen=True)
class OverdueAction:
    """An open action past its due date."""

    action_id: str
    school_code: str
    school_name: str
    adviser_name: str
    text: str
    owner: str
    due: date
    days_overdue: int
    status: ActionStatus


def overdue_actions(session: Session, today: date) -> tuple[OverdueAction, ...]:
    """Open actions due before ``today``: by SIA, then school, then oldest first."""
    names = _adviser_names(session)
    statement = (
        select(Action, School)
        .join(School, col(School.id) == col(Action.school_id))
        .where(
            col(Action.deleted).is_(False),
            col(School.deleted).is_(False),
            col(Action.status).in_(OPEN_STATUSES),
            col(Action.due).is_not(None),
            col(Action.due) < today,
        )
    )
    result = [
        OverdueAction(
            action_id=action.id,
            school_code=school.code,
            school_name=school.name,
            adviser_name=names.get(school.adviser_id or "", ""),
            text=action.text,
            owner=action.owner,
            due=action.due,
            days_overdue=(today - action.due).days,
            status=action.status,
        )
        for action, school in session.exec(statement)
        if action.due is not None
    ]
    result.sort(
        key=lambda r: (
            r.adviser_name.casefold(),
            r.school_name.casefold(),
            r.due,
            r.text,
            r.action_id,
        )
    )
    return tuple(result)


# ----------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class AuthoritySummary:
    """Everything the core lead's home screen and the standards-board report show."""

    today: date
    authority: str | None
    coverage: tuple[SiaCoverage, ...]
    risk: tuple[RiskEntry, ...]
    categories: CategorySummary
    overdue_actions: tuple[OverdueAction, ...]


def authority_summary(session: Session, today: date) -> AuthoritySummary:
    """Read every panel in one transaction."""
    me = current_identity(session)
    return AuthoritySummary(
        today=today,
        authority=me.authority if me is not None else None,
        coverage=coverage(session, today),
        risk=risk_register(session),
        categories=categories(session),
        overdue_actions=overdue_actions(session, today),
    )
