"""The calendar's reads, and planning, changing, cancelling and postponing from the form."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import Session, select

from sia_console.domain.clashes import ConcernKind
from sia_console.domain.enums import NoteStatus, Role, VisitStatus
from sia_console.domain.models import Adviser, NoteOfVisit, School, Visit
from sia_console.keys.store import KeyringStore
from sia_console.services.errors import InvalidInput, NotFound
from sia_console.services.identity import create_identity
from sia_console.services.programme.calendar import (
    calendar_period,
    month_grid_bounds,
    school_choices,
)
from sia_console.services.programme.changes import (
    NeedsConfirmation,
    VisitForm,
    add_visit,
    check_form,
    editable_visit,
    parse_form_minutes,
    resolve_school,
    save_visit,
    set_visit_status,
)
from sia_console.services.settings import save_setting


@pytest.fixture
def adviser_session(session: Session) -> Session:
    me = create_identity(session, KeyringStore("tests"), name="Meinir Prys", role=Role.SIA)
    colleague = Adviser(name="Someone Else")
    session.add(colleague)
    session.flush()
    for code, name, adviser in (
        ("6612034", "Ysgol Gynradd Glan-y-Dŵr", me.id),
        ("8653012", "Ashcombe Primary School", me.id),
        ("6612999", "Ysgol y Graig", colleague.id),
    ):
        session.add(School(code=code, name=name, local_authority="Sir Eryri", adviser_id=adviser))
    session.flush()
    return session


def form(**changes: str) -> VisitForm:
    values = {
        "school": "Ysgol Gynradd Glan-y-Dŵr (6612034)",
        "day": "2026-11-24",
        "start_time": "09:30",
        "minutes": "180",
        "purpose": "Visit 2: target setting",
    }
    values.update(changes)
    return VisitForm(**values)


def count_visits(session: Session) -> int:
    return len(session.exec(select(Visit)).all())


def test_month_grid_bounds_are_six_whole_weeks() -> None:
    first, last = month_grid_bounds(date(2026, 11, 23))
    assert first == date(2026, 10, 26) and first.weekday() == 0
    assert (last - first).days == 41 and last == date(2026, 12, 6)


def test_only_link_schools_can_be_chosen(adviser_session: Session) -> None:
    choices = school_choices(adviser_session)
    assert [c.code for c in choices] == ["8653012", "6612034"]  # by name; not a colleague's
    assert resolve_school(choices, "6612034").code == "6612034"
    assert resolve_school(choices, "ashcombe primary school").code == "8653012"
    assert resolve_school(choices, "glan dwr").code == "6612034"  # accents and order ignored
    assert resolve_school(choices, "Ashcombe Primary School (8653012)").code == "8653012"
    with pytest.raises(InvalidInput, match="not one of your link schools"):
        resolve_school(choices, "6612999")
    with pytest.raises(InvalidInput, match="matches 2 link schools"):
        resolve_school(choices, "o")


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"day": "2027-02-30"}, "date: 2027-02-30 is not a date that exists"),
        ({"day": "30/02/2027"}, "date: 30/02/2027 is not a date that exists"),
        ({"start_time": "25:00"}, "start time: 25:00 is not a time of day"),
        ({"minutes": "0"}, "length: 0 minutes is outside 1 minute to 12 hours"),
        ({"minutes": "20h"}, "length: 1200 minutes is outside"),
        ({"minutes": "-30"}, "length: -30 is not a length of time"),
        ({"school": "6612999"}, "school: “6612999” is not one of your link schools"),
        ({"school": ""}, "school: choose one of your link schools"),
        ({"purpose": "x" * 501}, "purpose: longer than 500 characters"),
        ({"day": "2027-03-28", "start_time": "01:30"}, "clocks go forward"),
    ],
)
def test_a_rejected_form_saves_nothing(
    adviser_session: Session, changes: dict[str, str], words: str
) -> None:
    before = count_visits(adviser_session)
    with pytest.raises(InvalidInput) as caught:
        save_visit(adviser_session, form(**changes))
    assert any(words in problem for problem in caught.value.problems), caught.value.problems
    assert count_visits(adviser_session) == before


def test_every_wrong_field_is_reported_at_once(adviser_session: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_form(adviser_session, form(school="nowhere", day="31/11/2026", minutes="0"))
    assert [p.split(":")[0] for p in caught.value.problems] == ["school", "date", "length"]


def test_lengths_in_minutes_or_hours() -> None:
    assert parse_form_minutes("180") == 180
    assert parse_form_minutes("3h") == 180
    assert parse_form_minutes("2:30") == 150
    assert parse_form_minutes("1h15") == 75
    assert parse_form_minutes(" 90 min ") == 90


def test_plan_check_and_confirm_an_overlap(adviser_session: Session) -> None:
    first = save_visit(adviser_session, form(day="24/11/2026"))
    assert first.created and first.start == datetime(2026, 11, 24, 9, 30)
    clash = form(school="8653012", start_time="11:00", purpose="")
    _fields, concerns = check_form(adviser_session, clash)
    assert [c.kind for c in concerns] == [ConcernKind.OVERLAP]
    with pytest.raises(NeedsConfirmation, match="overlaps your visit to Ysgol Gynradd"):
        save_visit(adviser_session, clash)
    assert count_visits(adviser_session) == 1
    second = save_visit(adviser_session, clash, confirmed=True)
    assert second.created and count_visits(adviser_session) == 2


def test_one_rule_for_values_too_an_overlap_is_refused_unless_confirmed(
    adviser_session: Session,
) -> None:
    first = add_visit(adviser_session, school_code="6612034", start=datetime(2026, 11, 24, 9, 30))
    assert first.created and first.warnings == ()
    with pytest.raises(NeedsConfirmation, match="overlaps your visit to Ysgol Gynradd") as caught:
        add_visit(adviser_session, school_code="8653012", start=datetime(2026, 11, 24, 11))
    assert [c.other_visit_id for c in caught.value.concerns] == [first.id]
    assert count_visits(adviser_session) == 1  # nothing written
    second = add_visit(
        adviser_session,
        school_code="8653012",
        start=datetime(2026, 11, 24, 11),
        minutes=60,
        confirmed=True,
    )
    assert second.created and count_visits(adviser_session) == 2
    assert [(c.kind, c.other_visit_id) for c in second.warnings] == [
        (ConcernKind.OVERLAP, first.id)
    ]


def test_the_warnings_come_back_with_the_saved_visit(adviser_session: Session) -> None:
    save_setting(adviser_session, "term_dates", [["2026-09-02", "2026-12-18"]])
    with pytest.raises(NeedsConfirmation, match="Saturday 26 December 2026 is a weekend day"):
        add_visit(adviser_session, school_code="6612034", start=datetime(2026, 12, 26, 9))
    saved = add_visit(
        adviser_session, school_code="6612034", start=datetime(2026, 12, 26, 9), confirmed=True
    )
    assert [c.kind for c in saved.warnings] == [
        ConcernKind.WEEKEND,
        ConcernKind.BANK_HOLIDAY,
        ConcernKind.OUTSIDE_TERM,
    ]
    again = add_visit(adviser_session, school_code="6612034", start=datetime(2026, 12, 29, 9))
    assert [c.kind for c in again.warnings] == [
        ConcernKind.OUTSIDE_TERM,
        ConcernKind.SAME_SCHOOL_WEEK,
    ]
    assert again.warnings[-1].other_visit_id == saved.id
    with pytest.raises(NeedsConfirmation, match="bank holiday"):
        save_visit(adviser_session, form(day="2027-01-01"))
    from_the_form = save_visit(adviser_session, form(day="2027-01-01"), confirmed=True)
    assert ConcernKind.BANK_HOLIDAY in [c.kind for c in from_the_form.warnings]
    with pytest.raises(InvalidInput, match="720"):
        add_visit(
            adviser_session, school_code="6612034", start=datetime(2027, 1, 4, 9), minutes=721
        )


def test_weekends_and_bank_holidays_are_confirmed_other_warnings_do_not_stop_a_save(
    adviser_session: Session,
) -> None:
    save_setting(adviser_session, "term_dates", [["2026-09-02", "2026-12-18"]])
    _fields, concerns = check_form(adviser_session, form(day="2026-12-26"))
    assert [c.kind for c in concerns] == [
        ConcernKind.WEEKEND,
        ConcernKind.BANK_HOLIDAY,
        ConcernKind.OUTSIDE_TERM,
    ]
    with pytest.raises(NeedsConfirmation) as caught:
        save_visit(adviser_session, form(day="2026-12-26"))
    assert [c.kind for c in caught.value.concerns] == [
        ConcernKind.WEEKEND,
        ConcernKind.BANK_HOLIDAY,
    ]
    assert save_visit(adviser_session, form(day="2026-12-26"), confirmed=True).created
    assert save_visit(adviser_session, form(day="2026-12-21")).created  # outside term: a warning


def test_edit_changes_only_what_changed_and_moving_a_postponed_visit_keeps_the_postponement(
    adviser_session: Session,
) -> None:
    saved = save_visit(adviser_session, form())
    visit = adviser_session.get(Visit, saved.id)
    assert visit is not None
    stamp = visit.hlc
    same = save_visit(
        adviser_session, editable_visit(adviser_session, saved.id).form, visit_id=saved.id
    )
    assert not same.changed and visit.hlc == stamp  # nothing changed: no new version

    set_visit_status(adviser_session, saved.id, VisitStatus.POSTPONED, "Head off sick")
    moved = save_visit(adviser_session, form(day="2026-12-01", minutes="2h"), visit_id=saved.id)
    assert moved.changed and moved.status is VisitStatus.PLANNED
    assert moved.created and moved.id != saved.id
    later = adviser_session.get(Visit, moved.id)
    assert later is not None
    assert (later.start, later.end) == (datetime(2026, 12, 1, 9, 30), datetime(2026, 12, 1, 11, 30))
    assert visit.status is VisitStatus.POSTPONED and visit.status_reason == "Head off sick"
    assert visit.moved_to_id == moved.id and visit.hlc != stamp
    assert editable_visit(adviser_session, moved.id).form.minutes == "120"
    again = save_visit(adviser_session, form(day="2026-12-02"), visit_id=saved.id)
    assert again.id == moved.id and not again.created  # the new visit moves, no third one
    assert later.start == datetime(2026, 12, 2, 9, 30) and visit.moved_to_id == moved.id
    with pytest.raises(NotFound):
        save_visit(adviser_session, form(), visit_id="no-such-visit")


def test_cancelling_keeps_the_record(adviser_session: Session) -> None:
    saved = save_visit(adviser_session, form())
    result = set_visit_status(adviser_session, saved.id, VisitStatus.CANCELLED)
    assert result.changed and result.status is VisitStatus.CANCELLED
    visit = adviser_session.get(Visit, saved.id)
    assert visit is not None and not visit.deleted and visit.status is VisitStatus.CANCELLED
    assert not set_visit_status(adviser_session, saved.id, VisitStatus.CANCELLED).changed
    with_reason = set_visit_status(adviser_session, saved.id, VisitStatus.CANCELLED, " Snow ")
    assert with_reason.changed and visit.status_reason == "Snow"
    with pytest.raises(InvalidInput, match="reason: longer than 500"):
        set_visit_status(adviser_session, saved.id, VisitStatus.CANCELLED, "x" * 501)
    set_visit_status(adviser_session, saved.id, VisitStatus.PLANNED)
    assert visit.status_reason is None


def test_calendar_period_flags_overdue_notes_and_lists_bank_holidays(
    adviser_session: Session,
) -> None:
    done = save_visit(adviser_session, form(day="2026-11-02"))
    drafted = save_visit(adviser_session, form(day="2026-11-03", school="8653012"))
    recent = save_visit(adviser_session, form(day="2026-11-20"))
    cancelled = save_visit(adviser_session, form(day="2026-11-04"))
    set_visit_status(adviser_session, cancelled.id, VisitStatus.CANCELLED)
    adviser_session.add(NoteOfVisit(visit_id=drafted.id, status=NoteStatus.FINAL))
    adviser_session.flush()
    period = calendar_period(
        adviser_session, date(2026, 10, 26), date(2027, 1, 3), date(2026, 11, 23)
    )
    overdue = {visit.id: visit.note_overdue for visit in period.visits}
    assert overdue == {done.id: True, drafted.id: False, recent.id: False, cancelled.id: False}
    assert (date(2026, 12, 25), "Christmas Day") in period.bank_holidays
    assert period.visits_on(date(2026, 11, 3))[0].school_code == "8653012"
