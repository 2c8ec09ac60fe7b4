"""The core lead's questions, on a database built by importing three demo SIAs' bundles."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.domain.models import Adviser, School, Setting
from sia_console.services.authority import summary as authority
from sia_console.services.authority.summary import Change
from sia_console.services.settings import category_scheme
from sia_console.services.today import overdue_notes
from sia_console.storage.database import open_database
from tests.authority_support import CHANGED_ON, TODAY, change_categories, core_lead_database


@pytest.fixture
def lead_path(tmp_path: Path) -> Path:
    return core_lead_database(tmp_path / "lead.sqlite")


@pytest.fixture
def lead(lead_path: Path) -> Iterator[Session]:
    db = open_database(lead_path)
    with db.session() as s:
        yield s
    db.dispose()


def _sql(path: Path, query: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(query, args).fetchall()


def test_coverage_has_one_row_per_sia_with_their_bundle(lead: Session, lead_path: Path) -> None:
    rows = authority.coverage(lead, TODAY)
    assert len(rows) == 3
    assert all(r.adviser_id is not None and r.last_bundle is not None for r in rows)
    assert sum(r.schools for r in rows) == 45
    for row in rows:
        assert row.year.programme >= 6 * row.schools  # six a year, more for concern
        assert 0 < row.term.programme <= row.year.programme
        assert row.year.done_of_due <= row.year.due <= row.year.programme
        assert row.year.planned <= row.year.programme
        assert row.term.due == row.year.due  # nothing is due before the autumn term
    behind = [(r.year.behind, r.notes_overdue) for r in rows]
    assert behind == sorted(behind, reverse=True)
    (imports,) = _sql(lead_path, "SELECT count(*) FROM bundle_log WHERE direction='import'")
    assert imports == (3,)


def test_notes_overdue_are_visits_done_without_a_final_note(lead: Session) -> None:
    rows = authority.coverage(lead, TODAY)
    assert sum(r.notes_overdue for r in rows) == len(overdue_notes(lead, TODAY, 10))
    assert sum(r.notes_overdue for r in rows) > 0


def test_risk_register_is_high_first_with_changes(lead: Session, lead_path: Path) -> None:
    register = authority.risk_register(lead)
    judged = _sql(
        lead_path,
        "SELECT count(DISTINCT school_id) FROM risk_judgement "
        "WHERE deleted = 0 AND level IS NOT NULL",
    )
    assert len(register) == judged[0][0]
    ranks = [entry.level.rank for entry in register]
    assert ranks == sorted(ranks, reverse=True)
    assert register[0].level is RiskLevel.HIGH
    for entry in register:
        if entry.previous_level is None:
            assert entry.change is Change.FIRST
        elif entry.level.rank > entry.previous_level.rank:
            assert entry.change is Change.WORSE
        elif entry.level.rank < entry.previous_level.rank:
            assert entry.change is Change.BETTER
        else:
            assert entry.change is Change.SAME
        assert entry.adviser_name
    assert {e.change for e in register} >= {Change.WORSE, Change.SAME}


def test_categories_count_every_school(lead: Session) -> None:
    summary = authority.categories(lead)
    assert [label for label, _count in summary.totals][:1] == ["Red"]
    assert sum(count for _label, count in summary.totals) == 45
    assert sum(c.schools for c in summary.by_authority) == 45
    assert summary.changes == ()


def test_category_changes_are_this_academic_years(lead: Session, tmp_path: Path) -> None:
    this_year, last_year = change_categories(lead, tmp_path)
    [change] = authority.category_changes(lead, TODAY)
    assert (change.school_code, change.school_name) == (this_year.code, this_year.name)
    assert change.changed_on == CHANGED_ON[0] and change.category == "Red"
    assert change.local_authority == this_year.local_authority and change.adviser_name
    assert authority.authority_summary(lead, TODAY).categories.changes == (change,)
    [older] = authority.category_changes(lead, CHANGED_ON[1])
    assert older.school_code == last_year.code


def _overdue_by_hand(path: Path) -> list[tuple[object, ...]]:
    """The overdue actions read raw and put in the panel's order in Python."""
    rows = _sql(
        path,
        "SELECT a.id, s.code, s.name, coalesce(ad.name, ''), a.text, a.owner, a.due, a.status "
        "FROM action a JOIN school s ON s.id = a.school_id "
        "LEFT JOIN adviser ad ON ad.id = s.adviser_id "
        "WHERE a.deleted = 0 AND s.deleted = 0 AND a.status IN ('open', 'in-progress') "
        "AND a.due IS NOT NULL AND a.due < ?",
        TODAY.isoformat(),
    )
    rows.sort(key=lambda r: (str(r[3]).casefold(), str(r[2]).casefold(), r[6], r[4], r[0]))
    return rows


def _rename(session: Session, what: str, names: tuple[str, ...]) -> None:
    """Rename the first SIAs with overdue actions, or the first SIA's first such schools."""
    actions = authority.overdue_actions(session, TODAY)
    if what == "sia":
        for old, new in zip(dict.fromkeys(a.adviser_name for a in actions), names, strict=False):
            adviser = session.exec(select(Adviser).where(Adviser.name == old)).one()
            adviser.name = new
            session.add(adviser)
    else:
        first = [a.school_code for a in actions if a.adviser_name == actions[0].adviser_name]
        for code, new in zip(dict.fromkeys(first), names, strict=False):
            school = session.exec(select(School).where(School.code == code)).one()
            school.name = new
            session.add(school)
    session.commit()


@pytest.mark.parametrize(
    ("what", "names"),
    [
        ("sia", ()),  # as imported: SQLite's order is the panel's
        ("sia", ("Élan Jones", "élan Ap")),  # SQLite puts "É" before "é"; folded, "ap" < "jones"
        ("sia", ("Élan", "élan")),  # one name folded: their actions together, by school
        ("school", ("Ysgol Éb", "Ysgol éa")),
        ("school", ("Ysgol Ŵern", "Ysgol ŵern")),  # one name folded: oldest first across both
    ],
)
def test_overdue_actions_match_raw_sql_in_folded_order(
    lead: Session, lead_path: Path, what: str, names: tuple[str, ...]
) -> None:
    _rename(lead, what, names)
    rows = authority.overdue_actions(lead, TODAY)
    expected = _overdue_by_hand(lead_path)
    assert len(rows) == len(expected) > 0
    fields = [
        (
            r.action_id,
            r.school_code,
            r.school_name,
            r.adviser_name,
            r.text,
            r.owner,
            r.due,
            r.status,
        )
        for r in rows
    ]
    assert fields == [
        (*row[:6], date.fromisoformat(str(row[6])), ActionStatus(str(row[7]))) for row in expected
    ]
    assert all(r.due < TODAY and r.days_overdue == (TODAY - r.due).days for r in rows)
    assert all(type(r.status) is ActionStatus and r.status.is_open for r in rows)
    shown = {r.adviser_name for r in rows} | {r.school_name for r in rows}
    assert shown >= set(names)


@pytest.mark.parametrize(
    "stored",
    [None, '"wiltshire"', '"wales-national"', '"no-such-scheme"', "not JSON", "42", "null"],
)
def test_categories_read_the_scheme_in_force(lead: Session, stored: str | None) -> None:
    setting = lead.exec(select(Setting).where(Setting.key == "category_scheme")).first()
    if stored is None and setting is not None:
        setting.deleted = True
    elif stored is not None:
        setting = setting or Setting(key="category_scheme", value="")
        setting.value, setting.deleted = stored, False
    if setting is not None:
        lead.add(setting)
    lead.commit()
    summary = authority.categories(lead)
    scheme = category_scheme(lead)
    assert summary.scheme_name == scheme.name
    labels = {c.label for c in scheme.categories}
    categorised = [label for label, _count in summary.totals if label in labels]
    if stored == '"wiltshire"':
        assert not categorised  # the demo schools' categories are Welsh: not in this scheme
    else:
        assert categorised


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (date(2026, 11, 23), date(2026, 9, 1), date(2026, 12, 31)),
        (date(2027, 2, 1), date(2027, 1, 1), date(2027, 3, 31)),
        (date(2027, 7, 1), date(2027, 4, 1), date(2027, 8, 31)),
    ],
)
def test_term_of_defaults(today: date, first: date, last: date) -> None:
    assert authority.term_of(today) == (first, last)


def test_term_of_prefers_the_authoritys_term_dates() -> None:
    terms = [("2026-09-03", "2026-12-18"), ("2027-01-05", "2027-04-01")]
    assert authority.term_of(date(2027, 3, 1), terms) == (date(2027, 1, 5), date(2027, 4, 1))


def test_drilling_down_to_an_sias_schools_adds_up(lead: Session) -> None:
    for row in authority.coverage(lead, TODAY):
        schools = authority.sia_schools(lead, row.adviser_id, TODAY)
        assert len(schools) == row.schools
        assert sum(s.year.programme for s in schools) == row.year.programme
        assert sum(s.year.done for s in schools) == row.year.done
        assert sum(s.notes_overdue for s in schools) == row.notes_overdue
        assert all(s.category for s in schools)
