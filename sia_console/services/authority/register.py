"""The risk register: every school whose latest floor-target judgement is recorded, the
riskiest and the worsening first, with how it compares with the judgement before.

Two advisers are named on each line, and they differ once a school has been reassigned:
``adviser_name`` is the school's **current** SIA (``school.adviser_id``: whose school it is
now, as the overdue actions and the categories name it), and ``judged_by`` is the adviser
who **made** the latest judgement (judgement → note → visit → ``visit.adviser_id``), which
reassigning the school never changes."""

from __future__ import annotations

from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.models import RiskJudgement
from sia_console.services.authority.coverage import ADVISER, NOTE, SCHOOL, VISIT
from sia_console.services.authority.rows import RiskEntry
from sia_console.services.authority.shaping import register_of
from sia_console.services.sql import table_of

JUDGEMENT = table_of(RiskJudgement)


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


def risk_register(session: Session) -> tuple[RiskEntry, ...]:
    """Every judged school's latest risk: high first, worsening first, newest, by name;
    each names the school's current SIA and who made the judgement."""
    return register_of(session.execute(_REGISTER).all())
