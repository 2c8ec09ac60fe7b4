"""The risk register: every school whose latest floor-target judgement is recorded, the
riskiest and the worsening first, with how it compares with the judgement before.

Two advisers are named on each line, and they differ once a school has been reassigned:
``adviser_name`` is the school's **current** SIA (``school.adviser_id``: whose school it is
now, as the overdue actions and the categories name it), and ``judged_by`` is the adviser
who **made** the latest judgement (judgement → note → visit → ``visit.adviser_id``), which
reassigning the school never changes.

The statement is :mod:`.quick`'s (one for the first paint and the services), run on the
session's own connection: each judged school's two latest judgements with a level,
served by the index on ``(school_id, judged_on, created_at, id)`` read backwards, with
the name of the adviser who made each."""

from __future__ import annotations

from sqlmodel import Session

from sia_console.services.authority import quick
from sia_console.services.authority.rows import RiskEntry
from sia_console.services.sql import dbapi_connection


def risk_register(session: Session) -> tuple[RiskEntry, ...]:
    """Every judged school's latest risk: high first, worsening first, newest, by name;
    each names the school's current SIA and who made the judgement."""
    return quick.risk_register(dbapi_connection(session))
