"""Coverage of the annual programme per SIA, for the core lead, and per school of one SIA.

Counts the programme visits of each SIA's link schools whose window ends this term and
this academic year: planned, done, and due to date (the window has closed), with the
same slot matching the SIA's own dashboard uses, so the two never disagree.

Attribution: the programme is that of the schools each SIA holds **now**
(``school.adviser_id``), and the visits counted against it are the SIA's **own**
(``visit.adviser_id``: who made or planned the visit), so a school reassigned during the
year does not bring its earlier visits to the new SIA; they stay the work of whoever made
them (:func:`credited_to`). A visit naming no SIA known here counts for the school's
current SIA, as it did before visits named their adviser. Overdue notes are counted per
school and summed for its current SIA (the notes now due are the new SIA's to chase).

A large authority has tens of thousands of visits and notes, and the core lead's home
screen reads them all, so the queries here are SQLAlchemy Core statements built once
(no ORM objects, no statement built per call) and SQLite counts what it can (overdue
notes over the whole history, the last bundle per SIA). Each is served by an index
(migration 0003); ``bench/authority.py`` compares them with the same SQL run raw.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, exists, func
from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.enums import NoteStatus, RiskLevel, Role, VisitStatus
from sia_console.domain.models import Adviser, BundleLog, NoteOfVisit, School, Visit
from sia_console.domain.programme import academic_year_of
from sia_console.domain.programme_plan import DiaryVisit, match_slots
from sia_console.domain.programme_template import ProgrammeTemplate
from sia_console.i18n import _
from sia_console.services.programme.coverage import counts_as_done
from sia_console.services.programme.planning import (
    academic_year_range,
    category_key,
    programme_template,
)
from sia_console.services.schools.page import judgements_by_school
from sia_console.services.settings import category_scheme, load_settings
from sia_console.services.sql import table_of

# The tables the core lead's statements read (shared with ``services.authority.summary``).
ADVISER, BUNDLE_LOG, NOTE = table_of(Adviser), table_of(BundleLog), table_of(NoteOfVisit)
SCHOOL, VISIT = table_of(School), table_of(Visit)

_SIAS = sa_select(ADVISER.c.id, ADVISER.c.name).where(
    ADVISER.c.deleted.is_(False),
    (ADVISER.c.role == Role.SIA)
    | exists().where(SCHOOL.c.adviser_id == ADVISER.c.id, SCHOOL.c.deleted.is_(False)),
)
_LAST_BUNDLES = (
    sa_select(BUNDLE_LOG.c.peer_id, func.max(BUNDLE_LOG.c.at))
    .where(BUNDLE_LOG.c.direction == "import", BUNDLE_LOG.c.status == "imported")
    .group_by(BUNDLE_LOG.c.peer_id)
)
_LIVE_SCHOOLS = (
    sa_select(
        SCHOOL.c.id,
        SCHOOL.c.code,
        SCHOOL.c.name,
        SCHOOL.c.local_authority,
        SCHOOL.c.category,
        SCHOOL.c.adviser_id,
    )
    .where(SCHOOL.c.deleted.is_(False))
    .order_by(SCHOOL.c.name)
)
_OVERDUE_NOTES = (
    sa_select(VISIT.c.school_id, func.count())
    .select_from(VISIT.join(SCHOOL, SCHOOL.c.id == VISIT.c.school_id))
    .where(
        VISIT.c.status.in_([VisitStatus.DONE, VisitStatus.PLANNED]),
        VISIT.c.start < bindparam("latest_start"),
        VISIT.c.deleted.is_(False),
        SCHOOL.c.deleted.is_(False),
        ~exists().where(
            NOTE.c.visit_id == VISIT.c.id,
            NOTE.c.deleted.is_(False),
            NOTE.c.status == NoteStatus.FINAL,
        ),
    )
    .group_by(VISIT.c.school_id)
)
_YEAR_VISITS = sa_select(
    VISIT.c.id,
    VISIT.c.school_id,
    VISIT.c.adviser_id,
    VISIT.c.start,
    VISIT.c.end,
    VISIT.c.status,
    VISIT.c.programme_year,
    VISIT.c.programme_slot,
).where(
    VISIT.c.deleted.is_(False),
    VISIT.c.start >= bindparam("first"),
    VISIT.c.start < bindparam("last"),
)

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


@dataclass(frozen=True)
class _Slot:
    """A programme visit of the year, with what is known of it before any visit is read."""

    slot: int
    due: bool
    """Its window has closed by today."""
    in_term: bool
    """Its window ends in this term."""


def _slots(
    template: ProgrammeTemplate, year: int, today: date, term: tuple[date, date] | None
) -> Callable[[str | None], tuple[_Slot, ...]]:
    """The slots of a category's programme (worked out once per category, not per school)."""
    known: dict[str | None, tuple[_Slot, ...]] = {}

    def of(category: str | None) -> tuple[_Slot, ...]:
        if category not in known:
            ends = [(v.slot, v.window(year)[1]) for v in template.visits_for(category)]
            known[category] = tuple(
                _Slot(slot, end < today, term is not None and term[0] <= end <= term[1])
                for slot, end in ends
            )
        return known[category]

    return of


def _count(slots: Iterable[_Slot], matched: dict[int, DiaryVisit], today: date) -> ProgrammeCount:
    """Count the programme's ``slots`` against the visits ``matched`` to them."""
    programme = planned = done = due = done_of_due = 0
    for slot in slots:
        programme += 1
        covering = matched.get(slot.slot)
        made = covering is not None and counts_as_done(covering, today)
        planned += covering is not None
        done += made
        if slot.due:
            due += 1
            done_of_due += made
    return ProgrammeCount(programme, planned, done, due, done_of_due)


def _sias(session: Session) -> dict[str, str]:
    """Adviser id to name for every SIA known here or holding link schools."""
    return {adviser_id: name for adviser_id, name in session.execute(_SIAS).all()}


def last_bundles(session: Session) -> dict[str, datetime]:
    """When the latest bundle from each peer was imported."""
    return {peer: at for peer, at in session.execute(_LAST_BUNDLES).all() if peer is not None}


@dataclass(frozen=True)
class LiveSchool:
    """A school that is not deleted: the columns the core lead's panels use."""

    id: str
    code: str
    name: str
    local_authority: str
    category: str | None
    adviser_id: str | None


def live_schools(session: Session) -> list[LiveSchool]:
    """Every school not deleted, by name."""
    return [LiveSchool(*row) for row in session.execute(_LIVE_SCHOOLS).all()]


def overdue_note_counts(session: Session, today: date, overdue_days: int) -> dict[str, int]:
    """How many notes of visit are overdue, per school id.

    The same visits as :func:`sia_console.services.today.overdue_notes` lists (made,
    and no final note ``overdue_days`` after the day), counted by SQLite rather than read
    one by one: a core lead's database holds every SIA's history.
    """
    latest_start = datetime.combine(today - timedelta(days=max(overdue_days, 0)), time.min)
    rows = session.execute(_OVERDUE_NOTES, {"latest_start": latest_start}).all()
    return {school_id: count for school_id, count in rows}


YearVisits = dict[str, list[tuple[str | None, DiaryVisit]]]
"""The visits of a year per school id, each with the id of the adviser who made it."""


def _year_visits(session: Session, year: int) -> YearVisits:
    """The visits of the academic year ``year`` (not deleted), per school id, each with
    its adviser (``None``: the visit names none)."""
    first, last = academic_year_range(year, margin_days=0)
    by_school: defaultdict[str, list[tuple[str | None, DiaryVisit]]] = defaultdict(list)
    rows = session.execute(_YEAR_VISITS, {"first": first, "last": last}).all()
    for visit_id, school_id, adviser_id, start, end, status, programme_year, slot in rows:
        by_school[school_id].append(
            (
                adviser_id,
                DiaryVisit(visit_id, school_id, start, end, status, "", programme_year, slot),
            )
        )
    return by_school


def credited_to(
    visit_adviser: str | None, school_key: str | None, sias: Collection[str]
) -> str | None:
    """Whose work a visit is, for coverage: the SIA who made it if they are known here,
    else (no adviser named, or one who is no SIA here) the school's current SIA
    ``school_key``."""
    return visit_adviser if visit_adviser in sias else school_key


def own_visits(
    visits: YearVisits, school_id: str, school_key: str | None, sias: Collection[str]
) -> list[DiaryVisit]:
    """The visits of one school this year credited to its current SIA ``school_key``."""
    return [
        visit
        for adviser, visit in visits.get(school_id, ())
        if credited_to(adviser, school_key, sias) == school_key
    ]


def coverage(session: Session, today: date) -> tuple[SiaCoverage, ...]:
    """Coverage per SIA this term and this academic year: most behind first, then by name."""
    settings = load_settings(session)
    template = programme_template()
    scheme = category_scheme(session)
    year = academic_year_of(today)
    term = term_of(today, settings.term_dates)
    visits = _year_visits(session, year)
    names = _sias(session)
    schools_of: defaultdict[str | None, list[LiveSchool]] = defaultdict(list)
    overdue_at = overdue_note_counts(session, today, settings.note_overdue_days)
    overdue: defaultdict[str | None, int] = defaultdict(int)
    for school in live_schools(session):
        key = school.adviser_id if school.adviser_id in names else None
        schools_of[key].append(school)
        overdue[key] += overdue_at.get(school.id, 0)
    bundles = last_bundles(session)
    result: list[SiaCoverage] = []
    keys: list[str | None] = [*names]
    if schools_of.get(None):
        keys.append(None)
    slots_of = _slots(template, year, today, term)
    for key in keys:
        term_count, year_count = ProgrammeCount(), ProgrammeCount()
        for school in schools_of.get(key, []):
            category = category_key(scheme, school.category)
            slots = slots_of(category)
            own = own_visits(visits, school.id, key, names)
            matched = match_slots(template, year, category, own)
            term_count += _count((s for s in slots if s.in_term), matched, today)
            year_count += _count(slots, matched, today)
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
    """The link schools of one SIA (``None``: schools without one), most behind first;
    each school's year counts the SIA's own visits there (:func:`credited_to`)."""
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
    held_by = adviser_id if adviser_id in names else None
    visits = _year_visits(session, year)
    judgements = judgements_by_school(session, [school.id for school in chosen])
    overdue = overdue_note_counts(session, today, settings.note_overdue_days)
    slots_of = _slots(template, year, today, None)
    result: list[SiaSchool] = []
    for school in chosen:
        key = category_key(scheme, school.category)
        found = scheme.find(key) if key else None
        rows = judgements.get(school.id)
        own = own_visits(visits, school.id, held_by, names)
        matched = match_slots(template, year, key, own)
        result.append(
            SiaSchool(
                school_code=school.code,
                school_name=school.name,
                local_authority=school.local_authority,
                category=found.label if found else (key or ""),
                latest_risk=rows[0].level if rows else None,
                year=_count(slots_of(key), matched, today),
                notes_overdue=overdue.get(school.id, 0),
            )
        )
    result.sort(key=lambda r: (-r.year.behind, -r.notes_overdue, r.school_name.casefold()))
    return tuple(result)
