"""Coverage of the annual programme: for each link school, planned against the programme
and done against what is due by today.

Advisers lose track of which schools are behind when the calendar lives in Outlook and a
spreadsheet; this is the answer the dashboard shows. A programme visit is *planned* when a
planned or done visit covers its slot (the programme generator's own matching, so the two
never disagree), *done* when that visit is marked done or its day has passed, and *due*
once the last day of its window has gone by.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from sia_console.domain.models import School, Visit
from sia_console.domain.programme import academic_year_of
from sia_console.domain.programme_plan import DiaryVisit
from sia_console.services.identity import current_identity
from sia_console.services.programme.coverage_rows import (
    CoveredSchool,
    SchoolCoverage,
    behind_first,
    count_coverage,
    counts_as_done,
)
from sia_console.services.programme.planning import (
    academic_year_range,
    diary_visits,
    link_schools,
    programme_template,
)
from sia_console.services.settings import category_scheme

__all__ = ["SchoolCoverage", "counts_as_done", "programme_coverage", "schools_behind"]


def programme_coverage(
    session: Session, today: date, *, template: Path | None = None
) -> tuple[SchoolCoverage, ...]:
    """Coverage of every link school in the academic year containing ``today``, by name."""
    chosen = programme_template(template)
    year = academic_year_of(today)
    adviser = current_identity(session)
    if adviser is None:
        schools = list(
            session.exec(
                select(School).where(col(School.deleted).is_(False)).order_by(col(School.name))
            )
        )
    else:
        schools = link_schools(session, adviser)
    if not schools:
        return ()
    scheme = category_scheme(session)
    first, last = academic_year_range(year, margin_days=0)
    if adviser is not None:
        visits = diary_visits(session, adviser, [s.id for s in schools], first, last)
    else:
        visits = _all_visits(session, first, last)
    covered = [CoveredSchool(s.id, s.code, s.name, s.category) for s in schools]
    return count_coverage(covered, visits, chosen, scheme, today)


def schools_behind(session: Session, today: date) -> tuple[SchoolCoverage, ...]:
    """Schools not on track: most overdue visits first, then most left to plan, then by name."""
    return behind_first(programme_coverage(session, today))


def _all_visits(session: Session, first: datetime, last: datetime) -> list[DiaryVisit]:
    """Every visit from ``first`` to ``last`` (a database without an identity has no diary)."""
    statement = select(Visit).where(
        col(Visit.deleted).is_(False), col(Visit.start) >= first, col(Visit.start) < last
    )
    return [
        DiaryVisit(
            id=v.id,
            school_key=v.school_id,
            start=v.start,
            end=v.end,
            status=v.status,
            programme_year=v.programme_year,
            programme_slot=v.programme_slot,
        )
        for v in session.exec(statement)
    ]
