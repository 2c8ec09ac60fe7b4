"""The dashboard's questions, answered from rows written through the models."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, Role, VisitStatus
from sia_console.domain.models import (
    Action,
    Adviser,
    Installation,
    LocalIdentity,
    NoteOfVisit,
    RiskJudgement,
    School,
    Setting,
    Visit,
)
from sia_console.domain.vocabulary import matches_filter
from sia_console.services.errors import NotFound
from sia_console.services.schools.page import school_overview, school_rows
from sia_console.services.today import (
    dashboard_summary,
    high_risk_schools,
    open_actions_due,
    overdue_notes,
    visits_between,
)

TODAY = date(2026, 11, 23)  # a Monday


def at(day: date, hour: int = 9, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def school(session: Session, code: str, name: str, **fields: Any) -> School:
    row = School(code=code, name=name, local_authority=fields.pop("la", "Gwynedd"), **fields)
    session.add(row)
    session.flush()
    return row


def visit(
    session: Session,
    where: School,
    day: date,
    *,
    status: VisitStatus = VisitStatus.PLANNED,
    note: NoteStatus | None = None,
    purpose: str = "Visit 2: target setting",
    deleted: bool = False,
) -> Visit:
    row = Visit(
        school_id=where.id,
        start=at(day),
        end=at(day, 12, 30),
        purpose=purpose,
        status=status,
        deleted=deleted,
    )
    session.add(row)
    session.flush()
    if note is not None:
        session.add(NoteOfVisit(visit_id=row.id, status=note))
        session.flush()
    return row


def judge(
    session: Session, where: School, day: date, level: RiskLevel | None, *, deleted: bool = False
) -> RiskJudgement:
    made = visit(session, where, day, status=VisitStatus.DONE)
    note = NoteOfVisit(visit_id=made.id, status=NoteStatus.FINAL)
    session.add(note)
    session.flush()
    row = RiskJudgement(
        note_id=note.id, school_id=where.id, judged_on=day, level=level, deleted=deleted
    )
    session.add(row)
    session.flush()
    return row


def action(
    session: Session,
    where: School,
    due: date | None,
    *,
    status: ActionStatus = ActionStatus.OPEN,
    text: str = "Moderate Y6 writing",
    deleted: bool = False,
) -> Action:
    made = visit(session, where, TODAY - timedelta(days=60), status=VisitStatus.DONE)
    note = NoteOfVisit(visit_id=made.id, status=NoteStatus.FINAL)
    session.add(note)
    session.flush()
    row = Action(
        note_id=note.id,
        school_id=where.id,
        text=text,
        owner="Head",
        due=due,
        status=status,
        deleted=deleted,
    )
    session.add(row)
    session.flush()
    return row


# ---------------------------------------------------------------------------- visits


def test_visits_between_is_inclusive_ordered_and_reports_the_note(session: Session) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    bryn = school(session, "W002", "Ysgol Bryn")
    sunday = TODAY + timedelta(days=6)
    visit(session, graig, sunday, note=NoteStatus.DRAFT)
    visit(session, bryn, TODAY, status=VisitStatus.CANCELLED)
    visit(session, bryn, TODAY + timedelta(days=7))  # next Monday: outside
    visit(session, graig, TODAY - timedelta(days=1))  # the Sunday before: outside

    rows = visits_between(session, TODAY, sunday)

    assert [(row.school_name, row.start.date()) for row in rows] == [
        ("Ysgol Bryn", TODAY),
        ("Ysgol y Graig", sunday),
    ]
    assert rows[0].status is VisitStatus.CANCELLED
    assert rows[0].note_status is None
    assert rows[1].note_status is NoteStatus.DRAFT


def test_deleted_visits_notes_and_schools_are_never_shown(session: Session) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    gone = school(session, "W009", "Closed school", deleted=True)
    visit(session, graig, TODAY, deleted=True)
    visit(session, gone, TODAY)
    kept = visit(session, graig, TODAY)
    session.add(NoteOfVisit(visit_id=kept.id, status=NoteStatus.FINAL, deleted=True))

    rows = visits_between(session, TODAY, TODAY)

    assert [(row.visit_id, row.note_status) for row in rows] == [(kept.id, None)]


# ----------------------------------------------------------------------- overdue notes


def test_a_note_is_overdue_from_the_day_after_it_was_due(session: Session) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    visit(session, graig, TODAY - timedelta(days=10), status=VisitStatus.DONE)  # due today
    late = visit(session, graig, TODAY - timedelta(days=11), status=VisitStatus.DONE)

    rows = overdue_notes(session, TODAY, 10)

    assert [row.visit_id for row in rows] == [late.id]
    assert rows[0].due_on == TODAY - timedelta(days=1)
    assert rows[0].days_overdue == 1


def test_overdue_counts_planned_visits_in_the_past_but_not_cancelled_or_final(
    session: Session,
) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    long_ago = TODAY - timedelta(days=30)
    forgotten = visit(session, graig, long_ago, status=VisitStatus.PLANNED)
    drafted = visit(session, graig, long_ago - timedelta(days=1), note=NoteStatus.DRAFT)
    visit(session, graig, long_ago, status=VisitStatus.CANCELLED)
    visit(session, graig, long_ago, status=VisitStatus.POSTPONED)
    visit(session, graig, long_ago, status=VisitStatus.DONE, note=NoteStatus.FINAL)

    rows = overdue_notes(session, TODAY, 10)

    assert [row.visit_id for row in rows] == [drafted.id, forgotten.id]
    assert [row.note_status for row in rows] == [NoteStatus.DRAFT, None]
    assert rows[1].days_overdue == 20


def test_the_summary_uses_the_overdue_setting(session: Session) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    visit(session, graig, TODAY - timedelta(days=4), status=VisitStatus.DONE)
    assert dashboard_summary(session, TODAY).overdue_notes == ()

    session.add(Setting(key="note_overdue_days", value="3"))
    session.flush()

    summary = dashboard_summary(session, TODAY)
    assert summary.note_overdue_days == 3
    assert [row.days_overdue for row in summary.overdue_notes] == [1]


# --------------------------------------------------------------------------- high risk


def test_only_schools_whose_latest_judgement_is_high(session: Session) -> None:
    rising = school(session, "W001", "Ysgol y Graig")
    judge(session, rising, date(2026, 9, 20), RiskLevel.MEDIUM)
    judge(session, rising, date(2026, 11, 12), RiskLevel.HIGH)
    falling = school(session, "W002", "Ysgol Bryn")
    judge(session, falling, date(2026, 9, 20), RiskLevel.HIGH)
    judge(session, falling, date(2026, 11, 12), RiskLevel.LOW)
    first = school(session, "W003", "Ysgol Aber")
    judge(session, first, date(2026, 10, 1), RiskLevel.HIGH)

    rows = high_risk_schools(session)

    assert [(row.school_code, row.previous_level) for row in rows] == [
        ("W001", RiskLevel.MEDIUM),
        ("W003", None),
    ]
    assert rows[0].judged_on == date(2026, 11, 12)
    assert rows[0].previous_judged_on == date(2026, 9, 20)


def test_deleted_and_unmade_judgements_do_not_count(session: Session) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    judge(session, graig, date(2026, 9, 20), RiskLevel.HIGH)
    judge(session, graig, date(2026, 11, 12), RiskLevel.LOW, deleted=True)
    judge(session, graig, date(2026, 11, 20), None)

    rows = high_risk_schools(session)

    assert [(row.school_code, row.judged_on) for row in rows] == [("W001", date(2026, 9, 20))]


# ----------------------------------------------------------------------------- actions


def test_open_actions_due_within_the_horizon_overdue_first(session: Session) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    late = action(session, graig, TODAY - timedelta(days=3), status=ActionStatus.IN_PROGRESS)
    soon = action(session, graig, TODAY + timedelta(days=13))
    action(session, graig, TODAY + timedelta(days=14))  # beyond the horizon
    action(session, graig, None)  # undated
    action(session, graig, TODAY, status=ActionStatus.DONE)
    action(session, graig, TODAY, deleted=True)

    rows = open_actions_due(session, TODAY)

    assert [row.action_id for row in rows] == [late.id, soon.id]
    assert rows[0].days_overdue(TODAY) == 3
    assert rows[1].days_overdue(TODAY) == 0


# --------------------------------------------------------------------------- summary


def test_summary_of_an_empty_database(session: Session) -> None:
    summary = dashboard_summary(session, TODAY)

    assert summary.school_count == 0
    assert summary.adviser_name is None
    assert summary.is_demo is False
    assert (summary.week_start, summary.week_end) == (TODAY, date(2026, 11, 29))
    assert summary.today_visits == summary.week_visits == ()


def test_summary_splits_today_from_the_next_seven_days(session: Session) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    thursday = TODAY + timedelta(days=3)
    visit(session, graig, TODAY)
    visit(session, graig, thursday)
    visit(session, graig, TODAY + timedelta(days=7))  # next Monday: within seven days
    visit(session, graig, thursday + timedelta(days=8))  # beyond
    adviser = Adviser(name="Gwen Hughes")
    session.add(adviser)
    session.flush()
    session.add(LocalIdentity(adviser_id=adviser.id, key_store="keyring"))
    installation = session.get(Installation, 1)
    assert installation is not None
    installation.is_demo = True
    session.flush()

    summary = dashboard_summary(session, thursday)

    assert summary.adviser_name == "Gwen Hughes"
    assert summary.is_demo is True
    assert summary.school_count == 1
    assert [row.start.date() for row in summary.today_visits] == [thursday]
    assert [row.start.date() for row in summary.week_visits] == [TODAY + timedelta(days=7)]


def test_on_a_sunday_the_dashboard_shows_mondays_visits(session: Session) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    sunday = TODAY + timedelta(days=6)
    visit(session, graig, TODAY)  # past: not in the days ahead
    monday = visit(session, graig, sunday + timedelta(days=1))
    summary = dashboard_summary(session, sunday)
    assert [row.visit_id for row in summary.week_visits] == [monday.id]


def test_a_drafts_judgement_is_provisional_and_never_for_a_visit_still_to_come(
    session: Session,
) -> None:
    graig = school(session, "W001", "Ysgol y Graig")
    judge(session, graig, date(2026, 9, 20), RiskLevel.LOW)
    made = visit(session, graig, TODAY - timedelta(days=2), note=NoteStatus.DRAFT)
    coming = school(session, "W002", "Ysgol Bryn")
    judge(session, coming, date(2026, 9, 20), RiskLevel.MEDIUM)
    later = visit(session, coming, TODAY + timedelta(days=2), note=NoteStatus.DRAFT)
    for planned, where in ((made, graig), (later, coming)):
        note = session.exec(select(NoteOfVisit).where(NoteOfVisit.visit_id == planned.id)).one()
        session.add(
            RiskJudgement(
                note_id=note.id,
                school_id=where.id,
                judged_on=planned.start.date(),
                level=RiskLevel.HIGH,
            )
        )
    session.flush()

    assert high_risk_schools(session) == []  # no agreed judgement is high
    [row] = dashboard_summary(session, TODAY).high_risk
    assert (row.school_code, row.provisional, row.previous_level) == (
        "W001",
        True,
        RiskLevel.LOW,
    )


# --------------------------------------------------------------------------- schools


def test_filter_ignores_case_and_accents() -> None:
    assert matches_filter("", "anything")
    assert matches_filter("ty coch", "Ysgol Tŷ Coch")
    assert matches_filter("TŶ", "Ysgol Ty Coch")
    assert matches_filter("graig w001", "Ysgol y Graig", "W001")
    assert not matches_filter("graig bryn", "Ysgol y Graig")


def test_school_rows_filter_and_show_latest_risk_and_next_visit(session: Session) -> None:
    graig = school(session, "W001", "Ysgol y Graig", la="Conwy", category="amber")
    school(session, "W002", "Ysgol Bryn")
    judge(session, graig, date(2026, 9, 20), RiskLevel.HIGH)
    judge(session, graig, date(2026, 11, 12), RiskLevel.MEDIUM)
    visit(session, graig, TODAY + timedelta(days=30))
    nearest = visit(session, graig, TODAY + timedelta(days=2))
    visit(session, graig, TODAY + timedelta(days=1), status=VisitStatus.CANCELLED)

    assert [row.code for row in school_rows(session, TODAY)] == ["W002", "W001"]
    (row,) = school_rows(session, TODAY, "conwy")
    assert row.name == "Ysgol y Graig"
    assert row.category == "Amber"
    assert row.latest_risk is RiskLevel.MEDIUM
    assert row.next_visit == nearest.start
    assert school_rows(session, TODAY, "nothing like it") == []


def test_school_overview_lists_visits_newest_first_risk_and_open_actions(
    session: Session,
) -> None:
    graig = school(session, "W001", "Ysgol y Graig", headteacher="Mr Huw Parry")
    judge(session, graig, date(2026, 9, 20), RiskLevel.MEDIUM)
    judge(session, graig, date(2026, 11, 12), RiskLevel.HIGH)
    action(session, graig, TODAY + timedelta(days=5))
    action(session, graig, TODAY, status=ActionStatus.DONE)
    upcoming = visit(session, graig, TODAY + timedelta(days=10), note=None)

    overview = school_overview(session, "W001")

    assert overview.school.headteacher == "Mr Huw Parry"
    assert overview.visits[0].visit_id == upcoming.id
    starts = [row.start for row in overview.visits]
    assert starts == sorted(starts, reverse=True)
    assert [row.level for row in overview.judgements] == [RiskLevel.HIGH, RiskLevel.MEDIUM]
    assert len(overview.open_actions) == 1
    assert overview.school.adviser is None  # (no link adviser yet)
    link = Adviser(name="Gwen Parri", role=Role.SIA)
    session.add(link)
    session.flush()
    graig.adviser_id = link.id
    session.add(graig)
    session.flush()
    assert school_overview(session, "W001").school.adviser == "Gwen Parri"


def test_school_overview_of_an_unknown_school(session: Session) -> None:
    school(session, "W009", "Closed", deleted=True)
    with pytest.raises(NotFound, match="W009"):
        school_overview(session, "W009")
