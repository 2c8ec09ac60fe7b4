"""Remember which draft the editor has open, so a crash can be followed by an offer.

The row is written when the editor opens a draft (and moved as the adviser changes
section) and removed when the editor is left normally. Finding it at start-up therefore
means the last run ended while a draft was open (killed, battery died): the app offers
to reopen that draft where the adviser was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from sia_console.domain.enums import NoteStatus
from sia_console.domain.models import EditingState, NoteOfVisit, School, Visit


@dataclass(frozen=True)
class InterruptedDraft:
    """A draft that was open in the editor when sia-console last stopped."""

    note_id: str
    visit_id: str
    section_key: str | None
    school_name: str
    school_code: str
    visit_start: datetime


def mark_editing(session: Session, note_id: str, section_key: str | None) -> None:
    """Record that the editor has ``note_id`` open at ``section_key``."""
    row = session.get(EditingState, 1)
    if row is None:
        session.add(EditingState(note_id=note_id, section_key=section_key))
        session.flush()
        return
    if row.note_id != note_id or row.section_key != section_key:
        row.note_id = note_id
        row.section_key = section_key
        session.add(row)


def clear_editing(session: Session, note_id: str | None = None) -> None:
    """Forget the open draft (only if it is ``note_id``, when given)."""
    row = session.get(EditingState, 1)
    if row is not None and (note_id is None or row.note_id == note_id):
        session.delete(row)
        session.flush()


def interrupted_draft(session: Session) -> InterruptedDraft | None:
    """The draft left open by a run that did not end normally, if it is still a draft."""
    row = session.get(EditingState, 1)
    if row is None:
        return None
    note = session.get(NoteOfVisit, row.note_id)
    if note is None or note.deleted or note.status is not NoteStatus.DRAFT:
        return None
    visit = session.get(Visit, note.visit_id)
    school = session.get(School, visit.school_id) if visit else None
    if visit is None or school is None or visit.deleted:
        return None
    return InterruptedDraft(
        note_id=note.id,
        visit_id=visit.id,
        section_key=row.section_key,
        school_name=school.name,
        school_code=school.code,
        visit_start=visit.start,
    )
