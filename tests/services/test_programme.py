"""The annual programme through the service: templates, categories, applying twice."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, select

from sia_console.domain.enums import Role, VisitStatus
from sia_console.domain.models import School, Visit
from sia_console.domain.programme import is_working_day
from sia_console.keys.store import KeyringStore
from sia_console.services.errors import InvalidInput
from sia_console.services.identity import create_identity
from sia_console.services.programme.coverage import programme_coverage, schools_behind
from sia_console.services.programme.planning import programme_plan
from sia_console.services.settings import save_setting


@pytest.fixture
def adviser_session(session: Session) -> Session:
    me = create_identity(session, KeyringStore("tests"), name="Meinir Prys", role=Role.SIA)
    for code, name, category in (
        ("6612034", "Ysgol Gynradd Glan-y-Dŵr", "red"),
        ("6612035", "Ysgol y Graig", "Amber"),  # a label, not a key: still amber
        ("8653012", "Ashcombe Primary School", "green"),
        ("8653013", "Bishopsford Primary School", None),
    ):
        session.add(
            School(
                code=code,
                name=name,
                local_authority="Sir Eryri",
                category=category,
                adviser_id=me.id,
            )
        )
    session.flush()
    return session


def visits(session: Session) -> list[Visit]:
    return list(session.exec(select(Visit)))


def test_red_and_amber_schools_get_their_support_reviews(adviser_session: Session) -> None:
    plan = programme_plan(adviser_session, year=2027)
    per_school: dict[str, list[int]] = {}
    for row in plan.rows:
        per_school.setdefault(row.school_code, []).append(row.slot)
    assert sorted(per_school["6612034"]) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert sorted(per_school["6612035"]) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert sorted(per_school["8653012"]) == sorted(per_school["8653013"]) == [1, 2, 3, 4, 5, 6]
    assert plan.count("proposed") == 29 and plan.template_name == "Wiltshire six-visit programme"
    starts = [row.start for row in plan.rows if row.start]
    assert len(set(starts)) == 29 and all(is_working_day(s.date()) for s in starts)
    assert [row.start for row in plan.rows] == sorted(starts)  # in order of date
    assert visits(adviser_session) == []  # a preview writes nothing


def test_apply_then_apply_again_adds_nothing(adviser_session: Session) -> None:
    added = programme_plan(adviser_session, year=2027, apply=True)
    assert added.count("added") == 29 and len(visits(adviser_session)) == 29
    stored = {(v.programme_year, v.programme_slot, v.status) for v in visits(adviser_session)}
    assert {(year, status) for year, _slot, status in stored} == {(2027, VisitStatus.PLANNED)}
    again = programme_plan(adviser_session, year=2027, apply=True)
    assert again.count("exists") == 29 and again.count("added") == 0
    assert len(visits(adviser_session)) == 29


def test_today_and_term_dates_are_respected(adviser_session: Session) -> None:
    save_setting(
        adviser_session, "term_dates", [["2026-09-03", "2026-12-18"], ["2027-01-05", "2027-07-21"]]
    )
    plan = programme_plan(adviser_session, year=2026, today=date(2026, 11, 23))
    for row in plan.rows:
        assert row.start is not None and row.start.date() > date(2026, 11, 23)
        assert not date(2026, 12, 19) <= row.start.date() <= date(2027, 1, 4)


def test_a_template_file_and_its_mistakes(adviser_session: Session, tmp_path: Path) -> None:
    mine = tmp_path / "two.toml"
    mine.write_text(
        '[programme]\nname = "Two"\n\n[[visit]]\nslot = 1\nfrom = "09-07"\nto = "09-25"\n'
        'focus = "Start"\n\n[[visit]]\nslot = 2\nfrom = "06-01"\nto = "06-20"\nfocus = "End"\n',
        encoding="utf-8",
    )
    plan = programme_plan(adviser_session, year=2027, template=mine)
    assert plan.template_name == "Two" and plan.count("proposed") == 8
    mine.write_text(mine.read_text().replace('to = "06-20"', 'to = "06-31"'), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        programme_plan(adviser_session, year=2027, template=mine)
    assert str(caught.value) == (
        f'In the programme template {mine}, visit[2].to is "06-31", which is not a day of '
        'every year written "MM-DD".'
    )
    with pytest.raises(InvalidInput, match="does not exist"):
        programme_plan(adviser_session, year=2027, template=tmp_path / "none.toml")
    assert visits(adviser_session) == []


def test_coverage_counts_planned_done_and_due(adviser_session: Session) -> None:
    programme_plan(adviser_session, year=2026, apply=True)
    red = adviser_session.exec(select(School).where(School.code == "6612034")).one()
    for visit in visits(adviser_session):
        if visit.school_id == red.id and visit.programme_slot == 7:  # October review
            visit.status = VisitStatus.CANCELLED
            adviser_session.add(visit)
    adviser_session.flush()
    today = date(2026, 11, 23)
    rows = {row.school_code: row for row in programme_coverage(adviser_session, today)}
    red_row = rows["6612034"]
    assert (red_row.programme, red_row.planned, red_row.due, red_row.done_of_due) == (9, 8, 2, 1)
    assert red_row.behind == 1 and red_row.to_plan == 1 and not red_row.on_track
    green = rows["8653012"]
    assert (green.programme, green.planned, green.due, green.done_of_due) == (6, 6, 1, 1)
    assert green.on_track
    assert [row.school_code for row in schools_behind(adviser_session, today)] == ["6612034"]

    def red_behind() -> int:
        rows = programme_coverage(adviser_session, today)
        return next(row.behind for row in rows if row.school_code == "6612034")

    # a visit planned by hand outside the October window does not cover it; one inside does
    for day in (20, 13):
        start = datetime(2026, 10, day, 9)
        adviser_session.add(
            Visit(
                school_id=red.id, start=start, end=start.replace(hour=12), status=VisitStatus.DONE
            )
        )
        adviser_session.flush()
        assert red_behind() == (1 if day == 20 else 0)
