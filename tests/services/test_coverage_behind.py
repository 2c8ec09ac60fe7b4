"""A programme visit missed before a school changed hands stays behind for the SIA who
held the school when it fell due; one falling due after the change is the new SIA's; a
visit done stays with whoever made it; the authority's totals do not move (the core
lead's home, the drill-down into one SIA's schools and the standards board report)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from sia_console.domain.enums import VisitStatus
from sia_console.domain.models import Adviser, School, Visit
from sia_console.services.authority import summary as authority
from sia_console.services.authority.board import board_report
from sia_console.services.authority.programme_shares import holder_on
from sia_console.services.authority.rows import ProgrammeCount, SiaCoverage
from sia_console.services.programme.planning import category_key, programme_template
from sia_console.services.schools.reassignment import reassign_schools
from sia_console.services.settings import category_scheme
from sia_console.storage.database import open_database
from tests.authority_support import core_lead_database

READ = date(2026, 12, 21)
"""A day after the windows of visits 1 (ends 30 September), 2 (28 November) and 3
(17 December) have closed, and before visit 4's has."""
HANDED_ON = date(2026, 11, 10)
"""Between visit 1's window closing and visit 2's."""


@pytest.fixture
def lead(tmp_path: Path) -> Iterator[Session]:
    db = open_database(core_lead_database(tmp_path / "lead.sqlite"))
    with db.session() as s:
        yield s
    db.dispose()


@dataclass(frozen=True)
class Handover:
    school: School
    old: str
    new: str


def _six_visit_school(session: Session) -> Handover:
    """A school given the six visits of the year (no support-plan reviews), its visits of
    the year replaced by one: visit 2, made by its SIA on 5 November."""
    scheme, template = category_scheme(session), programme_template()
    sias = [a.id for a in session.exec(select(Adviser).where(Adviser.role == "sia"))]
    for school in session.exec(select(School).order_by(col(School.code))):
        slots = [v.slot for v in template.visits_for(category_key(scheme, school.category))]
        if school.adviser_id in sias and slots == [1, 2, 3, 4, 5, 6]:
            break
    else:
        raise AssertionError("no school with the six visits only")
    for visit in session.exec(select(Visit).where(Visit.school_id == school.id)):
        visit.deleted = True
        session.add(visit)
    assert school.adviser_id is not None
    session.add(
        Visit(
            school_id=school.id,
            adviser_id=school.adviser_id,
            start=datetime(2026, 11, 5, 9, 30),
            end=datetime(2026, 11, 5, 12, 30),
            purpose="Visit 2: target setting",
            status=VisitStatus.DONE,
            programme_year=2026,
            programme_slot=2,
        )
    )
    session.commit()
    new = next(a for a in sias if a != school.adviser_id)
    return Handover(school, school.adviser_id, new)


def _by_adviser(session: Session) -> dict[str | None, SiaCoverage]:
    return {row.adviser_id: row for row in authority.coverage(session, READ)}


def _totals(rows: dict[str | None, SiaCoverage]) -> tuple[ProgrammeCount, ProgrammeCount]:
    term, year = ProgrammeCount(), ProgrammeCount()
    for row in rows.values():
        term, year = term + row.term, year + row.year
    return term, year


def _hand_on(session: Session, handover: Handover, to: str | None, on: date) -> None:
    reassign_schools(
        session, [handover.school.code], adviser_id=to, reason="Caseloads balanced", effective_on=on
    )
    session.commit()


def test_a_missed_visit_stays_behind_for_who_held_the_school_when_it_fell_due(
    lead: Session,
) -> None:
    handover = _six_visit_school(lead)
    old, new = handover.old, handover.new
    before = _by_adviser(lead)
    _hand_on(lead, handover, new, HANDED_ON)
    after = _by_adviser(lead)

    # visit 1, missed in September, stays behind for the old SIA; visit 2, done by them,
    # stays theirs; visit 3, missed in December after the handover, is the new SIA's
    old_rows = {row.school_code: row for row in authority.sia_schools(lead, old, READ)}
    handed_on = old_rows[handover.school.code]
    assert not handed_on.held
    assert handed_on.year == ProgrammeCount(programme=2, planned=1, done=1, due=2, done_of_due=1)
    assert handed_on.year.behind == 1
    new_rows = {row.school_code: row for row in authority.sia_schools(lead, new, READ)}
    taken_on = new_rows[handover.school.code]
    assert taken_on.held
    assert taken_on.year == ProgrammeCount(programme=4, planned=0, done=0, due=1, done_of_due=0)
    assert taken_on.year.behind == 1

    # each SIA's line moves by exactly that school's share
    assert after[old].year.behind == before[old].year.behind - 1
    assert after[new].year.behind == before[new].year.behind + 1
    assert after[old].year.done == before[old].year.done
    assert after[new].year.done == before[new].year.done
    assert after[old].year.due == before[old].year.due - 1
    assert after[new].year.due == before[new].year.due + 1
    assert (after[old].schools, after[new].schools) == (
        before[old].schools - 1,
        before[new].schools + 1,
    )
    # the drill-down adds up to each SIA's line
    for adviser in (old, new):
        rows = authority.sia_schools(lead, adviser, READ)
        assert sum((row.year for row in rows), ProgrammeCount()) == after[adviser].year
    # and the authority's totals, this term and this year, are the same
    assert _totals(after) == _totals(before)


def test_a_visit_falling_due_on_the_day_of_the_change_is_the_new_sias(lead: Session) -> None:
    handover = _six_visit_school(lead)
    before = _by_adviser(lead)
    _hand_on(lead, handover, handover.new, date(2026, 9, 30))  # visit 1's window closes
    after = _by_adviser(lead)
    # visits 1 and 3, both missed, are the new SIA's; visit 2 stays with who made it
    assert after[handover.old].year.behind == before[handover.old].year.behind - 2
    assert after[handover.new].year.behind == before[handover.new].year.behind + 2
    assert after[handover.old].year.done == before[handover.old].year.done
    assert _totals(after) == _totals(before)


def test_a_school_handed_on_before_the_year_counts_for_its_sia_now(lead: Session) -> None:
    handover = _six_visit_school(lead)
    before = _by_adviser(lead)
    _hand_on(lead, handover, handover.new, date(2026, 8, 28))  # last academic year
    after = _by_adviser(lead)
    rows = {r.school_code: r for r in authority.sia_schools(lead, handover.new, READ)}
    # every visit missed this year is the new SIA's; the one done stays with its maker
    assert rows[handover.school.code].year.behind == 2
    assert after[handover.old].year.behind == before[handover.old].year.behind - 2
    assert _totals(after) == _totals(before)


def test_visits_missed_while_a_school_had_no_sia_are_counted_for_none(lead: Session) -> None:
    handover = _six_visit_school(lead)
    before = _by_adviser(lead)
    assert None not in before  # every school has an SIA
    _hand_on(lead, handover, None, date(2026, 9, 2))
    _hand_on(lead, handover, handover.new, HANDED_ON)
    after = _by_adviser(lead)
    # visit 1 fell due while the school had no SIA; visit 3 after it went to the new one
    assert after[None].schools == 0
    assert after[None].year == ProgrammeCount(programme=1, planned=0, done=0, due=1)
    assert [row.school_code for row in authority.sia_schools(lead, None, READ)] == [
        handover.school.code
    ]
    assert after[handover.old].year.behind == before[handover.old].year.behind - 2
    assert after[handover.new].year.behind == before[handover.new].year.behind + 1
    assert _totals(after) == _totals(before)


def test_the_board_report_counts_coverage_as_the_screen_does(lead: Session) -> None:
    handover = _six_visit_school(lead)
    _hand_on(lead, handover, handover.new, HANDED_ON)
    report = board_report(lead, READ)
    assert report.summary.coverage == authority.coverage(lead, READ)
    rows = {row.adviser_id: row for row in report.summary.coverage}
    old = authority.sia_schools(lead, handover.old, READ)
    assert rows[handover.old].year.behind == sum(row.year.behind for row in old)


def test_who_held_a_school_on_a_day() -> None:
    changes = ((date(2026, 11, 10), "ffion"), (date(2027, 2, 1), "gwen"))
    assert holder_on(changes, date(2026, 9, 30), "huw") == "ffion"
    assert holder_on(changes, date(2026, 11, 9), "huw") == "ffion"
    assert holder_on(changes, date(2026, 11, 10), "huw") == "gwen"  # the change's own day
    assert holder_on(changes, date(2027, 1, 31), "huw") == "gwen"
    assert holder_on(changes, date(2027, 2, 1), "huw") == "huw"
    assert holder_on((), date(2026, 9, 30), "huw") == "huw"  # never handed on
    assert holder_on(((date(2026, 11, 10), None),), date(2026, 9, 30), "huw") is None
