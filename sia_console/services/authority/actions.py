"""Agreed actions past their due date, across the authority.

The statement is :mod:`.quick`'s (one for the first paint and the services), run on the
session's own connection: open actions due before a day, by SIA and school with ASCII
case aside, then oldest first, served by the index on ``(status, due)``; the due day and
the status are read from their stored text by :func:`.shaping.overdue_of`.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from sia_console.services.authority import quick
from sia_console.services.authority.rows import OverdueAction
from sia_console.services.sql import dbapi_connection


def overdue_actions(session: Session, today: date) -> tuple[OverdueAction, ...]:
    """Open actions due before ``today``: by SIA, then school, then oldest first."""
    return quick.overdue_actions(dbapi_connection(session), today)
