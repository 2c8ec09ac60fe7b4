"""The conflicts panel reads its list in as many statements for fifty conflicts as for one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from sia_console.bundles.records import to_plain
from sia_console.domain.models import (
    Action,
    ActionReview,
    Conflict,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.domain.records import SyncedRecord
from sia_console.services.sync.conflicts import conflict_detail, list_conflicts
from sia_console.services.sync.waiting import WaitingConflict, waiting_conflicts
from sia_console.storage.database import Database, open_database
from tests.authority_support import core_lead_database

KINDS: tuple[type[SyncedRecord], ...] = (
    School,
    Visit,
    NoteOfVisit,
    NoteSection,
    Action,
    ActionReview,
    RiskJudgement,
    Prediction,
)
"""Every kind of record whose label reads another (a section: its note, visit, school)."""


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Database]:
    database = open_database(core_lead_database(tmp_path / "lead.sqlite"))
    yield database
    database.dispose()


def _keep_losers(database: Database, kinds: tuple[type[SyncedRecord], ...], each: int) -> None:
    """For ``each`` records of every kind, a losing version kept: the record as it is here
    but for its headteacher (a school) or its tombstone (anything else)."""
    with database.session() as session:
        for kind in kinds:
            records = session.exec(select(kind).order_by(col(kind.id)).limit(each)).all()
            assert len(records) == each, kind
            for record in records:
                losing = to_plain(record)
                if isinstance(record, School):
                    losing["headteacher"] = "Mr Other Version"
                else:
                    losing["deleted"] = True
                session.add(
                    Conflict(
                        table_name=kind.__tablename__,  # type: ignore[arg-type]
                        record_id=record.id,
                        losing_hlc=record.hlc,
                        winning_hlc=record.hlc,
                        losing_version=json.dumps(losing),
                    )
                )
        session.commit()


def _read_counting(database: Database) -> tuple[list[WaitingConflict], int]:
    """The panel's list, and how many statements reading it took."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    with database.session() as session:
        event.listen(database.engine, "before_cursor_execute", count)
        try:
            waiting = waiting_conflicts(session)
        finally:
            event.remove(database.engine, "before_cursor_execute", count)
    return waiting, len(statements)


def _statements_for(tmp_path: Path, kinds: tuple[type[SyncedRecord], ...], each: int) -> int:
    database = open_database(core_lead_database(tmp_path / f"lead-{each}.sqlite"))
    try:
        _keep_losers(database, kinds, each)
        waiting, statements = _read_counting(database)
    finally:
        database.dispose()
    assert len(waiting) == each * len(kinds)
    assert all(line.fields == 1 for line in waiting), [line.fields for line in waiting]
    assert all(line.conflict.label != line.conflict.record_id for line in waiting)
    return statements


def test_one_conflict_and_fifty_take_as_many_statements(tmp_path: Path) -> None:
    # a note's section: its label reads the note, the visit and the school
    one = _statements_for(tmp_path, (NoteSection,), 1)
    assert one == 7  # the conflicts; sections, notes, visits, schools; who wrote them (2)
    assert _statements_for(tmp_path, (NoteSection,), 50) == one


def test_every_kind_at_once_takes_no_more_statements_for_forty_of_each(tmp_path: Path) -> None:
    # (fewer, when the records one label reads are already read for another conflict)
    one = _statements_for(tmp_path, KINDS, 1)
    assert one <= 3 + 2 * len(KINDS)  # the conflicts, who wrote them; each kind in two rounds
    assert _statements_for(tmp_path, KINDS, 40) <= one  # (45 schools in the authority)


def test_each_line_says_what_the_comparison_says(lead: Database) -> None:
    _keep_losers(lead, KINDS, 3)
    with lead.session() as session:
        waiting = waiting_conflicts(session)
        listed = list_conflicts(session)
        details = [conflict_detail(session, line.id) for line in waiting]
    assert [line.conflict for line in waiting] == listed
    for line, detail in zip(waiting, details, strict=True):
        assert line.conflict == detail.conflict
        assert line.fields == len(detail.differing)
        assert detail.other is not None
        assert (line.sender, line.written_at) == (detail.other.name, detail.other.at)


def test_a_version_that_cannot_be_read_is_listed_with_no_count(lead: Database) -> None:
    _keep_losers(lead, (School,), 2)
    with lead.session() as session:
        first = session.exec(select(Conflict).order_by(col(Conflict.id))).first()
        assert first is not None
        first.losing_version = "not json"
        session.add(first)
        session.commit()
    with lead.session() as session:
        waiting = {line.id: line for line in waiting_conflicts(session)}
        labels = {row.id: row.label for row in list_conflicts(session)}
    assert len(waiting) == 2
    assert (waiting[first.id].fields, waiting[first.id].sender) == (0, "")
    assert waiting[first.id].conflict.label == labels[first.id]
