"""A school with a year of visits, and a note made ready to finalise, for note tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from sia_console.domain.enums import RiskLevel
from sia_console.domain.models import School, Visit
from sia_console.services.notes.editing import open_or_create_note, save_section
from sia_console.services.notes.risk import set_risk

TODAY = date(2026, 11, 23)


@dataclass
class Year:
    """A school and three visits: September, November (today) and January."""

    school: School
    september: Visit
    november: Visit
    january: Visit


def make_year(session: Session, code: str = "6612034", name: str = "Ysgol y Graig") -> Year:
    school = School(code=code, name=name, local_authority="Sir Eryri")
    session.add(school)
    session.flush()

    def visit(start: datetime, slot: int, purpose: str) -> Visit:
        row = Visit(
            school_id=school.id,
            start=start,
            end=start + timedelta(hours=3),
            purpose=purpose,
            programme_year=2026,
            programme_slot=slot,
        )
        session.add(row)
        return row

    year = Year(
        school,
        visit(datetime(2026, 9, 14, 9, 0), 1, "Visit 1: data hypotheses"),
        visit(datetime(2026, 11, 23, 9, 30), 2, "Visit 2: target setting"),
        visit(datetime(2027, 1, 18, 13, 0), 4, "Visit 4: agreed focus"),
    )
    session.flush()
    return year


def ready_note(session: Session, visit: Visit, level: RiskLevel = RiskLevel.MEDIUM) -> str:
    """Start the visit's note and fill everything finalising asks for; the note id."""
    note = open_or_create_note(session, visit.id)
    for section in note.sections:
        if not section.text:
            save_section(session, note.id, section.key, f"Text of {section.key}.")
    set_risk(session, note.id, level, "Tracking shows the combined measure near the floor.")
    return note.id
