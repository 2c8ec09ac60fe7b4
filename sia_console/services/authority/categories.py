"""Support categories across the authority: schools per category today, and the changes
of category this academic year (``category_change``, kept since migration 0005 by every
service that changes a category and by bundle imports)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import bindparam, func
from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.enums import ActionStatus
from sia_console.domain.models import Action, CategoryChange, RiskJudgement
from sia_console.domain.programme import academic_year_bounds, academic_year_of
from sia_console.i18n import _
from sia_console.services.authority.coverage import ADVISER, SCHOOL
from sia_console.services.programme.planning import category_key
from sia_console.services.settings import category_scheme
from sia_console.services.sql import table_of

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

ACTION, JUDGEMENT = table_of(Action), table_of(RiskJudgement)
CATEGORY_CHANGE = table_of(CategoryChange)


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
