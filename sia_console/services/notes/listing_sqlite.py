"""The list of notes of visit read with the standard library's ``sqlite3``, for scripts.

``sia-console notes list`` is what a script calls most; on a database ready as it is
(:func:`sia_console.storage.quick.open_ready`) it reads here, with the SQL that
:func:`sia_console.services.notes.reading.list_notes` compiles to, and so pays for
neither SQLAlchemy nor SQLModel. A test compares both lists on the demo year and a core
lead's database. Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from sia_console.domain.enums import NoteStatus, RiskLevel
from sia_console.services.notes.note_rows import NoteRow, stored_utc

_NOTES = """
SELECT note_of_visit.id, visit.id, school.code, school.name, visit.start, note_of_visit.status,
       risk_judgement.level, note_of_visit.updated_at
FROM note_of_visit JOIN visit ON visit.id = note_of_visit.visit_id
JOIN school ON school.id = visit.school_id
LEFT OUTER JOIN risk_judgement
  ON risk_judgement.note_id = note_of_visit.id AND risk_judgement.deleted = 0
WHERE note_of_visit.deleted = 0
ORDER BY visit.start, school.name, note_of_visit.id
"""

_SECTIONS = "SELECT note_id, updated_at FROM note_section WHERE deleted = 0"


def list_notes(connection: sqlite3.Connection) -> list[NoteRow]:
    """Every note, ordered by the start of its visit (then school name), as
    ``services.notes.reading.list_notes`` gives them."""
    connection.execute("BEGIN")
    try:
        latest: dict[str, datetime] = {}
        for note_id, updated in connection.execute(_SECTIONS):
            stamp = stored_utc(datetime.fromisoformat(updated))
            if note_id not in latest or stamp > latest[note_id]:
                latest[note_id] = stamp
        rows: list[NoteRow] = []
        for note_id, visit_id, code, name, start, status, level, updated in connection.execute(
            _NOTES
        ):
            changed = stored_utc(datetime.fromisoformat(updated))
            if note_id in latest:
                changed = max(changed, latest[note_id])
            rows.append(
                NoteRow(
                    id=note_id,
                    visit_id=visit_id,
                    school_code=code,
                    school_name=name,
                    visit_start=datetime.fromisoformat(start),
                    status=NoteStatus(status),
                    risk_level=RiskLevel(level) if level is not None else None,
                    updated_at=changed,
                )
            )
        return rows
    finally:
        connection.execute("COMMIT")
