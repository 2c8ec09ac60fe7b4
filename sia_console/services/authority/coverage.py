"""Coverage of the annual programme per SIA, for the core lead, and per school of one SIA.

Counts the programme visits of each SIA's link schools whose window ends this term and
this academic year: planned, done, and due to date (the window has closed), with the
same slot matching the SIA's own dashboard uses, so the two never disagree.

Attribution: a programme visit done counts for the SIA who made it
(``visit.adviser_id``); a programme visit due and not done for the SIA who held the
school when it fell due (its window closed before the school changed hands, by the
school's changes of link adviser); everything else of a school's programme for the SIA
who holds the school **now** (``school.adviser_id``). So a school reassigned during the
year brings the new SIA what fell due with them and what is left to do there, and the
old SIA keeps the visits they made and the ones they missed
(:mod:`.programme_shares`). A visit naming no SIA known here counts for the school's
current SIA, as it did before visits named their adviser. Overdue notes are counted per
school and summed for its current SIA (the notes now due are the new SIA's to chase).

A large authority has tens of thousands of visits and notes, and the core lead's home
screen reads them all, so the statements are :mod:`.quick`'s (written once, for the first
paint and the services), run here on the session's own connection: SQLite counts what it
can (overdue notes over the whole history, the last bundle per SIA), each statement is
served by an index (migration 0003), and ``bench/authority.py`` compares them with the
same SQL run raw. The counting itself is :mod:`.shaping`'s.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from sia_console.domain.models import Adviser, School, Visit
from sia_console.domain.programme import academic_year_of
from sia_console.services.authority import quick
from sia_console.services.authority.programme_shares import school_shares, slots_of
from sia_console.services.authority.rows import (
    LiveSchool,
    ProgrammeCount,
    SiaCoverage,
    SiaSchool,
)
from sia_console.services.programme.planning import category_key, programme_template
from sia_console.services.schools.page import judgements_by_school
from sia_console.services.sql import dbapi_connection, table_of

# Core tables for the statements of ``services.authority.school_register``.
ADVISER, SCHOOL, VISIT = table_of(Adviser), table_of(School), table_of(Visit)


def overdue_note_counts(session: Session, today: date, overdue_days: int) -> dict[str, int]:
    """How many notes of visit are overdue, per school id (:func:`.quick.overdue_note_counts`)."""
    return quick.overdue_note_counts(dbapi_connection(session), today, overdue_days)


def coverage(session: Session, today: date) -> tuple[SiaCoverage, ...]:
    """Coverage per SIA this term and this academic year: most behind first, then by name."""
    return quick.coverage(dbapi_connection(session), today)


def sia_schools(session: Session, adviser_id: str | None, today: date) -> tuple[SiaSchool, ...]:
    """The link schools of one SIA (``None``: schools without one), most behind first,
    each with the SIA's share of its year (:func:`.programme_shares.school_shares`); then
    the schools handed on to another SIA where visits of theirs done this year, or due
    while they held the school, still count for them (``held`` false), so the rows add up
    to the SIA's line of coverage."""
    connection = dbapi_connection(session)
    settings = quick.settings(connection)
    template = programme_template()
    scheme = quick.category_scheme(connection)
    year = academic_year_of(today)
    names = quick.sias(connection)
    visits = quick.year_visits(connection, year)
    handovers = quick.handovers(connection, year)
    slots = slots_of(template, year, today, None)
    shared: list[tuple[LiveSchool, str | None, ProgrammeCount, bool]] = []
    for school in quick.live_schools(connection):
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
            handovers.get(school.id, ()),
        )
        if held_by == adviser_id:
            _term, whole = shares.get(adviser_id, (ProgrammeCount(), ProgrammeCount()))
            shared.append((school, key, whole, True))
        elif adviser_id in shares:
            shared.append((school, key, shares[adviser_id][1], False))
    judgements = judgements_by_school(session, [school.id for school, *_rest in shared])
    overdue = quick.overdue_note_counts(connection, today, settings.note_overdue_days)
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
