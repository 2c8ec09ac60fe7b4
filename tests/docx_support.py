"""Shared by the Word export tests: read a .docx back in order, and make notes to export."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from sqlmodel import Session, col, select

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, VisitStatus
from sia_console.domain.models import (
    Action,
    ActionReview,
    Adviser,
    Amendment,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.domain.note_template import sections_for


def _walk(element: Any, parent: Any) -> Iterator[str]:
    for child in element:
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent).text
        elif child.tag == qn("w:tbl"):
            for row in child.findall(qn("w:tr")):
                for cell in row.findall(qn("w:tc")):
                    yield from _walk(cell, parent)


def body_paragraphs(path: Path) -> list[str]:
    """Every paragraph's text, in document order, table cells (and tables in cells) included."""
    document = docx.Document(str(path))
    return list(_walk(document.element.body, document._body))


def find_run(paragraphs: Sequence[str], wanted: Sequence[str], start: int) -> int:
    """The index just after ``wanted`` appears as consecutive paragraphs at or after ``start``."""
    size = len(wanted)
    for index in range(start, len(paragraphs) - size + 1):
        if list(paragraphs[index : index + size]) == list(wanted):
            return index + size
    raise AssertionError(f"not found in order after paragraph {start}: {wanted!r}"[:400])


def header_and_footer_xml(path: Path) -> tuple[str, str]:
    """The XML of the first section's header and footer."""
    section = docx.Document(str(path)).sections[0]
    return section.header._element.xml, section.footer._element.xml


def add_school(session: Session, name: str, code: str = "6612001") -> School:
    school = School(code=code, name=name, local_authority="Sir Eryri", headteacher="Siân Ŵyn")
    session.add(school)
    session.flush()
    return school


def add_note(
    session: Session,
    school: School,
    *,
    start: datetime = datetime(2026, 11, 23, 9, 30),
    texts: dict[str, str] | None = None,
    status: NoteStatus = NoteStatus.FINAL,
    adviser: str = "Elin Lloyd",
) -> NoteOfVisit:
    """A note of a visit to ``school`` with every default section, a judgement and actions."""
    person = Adviser(name=adviser)
    session.add(person)
    session.flush()
    visit = Visit(
        school_id=school.id,
        adviser_id=person.id,
        start=start,
        end=start + timedelta(hours=3),
        purpose="Visit 2: Target setting",
        programme_slot=2,
        status=VisitStatus.DONE,
    )
    session.add(visit)
    session.flush()
    note = NoteOfVisit(visit_id=visit.id, status=status)
    if status is NoteStatus.FINAL:
        note.finalised_at = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)
        note.head_response = "accurate"
    session.add(note)
    session.flush()
    for position, template in enumerate(sections_for(2)):
        text = (texts or {}).get(template.key, f"{template.title}: what was seen.")
        session.add(
            NoteSection(
                note_id=note.id,
                key=template.key,
                title=template.title,
                position=position,
                text=text,
            )
        )
    judgement = RiskJudgement(
        note_id=note.id,
        school_id=school.id,
        judged_on=start.date(),
        level=RiskLevel.MEDIUM,
        rationale="Combined Y6 prediction is close to the floor target.",
        floor_target=65.0,
    )
    session.add(judgement)
    session.flush()
    for cohort, measure, percent in (("Y6", "combined", 63.5), ("Y5", "combined", 70.0)):
        session.add(
            Prediction(judgement_id=judgement.id, cohort=cohort, measure=measure, percent=percent)
        )
    session.add(
        Action(
            note_id=note.id,
            school_id=school.id,
            text="Share the targets with governors",
            owner="Headteacher",
            due=date(2027, 1, 15),
        )
    )
    session.flush()
    return note


def review_and_amend(session: Session, note: NoteOfVisit, earlier: NoteOfVisit) -> None:
    """Review ``earlier``'s actions at ``note`` and amend ``note``'s discussion."""
    for action in session.exec(select(Action).where(col(Action.note_id) == earlier.id)).all():
        session.add(
            ActionReview(
                action_id=action.id, note_id=note.id, status=ActionStatus.DONE, comment="Seen."
            )
        )
    session.add(
        Amendment(
            note_id=note.id,
            section_key="discussion",
            text="The Y6 figure was 63%, not 36%.",
            made_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        )
    )
    session.flush()


DEMO_TODAY = date(2026, 11, 23)


def make_demo_file(folder: Path, seed: int = 7) -> Path:
    """A database file holding the demo year (seed 7 by default), its keys in memory only."""
    import keyring

    from sia_console.demo.year import fill_demo
    from sia_console.keys.store import keystore_for
    from sia_console.storage.database import open_database
    from tests.memory_keyring import MemoryKeyring

    path = folder / "demo.sqlite"
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    database = open_database(path)
    try:
        with database.session() as session:
            fill_demo(session, keystore_for(database), seed=seed, today=DEMO_TODAY)
    finally:
        database.dispose()
        keyring.set_keyring(previous)
    return path


def copy_database_file(source: Path, folder: Path) -> Path:
    """A copy of a database file (with its WAL) that a test may change."""
    import shutil

    copy = folder / source.name
    for suffix in ("", "-wal", "-shm"):
        origin = source.with_name(source.name + suffix)
        if origin.exists():
            shutil.copyfile(origin, copy.with_name(copy.name + suffix))
    return copy
