"""The first screen's ``sqlite3`` read of the day gives what the ORM services give."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from sia_console.domain.enums import Role
from sia_console.domain.models import Adviser, School
from sia_console.services import today_sqlite
from sia_console.services.identity import lead_here
from sia_console.services.sync.conflicts import unresolved_count
from sia_console.services.today import DashboardSummary, dashboard_summary
from sia_console.storage.database import open_database
from sia_console.storage.quick import QuickDatabase, open_ready
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
                expected = dashboard_summary(session, day)
                conflicts = unresolved_count(session)
                lead = lead_here(session)
            assert today_sqlite.dashboard_summary(connection, day) == expected, day
            assert today_sqlite.unresolved_count(connection) == conflicts
            assert today_sqlite.is_core_lead(connection) is lead
            rows += sum(
                len(part)
                for part in (
                    expected.week_visits,
                    expected.today_visits,
                    expected.overdue_notes,
                    expected.high_risk,
                    expected.actions_due,
                    expected.programme_behind,
                )
            )
    finally:
        connection.close()
        database.dispose()
    return rows


def test_the_demo_year_reads_the_same(tmp_path: Path) -> None:
    assert _same_answers(demo_database(tmp_path)) > 0


def test_a_core_leads_authority_reads_the_same(tmp_path: Path) -> None:
    assert _same_answers(core_lead_database(tmp_path / "lead.sqlite")) > 0


def test_a_database_without_identity_reads_the_same(tmp_path: Path) -> None:
    path = demo_database(tmp_path)
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM local_identity")
    assert _same_answers(path) > 0


def test_only_a_ready_database_of_ours_is_opened_quickly(tmp_path: Path) -> None:
    assert open_ready(tmp_path / "absent.sqlite") is None
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert open_ready(empty) is None
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('0008')")
    assert open_ready(foreign) is None  # no application id: the full open decides
    older = demo_database(tmp_path)
    with sqlite3.connect(older) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0007'")
    assert open_ready(older) is None  # a migration must run first
    before = foreign.read_bytes()
    assert open_ready(foreign) is None
    assert foreign.read_bytes() == before


def test_the_full_database_opens_once_when_asked(tmp_path: Path) -> None:
    path = demo_database(tmp_path)
    connection = open_ready(path)
    assert connection is not None
    quick = QuickDatabase(path, connection)
    assert not quick.opened
    first = quick.database()
    assert quick.database() is first and quick.opened
    with first.session() as session:
        assert dashboard_summary(session, DAYS[2]) == today_sqlite.dashboard_summary(
            quick.connection, DAYS[2]
        )
    quick.dispose()
    with pytest.raises(sqlite3.ProgrammingError):
        quick.connection.execute("SELECT 1")


def test_a_day_with_the_programme_behind(tmp_path: Path) -> None:
    path = demo_database(tmp_path)
    connection = open_ready(path)
    assert connection is not None
    try:
        late = today_sqlite.dashboard_summary(connection, DAYS[2] + timedelta(days=120))
    finally:
        connection.close()
    assert late.programme_behind


def _reassign_the_riskiest_school(path: Path) -> tuple[str, str]:
    """Link a demo adviser's school at high risk, with a visit planned in the week and
    actions, to another adviser; its code and name."""
    with sqlite3.connect(path) as connection:
        code, name, school_id = connection.execute(
            """SELECT school.code, school.name, school.id FROM school
               JOIN visit ON visit.school_id = school.id AND visit.status = 'planned'
                    AND visit.start >= '2026-11-23' AND visit.start < '2026-12-01'
               JOIN risk_judgement ON risk_judgement.school_id = school.id
                    AND risk_judgement.level = 'high'
               JOIN action ON action.school_id = school.id
               GROUP BY school.id ORDER BY count(*) DESC, school.code LIMIT 1"""
        ).fetchone()
    database = open_database(path)
    try:
        with database.session() as session:
            other = Adviser(name="Rhys Parry", role=Role.SIA)
            session.add(other)
            session.flush()
            school = session.get(School, school_id)
            assert school is not None
            school.adviser_id = other.id  # as the core lead's bundle sets it
            session.add(school)
    finally:
        database.dispose()
    return code, name


def test_a_reassigned_school_leaves_the_old_advisers_panels(tmp_path: Path) -> None:
    path = demo_database(tmp_path)
    before = _day(path, DAYS[2])
    code, _name = _reassign_the_riskiest_school(path)
    assert _same_answers(path) > 0  # both reads agree on it
    after = _day(path, DAYS[2])
    assert code in {row.school_code for row in before.high_risk}
    assert code not in {row.school_code for row in after.high_risk}
    assert code not in {row.school_code for row in after.actions_due}
    assert code not in {row.school_code for row in after.programme_behind}
    assert after.school_count == before.school_count - 1
    # the visits there stay in the agenda, those still planned marked reassigned
    visits = [*after.today_visits, *after.week_visits]
    assert [v.school_code for v in visits] == [
        v.school_code for v in (*before.today_visits, *before.week_visits)
    ]
    assert all(
        v.reassigned is (v.school_code == code and v.status.value == "planned") for v in visits
    )
    assert any(v.reassigned for v in visits)
    assert not any(v.reassigned for v in (*before.today_visits, *before.week_visits))
    # the notes owed for visits made there are still owed
    assert [n.visit_id for n in after.overdue_notes] == [n.visit_id for n in before.overdue_notes]


def _day(path: Path, day: date) -> DashboardSummary:
    database = open_database(path)
    try:
        with database.session() as session:
            return dashboard_summary(session, day)
    finally:
        database.dispose()
