"""The annual programme: six visits per school, on working days, in the right months."""

from __future__ import annotations

from datetime import date, datetime, time

from hypothesis import given, settings
from hypothesis import strategies as st

from sia_console.domain.programme import (
    AFTERNOON,
    MORNING,
    academic_year_bounds,
    academic_year_of,
    is_working_day,
    nearest_free_start,
    programme_visit,
    programme_visits,
    propose_dates,
    working_days,
)
from sia_console.services.programme.templates import default_template

SHIPPED = default_template()
PROGRAMME = programme_visits(SHIPPED)  # the shipped template's visits for every school
EXPECTED_MONTHS = {1: {9}, 2: {11}, 3: {12}, 4: {1, 2}, 5: {4}, 6: {7}}


def test_the_programme_has_six_visits_in_the_months_of_domain_md() -> None:
    assert [visit.slot for visit in PROGRAMME] == [1, 2, 3, 4, 5, 6]
    assert {visit.slot: set(visit.months) for visit in PROGRAMME} == EXPECTED_MONTHS
    assert "data hypotheses" in programme_visit(SHIPPED, 1).focus
    assert "performance management" in programme_visit(SHIPPED, 3).focus
    assert "self-evaluation" in programme_visit(SHIPPED, 6).focus


def test_six_proposals_per_school_on_weekdays_in_the_right_months() -> None:
    proposals = propose_dates(SHIPPED, 2026, key="6612034")
    assert [p.slot for p in proposals] == [1, 2, 3, 4, 5, 6]
    first, last = academic_year_bounds(2026)
    for proposal in proposals:
        assert proposal.day.weekday() < 5
        assert proposal.day.month in EXPECTED_MONTHS[proposal.slot]
        assert first <= proposal.day <= last
        assert proposal.focus == programme_visit(SHIPPED, proposal.slot).focus
    assert [p.day for p in proposals] == sorted(p.day for p in proposals)


def test_proposals_are_deterministic_and_spread_between_schools() -> None:
    assert propose_dates(SHIPPED, 2026, key="A") == propose_dates(SHIPPED, 2026, key="A")
    days = {propose_dates(SHIPPED, 2026, key=f"school-{n}")[1].day for n in range(15)}
    assert len(days) > 5


def test_bank_holidays_and_excluded_days_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day, a Friday
    assert not is_working_day(date(2027, 3, 29))  # Easter Monday
    assert not is_working_day(date(2026, 11, 21))  # a Saturday
    inset = date(2026, 11, 23)
    assert is_working_day(inset)
    assert not is_working_day(inset, exclude={inset})
    days = working_days(date(2026, 11, 2), date(2026, 11, 30), exclude={inset})
    assert inset not in days and len(days) == 20


def test_academic_year_starts_on_1_september() -> None:
    assert academic_year_of(date(2026, 9, 1)) == 2026
    assert academic_year_of(date(2026, 8, 31)) == 2025
    assert academic_year_of(date(2027, 3, 15)) == 2026


def test_nearest_free_start_takes_the_next_free_half_day() -> None:
    monday = date(2026, 11, 23)
    taken = {datetime.combine(monday, MORNING)}
    start = nearest_free_start(monday, monday, date(2026, 11, 27), taken)
    assert start == datetime.combine(monday, AFTERNOON)
    taken.add(start)
    start = nearest_free_start(monday, monday, date(2026, 11, 27), taken)
    assert start is not None and start.date() == date(2026, 11, 24)
    full = {datetime.combine(monday, t) for t in (MORNING, AFTERNOON)}
    assert nearest_free_start(monday, monday, monday, full) is None
    weekend = nearest_free_start(date(2026, 11, 21), date(2026, 11, 21), date(2026, 11, 23), set())
    assert weekend == datetime.combine(monday, MORNING)


@settings(max_examples=40, deadline=None)
@given(year=st.integers(min_value=2015, max_value=2045), key=st.text(max_size=20))
def test_every_proposal_is_a_working_day_in_its_window(year: int, key: str) -> None:
    proposals = propose_dates(SHIPPED, year, key=key)
    assert len(proposals) == 6
    for proposal in proposals:
        first, last = programme_visit(SHIPPED, proposal.slot).window_dates(year)
        assert first <= proposal.day <= last
        assert is_working_day(proposal.day)
        assert datetime.combine(proposal.day, MORNING).time() == time(9, 0)
