"""The annual programme of six visits to every link school, and where its dates fall.

The programme itself (Wiltshire's six visits a year, see ``docs/domain.md``, each in a month
with its own focus) comes from the programme template, its only source; this module
views the visits every school gets. Proposing dates is a pure rule: working days only (no
weekends, no bank holidays in England and Wales), inside the visit's window, spread
between schools by a stable hash of a key (the school code) so that re-running the
proposal gives the same dates and two schools rarely land on the same day.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from sia_console.domain.programme_template import ProgrammeTemplate

MORNING = time(9, 0)
"""A visit lasts half a day: mornings start at 09:00 ..."""

AFTERNOON = time(13, 0)
"""... and afternoons at 13:00."""

HALF_DAY_STARTS: tuple[time, ...] = (MORNING, AFTERNOON)

DEFAULT_VISIT_MINUTES = 180


Window = tuple[tuple[int, int], tuple[int, int]]
"""First and last (month, day) of the days a visit may fall on."""


@dataclass(frozen=True)
class ProgrammeVisit:
    """One visit every school gets: when in the year it falls and what it is for."""

    slot: int
    """Its number in the template: 1 to 6, in the order of the year, in the shipped one."""

    focus: str
    """What the visit is for, in the words of the programme."""

    window: Window
    """First and last (month, day) of the days the visit may fall on, inside term time."""

    @property
    def months(self) -> tuple[int, ...]:
        """The calendar months the visit may fall in."""
        (first, _day), (last, _end) = self.window
        if first <= last:
            return tuple(range(first, last + 1))
        return (*range(first, 13), *range(1, last + 1))

    def window_dates(self, year: int) -> tuple[date, date]:
        """The first and last day of the window in the academic year starting in ``year``."""
        (first_month, first_day), (last_month, last_day) = self.window
        return (
            date(_calendar_year(year, first_month), first_month, first_day),
            date(_calendar_year(year, last_month), last_month, last_day),
        )


def programme_visits(template: ProgrammeTemplate) -> tuple[ProgrammeVisit, ...]:
    """The visits of ``template`` that every school gets, in order of the year: the
    template is the only source of the programme."""
    return tuple(
        ProgrammeVisit(visit.slot, visit.focus, (visit.first, visit.last))
        for visit in template.visits
        if not visit.categories
    )


def support_windows(template: ProgrammeTemplate) -> tuple[Window, ...]:
    """The windows of the extra visits ``template`` gives schools causing concern (case
    conferences "every 3 months" and support-plan reviews), in order of the year."""
    return tuple((visit.first, visit.last) for visit in template.visits if visit.categories)


def programme_visit(template: ProgrammeTemplate, slot: int) -> ProgrammeVisit:
    """The visit numbered ``slot`` that every school gets; ``ValueError`` if none is."""
    for visit in programme_visits(template):
        if visit.slot == slot:
            return visit
    raise ValueError(f"no programme visit {slot}")


def _calendar_year(academic_year: int, month: int) -> int:
    return academic_year if month >= 9 else academic_year + 1


def academic_year_of(day: date) -> int:
    """The academic year containing ``day``, named by the year in which it starts (1 Sept)."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_bounds(year: int) -> tuple[date, date]:
    """1 September of ``year`` to 31 August of the next year."""
    return date(year, 9, 1), date(year + 1, 8, 31)


@lru_cache(maxsize=64)
def bank_holiday_names(calendar_year: int) -> dict[date, str]:
    """The bank holidays of England and Wales in ``calendar_year``, with their names.

    The two nations share one list of bank holidays, so England's subdivision of the
    ``holidays`` package answers for both. Do not change the returned dict (it is cached).
    """
    import holidays

    return dict(holidays.country_holidays("GB", subdiv="ENG", years=calendar_year).items())


def bank_holiday_name(day: date) -> str | None:
    """The name of the bank holiday in England and Wales on ``day``, or ``None``."""
    return bank_holiday_names(day.year).get(day)


def is_working_day(day: date, exclude: Collection[date] = ()) -> bool:
    """A weekday that is not a bank holiday in England and Wales and not excluded."""
    return day.weekday() < 5 and day not in bank_holiday_names(day.year) and day not in exclude


def working_days(first: date, last: date, exclude: Collection[date] = ()) -> list[date]:
    """Every working day from ``first`` to ``last`` inclusive."""
    days: list[date] = []
    day = first
    while day <= last:
        if is_working_day(day, exclude):
            days.append(day)
        day += timedelta(days=1)
    return days


def _stable_index(key: str, size: int) -> int:
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % size


@dataclass(frozen=True)
class ProposedVisit:
    """A proposed date for one programme visit."""

    slot: int
    day: date
    focus: str


def propose_dates(
    template: ProgrammeTemplate, year: int, *, key: str = "", exclude: Collection[date] = ()
) -> list[ProposedVisit]:
    """A proposed working day for each visit of ``template`` that every school gets (six
    in the shipped programme), for one school in the academic year starting in ``year``.

    ``key`` (usually the school code) spreads schools across each window; the same key
    always gives the same days. ``exclude`` removes further days (INSET days, holidays).
    """
    proposals: list[ProposedVisit] = []
    for visit in programme_visits(template):
        first, last = visit.window_dates(year)
        days = working_days(first, last, exclude)
        if not days:
            continue
        day = days[_stable_index(f"{key}/{year}/{visit.slot}", len(days))]
        proposals.append(ProposedVisit(visit.slot, day, visit.focus))
    return proposals


def half_day_starts(first: date, last: date, exclude: Collection[date] = ()) -> Iterator[datetime]:
    """Every half-day start (09:00 and 13:00) on the working days from ``first`` to ``last``."""
    for day in working_days(first, last, exclude):
        for start in HALF_DAY_STARTS:
            yield datetime.combine(day, start)


def nearest_free_start(
    preferred: date,
    first: date,
    last: date,
    taken: Collection[datetime],
    *,
    prefer_afternoon: bool = False,
    exclude: Collection[date] = (),
) -> datetime | None:
    """The free half-day start in ``first``..``last`` nearest to ``preferred``, or ``None``.

    ``taken`` holds the half-day starts already used by the adviser, so no two visits
    overlap and there is at most one visit per half-day.
    """
    candidates = sorted(
        half_day_starts(first, last, exclude),
        key=lambda start: (
            abs((start.date() - preferred).days),
            start.date(),
            (start.time() == MORNING) == prefer_afternoon,
        ),
    )
    for start in candidates:
        if start not in taken:
            return start
    return None


TermDates = tuple[tuple[date, date], ...]
"""Term periods, first and last day inclusive; empty when none are configured."""


def parse_term_dates(pairs: Iterable[Sequence[str]]) -> TermDates:
    """The term periods of the settings (ISO date pairs); malformed pairs are left out.

    Settings travel in bundles from the core lead, so a bad pair must not stop the
    calendar from opening: it is skipped here, and the settings command refuses new ones.
    """
    terms: list[tuple[date, date]] = []
    for pair in pairs:
        try:
            first, last = (date.fromisoformat(str(value)) for value in pair)
        except (TypeError, ValueError):
            continue
        if first <= last:
            terms.append((first, last))
    return tuple(sorted(terms))


def terms_in_year(terms: TermDates, year: int) -> TermDates:
    """The terms that fall (at least partly) in the academic year starting in ``year``."""
    start, end = academic_year_bounds(year)
    return tuple((first, last) for first, last in terms if first <= end and last >= start)


def in_term(day: date, terms: TermDates) -> bool:
    """True when ``day`` falls in a term, or when no term dates are configured for its
    academic year (term dates are set a year at a time: next year's may not be known)."""
    this_year = terms_in_year(terms, academic_year_of(day))
    return not this_year or any(first <= day <= last for first, last in this_year)


def latest_term_begun(day: date, terms: TermDates) -> tuple[date, date] | None:
    """The term that is "this term" on ``day``: the one holding it or, in a holiday, the
    term just ended (until the next begins); ``None`` when the term dates do not reach
    ``day`` (none set, none begun yet, or the latest begun is of an earlier academic
    year, whose dates say nothing of this one's).

    A holiday belongs to the term before it, so what was done in that term still counts
    as this term's until the next one starts: nothing can be done in a holiday to catch up.
    """
    begun = [(first, last) for first, last in terms if first <= day]
    if not begun:
        return None
    first, last = max(begun)
    if academic_year_of(first) != academic_year_of(day):
        return None
    return first, last
