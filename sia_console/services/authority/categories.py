"""Support categories across the authority: schools per category today, and the changes
of category this academic year (``category_change``, kept since migration 0005 by every
service that changes a category and by bundle imports)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, func
from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.models import CategoryChange
from sia_console.domain.programme import academic_year_bounds, academic_year_of
from sia_console.services.authority.coverage import ADVISER, SCHOOL
from sia_console.services.authority.rows import CategoryChangeEntry, CategorySummary
from sia_console.services.authority.shaping import categories_of, category_changes_of
from sia_console.services.settings import category_scheme
from sia_console.services.sql import table_of

CATEGORY_CHANGE = table_of(CategoryChange)


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
    first, last = academic_year_bounds(academic_year_of(today))
    rows = session.execute(_CATEGORY_CHANGES, {"first": first, "last": last}).all()
    return category_changes_of(category_scheme(session), rows)


def categories(session: Session, today: date | None = None) -> CategorySummary:
    """Counts of schools per support category, overall and per authority.

    With ``today``, also the changes of category in its academic year.
    """
    scheme = category_scheme(session)
    counts = session.execute(_CATEGORY_COUNTS).all()
    changes = category_changes(session, today) if today is not None else ()
    return categories_of(scheme, counts, changes)
