"""Reading notes of visit: the list and one note in full."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import Session

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel
from sia_console.domain.models import (
    Action,
    ActionReview,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.domain.note_template import DEFAULT_SECTIONS, sections_for
from sia_console.services.errors import InvalidInput, NotFound
from sia_console.services.notes.reading import list_notes, note_detail


def _note(session: Session, school: School, start: datetime, note_id: str | None = None) -> str:
    visit = Visit(school_id=school.id, start=start, end=start.replace(hour=start.hour + 3))
    session.add(visit)
    session.flush()
    note = (
        NoteOfVisit(visit_id=visit.id)
        if note_id is None
        else NoteOfVisit(id=note_id, visit_id=visit.id)
    )
    session.add(note)
    session.flush()
    return note.id


@pytest.fixture
def school(session: Session) -> School:
    row = School(code="6612034", name="Ysgol y Graig", local_authority="Sir Eryri")
    session.add(row)
    session.flush()
    return row


def test_default_sections_follow_domain_md() -> None:
    keys = [s.key for s in DEFAULT_SECTIONS]
    assert keys[0] == "who_was_met" and keys[-2:] == ["next_visit", "distribution"]
    assert len(set(keys)) == len(keys) == 11
    assert "data_hypotheses" in [s.key for s in sections_for(1)]
    assert "data_hypotheses" not in [s.key for s in sections_for(2)]
    assert "data_hypotheses" not in [s.key for s in sections_for(None)]


def test_list_notes_gives_status_and_risk(session: Session, school: School) -> None:
    later = _note(session, school, datetime(2026, 11, 23, 9))
    earlier = _note(session, school, datetime(2026, 9, 15, 13))
    session.add(
        RiskJudgement(
            note_id=later, school_id=school.id, judged_on=date(2026, 11, 23), level=RiskLevel.HIGH
        )
    )
    session.flush()
    rows = list_notes(session)
    assert [row.id for row in rows] == [earlier, later]
    assert rows[0].risk_level is None and rows[1].risk_level is RiskLevel.HIGH
    assert rows[1].school_code == "6612034" and rows[1].status is NoteStatus.DRAFT
    assert rows[1].updated_at.tzinfo is not None


def test_note_detail_has_sections_risk_and_actions(session: Session, school: School) -> None:
    earlier = _note(session, school, datetime(2026, 9, 15, 13))
    note_id = _note(session, school, datetime(2026, 11, 23, 9))
    for position, template in enumerate(sections_for(2)):
        session.add(
            NoteSection(
                note_id=note_id,
                key=template.key,
                title=template.title,
                position=position,
                text=f"Text of {template.key} — Dŵr",
            )
        )
    judgement = RiskJudgement(
        note_id=note_id,
        school_id=school.id,
        judged_on=date(2026, 11, 23),
        level=RiskLevel.MEDIUM,
        rationale="Just above the floor.",
        floor_target=65.0,
    )
    session.add(judgement)
    session.flush()
    for cohort in ("Y5", "Y6"):
        for measure, percent in (("maths", 80.0), ("combined", 66.7), ("reading", 83.3)):
            session.add(
                Prediction(
                    judgement_id=judgement.id, cohort=cohort, measure=measure, percent=percent
                )
            )
    old = Action(
        note_id=earlier,
        school_id=school.id,
        text="Moderate writing",
        owner="Head",
        due=date(2026, 10, 20),
    )
    session.add(old)
    session.add(
        Action(
            note_id=note_id,
            school_id=school.id,
            text="Send targets",
            owner="Elin Hughes (headteacher)",
            due=date(2027, 1, 15),
        )
    )
    session.flush()
    session.add(
        ActionReview(action_id=old.id, note_id=note_id, status=ActionStatus.DONE, comment="Seen.")
    )
    session.flush()

    detail = note_detail(session, note_id)
    assert detail.school_name == "Ysgol y Graig" and detail.visit_start == datetime(2026, 11, 23, 9)
    assert [s.key for s in detail.sections] == [t.key for t in sections_for(2)]
    assert detail.sections[0].text.endswith("Dŵr")
    assert detail.risk is not None and detail.risk.level is RiskLevel.MEDIUM
    assert detail.risk.floor_target == 65.0
    assert [(p.cohort, p.measure) for p in detail.risk.predictions][:3] == [
        ("Y6", "reading"),
        ("Y6", "maths"),
        ("Y6", "combined"),
    ]
    assert [a.text for a in detail.actions] == ["Send targets"]
    assert detail.actions[0].status is ActionStatus.OPEN
    assert [(r.action_text, r.status) for r in detail.reviews] == [
        ("Moderate writing", ActionStatus.DONE)
    ]
    assert note_detail(session, earlier).risk is None


def test_note_found_by_unambiguous_prefix(session: Session, school: School) -> None:
    first = _note(session, school, datetime(2026, 9, 15, 9), "abcdef12-0000-4000-8000-000000000001")
    _note(session, school, datetime(2026, 9, 16, 9), "abcdef12-0000-4000-8000-000000000002")
    other = _note(session, school, datetime(2026, 9, 17, 9), "12345678-0000-4000-8000-000000000003")
    assert note_detail(session, first).id == first
    assert note_detail(session, "12345678").id == other
    assert note_detail(session, "ABCDEF12-0000-4000-8000-000000000001").id == first
    with pytest.raises(InvalidInput, match="more than one"):
        note_detail(session, "abcdef12")
    with pytest.raises(NotFound, match=r"no note with id 1234; give at least the first 8 char"):
        note_detail(session, "1234")  # a prefix too short to look for
    with pytest.raises(NotFound, match=r"There is no note with id nothing-like-it\."):
        note_detail(session, "nothing-like-it")
