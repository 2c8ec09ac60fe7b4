"""The core lead's questions about the whole authority, answered from imported bundles.

A core lead line-manages the SIAs of one authority and reports to its standards board:
who is behind the annual programme, which schools are at high risk and getting worse,
how the schools fall into support categories, and which agreed actions are overdue.
Each function takes an open session and plain values and returns frozen dataclasses (named
tuples for the rows of the categories and overdue actions, made in their hundreds), so the
terminal UI can run it in a worker and the report writer can lay it out; nothing here
changes the database. Tombstones (``deleted``) and anything of a deleted school are skipped.

Categories: :func:`categories` counts schools per category today and lists the changes of
category recorded this academic year (``category_change``, kept since migration 0005 by
every service that changes a category and by bundle imports).

A large authority's database holds tens of thousands of visits, notes, judgements and
actions: every panel runs a SQLAlchemy Core statement built once (columns, not ORM
objects), lets SQLite filter, join, group and sort, and reads only what it shows (the
two latest judgements of each school, not all of them). Each statement is served by an
index (migration 0003); ``bench/authority.py`` times them against the same SQL run raw.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import islice
from operator import attrgetter, lt
from typing import Any, NamedTuple

from sqlalchemy import String, bindparam, func, literal_column, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.domain.models import Action, CategoryChange, RiskJudgement
from sia_console.domain.programme import academic_year_bounds, academic_year_of
from sia_console.i18n import _
from sia_console.services.authority_coverage import (
    ADVISER,
    SCHOOL,
    ProgrammeCount,
    SiaCoverage,
    SiaSchool,
    coverage,
    sia_schools,
    table_of,
    term_of,
)
from sia_console.services.identity import current_identity
from sia_console.services.programme import category_key
from sia_console.services.settings import category_scheme

__all__ = [
    "AuthoritySummary",
    "CategoryChangeEntry",
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
    "category_changes",
    "coverage",
    "overdue_actions",
    "risk_register",
    "sia_schools",
    "term_of",
]

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

ACTION, JUDGEMENT = table_of(Action), table_of(RiskJudgement)
CATEGORY_CHANGE = table_of(CategoryChange)


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


_RECENT = JUDGEMENT.alias("recent")
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
:func:`~sia_console.services.dashboard.judgements_by_school` orders them; served by the
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
    )
    .select_from(
        SCHOOL.join(JUDGEMENT, JUDGEMENT.c.id.in_(_LATEST_TWO)).outerjoin(
            ADVISER, ADVISER.c.id == SCHOOL.c.adviser_id
        )
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
"""Each judged school's latest judgement and the one before (its rows next to each other)."""

_RANK = {level: level.rank for level in RiskLevel}


def risk_register(session: Session) -> tuple[RiskEntry, ...]:
    """Every judged school's latest risk: high first, worsening first, newest, by name."""
    result: list[RiskEntry] = []
    latest: Any = None
    previous: RiskLevel | None = None
    for row in [*session.execute(_REGISTER).all(), None]:
        if row is not None and latest is not None and row[0] == latest[0]:
            previous = row[5]  # the judgement before the latest, of the same school
            continue
        if latest is not None:
            _school, code, name, local_authority, adviser, level, judged_on = latest
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
class CategorySummary:
    """Schools per support category, in the scheme's order, and per authority."""

    scheme_name: str
    totals: tuple[tuple[str, int], ...]
    """(category label, schools) in scheme order; uncategorised and unknown last."""
    by_authority: tuple[CategoryCount, ...]
    changes: tuple[CategoryChangeEntry, ...] = ()
    """The changes of category this academic year, newest first."""


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


_CATEGORY_COUNTS = (
    sa_select(SCHOOL.c.local_authority, SCHOOL.c.category, func.count())
    .where(SCHOOL.c.deleted.is_(False))
    .group_by(SCHOOL.c.local_authority, SCHOOL.c.category)
)


_CATEGORY_CHANGES = (
    sa_select(
        CATEGORY_CHANGE.c.id,
        SCHOOL.c.code,
        SCHOOL.c.name,
        SCHOOL.c.local_authority,
        ADVISER.c.name,
        CATEGORY_CHANGE.c.previous_category,
        CATEGORY_CHANGE.c.category,
        CATEGORY_CHANGE.c.changed_on,
    )
    .select_from(
        CATEGORY_CHANGE.join(SCHOOL, SCHOOL.c.id == CATEGORY_CHANGE.c.school_id).outerjoin(
            ADVISER, ADVISER.c.id == SCHOOL.c.adviser_id
        )
    )
    .where(
        CATEGORY_CHANGE.c.changed_on >= bindparam("first"),
        CATEGORY_CHANGE.c.changed_on <= bindparam("last"),
        CATEGORY_CHANGE.c.deleted.is_(False),
        SCHOOL.c.deleted.is_(False),
    )
)
"""The changes of category between two days, served by the index on ``changed_on``."""


def category_changes(session: Session, today: date) -> tuple[CategoryChangeEntry, ...]:
    """The changes of category in the academic year of ``today``: newest first, by school."""
    scheme = category_scheme(session)
    labels = {c.key: c.label for c in scheme.categories}

    def label(category: str | None) -> str:
        key = category_key(scheme, category)
        return labels.get(key, key) if key else _("(none)")

    first, last = academic_year_bounds(academic_year_of(today))
    rows = session.execute(_CATEGORY_CHANGES, {"first": first, "last": last}).all()
    entries = [
        CategoryChangeEntry(
            change_id=change_id,
            school_code=code,
            school_name=name,
            local_authority=local_authority,
            adviser_name=adviser or "",
            previous=label(previous),
            category=label(category),
            changed_on=changed_on,
        )
        for change_id, code, name, local_authority, adviser, previous, category, changed_on in rows
    ]
    entries.sort(key=lambda e: (-e.changed_on.toordinal(), e.school_name.casefold(), e.change_id))
    return tuple(entries)


def categories(session: Session, today: date | None = None) -> CategorySummary:
    """Counts of schools per support category, overall and per authority.

    With ``today``, also the changes of category in its academic year.
    """
    scheme = category_scheme(session)
    order = {c.key: i for i, c in enumerate(scheme.categories)}
    labels = {c.key: c.label for c in scheme.categories}
    keys: dict[str | None, str] = {}
    per: defaultdict[tuple[str, str], int] = defaultdict(int)
    totals: defaultdict[str, int] = defaultdict(int)
    for local_authority, category, count in session.execute(_CATEGORY_COUNTS).all():
        key = keys.get(category)
        if key is None:  # labels and keys of one category merge
            key = keys[category] = category_key(scheme, category) or ""
        per[(local_authority, key)] += count
        totals[key] += count
    rank = {key: (order.get(key, len(order) + (0 if key else 1)), key) for key in totals}
    label = {key: labels.get(key, key) if key else _("(none)") for key in totals}
    return CategorySummary(
        scheme_name=scheme.name,
        totals=tuple((label[k], totals[k]) for k in sorted(totals, key=rank.__getitem__)),
        by_authority=tuple(
            CategoryCount(authority, label[key], count)
            for (authority, key), count in sorted(
                per.items(), key=lambda item: (item[0][0].casefold(), rank[item[0][1]])
            )
        ),
        changes=category_changes(session, today) if today is not None else (),
    )


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


_SIA_NAME = func.coalesce(ADVISER.c.name, literal_column("''")).collate("NOCASE").label("sia_name")
_SCHOOL_NAME = SCHOOL.c.name.collate("NOCASE").label("school_name")

_OVERDUE_ACTIONS = (
    sa_select(
        ACTION.c.id,
        SCHOOL.c.code,
        _SCHOOL_NAME,
        _SIA_NAME,
        ACTION.c.text,
        ACTION.c.owner,
        ACTION.c.due,
        type_coerce(ACTION.c.status, String),  # text, looked up below: cheaper than Enum's
    )
    .select_from(
        ACTION.join(SCHOOL, SCHOOL.c.id == ACTION.c.school_id).outerjoin(
            ADVISER, ADVISER.c.id == SCHOOL.c.adviser_id
        )
    )
    .where(
        ACTION.c.status.in_(OPEN_STATUSES),
        ACTION.c.due < bindparam("today"),
        ACTION.c.deleted.is_(False),
        SCHOOL.c.deleted.is_(False),
    )
    .order_by(_SIA_NAME, _SCHOOL_NAME, ACTION.c.due, ACTION.c.text, ACTION.c.id)
)
"""The open actions due before a day, by SIA and school with ASCII case aside, then oldest
first; served by the index on ``(status, due)``. The names are sorted as they are selected
(the collation is part of the column), so that SQLite's sorter keeps them once."""

_OPEN_STATUS = {status.value: status for status in OPEN_STATUSES}
_NAMES = attrgetter("adviser_name", "school_name")


def _folded_order(actions: tuple[OverdueAction, ...]) -> tuple[OverdueAction, ...]:
    """``actions``, read in SQLite's order, by SIA and school with all case aside
    (``casefold``), then oldest first.

    SQLite sets aside the case of ASCII letters only, so its order is already this one unless
    two names differ in the case of another letter ("Ŵ", "ŵ") or fold to the same text. Then
    some (SIA, school) pair, in the order read, does not fold to after the pair before it,
    and the actions are sorted here; otherwise each pair's actions are together and oldest
    first, and are kept as read.
    """
    names = [
        (sia.casefold(), school.casefold()) for sia, school in dict.fromkeys(map(_NAMES, actions))
    ]
    if all(map(lt, names, islice(names, 1, None))):
        return actions
    folded: dict[str, str] = {}

    def fold(name: str) -> str:
        found = folded.get(name)
        if found is None:
            found = folded[name] = name.casefold()
        return found

    return tuple(
        sorted(
            actions,
            key=lambda a: (fold(a.adviser_name), fold(a.school_name), a.due, a.text, a.action_id),
        )
    )


def overdue_actions(session: Session, today: date) -> tuple[OverdueAction, ...]:
    """Open actions due before ``today``: by SIA, then school, then oldest first."""
    rows = session.execute(_OVERDUE_ACTIONS, {"today": today}).all()
    new, status = tuple.__new__, _OPEN_STATUS  # as ``_make`` does, without a Python call per row
    actions = [
        new(
            OverdueAction,
            (id_, code, name, sia, text, owner, due, (today - due).days, status[state]),
        )
        for id_, code, name, sia, text, owner, due, state in rows
    ]
    return _folded_order(tuple(actions))


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
        categories=categories(session, today),
        overdue_actions=overdue_actions(session, today),
    )
