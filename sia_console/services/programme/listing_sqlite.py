"""The list of visits read with the standard library's ``sqlite3``, for scripts.

``sia-console visits list`` is what a script calls to read the calendar; on a database
ready as it is (:func:`sia_console.storage.quick.open_ready`) it reads here, with the SQL
that :func:`sia_console.services.programme.visits.list_visits` compiles to, and so pays for
neither SQLAlchemy nor SQLModel. A test compares both lists (every filter, the refusals
too) on the demo year and a core lead's database. Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from sia_console.domain.caseload import school_reassigned
from sia_console.domain.enums import NoteStatus, VisitStatus
from sia_console.i18n import _
from sia_console.services.errors import NotFound
from sia_console.services.programme.visit_rows import VisitRow, check_range

_VISITS = """
SELECT visit.id, school.code, school.name, visit.start, visit."end", visit.purpose,
       visit.status, visit.programme_slot, adviser.name, note_of_visit.id,
       note_of_visit.status, visit.status_reason, visit.moved_to_id,
       visit.adviser_id, school.adviser_id
FROM visit JOIN school ON school.id = visit.school_id
LEFT OUTER JOIN adviser ON adviser.id = visit.adviser_id
LEFT OUTER JOIN note_of_visit
  ON note_of_visit.visit_id = visit.id AND note_of_visit.deleted = 0
WHERE visit.deleted = 0 {where}
ORDER BY visit.start, school.name, visit.id
"""

_SCHOOL = "SELECT id FROM school WHERE {match} AND deleted = 0 LIMIT 1 OFFSET 0"


def _stored(moment: datetime) -> str:
    """A datetime as SQLAlchemy stores it in SQLite (and so compares it)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _school_id(connection: sqlite3.Connection, code: str) -> str:
    """As ``services.programme.visits.find_school``: exact, else case-insensitive."""
    wanted = code.strip()
    found = connection.execute(_SCHOOL.format(match="code = ?"), (wanted,)).fetchone()
    if found is None:
        found = connection.execute(
            _SCHOOL.format(match="lower(code) = ?"), (wanted.lower(),)
        ).fetchone()
    if found is None:
        raise NotFound(_("There is no link school with code {code}.").format(code=wanted))
    return str(found[0])


def list_visits(
    connection: sqlite3.Connection,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    school_code: str | None = None,
    diary_of: str | None = None,
) -> list[VisitRow]:
    """Visits ordered by start, optionally from/to dates (inclusive), for one school and
    in one adviser's diary, as ``services.programme.visits.list_visits`` gives them."""
    check_range(date_from, date_to)
    connection.execute("BEGIN")
    try:
        where: list[str] = []
        parameters: list[str] = []
        if school_code is not None:
            where.append("AND visit.school_id = ?")
            parameters.append(_school_id(connection, school_code))
        if diary_of is not None:
            where.append("AND (visit.adviser_id IS NULL OR visit.adviser_id = ?)")
            parameters.append(diary_of)
        if date_from is not None:
            where.append("AND visit.start >= ?")
            parameters.append(_stored(datetime.combine(date_from, datetime.min.time())))
        if date_to is not None:
            where.append("AND visit.start < ?")
            after = datetime.combine(date_to + timedelta(days=1), datetime.min.time())
            parameters.append(_stored(after))
        found = connection.execute(_VISITS.format(where=" ".join(where)), parameters).fetchall()
        wanted = sorted({row[12] for row in found if row[12]})
        moved: dict[str, datetime] = {}
        if wanted:
            marks = ", ".join("?" * len(wanted))
            query = f"SELECT id, start FROM visit WHERE id IN ({marks}) AND deleted = 0"
            moved = {
                visit_id: datetime.fromisoformat(start)
                for visit_id, start in connection.execute(query, wanted)
            }
    finally:
        connection.execute("COMMIT")
    when = datetime.fromisoformat
    return [
        VisitRow(
            id=visit_id,
            school_code=code,
            school_name=name,
            start=when(start),
            end=when(end),
            purpose=purpose,
            status=VisitStatus(status),
            programme_slot=slot,
            adviser_name=adviser,
            note_id=note_id,
            note_status=NoteStatus(note_status) if note_status is not None else None,
            status_reason=reason,
            moved_to=moved.get(moved_to or ""),
            reassigned=school_reassigned(VisitStatus(status), visit_adviser, school_adviser),
        )
        for (
            visit_id,
            code,
            name,
            start,
            end,
            purpose,
            status,
            slot,
            adviser,
            note_id,
            note_status,
            reason,
            moved_to,
            visit_adviser,
            school_adviser,
        ) in found
    ]
