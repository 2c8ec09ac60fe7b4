"""Clash and sense checks for one visit, made before it is saved.

An adviser plans around real life: a Saturday governors' event or a visit in the holidays
can be right, so most findings are warnings the adviser reads and accepts. Three need an
explicit confirmation, in the terminal UI and on the command line alike: an overlap with
another visit in the adviser's own diary (two schools expecting the adviser at the same
time is the mistake that costs goodwill), and a weekend or a bank holiday (the school is
most likely closed: a slip of the calendar, unless the adviser says otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from sia_console.domain.enums import VisitStatus
from sia_console.domain.programme import TermDates, bank_holiday_name, in_term
from sia_console.domain.text import shown_name
from sia_console.domain.vocabulary import clock, long_day, time_range
from sia_console.i18n import _

SAME_SCHOOL_DAYS = 7
"""Another visit to the same school fewer days away than this is "within a week"."""

ACTIVE = frozenset({VisitStatus.PLANNED, VisitStatus.DONE})
"""Only these visits take the adviser's time; cancelled and postponed ones never clash."""


class ConcernKind(StrEnum):
    """What a check found."""

    OVERLAP = "overlap"
    WEEKEND = "weekend"
    BANK_HOLIDAY = "bank-holiday"
    OUTSIDE_TERM = "outside-term"
    SAME_SCHOOL_WEEK = "same-school-week"
    PAST = "past"
    OUTSIDE_SCHOOL_DAY = "outside-school-day"


CONFIRMED_KINDS = frozenset({ConcernKind.OVERLAP, ConcernKind.WEEKEND, ConcernKind.BANK_HOLIDAY})
"""What a save must not pass without the adviser saying "yes, that day"."""


@dataclass(frozen=True)
class Concern:
    """One finding about a visit, as a sentence for the adviser."""

    kind: ConcernKind
    message: str
    other_visit_id: str | None = None

    @property
    def needs_confirmation(self) -> bool:
        """Overlaps, weekends and bank holidays must be confirmed; the rest are warnings."""
        return self.kind in CONFIRMED_KINDS


@dataclass(frozen=True)
class DiaryEntry:
    """Another visit the new one is checked against."""

    id: str
    school_key: str
    school_name: str
    start: datetime
    end: datetime
    status: VisitStatus = VisitStatus.PLANNED
    in_my_diary: bool = True
    """False for a visit to the same school by someone else (never an overlap of mine)."""


SCHOOL_DAY = (time(7, 30), time(18, 30))
"""Visits outside these hours are worth a second look (a slip such as 0 for 09:00)."""


def check_visit(
    *,
    start: datetime,
    end: datetime,
    school_key: str,
    others: Iterable[DiaryEntry],
    terms: TermDates = (),
    visit_id: str | None = None,
    today: date | None = None,
) -> list[Concern]:
    """Everything worth saying about a visit from ``start`` to ``end`` before saving it.

    ``others`` are the visits around it; the visit being edited (``visit_id``) and visits
    that are cancelled or postponed are ignored. Overlaps come first. With ``today``, a
    visit planned on an earlier day is pointed out (recording a past visit is allowed).
    """
    concerns: list[Concern] = []
    day = start.date()
    nearby: list[Concern] = []
    distance: dict[str, int] = {}
    """Days from the visit to each other visit to the same school (the nearest is named)."""
    for other in sorted(others, key=lambda o: (o.start, o.id)):
        if other.id == visit_id or other.status not in ACTIVE:
            continue
        when = time_range(other.start, other.end)
        if other.in_my_diary and other.start < end and other.end > start:
            concerns.append(
                Concern(
                    ConcernKind.OVERLAP,
                    _("It overlaps your visit to {school} on {day}, {when}.").format(
                        school=shown_name(other.school_name),
                        day=long_day(other.start.date()),
                        when=when,
                    ),
                    other.id,
                )
            )
        elif (
            other.school_key == school_key
            and abs((other.start.date() - day).days) < SAME_SCHOOL_DAYS
        ):
            distance[other.id] = abs((other.start.date() - day).days)
            nearby.append(
                Concern(
                    ConcernKind.SAME_SCHOOL_WEEK,
                    _("{school} already has a visit within a week, on {day}.").format(
                        school=shown_name(other.school_name), day=long_day(other.start.date())
                    ),
                    other.id,
                )
            )
    holiday = bank_holiday_name(day)
    if day.weekday() >= 5:
        concerns.append(
            Concern(
                ConcernKind.WEEKEND,
                _("{day} is a weekend day.").format(day=long_day(day)),
            )
        )
    if holiday is not None:
        concerns.append(
            Concern(
                ConcernKind.BANK_HOLIDAY,
                _("{day} is a bank holiday in England and Wales ({name}).").format(
                    day=long_day(day), name=holiday
                ),
            )
        )
    if today is not None and day < today:
        concerns.append(
            Concern(ConcernKind.PAST, _("{day} is in the past.").format(day=long_day(day)))
        )
    opens, closes = SCHOOL_DAY
    if start.time() < opens or end.time() > closes or end.date() != day:
        concerns.append(
            Concern(
                ConcernKind.OUTSIDE_SCHOOL_DAY,
                _("{start}–{end} is outside the school day.").format(
                    start=clock(start), end=clock(end)
                ),
            )
        )
    if not in_term(day, terms):
        concerns.append(
            Concern(
                ConcernKind.OUTSIDE_TERM,
                _("{day} is outside the term dates in the settings.").format(day=long_day(day)),
            )
        )
    nearby.sort(key=lambda concern: distance.get(concern.other_visit_id or "", 0))
    return concerns + nearby[:1]
