"""Coverage of the annual programme per SIA, for the core lead, and per school of one SIA.

Counts the programme visits of each SIA's link schools whose window ends this term and
this academic year: planned, done, and due to date (the window has closed), with the
same slot matching the SIA's own dashboard uses, so the two never disagree.

Attribution: a programme visit done counts for the SIA who made it
(``visit.adviser_id``) and everything else of a school's programme for the SIA who holds
the school **now** (``school.adviser_id``), so a school reassigned during the year brings
the new SIA only what is left to do there, and the old SIA keeps the visits they made
(:func:`.shaping.school_shares`). A visit naming no SIA known here counts for the school's
current SIA, as it did before visits named their adviser. Overdue notes are counted per
school and summed for its current SIA (the notes now due are the new SIA's to chase).

A large authority has tens of thousands of visits and notes, and the core lead's home
screen reads them all, so the queries here are SQLAlchemy Core statements built once
(no ORM objects, no statement built per call) and SQLite counts what it can (overdue
notes over the whole history, the last bundle per SIA). Each is served by an index
(migration 0003); ``bench/authority.py`` compares them with the same SQL run raw.
The counting itself is :mod:`.shaping`'s, shared with the first paint's ``sqlite3`` read
(:mod:`.quick`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, exists, func
from sqlalchemy import select as sa_select
from sqlmodel import Session

from sia_console.domain.enums import NoteStatus, Role, VisitStatus
from sia_console.domain.models import Adviser, BundleLog, NoteOfVisit, School, Visit
from sia_console.domain.programme import academic_year_of
from sia_console.domain.programme_plan import DiaryVisit
from sia_console.services.authority.rows import (
    LiveSchool,
    ProgrammeCount,
    SiaCoverage,
    SiaSchool,
)
from sia_console.services.authority.shaping import (
    CoverageInputs,
    YearVisits,
    coverage_of,
    school_shares,
    slots_of,
    term_of,
)
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


def _sias(session: Session) -> dict[str, str]:
    """Adviser id to name for every SIA known here or holding link schools."""
    return {adviser_id: name for adviser_id, name in session.execute(_SIAS).all()}


def last_bundles(session: Session) -> dict[str, datetime]:
    """When the latest bundle from each peer was imported."""
    return {peer: at for peer, at in session.execute(_LAST_BUNDLES).all() if peer is not None}


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


def _year_visits(session: Session, year: int) -> YearVisits:
    """The visits of the academic year ``year`` (not deleted), per school id, each with
    its adviser (``None``: the visit names none)."""
    first, last = academic_year_range(year, margin_days=0)
    by_school: YearVisits = defaultdict(list)
    rows = session.execute(_YEAR_VISITS, {"first": first, "last": last}).all()
    for visit_id, school_id, adviser_id, start, end, status, programme_year, slot in rows:
        by_school[school_id].append(
            (
                adviser_id,
                DiaryVisit(visit_id, school_id, start, end, status, "", programme_year, slot),
            )
        )
    return by_school


def coverage(session: Session, today: date) -> tuple[SiaCoverage, ...]:
    """Coverage per SIA this term and this academic year: most behind first, then by name."""
    settings = load_settings(session)
    read = CoverageInputs(
        names=_sias(session),
        schools=live_schools(session),
        visits=_year_visits(session, academic_year_of(today)),
        overdue_notes=overdue_note_counts(session, today, settings.note_overdue_days),
        bundles=last_bundles(session),
        template=programme_template(),
        scheme=category_scheme(session),
        term=term_of(today, settings.term_dates),
    )
    return coverage_of(read, today)


def sia_schools(session: Session, adviser_id: str | None, today: date) -> tuple[SiaSchool, ...]:
    """The link schools of one SIA (``None``: schools without one), most behind first,
    each with the SIA's share of its year (:func:`.shaping.school_shares`); then the
    schools handed on to another SIA where visits of theirs done this year still count
    for them (``held`` false), so the rows add up to the SIA's line of coverage."""
    settings = load_settings(session)
    template = programme_template()
    scheme = category_scheme(session)
    year = academic_year_of(today)
    names = _sias(session)
    visits = _year_visits(session, year)
    slots = slots_of(template, year, today, None)
    shared: list[tuple[LiveSchool, str | None, ProgrammeCount, bool]] = []
    for school in live_schools(session):
        held_by = school.adviser_id if school.adviser_id in names else None
        key = category_key(scheme, school.category)
        shares = school_shares(
            slots(key),
            template,
            year,
            key,
            visits.get(school.id, []),
            held_by,
            names,
            today,
        )
        if held_by == adviser_id:
            _term, whole = shares.get(adviser_id, (ProgrammeCount(), ProgrammeCount()))
            shared.append((school, key, whole, True))
        elif adviser_id in shares:
            shared.append((school, key, shares[adviser_id][1], False))
    judgements = judgements_by_school(session, [school.id for school, *_rest in shared])
    overdue = overdue_note_counts(session, today, settings.note_overdue_days)
    result: list[SiaSchool] = []
    for school, key, whole, held in shared:
        found = scheme.find(key) if key else None
        rows = judgements.get(school.id)
        result.append(
            SiaSchool(
                school_code=school.code,
                school_name=school.name,
                local_authority=school.local_authority,
                category=found.label if found else (key or ""),
                latest_risk=rows[0].level if rows else None,
                year=whole,
                notes_overdue=overdue.get(school.id, 0) if held else 0,
                held=held,
            )
        )
    result.sort(
        key=lambda r: (not r.held, -r.year.behind, -r.notes_overdue, r.school_name.casefold())
    )
    return tuple(result)
