"""Agreed actions past their due date, across the authority."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, bindparam, func, literal_column, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.models import Action
from sia_console.services.authority.coverage import ADVISER, SCHOOL
from sia_console.services.authority.rows import OverdueAction
from sia_console.services.authority.shaping import OPEN_STATUSES, overdue_of
from sia_console.services.sql import table_of

ACTION = table_of(Action)


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
        type_coerce(ACTION.c.due, String),  # text, read by ``overdue_of``: cheaper than Date's
        type_coerce(ACTION.c.status, String),  # text, looked up there: cheaper than Enum's
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


def overdue_actions(session: Session, today: date) -> tuple[OverdueAction, ...]:
    """Open actions due before ``today``: by SIA, then school, then oldest first."""
    return overdue_of(session.execute(_OVERDUE_ACTIONS, {"today": today}).all(), today)
