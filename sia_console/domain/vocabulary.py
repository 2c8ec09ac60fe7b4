"""The words of the domain that every face shows: defined once, here.

The terminal UI, the command line and the documents read these, so that a Welsh
interface translates each in one place: the London wall clock visit times are written
in, the names of days and months and every way a date or a time is put into words
("Mon 23 Nov", "23 November 2026"), and how text is folded for finding it ("tŷ" finds
"Ty"). The labels of the closed vocabularies (risk levels, statuses, roles …) live
beside this module, in :mod:`sia_console.domain.labels`.

Names of days and months never come from ``strftime("%A")`` or ``%B``, which follow the
machine's locale. In English they come from these tables (Babel's ``en_GB`` differs: it
shortens September to "Sept"); in any other interface language, from Babel's locale data
("Dydd Llun", "Tachwedd"), read when first needed, so that an English start-up never
imports Babel. They are looked up when shown, so the language in force then is the one
they are shown in.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from sia_console.i18n import N_, SOURCE_LANGUAGE, language

LONDON = ZoneInfo("Europe/London")
"""The wall clock people read times on in England and Wales (see the CLI contract)."""

DAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
SHORT_DAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MONTH_NAMES = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
SHORT_MONTH_NAMES = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)


def london(moment: datetime) -> datetime:
    """A stored moment as Europe/London wall-clock time (a naive one is taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(LONDON)


def london_today() -> date:
    """Today in England and Wales, the zone visit times are written in."""
    return datetime.now(LONDON).date()


# ------------------------------------------------------------------ days and months


Width = Literal["wide", "abbreviated"]


@lru_cache(maxsize=8)
def _locale_names(lang: str, kind: str, width: Width) -> tuple[str, ...]:
    """Babel's names of days (Monday first) or months (January first) in ``lang``."""
    from babel.dates import get_day_names, get_month_names  # not on an English start-up

    if kind == "day":
        days = get_day_names(width, locale=lang)
        return tuple(str(days[index]) for index in range(7))
    months = get_month_names(width, locale=lang)
    return tuple(str(months[index]) for index in range(1, 13))


def _names(kind: str, width: Width, english: tuple[str, ...]) -> tuple[str, ...]:
    lang = language()
    if lang == SOURCE_LANGUAGE:
        return english
    return _locale_names(lang, kind, width)


def day_name(day: date) -> str:
    """``Monday`` (``Dydd Llun``)."""
    return _names("day", "wide", DAY_NAMES)[day.weekday()]


def short_day_name(day: date) -> str:
    """``Mon`` (``Llun``)."""
    return _names("day", "abbreviated", SHORT_DAY_NAMES)[day.weekday()]


def short_day_names() -> tuple[str, ...]:
    """``Mon`` to ``Sun``: the heads of a week's columns, Monday first."""
    return _names("day", "abbreviated", SHORT_DAY_NAMES)


def month_name(month: int) -> str:
    """``November`` (``Tachwedd``) for 11."""
    return _names("month", "wide", MONTH_NAMES)[month - 1]


def short_month_name(month: int) -> str:
    """``Nov`` (``Tach``) for 11."""
    return _names("month", "abbreviated", SHORT_MONTH_NAMES)[month - 1]


# ------------------------------------------------------------------ dates and times


def long_date(day: date) -> str:
    """``23 November 2026``: the date of a document or a report."""
    return f"{day.day} {month_name(day.month)} {day.year}"


def long_day(day: date) -> str:
    """``Monday 23 November 2026``."""
    return f"{day_name(day)} {long_date(day)}"


def short_day(day: date) -> str:
    """``Mon 23 Nov``."""
    return f"{short_day_name(day)} {day.day} {short_month_name(day.month)}"


def short_day_with_year(day: date) -> str:
    """``Mon 23 Nov 2026``, for lists that span years."""
    return f"{short_day(day)} {day.year}"


def month_and_year(day: date) -> str:
    """``November 2026``."""
    return f"{month_name(day.month)} {day.year}"


def clock(moment: datetime) -> str:
    """``09:30``: a time of day, on the 24-hour clock."""
    return f"{moment:%H:%M}"


def day_and_time(moment: datetime) -> str:
    """``Mon 23 Nov 09:30``."""
    return f"{short_day(moment.date())} {clock(moment)}"


def time_range(start: datetime, end: datetime) -> str:
    """``09:30–12:30``."""
    return f"{clock(start)}–{clock(end)}"


# ------------------------------------------------------------------ finding text


def fold(text: str) -> str:
    """``text`` without accents and case, for finding: "tŷ" finds "Ty", "Ty" finds "tŷ".

    Case is folded first, then accents are taken apart and dropped, so that every way of
    writing a letter (a precomposed ŵ, or w and a combining circumflex) folds alike.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def matches_filter(text_filter: str, *fields: str | None) -> bool:
    """True when every word of ``text_filter`` begins a word of one of ``fields``, folded.

    A word of letters is found at the start of a word ("red" finds "Red" and "Reddish",
    never "prediction"; "gyn" finds "Gynradd"); a word with a digit in it anywhere (a part
    of a school code, "2034" finds "6612034").
    """
    haystack = " ".join(fold(field) for field in fields if field)
    return all(_found(word, haystack) for word in fold(text_filter).split())


def _found(word: str, haystack: str) -> bool:
    if any(char.isdigit() for char in word):
        return word in haystack
    start = haystack.find(word)
    while start >= 0:
        if start == 0 or not haystack[start - 1].isalnum():
            return True
        start = haystack.find(word, start + 1)
    return False
