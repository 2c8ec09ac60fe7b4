"""Clash and sense checks: what is said about a visit before it is saved."""

from __future__ import annotations

from datetime import date, datetime

from sia_console.domain.clashes import ConcernKind, DiaryEntry, check_visit
from sia_console.domain.enums import VisitStatus


def entry(
    id: str,
    school: str,
    start: datetime,
    end: datetime,
    status: VisitStatus = VisitStatus.PLANNED,
    mine: bool = True,
) -> DiaryEntry:
    return DiaryEntry(id, school, f"School {school}", start, end, status, mine)


def kinds(**kwargs: object) -> list[ConcernKind]:
    return [concern.kind for concern in check_visit(**kwargs)]  # type: ignore[arg-type]


MONDAY = datetime(2026, 11, 23, 9, 30)
NOON = datetime(2026, 11, 23, 12, 30)


def test_a_clear_weekday_in_term_says_nothing() -> None:
    assert check_visit(start=MONDAY, end=NOON, school_key="A", others=[]) == []


def test_an_overlap_in_my_diary_needs_confirmation_and_names_the_other_school() -> None:
    other = entry("v1", "B", datetime(2026, 11, 23, 11), datetime(2026, 11, 23, 14))
    [concern] = check_visit(start=MONDAY, end=NOON, school_key="A", others=[other])
    assert concern.kind is ConcernKind.OVERLAP and concern.needs_confirmation
    assert concern.other_visit_id == "v1"
    assert concern.message == (
        "It overlaps your visit to School B on Monday 23 November 2026, 11:00–14:00."
    )
    touching = entry("v2", "B", NOON, datetime(2026, 11, 23, 15))  # starts as mine ends
    assert check_visit(start=MONDAY, end=NOON, school_key="A", others=[touching]) == []


def test_cancelled_postponed_edited_and_colleagues_visits_never_overlap() -> None:
    others = [
        entry("c", "B", MONDAY, NOON, VisitStatus.CANCELLED),
        entry("p", "B", MONDAY, NOON, VisitStatus.POSTPONED),
        entry("self", "A", MONDAY, NOON),
        entry("colleague", "C", MONDAY, NOON, mine=False),
    ]
    assert check_visit(start=MONDAY, end=NOON, school_key="A", others=others, visit_id="self") == []


def test_weekend_and_bank_holiday_need_confirmation_outside_term_is_a_warning() -> None:
    saturday = datetime(2026, 11, 28, 9)
    [weekend] = check_visit(
        start=saturday, end=saturday.replace(hour=12), school_key="A", others=[]
    )
    assert weekend.kind is ConcernKind.WEEKEND and weekend.needs_confirmation
    christmas = datetime(2026, 12, 25, 9)  # a Friday
    [concern] = check_visit(
        start=christmas, end=christmas.replace(hour=12), school_key="A", others=[]
    )
    assert concern.kind is ConcernKind.BANK_HOLIDAY and concern.needs_confirmation
    assert concern.message == (
        "Friday 25 December 2026 is a bank holiday in England and Wales (Christmas Day)."
    )
    boxing_observed = datetime(2026, 12, 28, 9)  # Boxing Day falls on a Saturday
    assert ConcernKind.BANK_HOLIDAY in kinds(
        start=boxing_observed, end=boxing_observed.replace(hour=12), school_key="A", others=[]
    )
    terms = ((date(2026, 9, 2), date(2026, 12, 18)),)
    holiday = datetime(2026, 12, 21, 9)
    [outside] = check_visit(
        start=holiday, end=holiday.replace(hour=12), school_key="A", others=[], terms=terms
    )
    assert outside.kind is ConcernKind.OUTSIDE_TERM and not outside.needs_confirmation
    assert kinds(start=MONDAY, end=NOON, school_key="A", others=[], terms=terms) == []


def test_the_same_school_twice_within_a_week() -> None:
    thursday = entry("t", "A", datetime(2026, 11, 26, 13), datetime(2026, 11, 26, 16), mine=False)
    [concern] = check_visit(start=MONDAY, end=NOON, school_key="A", others=[thursday])
    assert concern.kind is ConcernKind.SAME_SCHOOL_WEEK
    assert (
        concern.message
        == "School A already has a visit within a week, on Thursday 26 November 2026."
    )
    week_later = entry("w", "A", datetime(2026, 11, 30, 9), datetime(2026, 11, 30, 12))
    assert check_visit(start=MONDAY, end=NOON, school_key="A", others=[week_later]) == []
    cancelled = entry(
        "c", "A", datetime(2026, 11, 24, 9), datetime(2026, 11, 24, 12), VisitStatus.CANCELLED
    )
    assert check_visit(start=MONDAY, end=NOON, school_key="A", others=[cancelled]) == []


def test_the_nearest_visit_to_the_same_school_is_named() -> None:
    earlier = entry("e", "A", datetime(2026, 11, 17, 13), datetime(2026, 11, 17, 16), mine=False)
    nearest = entry("n", "A", datetime(2026, 11, 24, 13), datetime(2026, 11, 24, 16), mine=False)
    [concern] = check_visit(start=MONDAY, end=NOON, school_key="A", others=[earlier, nearest])
    assert concern.other_visit_id == "n"


def test_a_day_already_past_and_hours_outside_the_school_day_are_pointed_out() -> None:
    assert kinds(start=MONDAY, end=NOON, school_key="A", others=[], today=date(2026, 11, 23)) == []
    assert kinds(start=MONDAY, end=NOON, school_key="A", others=[], today=date(2026, 11, 24)) == [
        ConcernKind.PAST
    ]
    midnight = datetime(2026, 11, 23, 0, 0)
    [concern] = check_visit(start=midnight, end=midnight.replace(hour=3), school_key="A", others=[])
    assert concern.kind is ConcernKind.OUTSIDE_SCHOOL_DAY
    assert concern.message == "00:00–03:00 is outside the school day."
    assert not concern.needs_confirmation
