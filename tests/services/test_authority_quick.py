"""The core lead's home screen gives what a naive reading of the database gives.

The first paint (``quick.authority_summary`` on a ``sqlite3`` connection of its own) and
the services (``authority_summary`` on the session's connection) run the same SQL, so
each is compared with ``tests.authority_reference``, which reads whole ORM objects and
filters, joins and counts in Python: on the demo year, a core lead's authority (with
changes of category, and with schools reassigned) and the large authority."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlmodel import col, select

from sia_console.domain.models import (
    Action,
    Adviser,
    AssignmentChange,
    CategoryChange,
    NoteOfVisit,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.services.authority import quick
from sia_console.services.authority.summary import authority_summary
from sia_console.services.schools.assignment import assign_school
from sia_console.services.schools.reassignment import reassign_schools
from sia_console.services.sync.conflicts import unresolved_count
from sia_console.storage.database import open_database
from sia_console.storage.quick import open_ready
from tests.authority_reference import reference_summary
from tests.authority_support import CHANGED_ON, change_categories, core_lead_database
from tests.docx_support import make_demo_file as demo_database
from tests.large_authority import TODAY as LARGE_TODAY
from tests.large_authority import large_authority

DAYS = [date(2026, 9, 1), date(2026, 11, 20), date(2026, 11, 23), date(2027, 2, 8)]
"""A start of year, a Friday, the demo's Monday, a day after a half term."""


def _same_answers(path: Path, days: list[date] = DAYS) -> int:
    database = open_database(path)
    connection = open_ready(path)
    assert connection is not None
    rows = 0
    try:
        for day in days:
            with database.session() as session:
                expected = reference_summary(session, day)
                assert authority_summary(session, day) == expected, day
                conflicts = unresolved_count(session)
            assert quick.authority_summary(connection, day) == expected, day
            assert quick.unresolved_count(connection) == conflicts
            rows += len(expected.coverage) + len(expected.risk) + len(expected.overdue_actions)
            rows += len(expected.categories.by_authority) + len(expected.categories.changes)
    finally:
        connection.close()
        database.dispose()
    return rows


def test_the_demo_year_reads_the_same(tmp_path: Path) -> None:
    assert _same_answers(demo_database(tmp_path)) > 0


def test_a_core_leads_authority_reads_the_same(tmp_path: Path) -> None:
    assert _same_answers(core_lead_database(tmp_path / "lead.sqlite")) > 0


def test_changes_of_category_read_the_same(tmp_path: Path) -> None:
    path = core_lead_database(tmp_path / "lead.sqlite")
    database = open_database(path)
    with database.session() as session:
        change_categories(session, tmp_path)
        session.commit()
    database.dispose()
    assert _same_answers(path) > 0


def test_tombstones_read_the_same(tmp_path: Path) -> None:
    """A deleted school, and deleted visits, notes, judgements, actions and changes of
    category of others, are left out alike."""
    path = core_lead_database(tmp_path / "lead.sqlite")
    database = open_database(path)
    with database.session() as session:
        change_categories(session, tmp_path)
        for change in session.exec(select(CategoryChange)):
            change.deleted = change.changed_on == CHANGED_ON[0]  # this year's
            session.add(change)
        schools = session.exec(select(School).order_by(School.code)).all()
        schools[-1].deleted = True
        others = [school.id for school in schools[1:4]]
        rows: list[Visit | NoteOfVisit | RiskJudgement | Action] = [
            *session.exec(select(Visit).where(col(Visit.school_id).in_(others))),
            *session.exec(select(NoteOfVisit).order_by(col(NoteOfVisit.id)).limit(3)),
            *session.exec(select(RiskJudgement).where(col(RiskJudgement.school_id).in_(others))),
            *session.exec(select(Action).where(col(Action.school_id).in_(others))),
        ]
        for row in rows[::2]:
            row.deleted = True
            session.add(row)
        session.add(schools[-1])
        session.commit()
    database.dispose()
    assert _same_answers(path) > 0


def test_the_large_authority_reads_the_same(tmp_path: Path) -> None:
    assert _same_answers(large_authority(tmp_path / "large.sqlite"), [LARGE_TODAY]) > 1000


def test_a_reassigned_school_reads_the_same(tmp_path: Path) -> None:
    path = core_lead_database(tmp_path / "lead.sqlite")
    database = open_database(path)
    with database.session() as session:
        school = session.exec(select(School).order_by(School.code)).first()
        assert school is not None and school.adviser_id is not None
        other = session.exec(
            select(Adviser).where(Adviser.id != school.adviser_id, Adviser.role == "sia")
        ).first()
        assert other is not None
        assign_school(session, school.code, category=school.category, adviser_id=other.id)
        session.commit()
    database.dispose()
    assert _same_answers(path) > 0


def test_schools_handed_on_during_the_year_read_the_same(tmp_path: Path) -> None:
    """Visits missed before a change of link adviser count for who held the school then:
    schools handed on once, twice (through having no SIA), last year, on the day a
    window closed, and a change deleted."""
    path = core_lead_database(tmp_path / "lead.sqlite")
    database = open_database(path)
    with database.session() as session:
        schools = session.exec(select(School).order_by(School.code)).all()
        sias = [a.id for a in session.exec(select(Adviser).where(Adviser.role == "sia"))]

        def hand_on(index: int, to: str | None, on: date) -> None:
            reassign_schools(
                session, [schools[index].code], adviser_id=to, reason="Balanced", effective_on=on
            )

        def other(index: int) -> str:
            return next(a for a in sias if a != schools[index].adviser_id)

        hand_on(0, other(0), date(2026, 11, 10))
        hand_on(1, None, date(2026, 9, 2))
        hand_on(1, sias[0], date(2026, 10, 20))
        hand_on(2, other(2), date(2026, 8, 28))
        hand_on(3, other(3), date(2026, 9, 30))
        hand_on(4, other(4), date(2026, 10, 1))
        session.flush()
        deleted = session.exec(
            select(AssignmentChange).where(AssignmentChange.school_id == schools[4].id)
        ).one()
        deleted.deleted = True
        session.add(deleted)
        session.commit()
    database.dispose()
    assert _same_answers(path, [*DAYS, date(2026, 12, 21)]) > 0


def test_the_quick_read_loads_no_orm() -> None:
    script = (
        "import json, sys\n"
        "import sia_console.services.authority.quick\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    loaded = {name.split(".")[0] for name in __import__("json").loads(output)}
    assert loaded.isdisjoint({"sqlalchemy", "sqlmodel", "pydantic", "alembic"}), loaded
