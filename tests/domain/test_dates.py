"""The one date reader: every way a date is written reads back to it; a date that does not
exist is named as such, apart from text that is not a date at all."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sia_console.domain.dates import NoSuchDate, UnreadableDate, read_date, read_optional_date
from sia_console.domain.vocabulary import (
    day_name,
    long_date,
    month_name,
    short_day_name,
    short_month_name,
)

SUNDAY = date(2026, 12, 6)
days = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
this_century = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


def written(day: date) -> list[str]:
    """Every way of writing ``day`` with its year."""
    return [
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day}-{day.month}-{day.year}",
        long_date(day),
        f"{day.day} {short_month_name(day.month)} {day.year}",
        f"{day.day} {month_name(day.month).upper()} {day.year}",
        f"{day_name(day)} {long_date(day)}".split(" ", 1)[1],
        f"  {day.day}   {short_month_name(day.month).lower()}  {day.year} ",
    ]


@given(day=days)
def test_every_format_with_a_year_round_trips(day: date) -> None:
    for text in written(day):
        assert read_date(text, SUNDAY) == day, text


@given(day=this_century)
def test_two_digit_years_are_this_century(day: date) -> None:
    assert read_date(f"{day.day}/{day.month}/{day:%y}", SUNDAY) == day


@given(today=this_century, ahead=st.integers(min_value=-180, max_value=180))
def test_a_day_and_month_alone_is_the_one_nearest_today(today: date, ahead: int) -> None:
    day = today + timedelta(days=ahead)
    if (day.month, day.day) == (2, 29):
        return  # nearest 29 February may be another year's
    for text in (f"{day.day} {short_month_name(day.month)}", f"{day.day}/{day.month}"):
        assert read_date(text, today) == day, text


@given(today=this_century, ahead=st.integers(min_value=1, max_value=7))
def test_a_day_name_is_the_next_such_day(today: date, ahead: int) -> None:
    day = today + timedelta(days=ahead)
    for text in (
        day_name(day),
        short_day_name(day),
        day_name(day).lower(),
        f"next {day_name(day)}",
    ):
        assert read_date(text, today) == day, text


@given(today=this_century)
def test_words_for_nearby_days(today: date) -> None:
    assert read_date("today", today) == today
    assert read_date("Tomorrow", today) == today + timedelta(days=1)
    assert read_date("yesterday", today) == today - timedelta(days=1)


impossible = st.builds(
    lambda year, month, extra: (year, month, 28 + extra),
    st.integers(min_value=2000, max_value=2099),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=4),
).filter(lambda ymd: not _exists(*ymd))


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@given(ymd=impossible)
def test_impossible_dates_are_named_as_such(ymd: tuple[int, int, int]) -> None:
    year, month, day = ymd
    for text in (
        f"{year}-{month:02d}-{day:02d}",
        f"{day}/{month}/{year}",
        f"{day} {short_month_name(month)} {year}",
    ):
        with pytest.raises(NoSuchDate) as caught:
            read_date(text, SUNDAY)
        assert "is not a date that exists" in caught.value.sentence("By when")


@pytest.mark.parametrize("text", ["13/13/2027", "0/1/2027", "2027-00-10", "31 Apr 2027", "30/02"])
def test_more_impossible_dates(text: str) -> None:
    with pytest.raises(NoSuchDate):
        read_date(text, SUNDAY)


@pytest.mark.parametrize("text", ["", "   ", "soon", "29012027", "15 Blah", "1/2/3/4", "next"])
def test_text_that_is_not_a_date_is_said_differently(text: str) -> None:
    with pytest.raises(UnreadableDate) as caught:
        read_date(text, SUNDAY)
    sentence = caught.value.sentence("By when")
    assert sentence.startswith("By when: I cannot read")
    assert "is not a date that exists" not in sentence


def test_the_examples_of_the_issue() -> None:
    assert read_date("29/01/2027", SUNDAY) == date(2027, 1, 29)
    assert read_date("15 Jan", SUNDAY) == date(2027, 1, 15)
    assert read_date("15 January 2027", SUNDAY) == date(2027, 1, 15)
    assert read_date("15th Jan", SUNDAY) == date(2027, 1, 15)
    assert read_date("Jan 15", SUNDAY) == date(2027, 1, 15)
    assert read_date("Monday", SUNDAY) == date(2026, 12, 7)
    assert read_date("sunday", SUNDAY) == date(2026, 12, 13)
    assert read_date("01/12/2026", SUNDAY) == date(2026, 12, 1)
    assert read_optional_date("  ", SUNDAY) is None
