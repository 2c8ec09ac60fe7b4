"""Planning visits and listing the calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import Session

from sia_console.domain.enums import Role, VisitStatus
from sia_console.domain.models import School
from sia_console.keys.store import KeyringStore
from sia_console.services.errors import InvalidInput, NoIdentity, NotFound
from sia_console.services.identity import create_identity
from sia_console.services.programme.visits import (
    list_visits,
    parse_day,
    parse_start,
    plan_programme,
    plan_visit,
)


@pytest.fixture
def adviser_session(session: Session) -> Session:
    create_identity(session, KeyringStore("tests"), name="Meinir Prys", role=Role.SIA)
    session.add(
        School(code="6612034", name="Ysgol Gynradd Glan-y-Dŵr", local_authority="Sir Eryri")
    )
    session.add(
        School(code="8653012", name="Ashcombe Primary School", local_authority="Severnvale")
    )
    session.flush()
    return session


def test_parse_start_reads_london_wall_clock() -> None:
    assert parse_start("2026-11-23T09:30") == datetime(2026, 11, 23, 9, 30)
    assert parse_start(" 2026-11-23 09:30 ") == datetime(2026, 11, 23, 9, 30)
    # aware times are converted to London wall-clock: BST in July, GMT in November
    assert parse_start("2026-07-01T08:30:00+00:00") == datetime(2026, 7, 1, 9, 30)
    assert parse_start("2026-07-01T08:30Z") == datetime(2026, 7, 1, 9, 30)
    assert parse_start("2026-11-23T10:30+01:00") == datetime(2026, 11, 23, 9, 30)
    assert parse_start("2026-11-23T09:30").tzinfo is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-02-30T09:00", "not a date and time that exists"),
        ("tomorrow morning", "is not a date and time; write it as 2026-11-23T09:30"),
        ("tomorrow", "is not a date and time; write it as"),
        ("2026-11-23", "needs a time"),
        ("", '"" is not a date and time'),
        ("2027-03-28T01:30", "clocks go forward"),
    ],
)
def test_parse_start_refuses_with_a_sentence_naming_the_field(text: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_start(text)
    assert "start" in str(caught.value) and words in str(caught.value)


def test_parse_day() -> None:
    assert parse_day("2026-11-23", "--from") == date(2026, 11, 23)
    with pytest.raises(InvalidInput, match="--to"):
        parse_day("2026-13-01", "--to")


def test_parse_day_reads_dates_as_people_write_them() -> None:
    sunday = date(2026, 12, 6)
    assert parse_day("24/11/2026", "--from") == date(2026, 11, 24)
    assert parse_day("01/12/2026", "--from") == date(2026, 12, 1)
    assert parse_day("15 Jan", "--from", sunday) == date(2027, 1, 15)
    assert parse_day("tomorrow", "--from", sunday) == date(2026, 12, 7)
    assert parse_day("Friday", "--to", sunday) == date(2026, 12, 11)


def test_parse_start_reads_a_date_as_people_write_it_with_a_time() -> None:
    sunday = date(2026, 12, 6)
    assert parse_start("23/11/2026 09:30") == datetime(2026, 11, 23, 9, 30)
    assert parse_start("tomorrow 14:00", today=sunday) == datetime(2026, 12, 7, 14, 0)
    assert parse_start("15 Jan 2027, 9.30") == datetime(2027, 1, 15, 9, 30)
    with pytest.raises(InvalidInput, match="not a date and time that exists"):
        parse_start("30/02/2027 09:30")


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("2026-02-30", "The --from date 2026-02-30 is not a date that exists."),
        ("2026-11-24T10:00", "The --from date 2026-11-24T10:00 has a time; give the day alone"),
        ("soon", "I cannot read the --from date soon; write it as 2026-11-23, 23/11/2026"),
        ("29012027", "I cannot read the --from date 29012027; write it as 2026-11-23"),
        ("30/02/2027", "The --from date 30/02/2027 is not a date that exists."),
        ("15 Jan 2027x", "I cannot read the --from date 15 Jan 2027x"),
    ],
)
def test_parse_day_says_what_is_wrong(text: str, sentence: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_day(text, "--from")
    assert str(caught.value).startswith(sentence)


def test_plan_visit_needs_an_identity(session: Session) -> None:
    session.add(School(code="1", name="A", local_authority="B"))
    with pytest.raises(NoIdentity, match="sia-console init"):
        plan_visit(session, school_code="1", start=datetime(2026, 11, 23, 9), minutes=180)


def test_plan_visit_stores_naive_london_times(adviser_session: Session) -> None:
    visit = plan_visit(
        adviser_session,
        school_code="6612034",
        start=datetime(2026, 11, 23, 9, 30),
        minutes=180,
        purpose="  Visit 2: target setting  ",
    )
    assert visit.start == datetime(2026, 11, 23, 9, 30)
    assert visit.end == datetime(2026, 11, 23, 12, 30)
    assert visit.purpose == "Visit 2: target setting"
    assert visit.status is VisitStatus.PLANNED
    assert visit.adviser_id is not None
    default = plan_visit(adviser_session, school_code="6612034", start=datetime(2026, 12, 1, 13))
    assert default.end == datetime(2026, 12, 1, 16)
    ended = plan_visit(
        adviser_session,
        school_code="6612034",
        start=datetime(2026, 12, 2, 13),
        end=datetime(2026, 12, 2, 15, 15),
    )
    assert ended.end == datetime(2026, 12, 2, 15, 15)


def test_plan_visit_refuses_bad_input(adviser_session: Session) -> None:
    start = datetime(2026, 11, 23, 9, 30)
    with pytest.raises(NotFound, match="There is no link school with code 999"):
        plan_visit(adviser_session, school_code="999", start=start, minutes=60)
    for minutes in (0, -5, 721):
        with pytest.raises(InvalidInput, match="720"):
            plan_visit(adviser_session, school_code="6612034", start=start, minutes=minutes)
    with pytest.raises(InvalidInput, match="end"):
        plan_visit(
            adviser_session, school_code="6612034", start=start, end=datetime(2026, 11, 23, 9)
        )
    with pytest.raises(InvalidInput, match="not both"):
        plan_visit(
            adviser_session,
            school_code="6612034",
            start=start,
            minutes=60,
            end=datetime(2026, 11, 23, 11),
        )


def test_list_visits_orders_filters_and_excludes_deleted(adviser_session: Session) -> None:
    def plan(code: str, when: datetime) -> str:
        return plan_visit(adviser_session, school_code=code, start=when, minutes=180).id

    late = plan("6612034", datetime(2026, 12, 1, 13))
    early = plan("8653012", datetime(2026, 11, 23, 9))
    middle = plan("6612034", datetime(2026, 11, 30, 9))
    gone = plan_visit(adviser_session, school_code="8653012", start=datetime(2026, 11, 24, 9))
    gone.deleted = True
    adviser_session.add(gone)
    adviser_session.flush()

    rows = list_visits(adviser_session)
    assert [row.id for row in rows] == [early, middle, late]
    assert rows[1].school_code == "6612034" and rows[1].school_name == "Ysgol Gynradd Glan-y-Dŵr"

    inclusive = list_visits(
        adviser_session, date_from=date(2026, 11, 30), date_to=date(2026, 12, 1)
    )
    assert [row.id for row in inclusive] == [middle, late]
    assert [r.id for r in list_visits(adviser_session, school_code="8653012")] == [early]
    assert list_visits(adviser_session, date_to=date(2026, 11, 22)) == []
    with pytest.raises(NotFound):
        list_visits(adviser_session, school_code="nope")
    with pytest.raises(InvalidInput, match="before"):
        list_visits(adviser_session, date_from=date(2026, 12, 1), date_to=date(2026, 11, 1))


def test_programme_preview_apply_and_apply_again(adviser_session: Session) -> None:
    # planned by hand inside the September window: it counts as that school's visit 1
    blocker = plan_visit(
        adviser_session, school_code="8653012", start=datetime(2026, 9, 8, 9, 30), minutes=120
    )
    preview = plan_programme(adviser_session, year=2026)
    assert len(preview) == 12
    assert [(r.state, r.visit_id) for r in preview if r.state != "proposed"] == [
        ("exists", blocker.id)
    ]
    proposed = [row for row in preview if row.state == "proposed"]
    assert len({row.start for row in proposed}) == 11
    assert all(row.start.weekday() < 5 and row.start.hour in (9, 13) for row in proposed)  # type: ignore[union-attr]
    assert datetime(2026, 9, 8, 9, 0) not in {row.start for row in preview}
    assert [r.id for r in list_visits(adviser_session)] == [blocker.id]

    added = plan_programme(adviser_session, year=2026, apply=True)
    assert sorted(row.state for row in added) == ["added"] * 11 + ["exists"]
    assert [(r.school_code, r.start) for r in added] == [(r.school_code, r.start) for r in preview]
    assert len(list_visits(adviser_session)) == 12

    again = plan_programme(adviser_session, year=2026, apply=True)
    assert {row.state for row in again} == {"exists"}
    assert len(list_visits(adviser_session)) == 12
    with pytest.raises(InvalidInput, match="year"):
        plan_programme(adviser_session, year=26)
