"""The core lead's home screen read with ``sqlite3`` gives what the ORM services give."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlmodel import select

from sia_console.domain.models import Adviser, School
from sia_console.services.authority import quick
from sia_console.services.authority.summary import authority_summary
from sia_console.services.schools.assignment import assign_school
from sia_console.services.sync.conflicts import unresolved_count
from sia_console.storage.database import open_database
from sia_console.storage.quick import open_ready
from tests.authority_support import core_lead_database
from tests.docx_support import make_demo_file as demo_database

DAYS = [date(2026, 9, 1), date(2026, 11, 20), date(2026, 11, 23), date(2027, 2, 8)]
"""A start of year, a Friday, the demo's Monday, a day after a half term."""


def _same_answers(path: Path) -> int:
    database = open_database(path)
    connection = open_ready(path)
    assert connection is not None
    rows = 0
    try:
        for day in DAYS:
            with database.session() as session:
                expected = authority_summary(session, day)
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
