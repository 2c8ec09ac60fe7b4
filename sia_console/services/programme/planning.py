"""The annual programme of visits: propose a year of visits for every link school, then apply.

Both faces call :func:`programme_plan`: ``visits programme --year YYYY [--apply]`` and the
terminal UI's programme preview. The rule itself is pure (``domain.programme_plan``); this
module reads what it needs (link schools, their categories, the visits already in the
adviser's diary, the term dates) and, when asked, writes the proposed visits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from sia_console.domain.enums import ProgrammeVisitState
from sia_console.domain.limits import MAX_PURPOSE_CHARS
from sia_console.domain.models import Adviser, School, Visit
from sia_console.domain.programme import parse_term_dates
from sia_console.domain.programme_plan import DiaryVisit, SchoolToPlan, plan_year
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput
from sia_console.services.identity import require_identity
from sia_console.services.programme.coverage_rows import (  # (were defined here)
    academic_year_range as academic_year_range,
)
from sia_console.services.programme.coverage_rows import category_key as category_key
from sia_console.services.programme.coverage_rows import (
    programme_template as programme_template,
)
from sia_console.services.settings import category_scheme, load_settings


@dataclass(frozen=True)
class ProgrammeVisitRow:
    """One visit of the annual programme for one school: proposed, already there, or added."""

    school_code: str
    school_name: str
    slot: int
    start: datetime | None
    """``None`` only for an ``unplaced`` visit."""
    end: datetime | None
    purpose: str
    state: ProgrammeVisitState
    """Proposed (a preview), already there, added by this run, or unplaced (no free
    working half-day near its window: the diary is full)."""

    visit_id: str | None = None
    when: str = ""
    """When the programme says the visit happens ("September")."""


@dataclass(frozen=True)
class ProgrammePlan:
    """A year's programme for the adviser's link schools."""

    year: int
    template_name: str
    template_source: str
    rows: tuple[ProgrammeVisitRow, ...]

    def count(self, state: str) -> int:
        """How many rows are in ``state`` (a :class:`ProgrammeVisitState` or its value)."""
        return sum(row.state == state for row in self.rows)


def link_schools(session: Session, adviser: Adviser) -> list[School]:
    """The adviser's link schools; if none is assigned to anyone, every unassigned school."""
    live = select(School).where(col(School.deleted).is_(False)).order_by(col(School.name))
    mine = list(session.exec(live.where(School.adviser_id == adviser.id)))
    return mine or list(session.exec(live.where(col(School.adviser_id).is_(None))))


def diary_visits(
    session: Session, adviser: Adviser, school_ids: list[str], first: datetime, last: datetime
) -> list[DiaryVisit]:
    """Visits from ``first`` to ``last`` in the adviser's diary or to the given schools.

    Visits with no adviser were planned on this database before it had an identity, so
    they count as the adviser's own.
    """
    statement = sa_select(  # columns, not objects: a diary can hold thousands of visits
        col(Visit.id),
        col(Visit.school_id),
        col(Visit.start),
        col(Visit.end),
        col(Visit.status),
        col(Visit.adviser_id),
        col(Visit.programme_year),
        col(Visit.programme_slot),
    ).where(
        col(Visit.deleted).is_(False),
        col(Visit.start) >= first,
        col(Visit.start) < last,
        or_(
            col(Visit.adviser_id) == adviser.id,
            col(Visit.adviser_id).is_(None),
            col(Visit.school_id).in_(school_ids),
        ),
    )
    return [
        DiaryVisit(
            id=visit_id,
            school_key=school_id,
            start=start,
            end=end,
            status=status,
            diary=adviser.id if adviser_id in (None, adviser.id) else adviser_id,
            programme_year=year,
            programme_slot=slot,
        )
        for visit_id, school_id, start, end, status, adviser_id, year, slot in session.execute(
            statement
        )
    ]


def programme_plan(
    session: Session,
    *,
    year: int,
    apply: bool = False,
    template: Path | None = None,
    exclude: frozenset[date] = frozenset(),
    today: date | None = None,
) -> ProgrammePlan:
    """The programme of the academic year starting in September of ``year``.

    A preview unless ``apply``, which adds every proposed visit (tagged with its year and
    slot, so that applying again adds nothing). ``template`` is a TOML file; the shipped
    Wiltshire programme by default. Given ``today``, nothing is proposed before tomorrow.
    """
    if not 2000 <= year <= 2100:
        raise InvalidInput(_("The year must be from 2000 to 2100, not {year}.").format(year=year))
    chosen = programme_template(template)
    adviser = require_identity(session)
    scheme = category_scheme(session)
    schools = link_schools(session, adviser)
    by_id = {school.id: school for school in schools}
    to_plan = [
        SchoolToPlan(school.id, school.code, category_key(scheme, school.category), adviser.id)
        for school in schools
    ]
    first, last = academic_year_range(year)
    existing = diary_visits(session, adviser, list(by_id), first, last)
    terms = parse_term_dates(load_settings(session).term_dates)
    plans = plan_year(
        chosen,
        year,
        to_plan,
        existing,
        terms=terms,
        exclude=exclude,
        not_before=today + timedelta(days=1) if today is not None else None,
    )
    rows: list[ProgrammeVisitRow] = []
    for plan in plans:
        school = by_id[plan.school.key]
        state = plan.state
        visit_id = plan.existing.id if plan.existing is not None else None
        purpose = plan.visit.purpose[:MAX_PURPOSE_CHARS]
        stored = session.get(Visit, visit_id) if visit_id is not None else None
        if stored is not None:
            purpose = stored.purpose
        if (
            state is ProgrammeVisitState.PROPOSED
            and apply
            and plan.start is not None
            and plan.end is not None
        ):
            added = Visit(
                school_id=school.id,
                adviser_id=adviser.id,
                start=plan.start,
                end=plan.end,
                purpose=purpose,
                programme_year=year,
                programme_slot=plan.visit.slot,
            )
            session.add(added)
            state, visit_id = ProgrammeVisitState.ADDED, added.id
        rows.append(
            ProgrammeVisitRow(
                school_code=school.code,
                school_name=school.name,
                slot=plan.visit.slot,
                start=plan.start,
                end=plan.end,
                purpose=purpose,
                state=state,
                visit_id=visit_id,
                when=plan.visit.shown_when,
            )
        )
    session.flush()
    rows.sort(key=lambda row: (row.start or datetime.max, row.school_name, row.slot))
    return ProgrammePlan(year, chosen.shown_name, chosen.source, tuple(rows))


def plan_programme(
    session: Session,
    *,
    year: int,
    apply: bool = False,
    template: Path | None = None,
    today: date | None = None,
) -> list[ProgrammeVisitRow]:
    """The rows of :func:`programme_plan` (the form ``visits programme`` prints)."""
    plan = programme_plan(session, year=year, apply=apply, template=template, today=today)
    return list(plan.rows)
