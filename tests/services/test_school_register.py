"""The core lead's register of schools, on the large authority (400 schools, 30 SIAs)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session

from sia_console.domain.enums import RiskLevel
from sia_console.services.authority.actions import overdue_actions
from sia_console.services.authority.coverage import coverage
from sia_console.services.authority.rows import Change
from sia_console.services.authority.school_register import A_TERM, school_register
from sia_console.services.settings import load_settings
from sia_console.storage.database import open_database
from tests.large_authority import TODAY, large_authority


@pytest.fixture(scope="module")
def authority_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return large_authority(tmp_path_factory.mktemp("register") / "authority.sqlite")


@pytest.fixture
def lead(authority_path: Path) -> Iterator[Session]:
    db = open_database(authority_path)
    with db.session() as s:
        yield s
    db.dispose()


def _sql(path: Path, query: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(query, args).fetchall()


def test_one_row_per_school_by_name(lead: Session, authority_path: Path) -> None:
    rows = school_register(lead, TODAY)
    live = _sql(authority_path, "SELECT code FROM school WHERE deleted = 0")
    assert len(rows) == len(live) == 400
    assert sorted(r.school_code for r in rows) == sorted(str(code) for (code,) in live)
    assert [r.school_name for r in rows] == sorted(r.school_name for r in rows)


def test_reads_the_authority_in_a_few_statements(lead: Session) -> None:
    statements: list[str] = []
    engine = lead.get_bind()

    def count(*_args: object) -> None:
        statements.append("")

    event.listen(engine, "before_cursor_execute", count)
    try:
        school_register(lead, TODAY)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) <= 4  # the settings, the scheme, the rows, the overdue notes


def test_latest_judgement_is_the_latest_agreed_one(lead: Session, authority_path: Path) -> None:
    rows = {r.school_code: r for r in school_register(lead, TODAY)}
    agreed = _sql(
        authority_path,
        "SELECT s.code, j.level, j.judged_on FROM risk_judgement j "
        "JOIN school s ON s.id = j.school_id JOIN note_of_visit n ON n.id = j.note_id "
        "WHERE j.deleted = 0 AND j.level IS NOT NULL AND n.status = 'final' "
        "ORDER BY s.code, j.judged_on DESC, j.created_at DESC, j.id DESC",
    )
    latest: dict[str, list[tuple[str, str]]] = {}
    for code, level, judged_on in agreed:
        latest.setdefault(str(code), []).append((str(level), str(judged_on)))
    for code, row in rows.items():
        mine = latest.get(code, [])
        if not mine:
            assert row.level is None and row.change is Change.FIRST
            continue
        assert row.level is not None and row.judged_on is not None
        assert (row.level.value, row.judged_on.isoformat()) == mine[0]
        before = RiskLevel(mine[1][0]) if len(mine) > 1 else None
        assert row.previous_level is before
        if before is not None and row.level.rank > before.rank:
            assert row.change is Change.WORSE


def test_counts_agree_with_the_panels(lead: Session) -> None:
    rows = school_register(lead, TODAY)
    per_sia = {r.adviser_id: r.notes_overdue for r in coverage(lead, TODAY)}
    notes: Counter[str | None] = Counter()
    for row in rows:
        notes[row.adviser_id] += row.notes_overdue
    assert {k: v for k, v in notes.items() if k is not None} == {
        k: v for k, v in per_sia.items() if k is not None and k in notes
    }
    actions = Counter(action.school_code for action in overdue_actions(lead, TODAY))
    assert {r.school_code: r.actions_overdue for r in rows if r.actions_overdue} == dict(actions)


def test_visits_before_and_after_today(lead: Session) -> None:
    for row in school_register(lead, TODAY):
        assert row.last_visit is None or row.last_visit.date() < TODAY
        assert row.next_visit is None or row.next_visit.date() >= TODAY


def test_marks_old_high_risk_and_stale_bundles(lead: Session) -> None:
    overdue_days = load_settings(lead).note_overdue_days
    rows = school_register(lead, TODAY)
    for row in rows:
        old_high = (
            row.level is RiskLevel.HIGH
            and row.judged_on is not None
            and TODAY - row.judged_on > A_TERM
        )
        assert row.stale_judgement is old_high
        if row.adviser_id is None:
            assert not row.stale_bundle and row.bundle_days is None
        else:
            assert row.stale_bundle is (row.bundle_days is None or row.bundle_days > overdue_days)
    assert any(r.stale_judgement for r in rows)
    assert any(r.stale_bundle for r in rows) and not all(r.stale_bundle for r in rows)


def test_bundle_days_are_counted_from_the_last_import(lead: Session, authority_path: Path) -> None:
    last = {
        str(peer): str(at)
        for peer, at in _sql(
            authority_path,
            "SELECT peer_id, max(at) FROM bundle_log WHERE direction = 'import' "
            "AND status = 'imported' GROUP BY peer_id",
        )
    }
    for row in school_register(lead, TODAY):
        if row.adviser_id in last:
            assert row.last_bundle is not None and row.bundle_days is not None
            day = date.fromisoformat(last[row.adviser_id][:10])
            assert abs((TODAY - day).days - row.bundle_days) <= 1  # (a London day)
            assert row.last_bundle.date() == day
