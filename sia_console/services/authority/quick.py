"""The core lead's panels in SQL, read through a ``sqlite3`` connection: the one
implementation of each question the home screen asks.

Every panel of :func:`authority_summary` (and the count of conflicts in the headline) is
one or a few statements, written here as the SQL SQLAlchemy would compile them to, and
read with the standard library's ``sqlite3``. Two callers share them:

* the home screen's first paint, over a connection from
  :func:`sia_console.storage.quick.open_ready`, so that the authority is shown before
  SQLAlchemy, SQLModel and pydantic are imported (:func:`authority_summary`);
* the services of this package (:mod:`.coverage`, :mod:`.register`, :mod:`.categories`,
  :mod:`.actions`, :mod:`.summary`), over the session's own connection
  (:func:`sia_console.services.sql.dbapi_connection`), so that a panel costs what its SQL
  costs and not SQLAlchemy's fixed price per statement and per row besides.

What is read goes through the pure functions of :mod:`.shaping` into the rows of
:mod:`.rows`. ``tests/services/test_authority_quick.py`` checks both callers against a
naive reading of the same database through ORM objects, on the demo year, a core lead's
authority (before and after a school is reassigned) and the large authority. Nothing
here writes, and nothing here imports the ORM.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sia_console.domain.enums import NoteStatus, RiskLevel, Role, VisitStatus
from sia_console.domain.programme import academic_year_bounds, academic_year_of
from sia_console.domain.programme_plan import DiaryVisit
from sia_console.domain.schemes import CategoryScheme, stored_scheme
from sia_console.domain.settings import Settings, settings_from_rows
from sia_console.services.authority.programme_shares import Handovers, YearVisits
from sia_console.services.authority.rows import (
    AuthoritySummary,
    CategoryChangeEntry,
    CategorySummary,
    LiveSchool,
    OverdueAction,
    RiskEntry,
    SiaCoverage,
)
from sia_console.services.authority.shaping import (
    OPEN_STATUSES,
    CoverageInputs,
    categories_of,
    category_changes_of,
    coverage_of,
    overdue_of,
    register_of,
    term_of,
)
from sia_console.services.programme.coverage_rows import academic_year_range, programme_template


def stored(moment: datetime | date) -> str:
    """A datetime or date as SQLAlchemy stores it in SQLite (and so compares it)."""
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return moment.isoformat()


# ----------------------------------------------------------------------------- coverage

_SIAS = """
SELECT adviser.id, adviser.name FROM adviser
WHERE adviser.deleted IS 0 AND (adviser.role = ? OR (EXISTS (SELECT * FROM school
  WHERE school.adviser_id = adviser.id AND school.deleted IS 0)))
"""

_LAST_BUNDLES = """
SELECT bundle_log.peer_id, max(bundle_log.at) FROM bundle_log
WHERE bundle_log.direction = 'import' AND bundle_log.status = 'imported'
GROUP BY bundle_log.peer_id
"""

_LIVE_SCHOOLS = """
SELECT school.id, school.code, school.name, school.local_authority, school.category,
       school.adviser_id
FROM school WHERE school.deleted IS 0 ORDER BY school.name
"""

_OVERDUE_NOTES = """
SELECT visit.school_id, count(*) FROM visit JOIN school ON school.id = visit.school_id
WHERE visit.status IN (?, ?) AND visit.start < ? AND visit.deleted IS 0
  AND school.deleted IS 0 AND NOT (EXISTS (SELECT * FROM note_of_visit
    WHERE note_of_visit.visit_id = visit.id AND note_of_visit.deleted IS 0
      AND note_of_visit.status = ?))
GROUP BY visit.school_id
"""

_YEAR_VISITS = """
SELECT visit.id, visit.school_id, visit.adviser_id, visit.start, visit."end", visit.status,
       visit.programme_year, visit.programme_slot
FROM visit WHERE visit.deleted IS 0 AND visit.start >= ? AND visit.start < ?
"""

_HANDOVERS = """
SELECT assignment_change.school_id, assignment_change.effective_on,
       assignment_change.previous_adviser_id
FROM assignment_change JOIN school ON school.id = assignment_change.school_id
WHERE assignment_change.effective_on > ? AND assignment_change.deleted IS 0
  AND school.deleted IS 0
ORDER BY assignment_change.school_id, assignment_change.effective_on, assignment_change.hlc
"""


def sias(connection: sqlite3.Connection) -> dict[str, str]:
    """Adviser id to name for every SIA known here or holding link schools."""
    return dict(connection.execute(_SIAS, (Role.SIA.value,)).fetchall())


def live_schools(connection: sqlite3.Connection) -> list[LiveSchool]:
    """Every school not deleted, by name."""
    return [LiveSchool(*row) for row in connection.execute(_LIVE_SCHOOLS)]


def settings(connection: sqlite3.Connection) -> Settings:
    """The settings in force (as ``services.settings.load_settings``)."""
    return settings_from_rows(
        connection.execute("SELECT key, value FROM setting WHERE deleted = 0")
    )


def overdue_note_counts(
    connection: sqlite3.Connection, today: date, overdue_days: int
) -> dict[str, int]:
    """How many notes of visit are overdue, per school id: visits made (done, or planned on
    a day gone by) with no final note ``overdue_days`` after the day, as
    :func:`sia_console.services.today.overdue_notes` lists them one SIA at a time; counted
    by SQLite over the whole history, not read one by one."""
    latest_start = datetime.combine(today - timedelta(days=max(overdue_days, 0)), time.min)
    rows = connection.execute(
        _OVERDUE_NOTES,
        (
            VisitStatus.DONE.value,
            VisitStatus.PLANNED.value,
            stored(latest_start),
            NoteStatus.FINAL.value,
        ),
    )
    return dict(rows.fetchall())


def year_visits(connection: sqlite3.Connection, year: int) -> YearVisits:
    """The visits of the academic year ``year`` (not deleted), per school id, each with
    its adviser (``None``: the visit names none)."""
    first, last = academic_year_range(year, margin_days=0)
    by_school: YearVisits = defaultdict(list)
    when, status_of = datetime.fromisoformat, VisitStatus
    for (
        visit_id,
        school_id,
        adviser_id,
        start,
        end,
        status,
        programme_year,
        slot,
    ) in connection.execute(_YEAR_VISITS, (stored(first), stored(last))):
        by_school[school_id].append(
            (
                adviser_id,
                DiaryVisit(
                    visit_id,
                    school_id,
                    when(start),
                    when(end),
                    status_of(status),
                    "",
                    programme_year,
                    slot,
                ),
            )
        )
    return by_school


def handovers(connection: sqlite3.Connection, year: int) -> Handovers:
    """The changes of link adviser that decide who held a school when a slot of the
    academic year ``year`` fell due, per school id, in the order they were made: each
    with the day it took effect and who held the school before it. A change that took
    effect by 1 September falls before every slot's window closes, so is not read."""
    first, _last = academic_year_bounds(year)
    found: dict[str, list[tuple[date, str | None]]] = defaultdict(list)
    day = date.fromisoformat
    for school_id, effective_on, previous in connection.execute(_HANDOVERS, (first.isoformat(),)):
        found[school_id].append((day(effective_on), previous))
    return {school_id: tuple(changes) for school_id, changes in found.items()}


def coverage(
    connection: sqlite3.Connection, today: date, scheme: CategoryScheme | None = None
) -> tuple[SiaCoverage, ...]:
    """Coverage per SIA this term and this academic year: most behind first, then by name
    (counted by :func:`.shaping.coverage_of`)."""
    in_force = settings(connection)
    year = academic_year_of(today)
    read = CoverageInputs(
        names=sias(connection),
        schools=live_schools(connection),
        visits=year_visits(connection, year),
        handovers=handovers(connection, year),
        overdue_notes=overdue_note_counts(connection, today, in_force.note_overdue_days),
        bundles={
            peer: datetime.fromisoformat(at).replace(tzinfo=UTC)  # stored UTC, read aware
            for peer, at in connection.execute(_LAST_BUNDLES)
            if peer is not None
        },
        template=programme_template(),
        scheme=scheme or category_scheme(connection),
        term=term_of(today, in_force.term_dates),
    )
    return coverage_of(read, today)


# ----------------------------------------------------------------------------- risk

_REGISTER = """
SELECT school.id, school.code, school.name, school.local_authority, adviser.name,
       risk_judgement.level, risk_judgement.judged_on, judge.name
FROM school JOIN risk_judgement ON risk_judgement.id IN (SELECT recent.id
  FROM risk_judgement AS recent
  WHERE recent.school_id = school.id AND recent.deleted IS 0 AND recent.level IS NOT NULL
    AND EXISTS (SELECT 1 FROM note_of_visit AS agreed WHERE agreed.id = recent.note_id
      AND agreed.status = 'final' AND agreed.deleted IS 0)
  ORDER BY recent.judged_on DESC, recent.created_at DESC, recent.id DESC LIMIT 2 OFFSET 0)
LEFT OUTER JOIN adviser ON adviser.id = school.adviser_id
LEFT OUTER JOIN note_of_visit ON note_of_visit.id = risk_judgement.note_id
LEFT OUTER JOIN visit ON visit.id = note_of_visit.visit_id
LEFT OUTER JOIN adviser AS judge ON judge.id = visit.adviser_id
WHERE school.deleted IS 0
ORDER BY school.name, school.id, risk_judgement.judged_on DESC, risk_judgement.created_at DESC,
  risk_judgement.id DESC
"""


def risk_register(connection: sqlite3.Connection) -> tuple[RiskEntry, ...]:
    """Every judged school's latest agreed risk (judgements on final notes of visit, as
    the register of schools and the standards board report take them; a draft's may
    still change): high first, worsening first, newest, by name; each names the school's
    current SIA and who made the judgement."""
    day, level_of = date.fromisoformat, RiskLevel
    return register_of(
        (school, code, name, authority, sia, level_of(level), day(judged_on), judge)
        for school, code, name, authority, sia, level, judged_on, judge in connection.execute(
            _REGISTER
        )
    )


# ----------------------------------------------------------------------------- categories

_CATEGORY_COUNTS = """
SELECT school.local_authority, school.category, count(*) FROM school
WHERE school.deleted IS 0 GROUP BY school.local_authority, school.category
"""

_CATEGORY_CHANGES = """
SELECT category_change.id, school.code, school.name, school.local_authority, adviser.name,
       category_change.previous_category, category_change.category, category_change.changed_on
FROM category_change JOIN school ON school.id = category_change.school_id
LEFT OUTER JOIN adviser ON adviser.id = school.adviser_id
WHERE category_change.changed_on >= ? AND category_change.changed_on <= ?
  AND category_change.deleted IS 0 AND school.deleted IS 0
"""


def category_scheme(connection: sqlite3.Connection) -> CategoryScheme:
    """The support-category scheme in force (as ``services.settings.category_scheme``)."""
    row = connection.execute(
        "SELECT value FROM setting WHERE key = ? AND deleted = 0", ("category_scheme",)
    ).fetchone()
    return stored_scheme(row[0] if row is not None else None)


def category_changes(
    connection: sqlite3.Connection, today: date, scheme: CategoryScheme | None = None
) -> tuple[CategoryChangeEntry, ...]:
    """The changes of category in the academic year of ``today``: newest first, by school."""
    first, last = academic_year_bounds(academic_year_of(today))
    rows = connection.execute(_CATEGORY_CHANGES, (first.isoformat(), last.isoformat()))
    day = date.fromisoformat
    return category_changes_of(
        scheme or category_scheme(connection), ((*row[:7], day(row[7])) for row in rows)
    )


def categories(
    connection: sqlite3.Connection, today: date | None = None, scheme: CategoryScheme | None = None
) -> CategorySummary:
    """Counts of schools per support category, overall and per authority; with ``today``,
    also the changes of category in its academic year."""
    scheme = scheme or category_scheme(connection)
    changes = category_changes(connection, today, scheme) if today is not None else ()
    return categories_of(scheme, connection.execute(_CATEGORY_COUNTS), changes)


# ----------------------------------------------------------------------------- actions

_OVERDUE_ACTIONS = """
SELECT action.id, school.code, school.name COLLATE "NOCASE" AS school_name,
       coalesce(adviser.name, '') COLLATE "NOCASE" AS sia_name, action.text, action.owner,
       action.due, action.status
FROM action JOIN school ON school.id = action.school_id
LEFT OUTER JOIN adviser ON adviser.id = school.adviser_id
WHERE action.status IN (?, ?) AND action.due < ? AND action.deleted IS 0
  AND school.deleted IS 0
ORDER BY sia_name, school_name, action.due, action.text, action.id
"""


def overdue_actions(connection: sqlite3.Connection, today: date) -> tuple[OverdueAction, ...]:
    """Open actions due before ``today``: by SIA, then school, then oldest first."""
    rows = connection.execute(
        _OVERDUE_ACTIONS, (*(status.value for status in OPEN_STATUSES), today.isoformat())
    )
    return overdue_of(rows, today)


# ----------------------------------------------------------------------------- the screen


def unresolved_count(connection: sqlite3.Connection) -> int:
    """How many sync conflicts wait for a choice (``services.sync.conflicts``)."""
    query = "SELECT count(*) FROM conflict WHERE resolved_at IS NULL"
    return int(connection.execute(query).fetchone()[0])


_AUTHORITY = """
SELECT adviser.authority FROM local_identity JOIN adviser ON adviser.id = local_identity.adviser_id
WHERE local_identity.id = 1
"""


def summary(connection: sqlite3.Connection, today: date) -> AuthoritySummary:
    """Every panel of the home screen (the category scheme read once for all of them)."""
    found = connection.execute(_AUTHORITY).fetchone()
    scheme = category_scheme(connection)
    return AuthoritySummary(
        today=today,
        authority=found[0] if found is not None else None,
        coverage=coverage(connection, today, scheme),
        risk=risk_register(connection),
        categories=categories(connection, today, scheme),
        overdue_actions=overdue_actions(connection, today),
    )


def authority_summary(connection: sqlite3.Connection, today: date) -> AuthoritySummary:
    """Every panel of the home screen in one read transaction, on a connection of its own
    (the first paint's; the services read :func:`summary` in their session's)."""
    connection.execute("BEGIN")
    try:
        return summary(connection, today)
    finally:
        connection.execute("COMMIT")
