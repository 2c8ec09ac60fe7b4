"""Coverage of the annual programme per SIA, for the core lead, and per school of one SIA.

Counts the programme visits of each SIA's link schools whose window ends this term and
this academic year: planned, done, and due to date (the window has closed), with the
same slot matching the SIA's own dashboard uses, so the two never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from sia_console.domain.enums import RiskLevel, Role
from sia_console.domain.models import Adviser, BundleLog, School, Visit
from sia_console.domain.programme import academic_year_of
from sia_console.domain.programme_plan import DiaryVisit, match_slots
from sia_console.domain.programme_template import ProgrammeTemplate
from sia_console.i18n import _
from sia_console.services.coverage import _is_done
from sia_console.services.dashboard import _judgements_by_school, overdue_notes
from sia_console.services.programme import academic_year_range, category_key, programme_template
from sia_console.services.settings import category_scheme, load_settings

# ----------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class ProgrammeCount:
    """Programme visits of a set of schools over a period (a term or the year)."""

    programme: int = 0
    """Visits the programme gives whose window ends in the period."""
    planned: int = 0
    """Of those, planned or done."""
    done: int = 0
    """Of those, done."""
    due: int = 0
    """Of those, whose window has closed by today."""
    done_of_due: int = 0
    """Of the due ones, done."""

    @property
    def behind(self) -> int:
        """Due visits not done."""
        return self.due - self.done_of_due

    def __add__(self, other: ProgrammeCount) -> ProgrammeCount:
        return ProgrammeCount(
            self.programme + other.programme,
            self.planned + other.planned,
            self.done + other.done,
            self.due + other.due,
            self.done_of_due + other.done_of_due,
        )


@dataclass(frozen=True)
class SiaCoverage:
    """How far one SIA has got with the programme for their link schools."""

    adviser_id: str | None
    """``None`` for the schools not assigned to any SIA."""
    adviser_name: str
    schools: int
    term: ProgrammeCount
    year: ProgrammeCount
    notes_overdue: int
    """Visits made whose note is not final ``note_overdue_days`` after the visit."""
    last_bundle: datetime | None
    """When the last bundle from this SIA was imported (UTC); ``None`` if never."""


def term_of(today: date, term_dates: list[tuple[str, str]] | None = None) -> tuple[date, date]:
    """The school term containing ``today``.

    The authority's own term dates (a setting) win; otherwise autumn is September to
    December, spring January to March and summer April to August.
    """
    for first_text, last_text in term_dates or []:
        try:
            first, last = date.fromisoformat(first_text), date.fromisoformat(last_text)
        except ValueError:
            continue
        if first <= today <= last:
            return first, last
    year = today.year
    if today.month >= 9:
        return date(year, 9, 1), date(year, 12, 31)
    if today.month <= 3:
        return date(year, 1, 1), date(year, 3, 31)
    return date(year, 4, 1), date(year, 8, 31)


def _school_counts(
    template: ProgrammeTemplate,
    year: int,
    category: str | None,
    visits: list[DiaryVisit],
    today: date,
    period: tuple[date, date] | None,
) -> ProgrammeCount:
    wanted = [
        v
        for v in template.visits_for(category)
        if period is None or period[0] <= v.window(year)[1] <= period[1]
    ]
    matched = match_slots(template, year, category, visits)
    slots = {v.slot for v in wanted}
    done = {s for s, v in matched.items() if s in slots and _is_done(v, today)}
    due = [v.slot for v in wanted if v.window(year)[1] < today]
    return ProgrammeCount(
        programme=len(wanted),
        planned=sum(s in matched for s in slots),
        done=len(done),
        due=len(due),
        done_of_due=sum(s in done for s in due),
    )


def _sias(session: Session) -> dict[str, str]:
    """Adviser id to name for every SIA known here or holding link schools."""
    holders = select(School.adviser_id).where(col(School.deleted).is_(False))
    statement = select(Adviser).where(
        col(Adviser.deleted).is_(False),
        (col(Adviser.role) == Role.SIA) | col(Adviser.id).in_(holders),
    )
    return {a.id: a.name for a in session.exec(statement)}


def last_bundles(session: Session) -> dict[str, datetime]:
    """When the latest bundle from each peer was imported."""
    statement = (
        select(BundleLog.peer_id, func.max(BundleLog.at))
        .where(BundleLog.direction == "import", BundleLog.status == "imported")
        .group_by(BundleLog.peer_id)
    )
    return {peer: at for peer, at in session.exec(statement) if peer is not None}


def live_schools(session: Session) -> list[School]:
    statement = select(School).where(col(School.deleted).is_(False)).order_by(col(School.name))
    return list(session.exec(statement))


def _year_visits(session: Session, year: int) -> dict[str, list[DiaryVisit]]:
    first, last = academic_year_range(year, margin_days=0)
    statement = select(Visit).where(
        col(Visit.deleted).is_(False), col(Visit.start) >= first, col(Visit.start) < last
    )
    by_school: defaultdict[str, list[DiaryVisit]] = defaultdict(list)
    for v in session.exec(statement):
        by_school[v.school_id].append(
            DiaryVisit(
                id=v.id,
                school_key=v.school_id,
                start=v.start,
                end=v.end,
                status=v.status,
                programme_year=v.programme_year,
                programme_slot=v.programme_slot,
            )
        )
    return by_school


def coverage(session: Session, today: date) -> tuple[SiaCoverage, ...]:
    """Coverage per SIA this term and this academic year: most behind first, then by name."""
    settings = load_settings(session)
    template = programme_template()
    scheme = category_scheme(session)
    year = academic_year_of(today)
    term = term_of(today, settings.term_dates)
    visits = _year_visits(session, year)
    names = _sias(session)
    schools_of: defaultdict[str | None, list[School]] = defaultdict(list)
    adviser_of_code: dict[str, str | None] = {}
    for school in live_schools(session):
        key = school.adviser_id if school.adviser_id in names else None
        schools_of[key].append(school)
        adviser_of_code[school.code] = key
    overdue: defaultdict[str | None, int] = defaultdict(int)
    for row in overdue_notes(session, today, settings.note_overdue_days):
        overdue[adviser_of_code.get(row.school_code)] += 1
    bundles = last_bundles(session)
    result: list[SiaCoverage] = []
    keys: list[str | None] = [*names]
    if schools_of.get(None):
        keys.append(None)
    for key in keys:
        term_count, year_count = ProgrammeCount(), ProgrammeCount()
        for school in schools_of.get(key, []):
            category = category_key(scheme, school.category)
            mine = visits.get(school.id, [])
            term_count += _school_counts(template, year, category, mine, today, term)
            year_count += _school_counts(template, year, category, mine, today, None)
        result.append(
            SiaCoverage(
                adviser_id=key,
                adviser_name=names[key] if key is not None else _("(no SIA)"),
                schools=len(schools_of.get(key, [])),
                term=term_count,
                year=year_count,
                notes_overdue=overdue.get(key, 0),
                last_bundle=bundles.get(key) if key is not None else None,
            )
        )
    result.sort(key=lambda r: (-r.year.behind, -r.notes_overdue, r.adviser_name.casefold()))
    return tuple(result)


@dataclass(frozen=True)
class SiaSchool:
    """One link school of an SIA, as the core lead drills down from the SIA's coverage."""

    school_code: str
    school_name: str
    local_authority: str
    category: str
    """The category's label in the scheme in force ("" for none)."""
    latest_risk: RiskLevel | None
    year: ProgrammeCount
    notes_overdue: int


def sia_schools(session: Session, adviser_id: str | None, today: date) -> tuple[SiaSchool, ...]:
    """The link schools of one SIA (``None``: schools without one), most behind first."""
    settings = load_settings(session)
    template = programme_template()
    scheme = category_scheme(session)
    year = academic_year_of(today)
    names = _sias(session)
    chosen = [
        school
        for school in live_schools(session)
        if (school.adviser_id if school.adviser_id in names else None) == adviser_id
    ]
    visits = _year_visits(session, year)
    judgements = _judgements_by_school(session, [school.id for school in chosen])
    overdue: defaultdict[str, int] = defaultdict(int)
    for row in overdue_notes(session, today, settings.note_overdue_days):
        overdue[row.school_code] += 1
    result: list[SiaSchool] = []
    for school in chosen:
        key = category_key(scheme, school.category)
        found = scheme.find(key) if key else None
        rows = judgements.get(school.id)
        result.append(
            SiaSchool(
                school_code=school.code,
                school_name=school.name,
                local_authority=school.local_authority,
                category=found.label if found else (key or ""),
                latest_risk=rows[0].level if rows else None,
                year=_school_counts(template, year, key, visits.get(school.id, []), today, None),
                notes_overdue=overdue.get(school.code, 0),
            )
        )
    result.sort(key=lambda r: (-r.year.behind, -r.notes_overdue, r.school_name.casefold()))
    return tuple(result)
