"""Agreed actions past their due date, across the authority."""

from __future__ import annotations

from datetime import date
from itertools import islice
from operator import attrgetter, lt
from typing import NamedTuple

from sqlalchemy import String, bindparam, func, literal_column, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.enums import ActionStatus
from sia_console.domain.models import Action, CategoryChange, RiskJudgement
from sia_console.services.authority.coverage import ADVISER, SCHOOL
from sia_console.services.sql import table_of

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

ACTION, JUDGEMENT = table_of(Action), table_of(RiskJudgement)
CATEGORY_CHANGE = table_of(CategoryChange)


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
