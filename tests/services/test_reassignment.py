# ruff: noqa: F811  (the pair fixture, imported, is named as each test's argument)
"""Reassigning schools: several at once, with a reason and a day kept in the history,
written by the core lead only and carried to the advisers in the core lead's bundle."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import col, select

from sia_console.domain.enums import Role, VisitStatus
from sia_console.domain.models import Adviser, AssignmentChange, CategoryChange, School, Visit
from sia_console.domain.rights import LEAD_RECORDS, Refusal, check_from_adviser
from sia_console.domain.vocabulary import london_today
from sia_console.services.errors import InvalidInput, NotYours
from sia_console.services.programme.handed_on import cancel_reassigned_visits, reassigned_visits
from sia_console.services.schools.assignment import assign_school
from sia_console.services.schools.reassignment import assignment_history, reassign_schools
from tests.services.test_assignment import Pair, pair  # noqa: F401  (the fixture)

EFFECTIVE = date(2026, 12, 1)


def _sia_schools(pair: Pair) -> tuple[str, list[str]]:
    with pair.lead.session() as s:
        sia = s.exec(select(Adviser).where(Adviser.role == "sia")).one()
        codes = [
            school.code
            for school in s.exec(select(School).where(School.adviser_id == sia.id)).all()
        ]
        return sia.id, sorted(codes)


def _new_adviser(pair: Pair) -> str:
    with pair.lead.session() as s:
        other = Adviser(name="Gwen Parri", role=Role.SIA)
        s.add(other)
        s.commit()
        return other.id


def test_the_lead_reassigns_several_schools_with_a_reason(pair: Pair) -> None:
    old, codes = _sia_schools(pair)
    assert len(codes) >= 3
    new = _new_adviser(pair)
    with pair.lead.session() as s:
        done = reassign_schools(
            s, codes[:3], adviser_id=new, reason="Caseload balanced", effective_on=EFFECTIVE
        )
        s.commit()
    assert done.changed == tuple(codes[:3]) and done.unchanged == ()
    with pair.lead.session() as s:
        changes = s.exec(select(AssignmentChange)).all()
        assert len(changes) == 3
        for change in changes:
            assert (change.previous_adviser_id, change.adviser_id) == (old, new)
            assert (change.reason, change.effective_on) == ("Caseload balanced", EFFECTIVE)
        moved = s.exec(select(School).where(School.code == codes[0])).one()
        assert moved.adviser_id == new and moved.assigned_by_lead
        [entry] = assignment_history(s, moved.id)
        assert entry.adviser == "Gwen Parri" and entry.reason == "Caseload balanced"
        assert entry.effective_on == EFFECTIVE and entry.previous_adviser


def test_a_school_already_with_the_adviser_is_left_alone(pair: Pair) -> None:
    old, codes = _sia_schools(pair)
    with pair.lead.session() as s:
        done = reassign_schools(
            s, codes[:2], adviser_id=old, reason="no change", effective_on=EFFECTIVE
        )
        s.commit()
        assert done.changed == () and done.unchanged == tuple(codes[:2])
        assert s.exec(select(AssignmentChange)).all() == []


def test_a_reason_is_needed_and_only_the_lead_may(pair: Pair) -> None:
    _old, codes = _sia_schools(pair)
    new = _new_adviser(pair)
    with pair.lead.session() as s, pytest.raises(InvalidInput):
        reassign_schools(s, codes[:1], adviser_id=new, reason="  ", effective_on=EFFECTIVE)
    with pair.sia.session() as s, pytest.raises(NotYours):
        reassign_schools(s, codes[:1], adviser_id=None, reason="why", effective_on=EFFECTIVE)


def test_a_handover_takes_effect_when_it_is_made_never_on_a_day_to_come(pair: Pair) -> None:
    """A day still to come would keep the school with its adviser until then in the
    history while it has already gone: refused, and nothing changes."""
    old, codes = _sia_schools(pair)
    new = _new_adviser(pair)
    coming = london_today() + timedelta(days=28)
    with pair.lead.session() as s:
        with pytest.raises(InvalidInput, match="still to come"):
            reassign_schools(s, codes[:2], adviser_id=new, reason="January", effective_on=coming)
        with pytest.raises(InvalidInput, match="still to come"):
            assign_school(s, codes[0], category=None, adviser_id=new, effective_on=coming)
        s.rollback()
        holders = {school.code: school.adviser_id for school in s.exec(select(School)).all()}
        assert all(holders[code] == old for code in codes[:2])
        assert s.exec(select(AssignmentChange)).all() == []
        today = reassign_schools(
            s, codes[:1], adviser_id=new, reason="Now", effective_on=london_today()
        )
        assert today.changed


def test_the_single_dialog_keeps_the_reason_for_both_changes(pair: Pair) -> None:
    _old, codes = _sia_schools(pair)
    new = _new_adviser(pair)
    with pair.lead.session() as s:
        school = s.exec(select(School).where(School.code == codes[0])).one()
        category = "red" if school.category != "red" else "amber"
        assign_school(
            s,
            codes[0],
            category=category,
            adviser_id=new,
            reason="Results fell",
            effective_on=EFFECTIVE,
        )
        s.commit()
        [change] = s.exec(select(CategoryChange)).all()
        assert change.reason == "Results fell"
        [handed] = s.exec(select(AssignmentChange)).all()
        assert handed.reason == "Results fell" and handed.effective_on == EFFECTIVE


def test_the_change_travels_to_the_advisers_and_back_unrefused(pair: Pair) -> None:
    _old, codes = _sia_schools(pair)
    new = _new_adviser(pair)
    with pair.lead.session() as s:
        reassign_schools(s, codes[:2], adviser_id=new, reason="Leave", effective_on=EFFECTIVE)
        s.commit()
    pair.send(pair.lead, pair.sia)  # the old adviser hears of it
    with pair.sia.session() as s:
        arrived = s.exec(select(AssignmentChange)).all()
        assert sorted(c.reason for c in arrived) == ["Leave", "Leave"]
        assert all(c.effective_on == EFFECTIVE for c in arrived)
    pair.send(pair.sia, pair.lead)  # and the adviser's next bundle is still accepted


def test_only_the_lead_may_write_a_change_of_adviser() -> None:
    assert AssignmentChange in LEAD_RECORDS

    class Nothing:
        def here(self, record: object) -> None:
            return None

    sender = Adviser(name="An Adviser", role=Role.SIA)
    record = AssignmentChange(school_id="s", adviser_id=sender.id, effective_on=EFFECTIVE)
    with pytest.raises(Refusal, match="only the core lead"):
        check_from_adviser(Nothing(), sender, record)  # type: ignore[arg-type]


def test_the_old_adviser_cancels_what_is_left_at_the_schools_handed_on(pair: Pair) -> None:
    old, codes = _sia_schools(pair)
    new = _new_adviser(pair)
    with pair.lead.session() as s:
        reassign_schools(s, codes[:2], adviser_id=new, reason="Leave", effective_on=EFFECTIVE)
        s.commit()
        assert reassigned_visits(s) == ()  # (the core lead plans no visits)
    pair.send(pair.lead, pair.sia)
    with pair.sia.session() as s:
        school_ids = set(s.exec(select(School.id).where(col(School.code).in_(codes[:2]))).all())
        planned = {
            v.id
            for v in s.exec(select(Visit).where(col(Visit.adviser_id) == old)).all()
            if v.status is VisitStatus.PLANNED and v.school_id in school_ids
        }
        assert planned  # (the pair's adviser has visits planned there)
        assert set(reassigned_visits(s)) == planned
        cancelled = cancel_reassigned_visits(s, "school reassigned")
        s.commit()
        assert set(cancelled) == planned and reassigned_visits(s) == ()
