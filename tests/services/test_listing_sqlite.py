"""``notes list`` and ``visits list`` without the ORM list what the ORM services list."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from sia_console.domain.models import School, Visit
from sia_console.services.errors import ServiceError
from sia_console.services.notes.listing_sqlite import list_notes as quick_list
from sia_console.services.notes.reading import list_notes
from sia_console.services.programme.listing_sqlite import list_visits as quick_visits
from sia_console.services.programme.visits import list_visits
from sia_console.storage.database import open_database
from sia_console.storage.quick import open_ready
from tests.authority_support import core_lead_database
from tests.docx_support import make_demo_file


def _same_list(path: Path) -> int:
    database = open_database(path)
    connection = open_ready(path)
    assert connection is not None
    try:
        with database.session() as session:
            expected = list_notes(session)
        assert quick_list(connection) == expected
    finally:
        connection.close()
        database.dispose()
    return len(expected)


def test_the_demo_year_lists_the_same(tmp_path: Path) -> None:
    assert _same_list(make_demo_file(tmp_path)) > 0


def test_a_core_leads_authority_lists_the_same(tmp_path: Path) -> None:
    assert _same_list(core_lead_database(tmp_path / "lead.sqlite")) > 0


VISIT_FILTERS: list[dict[str, Any]] = [
    {},
    {"date_from": date(2026, 11, 1)},
    {"date_to": date(2026, 11, 23)},
    {"date_from": date(2026, 11, 23), "date_to": date(2026, 11, 23)},
    {"date_from": date(2027, 3, 1), "date_to": date(2027, 3, 31)},
]


def _same_visits(path: Path) -> int:
    """``visits list`` through ``sqlite3`` lists, and refuses, what the service does."""
    database = open_database(path)
    connection = open_ready(path)
    assert connection is not None
    listed = 0
    try:
        with database.session() as session:
            codes = [school.code for school in session.exec(select(School)).all()][:3]
            filters = [
                *VISIT_FILTERS,
                *({"school_code": code} for code in codes),
                {"school_code": codes[0].lower(), "date_from": date(2026, 9, 1)},
            ]
            for chosen in filters:
                expected = list_visits(session, **chosen)
                assert quick_visits(connection, **chosen) == expected, chosen
                listed += len(expected)
            for wrong in (
                {"school_code": "NO-SUCH-SCHOOL"},
                {"date_from": date(2026, 11, 2), "date_to": date(2026, 11, 1)},
            ):
                with pytest.raises(ServiceError) as orm_refusal:
                    list_visits(session, **wrong)
                with pytest.raises(ServiceError) as quick_refusal:
                    quick_visits(connection, **wrong)
                assert type(quick_refusal.value) is type(orm_refusal.value)
                assert str(quick_refusal.value) == str(orm_refusal.value)
    finally:
        connection.close()
        database.dispose()
    return listed


def test_the_demo_year_lists_the_same_visits(tmp_path: Path) -> None:
    assert _same_visits(make_demo_file(tmp_path)) > 0


def test_a_core_leads_authority_lists_the_same_visits(tmp_path: Path) -> None:
    assert _same_visits(core_lead_database(tmp_path / "lead.sqlite")) > 0


def test_a_postponed_visit_planned_again_lists_the_same(tmp_path: Path) -> None:
    path = make_demo_file(tmp_path)
    database = open_database(path)
    with database.session() as session:
        first, second = session.exec(select(Visit).order_by(col(Visit.start)).limit(2)).all()
        first.moved_to_id = second.id
        session.add(first)
        session.commit()
    database.dispose()
    assert _same_visits(path) > 0
    connection = open_ready(path)
    assert connection is not None
    try:
        assert any(row.moved_to is not None for row in quick_visits(connection))
    finally:
        connection.close()
