"""A school's notes of visit, newest first: the record of the adviser's work with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from sia_console.domain.enums import NoteStatus, RiskLevel
from sia_console.domain.models import NoteOfVisit, RiskJudgement, School, Visit
from sia_console.i18n import _
from sia_console.services.errors import NotFound
from sia_console.services.notes.note_rows import stored_utc as _utc


@dataclass(frozen=True)
class NoteHistoryRow:
    """One note in a school's history."""

    note_id: str
    visit_id: str
    visit_start: datetime
    purpose: str
    status: NoteStatus
    risk_level: RiskLevel | None
    finalised_at: datetime | None


def school_notes(session: Session, code: str) -> list[NoteHistoryRow]:
    """Every note of the school ``code``, newest visit first."""
    school = session.exec(
        select(School).where(School.code == code, School.deleted == False)  # noqa: E712
    ).first()
    if school is None:
        raise NotFound(_("There is no school with the code {code}.").format(code=code))
    query = (
        select(NoteOfVisit, Visit, RiskJudgement)
        .join(Visit, col(Visit.id) == col(NoteOfVisit.visit_id))
        .join(
            RiskJudgement,
            (col(RiskJudgement.note_id) == col(NoteOfVisit.id))
            & (col(RiskJudgement.deleted) == False),  # noqa: E712
            isouter=True,
        )
        .where(
            Visit.school_id == school.id,
            NoteOfVisit.deleted == False,  # noqa: E712
            Visit.deleted == False,  # noqa: E712
        )
        .order_by(col(Visit.start).desc(), col(NoteOfVisit.id))
    )
    return [
        NoteHistoryRow(
            note_id=note.id,
            visit_id=visit.id,
            visit_start=visit.start,
            purpose=visit.purpose,
            status=note.status,
            risk_level=risk.level if risk else None,
            finalised_at=_utc(note.finalised_at) if note.finalised_at else None,
        )
        for note, visit, risk in session.exec(query)
    ]


@dataclass(frozen=True)
class NoteShortcut:
    """A note (or a visit of today still without one) the command palette can open."""

    visit_id: str
    school_name: str
    school_code: str
    visit_start: datetime
    status: NoteStatus | None
    """``None`` for a visit whose note is not started yet."""


def note_shortcuts(session: Session, today: date, limit: int = 400) -> list[NoteShortcut]:
    """The newest notes, and today's visits not yet written up, newest first."""
    query = (
        select(Visit, School, NoteOfVisit)
        .join(School, col(School.id) == col(Visit.school_id))
        .join(
            NoteOfVisit,
            (col(NoteOfVisit.visit_id) == col(Visit.id)) & (col(NoteOfVisit.deleted) == False),  # noqa: E712
            isouter=True,
        )
        .where(
            Visit.deleted == False,  # noqa: E712
            School.deleted == False,  # noqa: E712
            col(NoteOfVisit.id).is_not(None)
            | (
                (col(Visit.start) >= datetime.combine(today, time.min))
                & (col(Visit.start) < datetime.combine(today + timedelta(days=1), time.min))
            ),
        )
        .order_by(col(Visit.start).desc())
        .limit(limit)
    )
    return [
        NoteShortcut(visit.id, school.name, school.code, visit.start, note.status if note else None)
        for visit, school, note in session.exec(query)
    ]
