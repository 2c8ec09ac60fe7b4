"""Small pieces of SQL the services share: Core tables, a day's first moment, the
correlated look-up of a school's latest risk judgements, and the session's own
``sqlite3`` connection.

Questions whose answer grows with the history read columns through SQLAlchemy Core
rather than ORM objects; these helpers keep those statements short and alike. The core
lead's home panels go one step further: their SQL is written once, for ``sqlite3``
(``services.authority.quick``), and the services run it on the session's connection
(:func:`dbapi_connection`).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time
from typing import cast

from sqlalchemy import ColumnElement, Table
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel

from sia_console.domain.enums import NoteStatus
from sia_console.domain.models import NoteOfVisit, RiskJudgement, School


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a model, for statements that read columns without the ORM."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def dbapi_connection(session: Session) -> sqlite3.Connection:
    """The ``sqlite3`` connection under ``session``, for SQL written for ``sqlite3``: in the
    session's transaction, so it reads what the session has written, and (as a query
    through the session would) with the session's pending changes flushed first."""
    if session.autoflush:
        session.flush()
    return cast(sqlite3.Connection, session.connection().connection.driver_connection)


def midnight(day: date) -> datetime:
    """The first moment of ``day``, naive, as visit times are stored (London wall clock)."""
    return datetime.combine(day, time.min)


_SCHOOL = table_of(School)
_JUDGEMENT = table_of(RiskJudgement)
_NOTE = table_of(NoteOfVisit)


def nth_judgement(offset: int, *, final_only: bool = False) -> ColumnElement[str]:
    """The id of a school's judgement ``offset`` places back from its latest (with a level,
    not deleted), newest first by day, then by when recorded, then by id (the same on every
    laptop); correlated with the ``school`` table, and served by the index on
    ``(school_id, judged_on, created_at, id)`` read backwards.

    With ``final_only``, only judgements whose note of visit is final count: the school's
    current judgement is an agreed one, never a draft's."""
    recent = _JUDGEMENT.alias(f"recent_{offset}{'_final' if final_only else ''}")
    conditions = [
        recent.c.school_id == _SCHOOL.c.id,
        recent.c.deleted.is_(False),
        recent.c.level.is_not(None),
    ]
    if final_only:
        note = _NOTE.alias(f"note_{offset}")
        conditions.append(
            sa_select(note.c.id)
            .where(note.c.id == recent.c.note_id, note.c.status == NoteStatus.FINAL)
            .exists()
        )
    return (
        sa_select(recent.c.id)
        .where(*conditions)
        .order_by(recent.c.judged_on.desc(), recent.c.created_at.desc(), recent.c.id.desc())
        .limit(1)
        .offset(offset)
        .correlate(_SCHOOL)
        .scalar_subquery()
    )
