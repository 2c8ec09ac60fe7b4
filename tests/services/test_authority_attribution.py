"""Reassigning a school keeps its history with whoever made it (the core lead's panels)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from sia_console.domain.models import Adviser, School, Visit
from sia_console.services.authority import summary as authority
from sia_console.services.authority.summary import SiaCoverage
from sia_console.services.schools.assignment import assign_school
from sia_console.storage.database import open_database
from tests.authority_support import TODAY, core_lead_database


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Session]:
    db = open_database(core_lead_database(tmp_path / "lead.sqlite"))
    with db.session() as s:
        yield s
    db.dispose()


def _by_adviser(session: Session) -> dict[str | None, SiaCoverage]:
    return {row.adviser_id: row for row in authority.coverage(session, TODAY)}


def _reassigned(session: Session) -> tuple[School, Adviser, Adviser]:
    """A judged school with visits done this year by its SIA and none missed, moved to
    another SIA (``test_coverage_behind`` hands on a school with visits missed)."""
    register = {entry.school_code: entry for entry in authority.risk_register(session)}
    sias = [row.adviser_id for row in authority.coverage(session, TODAY) if row.adviser_id]
    for row in authority.coverage(session, TODAY):
        for school_row in authority.sia_schools(session, row.adviser_id, TODAY):
            if (
                school_row.year.done
                and not school_row.year.behind
                and school_row.school_code in register
            ):
                school = session.exec(
                    select(School).where(School.code == school_row.school_code)
                ).one()
                old = session.get_one(Adviser, row.adviser_id)
                new = session.get_one(Adviser, next(a for a in sias if a != row.adviser_id))
                assign_school(session, school.code, category=school.category, adviser_id=new.id)
                session.flush()
                return school, old, new
    raise AssertionError("no school with a visit done and a judgement")


def test_coverage_counts_each_sias_own_visits_against_the_schools_they_hold(
    lead: Session,
) -> None:
    before = _by_adviser(lead)
    school, old, new = _reassigned(lead)
    visits = lead.exec(
        select(Visit).where(Visit.school_id == school.id, col(Visit.deleted).is_(False))
    ).all()
    assert visits and all(v.adviser_id == old.id for v in visits)  # all the old SIA's work
    after = _by_adviser(lead)
    assert after[new.id].schools == before[new.id].schools + 1
    assert after[new.id].year.programme > before[new.id].year.programme
    assert after[new.id].year.done == before[new.id].year.done  # not the old SIA's visits
    assert after[new.id].year.planned == before[new.id].year.planned
    assert after[new.id].term.done == before[new.id].term.done
    assert after[old.id].schools == before[old.id].schools - 1
    # the visits the old SIA made there still count for them; what is left is the new SIA's
    assert after[old.id].year.done == before[old.id].year.done
    assert after[old.id].year.programme < before[old.id].year.programme
    assert sum(row.year.programme for row in after.values()) == sum(
        row.year.programme for row in before.values()
    )
    drill = authority.sia_schools(lead, new.id, TODAY)
    moved = next(row for row in drill if row.school_code == school.code)
    assert moved.held and moved.year.done == 0 and moved.year.planned == 0
    assert sum(row.year.done for row in drill) == after[new.id].year.done
    assert sum(row.year.programme for row in drill) == after[new.id].year.programme
    old_drill = authority.sia_schools(lead, old.id, TODAY)
    handed_on = next(row for row in old_drill if row.school_code == school.code)
    assert not handed_on.held and handed_on.year.done > 0
    assert handed_on.year.done == handed_on.year.programme  # only the visits they made
    assert sum(row.year.done for row in old_drill) == after[old.id].year.done
    assert sum(row.year.programme for row in old_drill) == after[old.id].year.programme


def test_the_register_names_who_judged_beside_the_current_sia(lead: Session) -> None:
    register = {entry.school_code: entry for entry in authority.risk_register(lead)}
    assert all(entry.judged_by == entry.adviser_name for entry in register.values())
    school, old, new = _reassigned(lead)
    entry = next(e for e in authority.risk_register(lead) if e.school_code == school.code)
    assert entry.adviser_name == new.name  # whose school it is now
    assert entry.judged_by == old.name  # who made the judgement: unchanged
    assert (entry.level, entry.judged_on) == (
        register[school.code].level,
        register[school.code].judged_on,
    )
    others = [e for e in authority.risk_register(lead) if e.school_code != school.code]
    assert all(e.judged_by == e.adviser_name for e in others)


def test_overdue_actions_and_categories_name_the_current_sia(lead: Session) -> None:
    school, _old, new = _reassigned(lead)
    actions = [a for a in authority.overdue_actions(lead, TODAY) if a.school_code == school.code]
    assert all(a.adviser_name == new.name for a in actions)
