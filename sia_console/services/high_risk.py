"""The schools at high risk, as the dashboard lists them: each school's latest agreed
(final) floor-target judgement, and a draft's high judgement, marked provisional, on a
visit already made.

A judgement is the school's current one only once its note is final; a draft's may still
change, and one for a visit still to come is never shown. Core statements built once at
import, reading columns, served by the index on ``(school_id, judged_on, created_at, id)``
(migration 0003).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import String, bindparam, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.enums import NoteStatus, RiskLevel
from sia_console.domain.models import NoteOfVisit, RiskJudgement, School, Visit
from sia_console.services.sql import midnight, nth_judgement, table_of
from sia_console.services.today_rows import HighRiskSchool

_VISIT, _SCHOOL, _NOTE = table_of(Visit), table_of(School), table_of(NoteOfVisit)
_JUDGEMENT = table_of(RiskJudgement)


_LATEST, _PREVIOUS = _JUDGEMENT.alias("latest"), _JUDGEMENT.alias("previous")
_ADVISER = bindparam("adviser", type_=String)
"""The adviser whose caseload is watched; ``None``: every school."""

_HIGH_RISK = (
    sa_select(
        _SCHOOL.c.code,
        _SCHOOL.c.name,
        _LATEST.c.judged_on,
        _PREVIOUS.c.level,
        _PREVIOUS.c.judged_on,
    )
    .select_from(
        _SCHOOL.join(_LATEST, _LATEST.c.id == nth_judgement(0, final_only=True)).outerjoin(
            _PREVIOUS, _PREVIOUS.c.id == nth_judgement(1, final_only=True)
        )
    )
    .where(
        _SCHOOL.c.deleted.is_(False),
        _LATEST.c.level == RiskLevel.HIGH,
        or_(
            _ADVISER.is_(None),
            _SCHOOL.c.adviser_id.is_(None),
            _SCHOOL.c.adviser_id == _ADVISER,
        ),
    )
)
"""Schools whose latest agreed (final) judgement is high, with the agreed judgement
before it: two look-ups per school in the index, not every judgement read."""

_AGREED = _JUDGEMENT.alias("agreed")

_DRAFT_HIGH = (
    sa_select(
        _SCHOOL.c.code,
        _SCHOOL.c.name,
        _JUDGEMENT.c.judged_on,
        _AGREED.c.level,
        _AGREED.c.judged_on,
    )
    .select_from(
        _JUDGEMENT.join(_NOTE, _NOTE.c.id == _JUDGEMENT.c.note_id)
        .join(_VISIT, _VISIT.c.id == _NOTE.c.visit_id)
        .join(_SCHOOL, _SCHOOL.c.id == _JUDGEMENT.c.school_id)
        .outerjoin(_AGREED, _AGREED.c.id == nth_judgement(0, final_only=True))
    )
    .where(
        _JUDGEMENT.c.level == RiskLevel.HIGH,
        _JUDGEMENT.c.deleted.is_(False),
        _NOTE.c.status == NoteStatus.DRAFT,
        _NOTE.c.deleted.is_(False),
        _VISIT.c.deleted.is_(False),
        _VISIT.c.start < bindparam("tomorrow"),
        _SCHOOL.c.deleted.is_(False),
        or_(_AGREED.c.id.is_(None), _AGREED.c.judged_on <= _JUDGEMENT.c.judged_on),
        or_(
            _ADVISER.is_(None),
            _SCHOOL.c.adviser_id.is_(None),
            _SCHOOL.c.adviser_id == _ADVISER,
        ),
    )
)
"""High judgements on draft notes of visits already made, newer than the school's latest
agreed one, with that agreed judgement (few: an adviser's drafts in hand)."""


def high_risk_schools(
    session: Session, today: date | None = None, *, adviser_id: str | None = None
) -> list[HighRiskSchool]:
    """Schools whose latest agreed (final) judgement is high: newest judgement first, then
    by name. With ``today``, also schools whose draft judgement on a visit made by then is
    high, marked provisional (a judgement for a visit still to come is never shown). With
    ``adviser_id``, only the schools of that adviser's caseload (``domain.caseload``)."""
    result = [
        HighRiskSchool(
            school_code=code,
            school_name=name,
            judged_on=judged_on,
            previous_level=previous_level,
            previous_judged_on=previous_judged_on,
        )
        for code, name, judged_on, previous_level, previous_judged_on in session.execute(
            _HIGH_RISK, {"adviser": adviser_id}
        ).all()
    ]
    if today is not None:
        agreed = {row.school_code for row in result}
        tomorrow = midnight(today + timedelta(days=1))
        for code, name, judged_on, agreed_level, agreed_on in session.execute(
            _DRAFT_HIGH, {"tomorrow": tomorrow, "adviser": adviser_id}
        ).all():
            if code in agreed and agreed_on is not None and agreed_on >= judged_on:
                continue
            result = [row for row in result if row.school_code != code]
            agreed.add(code)
            result.append(
                HighRiskSchool(
                    school_code=code,
                    school_name=name,
                    judged_on=judged_on,
                    previous_level=agreed_level,
                    previous_judged_on=agreed_on,
                    provisional=True,
                )
            )
    result.sort(key=lambda row: (-row.judged_on.toordinal(), row.school_name.casefold()))
    return result
