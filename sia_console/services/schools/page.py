"""What a school's page and the schools register show: each school's facts, its visits,
its risk over time and its open actions (a school's page names who made the judgements
and agreed the actions that another adviser made: its history from before).

Read-only, like :mod:`sia_console.services.today`, whose visit and action rows it shares;
the register reads every school's latest judgement and next visit in one statement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import bindparam, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from sia_console.domain.enums import LanguageMedium, RiskLevel, VisitStatus
from sia_console.domain.models import Action, Adviser, NoteOfVisit, RiskJudgement, School, Visit
from sia_console.domain.vocabulary import fold, matches_filter
from sia_console.i18n import _
from sia_console.services.errors import NotFound
from sia_console.services.identity import current_identity
from sia_console.services.settings import category_scheme
from sia_console.services.sql import midnight, nth_judgement, table_of
from sia_console.services.today import ActionRow, VisitRow, action_rows, visit_rows

_VISIT, _SCHOOL = table_of(Visit), table_of(School)
_LATEST = table_of(RiskJudgement).alias("latest")


@dataclass(frozen=True)
class SchoolRow:
    """One line of the schools register."""

    code: str
    name: str
    local_authority: str
    cluster: str | None
    category: str | None
    """The category's label in the scheme in force (or its stored key if unknown)."""
    latest_risk: RiskLevel | None
    next_visit: datetime | None
    """Start of the next planned visit from today on."""


@dataclass(frozen=True)
class SchoolFacts:
    """What the register holds about a school."""

    code: str
    name: str
    local_authority: str
    cluster: str | None
    headteacher: str | None
    email: str | None
    phone: str | None
    postcode: str | None
    language: LanguageMedium
    number_on_roll: int | None
    category: str | None
    adviser: str | None = None
    """The name of the school's link adviser now, or ``None`` when it has none."""


@dataclass(frozen=True)
class JudgementRow:
    """One floor-target risk judgement."""

    judgement_id: str
    judged_on: date
    level: RiskLevel
    rationale: str
    made_by: str | None = None
    """Who made it, when another adviser did (on a school's page); ``None`` elsewhere."""


@dataclass(frozen=True)
class SchoolOverview:
    """A school's page: the school, its visits, its risk over time, its open actions."""

    school: SchoolFacts
    visits: tuple[VisitRow, ...]
    """Newest first."""
    judgements: tuple[JudgementRow, ...]
    """Newest first."""
    open_actions: tuple[ActionRow, ...]
    """Soonest due first; undated last."""


_NEXT_VISITS = (
    sa_select(_VISIT.c.school_id, func.min(_VISIT.c.start).label("start"))
    .where(
        _VISIT.c.status == VisitStatus.PLANNED,
        _VISIT.c.start >= bindparam("from_day"),
        _VISIT.c.deleted.is_(False),
    )
    .group_by(_VISIT.c.school_id)
    .subquery("next_visit")
)
"""Each school's next planned visit from a day on: the planned visits ahead, read from
the index on visit ``(status, start)`` and grouped once (not a look-up per school)."""

_SCHOOL_LINES = (
    sa_select(
        _SCHOOL.c.code,
        _SCHOOL.c.name,
        _SCHOOL.c.local_authority,
        _SCHOOL.c.cluster,
        _SCHOOL.c.category,
        _LATEST.c.level,
        _NEXT_VISITS.c.start,
    )
    .select_from(
        _SCHOOL.outerjoin(_LATEST, _LATEST.c.id == nth_judgement(0, final_only=True)).outerjoin(
            _NEXT_VISITS, _NEXT_VISITS.c.school_id == _SCHOOL.c.id
        )
    )
    .where(_SCHOOL.c.deleted.is_(False))
    .order_by(_SCHOOL.c.name)
)
"""Every school's line of the register: its latest agreed (final) judgement's level and its
next visit (a draft's judgement is not yet the school's)."""


def judgements_by_school(
    session: Session, school_ids: Iterable[str] | None = None
) -> dict[str, list[JudgementRow]]:
    """Recorded floor-target risk judgements per school id, newest first.

    Only judgements with a level, of schools that are not deleted; ``school_ids`` limits
    the answer to those schools (every school when ``None``).

    Two judgements on the same day are ordered by when they were recorded, then by id,
    so the answer is the same on every laptop.
    """
    statement = (
        select(RiskJudgement)
        .join(School, col(School.id) == col(RiskJudgement.school_id))
        .where(
            col(RiskJudgement.deleted).is_(False),
            col(School.deleted).is_(False),
            col(RiskJudgement.level).is_not(None),
        )
        .order_by(
            col(RiskJudgement.judged_on).desc(),
            col(RiskJudgement.created_at).desc(),
            col(RiskJudgement.id).desc(),
        )
    )
    if school_ids is not None:
        statement = statement.where(col(RiskJudgement.school_id).in_(list(school_ids)))
    by_school: dict[str, list[JudgementRow]] = {}
    for judgement in session.exec(statement):
        assert judgement.level is not None  # filtered above
        by_school.setdefault(judgement.school_id, []).append(
            JudgementRow(judgement.id, judgement.judged_on, judgement.level, judgement.rationale)
        )
    return by_school


def school_rows(session: Session, today: date, text_filter: str = "") -> list[SchoolRow]:
    """Schools by name whose name, code, authority, cluster or category match the filter."""
    scheme = category_scheme(session)
    rows: list[SchoolRow] = []
    lines = session.execute(_SCHOOL_LINES, {"from_day": midnight(today)}).all()
    for code, name, local_authority, cluster, category, latest_risk, next_visit in lines:
        found = scheme.find(category) if category else None
        label = found.label if found else category
        if not matches_filter(text_filter, name, code, local_authority, cluster, label):
            continue
        rows.append(
            SchoolRow(
                code=code,
                name=name,
                local_authority=local_authority,
                cluster=cluster,
                category=label,
                latest_risk=latest_risk,
                next_visit=next_visit,
            )
        )
    rows.sort(key=lambda row: (fold(row.name), row.code))
    return rows


def school_overview(session: Session, code: str) -> SchoolOverview:
    """A school's page. Raises :class:`NotFound` for an unknown or deleted code."""
    school = session.exec(
        select(School).where(col(School.code) == code, col(School.deleted).is_(False))
    ).first()
    if school is None:
        raise NotFound(_("There is no school with the code {code}.").format(code=code))
    found = category_scheme(session).find(school.category) if school.category else None
    facts = SchoolFacts(
        code=school.code,
        name=school.name,
        local_authority=school.local_authority,
        cluster=school.cluster,
        headteacher=school.headteacher,
        email=school.email,
        phone=school.phone,
        postcode=school.postcode,
        language=school.language,
        number_on_roll=school.number_on_roll,
        category=found.label if found else school.category,
        adviser=_link_adviser(session, school.adviser_id),
    )
    judgements = judgements_by_school(session, [school.id]).get(school.id, [])
    actions = action_rows(session, col(Action.school_id) == school.id)
    judged_by, agreed_by = made_by_others(session, school.id)
    return SchoolOverview(
        school=facts,
        visits=tuple(visit_rows(session, col(Visit.school_id) == school.id, newest_first=True)),
        judgements=tuple(replace(j, made_by=judged_by.get(j.judgement_id)) for j in judgements),
        open_actions=tuple(replace(a, agreed_by=agreed_by.get(a.action_id)) for a in actions),
    )


def made_by_others(session: Session, school_id: str) -> tuple[dict[str, str], dict[str, str]]:
    """Who made each of a school's judgements and agreed each of its actions, by id, when
    it was not this database's own identity (a school's history from another adviser;
    every adviser, for a core lead): the adviser of the visit whose note holds it."""
    me = current_identity(session)
    mine = me.id if me is not None else None
    names = {a.id: a.name for a in session.exec(select(Adviser))}
    found: list[dict[str, str]] = []
    for model in (RiskJudgement, Action):
        rows = session.exec(
            select(model.id, Visit.adviser_id)
            .join(NoteOfVisit, col(NoteOfVisit.id) == col(model.note_id))
            .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
            .where(col(model.school_id) == school_id)
        ).all()
        found.append(
            {
                record_id: names.get(adviser_id, _("another adviser"))
                for record_id, adviser_id in rows
                if adviser_id is not None and adviser_id != mine
            }
        )
    return found[0], found[1]


def _link_adviser(session: Session, adviser_id: str | None) -> str | None:
    """The name of the link adviser ``adviser_id`` (``None``: none, or not known here)."""
    if adviser_id is None:
        return None
    adviser = session.get(Adviser, adviser_id)
    return adviser.name if adviser is not None and not adviser.deleted else None
