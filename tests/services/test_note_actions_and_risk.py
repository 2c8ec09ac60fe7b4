"""Actions agreed and carried forward, the risk judgement, and a final note that no
service function can change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.domain.models import (
    Action,
    ActionReview,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
)
from sia_console.domain.records import SyncedRecord
from sia_console.domain.vocabulary import long_day
from sia_console.services.errors import InvalidInput, NoteIsFinal
from sia_console.services.notes.actions import (
    add_action,
    carried_forward,
    due_warning,
    remove_action,
    review_action,
    update_action,
)
from sia_console.services.notes.editing import finalise_note, open_or_create_note, save_section
from sia_console.services.notes.reading import note_detail
from sia_console.services.notes.risk import parse_percent, risk_trend, set_predictions, set_risk
from sia_console.services.settings import save_setting
from tests.services.note_helpers import TODAY, make_year, ready_note


def test_actions_agreed_are_added_changed_and_removed(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    first = add_action(
        session, note.id, "  Send the Y6 targets  ", "Headteacher", date(2027, 1, 15)
    )
    assert (first.text, first.owner, first.status) == (
        "Send the Y6 targets",
        "Headteacher",
        ActionStatus.OPEN,
    )
    changed = update_action(session, first.id, "Send the Y6 targets [b]now[/b]", "Head", None)
    assert changed.text == "Send the Y6 targets [b]now[/b]" and changed.due is None
    with pytest.raises(InvalidInput, match="Say what the action is"):
        add_action(session, note.id, "   ")
    second = add_action(session, note.id, "Moderate writing")
    remove_action(session, second.id)
    assert [a.text for a in note_detail(session, note.id).actions] == [changed.text]


def test_a_past_due_date_is_a_warning_not_an_error() -> None:
    assert (
        due_warning(date(2026, 11, 20), TODAY)
        == "The due date, Friday 20 November 2026, is in the past."
    )
    assert due_warning(TODAY, TODAY) is None
    assert due_warning(None, TODAY) is None


def test_open_actions_are_carried_forward_and_reviewed(session: Session) -> None:
    year = make_year(session)
    september = ready_note(session, year.september)
    moderate = add_action(session, september, "Moderate writing", "English lead")
    targets = add_action(session, september, "Send targets", "Head", date(2026, 10, 2))
    finalise_note(session, september, date(2026, 9, 20))
    november = open_or_create_note(session, year.november.id).id
    carried = carried_forward(session, november)
    assert [(c.text, c.agreed_on, c.review_status) for c in carried] == [
        ("Send targets", date(2026, 9, 14), None),
        ("Moderate writing", date(2026, 9, 14), None),
    ]

    review_action(session, november, targets.id, ActionStatus.DONE, "Received on time.")
    review_action(session, november, moderate.id, "in-progress", "Y5 done, Y6 next.")
    action = session.get(Action, targets.id)
    assert action is not None
    assert (action.status, action.closed_on) == (ActionStatus.DONE, date(2026, 11, 23))
    still = carried_forward(session, november)  # a reviewed action stays on the note
    assert [(c.text, c.review_status, c.comment) for c in still] == [
        ("Send targets", ActionStatus.DONE, "Received on time."),
        ("Moderate writing", ActionStatus.IN_PROGRESS, "Y5 done, Y6 next."),
    ]
    reviews = note_detail(session, november).reviews
    assert {(r.action_text, r.status) for r in reviews} == {
        ("Send targets", ActionStatus.DONE),
        ("Moderate writing", ActionStatus.IN_PROGRESS),
    }

    review_action(session, november, targets.id, None)  # withdrawn: open again
    assert session.get(Action, targets.id).status is ActionStatus.OPEN  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="must be open"):
        review_action(session, november, targets.id, "finished")

    # The January note sees only what is still open after November.
    review_action(session, november, targets.id, ActionStatus.DROPPED, "No longer needed.")
    january = open_or_create_note(session, year.january.id).id
    assert [c.text for c in carried_forward(session, january)] == ["Moderate writing"]
    # A later visit's review wins over an earlier one.
    review_action(session, january, moderate.id, ActionStatus.DONE, "")
    review_action(session, november, moderate.id, ActionStatus.IN_PROGRESS, "Still going.")
    assert session.get(Action, moderate.id).status is ActionStatus.DONE  # type: ignore[union-attr]


def test_only_earlier_actions_of_the_school_are_reviewed(session: Session) -> None:
    year = make_year(session)
    other = make_year(session, code="6600001", name="Ysgol Arall")
    november = open_or_create_note(session, year.november.id).id
    own = add_action(session, november, "Own action")
    elsewhere = ready_note(session, other.september)
    theirs = add_action(session, elsewhere, "Another school's action")
    for action_id in (own.id, theirs.id):
        with pytest.raises(InvalidInput, match="earlier visit to this school"):
            review_action(session, november, action_id, ActionStatus.DONE)


def test_the_risk_judgement_and_predictions(session: Session) -> None:
    save_setting(session, "floor_target", 60)
    year = make_year(session)
    note_id = open_or_create_note(session, year.november.id).id
    risk = set_risk(session, note_id, "HIGH", "Combined below the floor.")
    assert (risk.level, risk.floor_target, risk.judged_on) == (
        RiskLevel.HIGH,
        60.0,
        date(2026, 11, 23),
    )
    session.flush()
    version = session.exec(select(RiskJudgement)).one().hlc
    set_risk(session, note_id, RiskLevel.HIGH, "Combined below the floor.")  # unchanged
    session.flush()
    assert session.exec(select(RiskJudgement)).one().hlc == version
    with pytest.raises(InvalidInput, match="high, medium or low"):
        set_risk(session, note_id, "severe", "")

    risk = set_predictions(
        session, note_id, {("Y6", "combined"): 58.5, ("Y6", "maths"): 71.0, ("Y5", "reading"): None}
    )
    assert [(p.cohort, p.measure, p.percent) for p in risk.predictions] == [
        ("Y6", "maths", 71.0),
        ("Y6", "combined", 58.5),
    ]
    risk = set_predictions(session, note_id, {("Y6", "maths"): None})
    assert [(p.measure, p.percent) for p in risk.predictions] == [("combined", 58.5)]
    risk = set_predictions(session, note_id, {("Y6", "maths"): 70.0})  # back from a tombstone
    assert len(risk.predictions) == 2
    assert len(session.exec(select(Prediction)).all()) == 2
    with pytest.raises(InvalidInput, match="from 0 to 100"):
        set_predictions(session, note_id, {("Y6", "maths"): 101.0})
    with pytest.raises(InvalidInput, match="no prediction for Y7"):
        set_predictions(session, note_id, {("Y7", "maths"): 50.0})


def test_percentages_as_typed() -> None:
    assert parse_percent(" 72 % ") == 72.0
    assert parse_percent("66,7") == 66.7
    assert parse_percent("") is None
    for bad in ("abc", "-1", "100.5", "nan", "inf"):
        with pytest.raises(InvalidInput):
            parse_percent(bad)


def test_the_trend_is_this_academic_year_up_to_the_visit(session: Session) -> None:
    year = make_year(session)
    september = ready_note(session, year.september, RiskLevel.LOW)
    november = ready_note(session, year.november, RiskLevel.HIGH)
    january = ready_note(session, year.january, RiskLevel.MEDIUM)
    trend = risk_trend(session, november)
    assert [(p.level, p.current) for p in trend] == [(RiskLevel.LOW, False), (RiskLevel.HIGH, True)]
    assert len(risk_trend(session, january)) == 3
    assert [p.note_id for p in risk_trend(session, september)] == [september]


def _versions(session: Session) -> dict[str, str]:
    tables: list[type[SyncedRecord]] = [
        NoteOfVisit,
        NoteSection,
        Action,
        ActionReview,
        RiskJudgement,
        Prediction,
    ]
    return {row.id: row.hlc for table in tables for row in session.exec(select(table))}


def test_a_final_note_cannot_be_changed_by_any_service_function(session: Session) -> None:
    year = make_year(session)
    september = ready_note(session, year.september)
    earlier = add_action(session, september, "Earlier action")
    finalise_note(session, september, TODAY)
    note_id = ready_note(session, year.november)
    agreed = add_action(session, note_id, "Agreed action", "Head", date(2027, 1, 15))
    review_action(session, note_id, earlier.id, ActionStatus.IN_PROGRESS, "Going.")
    set_predictions(session, note_id, {("Y6", "combined"): 64.0})
    finalise_note(session, note_id, TODAY)
    session.flush()
    before = _versions(session)
    detail = note_detail(session, note_id)

    attempts: list[Callable[[], object]] = [
        lambda: save_section(session, note_id, "discussion", "Changed afterwards."),
        lambda: save_section(session, note_id, "strengths", detail.sections[5].text),
        lambda: set_risk(session, note_id, RiskLevel.LOW, "Changed."),
        lambda: set_predictions(session, note_id, {("Y6", "combined"): 90.0}),
        lambda: add_action(session, note_id, "A new action"),
        lambda: update_action(session, agreed.id, "Changed action", "Head", None),
        lambda: remove_action(session, agreed.id),
        lambda: review_action(session, note_id, earlier.id, ActionStatus.DONE, "Done."),
        lambda: finalise_note(session, note_id, TODAY),
    ]
    for attempt in attempts:
        with pytest.raises(NoteIsFinal, match="cannot be changed; add a dated amendment"):
            attempt()
    session.flush()
    assert _versions(session) == before
    assert note_detail(session, note_id) == detail


def test_a_due_date_before_its_visit_is_said() -> None:
    visit = TODAY + timedelta(days=5)
    assert due_warning(TODAY + timedelta(days=2), TODAY, visit) == (
        f"The due date, {long_day(TODAY + timedelta(days=2))}, is before the visit it was "
        f"agreed at ({long_day(visit)})."
    )
    assert due_warning(visit, TODAY, visit) is None
