"""The programme generator: properties that hold for any schools and any diary."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sia_console.domain.enums import ProgrammeVisitState, VisitStatus
from sia_console.domain.programme import in_term, is_working_day, terms_in_year
from sia_console.domain.programme_plan import (
    COVERING,
    DiaryVisit,
    SchoolToPlan,
    SlotPlan,
    match_slots,
    plan_year,
)
from sia_console.domain.programme_template import parse_template
from sia_console.resources import DEFAULT_PROGRAMME_TEMPLATE

TEMPLATE = parse_template(DEFAULT_PROGRAMME_TEMPLATE.read_bytes(), str(DEFAULT_PROGRAMME_TEMPLATE))
CATEGORIES = [None, "red", "amber", "yellow", "green"]


@st.composite
def diaries(draw: st.DrawFn) -> tuple[int, list[SchoolToPlan], list[DiaryVisit]]:
    """A year, up to a dozen schools in one or two diaries, and visits already there."""
    year = draw(st.integers(min_value=2020, max_value=2035))
    count = draw(st.integers(min_value=1, max_value=12))
    schools = [
        SchoolToPlan(
            key=f"id-{n}",
            code=f"66{n:05d}",
            category=draw(st.sampled_from(CATEGORIES)),
            diary=draw(st.sampled_from(["me", "me", "colleague"])),
        )
        for n in range(count)
    ]
    visits: list[DiaryVisit] = []
    for n in range(draw(st.integers(min_value=0, max_value=25))):
        school = draw(st.sampled_from(schools))
        day = date(year, 9, 1) + timedelta(days=draw(st.integers(min_value=0, max_value=330)))
        start = datetime.combine(day, time(draw(st.integers(min_value=7, max_value=17))))
        tagged = draw(st.booleans())
        visits.append(
            DiaryVisit(
                id=f"visit-{n}",
                school_key=school.key,
                start=start,
                end=start + timedelta(minutes=draw(st.integers(min_value=30, max_value=300))),
                status=draw(st.sampled_from(list(VisitStatus))),
                diary=school.diary,
                programme_year=year if tagged else None,
                programme_slot=draw(st.integers(min_value=1, max_value=9)) if tagged else None,
            )
        )
    return year, schools, visits


def apply(plans: list[SlotPlan], year: int) -> list[DiaryVisit]:
    """The proposed visits as they are stored when the programme is applied."""
    return [
        DiaryVisit(
            id=f"new-{plan.school.key}-{plan.visit.slot}",
            school_key=plan.school.key,
            start=plan.start,
            end=plan.end,
            diary=plan.school.diary,
            programme_year=year,
            programme_slot=plan.visit.slot,
        )
        for plan in plans
        if plan.state == "proposed" and plan.start is not None and plan.end is not None
    ]


@settings(max_examples=60, deadline=None)
@given(diaries())
def test_the_generator_keeps_every_rule(
    case: tuple[int, list[SchoolToPlan], list[DiaryVisit]],
) -> None:
    year, schools, visits = case
    plans = plan_year(TEMPLATE, year, schools, visits)

    # every school gets its programme count, once per slot, and nothing is left unplaced
    for school in schools:
        mine = [plan for plan in plans if plan.school == school]
        wanted = TEMPLATE.visits_for(school.category)
        assert sorted(plan.visit.slot for plan in mine) == sorted(v.slot for v in wanted)
    assert all(plan.state != "unplaced" for plan in plans)

    proposed = [plan for plan in plans if plan.state == "proposed"]
    busy = [v for v in visits if v.status in COVERING]
    for plan in proposed:
        assert plan.start is not None and plan.end is not None
        # working days only: no weekend, no bank holiday in England and Wales
        assert is_working_day(plan.start.date())
        assert plan.start.time() in (TEMPLATE.morning, TEMPLATE.afternoon)
        # no overlap with anything already in the same diary
        for other in busy:
            if other.diary == plan.school.diary:
                assert not (other.start < plan.end and other.end > plan.start)
    # at most one school visit per half-day in a diary, among the proposals too
    half_days = Counter((p.school.diary, p.start) for p in proposed)
    assert max(half_days.values(), default=0) <= 1  # "at most": none proposed is fine

    # the same input gives the same plan, and applying it twice adds nothing
    assert plan_year(TEMPLATE, year, schools, visits) == plans
    again = plan_year(TEMPLATE, year, schools, visits + apply(plans, year))
    assert [plan.state for plan in again].count(ProgrammeVisitState.PROPOSED) == 0
    assert len(again) == len(plans)


def test_fifteen_schools_each_get_a_day_of_their_own_where_the_window_allows() -> None:
    schools = [SchoolToPlan(f"id-{n}", f"C{n}", "green") for n in range(15)]
    plans = plan_year(TEMPLATE, 2027, schools, [])
    september = [p for p in plans if p.visit.slot == 1]
    assert len({p.start.date() for p in september if p.start}) == 15  # 16 working days
    per_day = Counter(p.start.date() for p in plans if p.start)
    assert max(per_day.values()) <= 2


def test_existing_visits_cover_their_slots_and_cancelled_ones_do_not() -> None:
    school = SchoolToPlan("s", "S1", None, "me")
    by_hand = DiaryVisit("hand", "s", datetime(2026, 9, 15, 10), datetime(2026, 9, 15, 12))
    tagged = DiaryVisit(
        "tag",
        "s",
        datetime(2026, 11, 30, 9),
        datetime(2026, 11, 30, 12),  # outside its window
        programme_year=2026,
        programme_slot=2,
    )
    cancelled = DiaryVisit(
        "gone",
        "s",
        datetime(2026, 12, 2, 9),
        datetime(2026, 12, 2, 12),
        status=VisitStatus.CANCELLED,
        programme_year=2026,
        programme_slot=3,
    )
    matched = match_slots(TEMPLATE, 2026, None, [by_hand, tagged, cancelled])
    assert {slot: visit.id for slot, visit in matched.items()} == {1: "hand", 2: "tag"}
    plans = plan_year(TEMPLATE, 2026, [school], [by_hand, tagged, cancelled])
    states = {plan.visit.slot: plan.state for plan in plans}
    assert states == {
        1: "exists",
        2: "exists",
        3: "proposed",
        4: "proposed",
        5: "proposed",
        6: "proposed",
    }


def test_nothing_is_proposed_before_the_given_day_or_outside_term() -> None:
    schools = [SchoolToPlan(f"id-{n}", f"C{n}", "red") for n in range(3)]
    plans = plan_year(TEMPLATE, 2026, schools, [], not_before=date(2026, 11, 24))
    assert all(p.start and p.start.date() >= date(2026, 11, 24) for p in plans)
    september = [p for p in plans if p.visit.slot == 1]
    assert all(p.start and p.start.date() < date(2026, 12, 24) for p in september)

    terms = ((date(2027, 1, 5), date(2027, 2, 12)), (date(2026, 9, 1), date(2026, 12, 18)))
    later = plan_year(TEMPLATE, 2026, schools, [], terms=tuple(sorted(terms)))
    in_term = [p for p in later if p.start and p.start.date() <= date(2027, 2, 12)]
    assert all(
        any(first <= p.start.date() <= last for first, last in terms) for p in in_term if p.start
    )
    assert any(p.state == "proposed" for p in later)


def test_a_full_diary_leaves_visits_unplaced_rather_than_clashing() -> None:
    school = SchoolToPlan("s", "S1", None, "me")
    blocked = [
        DiaryVisit(
            f"b{n}",
            "other",
            datetime(2026, 9, 1, 8) + timedelta(days=n),
            datetime(2026, 9, 1, 18) + timedelta(days=n),
            diary="me",
        )
        for n in range(330)
    ]
    plans = plan_year(TEMPLATE, 2026, [school], blocked)
    assert {plan.state for plan in plans} == {"unplaced"}
    assert all(plan.start is None for plan in plans)


def test_a_year_without_term_dates_of_its_own_is_planned_in_the_usual_school_year() -> None:
    schools = [SchoolToPlan(f"id-{n}", f"C{n}", "green") for n in range(4)]
    this_year_only = (
        (date(2026, 9, 2), date(2026, 10, 23)),
        (date(2026, 11, 2), date(2026, 12, 18)),
    )
    next_year = plan_year(TEMPLATE, 2027, schools, [], terms=this_year_only)
    assert next_year and all(p.state == "proposed" and p.start for p in next_year)
    assert next_year == plan_year(TEMPLATE, 2027, schools, [])


def test_in_term_asks_only_the_terms_of_the_days_own_school_year() -> None:
    terms = ((date(2026, 9, 2), date(2026, 10, 23)),)
    assert in_term(date(2026, 10, 1), terms)
    assert not in_term(date(2026, 10, 28), terms)  # half term, in a year with terms
    assert in_term(date(2027, 10, 28), terms)  # 2027-28 has no term dates yet
    assert terms_in_year(terms, 2026) == terms and terms_in_year(terms, 2027) == ()
