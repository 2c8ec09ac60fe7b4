"""Coverage of the annual programme: for each link school, planned against the programme
and done against what is due by today.

Advisers lose track of which schools are behind when the calendar lives in Outlook and a
spreadsheet; this is the answer the dashboard shows. A programme visit is *planned* when a
planned or done visit covers its slot (the programme generator's own matching, so the two
never disagree), *done* when that visit is marked done or its day has passed, and *due*
once the last day of its window has gone by.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, col, select

from sia_console.domain.enums import VisitStatus
from sia_console.domain.models import School, Visit
from sia_console.domain.programme import academic_year_of
from sia_console.domain.programme_plan import DiaryVisit, match_slots
from sia_console.services.identity import current_identity
from sia_console.services.programme.planning import (
    academic_year_range,
    category_key,
    diary_visits,
    link_schools,
    programme_template,
)
from sia_console.services.settings import category_scheme


@dataclass(frozen=True)
class SchoolCoverage:
    """How far one school's programme has got this academic year."""

    school_code: str
    school_name: str
    programme: int
    """Visits the programme gives this school (more for schools causing concern)."""
    planned: int
    """Programme visits planned or done."""
    done: int
    """Programme visits done (marked done, or planned on a day now past)."""
    due: int
    """Programme visits whose window has closed by today."""
    done_of_due: int
    """Of the due visits, how many are done."""

    @property
    def behind(self) -> int:
        """Due visits not done."""
        return self.due - self.done_of_due

    @property
    def to_plan(self) -> int:
        """Programme visits with nothing planned for them."""
        return self.programme - self.planned

    @property
    def on_track(self) -> bool:
        """Nothing overdue and the whole year planned."""
        return self.behind == 0 and self.to_plan == 0


def counts_as_done(visit: DiaryVisit, today: date) -> bool:
    """Whether a programme visit counts as done on ``today``.

    It is done when it is marked done, or when its day has passed (the adviser went but
    has not updated it yet); the SIA's dashboard and the core lead's coverage both use this.
    """
    return visit.status is VisitStatus.DONE or visit.start.date() < today


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
    by_school: defaultdict[str, list[DiaryVisit]] = defaultdict(list)
    if adviser is not None:
        visits = diary_visits(session, adviser, [s.id for s in schools], first, last)
    else:
        visits = _all_visits(session, first, last)
    for visit in visits:
        by_school[visit.school_key].append(visit)
    result: list[SchoolCoverage] = []
    for school in schools:
        category = category_key(scheme, school.category)
        wanted = chosen.visits_for(category)
        matched = match_slots(chosen, year, category, by_school.get(school.id, ()))
        due = [v.slot for v in wanted if v.window(year)[1] < today]
        done = {slot for slot, visit in matched.items() if counts_as_done(visit, today)}
        result.append(
            SchoolCoverage(
                school_code=school.code,
                school_name=school.name,
                programme=len(wanted),
                planned=len(matched),
                done=len(done),
                due=len(due),
                done_of_due=sum(slot in done for slot in due),
            )
        )
    return tuple(result)


def schools_behind(session: Session, today: date) -> tuple[SchoolCoverage, ...]:
    """Schools not on track: most overdue visits first, then most left to plan, then by name."""
    rows = [row for row in programme_coverage(session, today) if not row.on_track]
    rows.sort(key=lambda row: (-row.behind, -row.to_plan, row.school_name.casefold()))
    return tuple(rows)


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
