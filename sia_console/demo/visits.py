"""The demo calendar: every visit of the demo year, placed before anything is stored.

:func:`plan_calendar` gives each link school the six programme visits (plus support-plan
reviews for red and amber schools), one visit per half-day, marks the visits before
``today`` as made, and cancels one and postpones another, as a real year would;
:func:`choose_drafts` decides which notes are still in draft.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sia_console.demo import prose
from sia_console.demo.cast import SchoolCast
from sia_console.domain.enums import VisitStatus
from sia_console.domain.models import Visit
from sia_console.domain.programme import (
    nearest_free_start,
    programme_visits,
    propose_dates,
    support_windows,
    working_days,
)
from sia_console.services.programme.templates import default_template


@dataclass
class PlannedVisit:
    """A visit in the demo calendar before it is stored."""

    school: SchoolCast
    start: datetime
    slot: int | None
    purpose: str
    status: VisitStatus = VisitStatus.PLANNED
    visit: Visit | None = None


def plan_calendar(
    rng: random.Random, schools: list[SchoolCast], year: int, seed: int, today: date
) -> list[PlannedVisit]:
    """Six programme visits per school plus support reviews, one visit per half-day, from
    the shipped programme template."""
    template = default_template()
    taken: set[datetime] = set()
    calendar: list[PlannedVisit] = []
    proposals = {
        school.row.code: {
            p.slot: p.day for p in propose_dates(template, year, key=f"{seed}/{school.row.code}")
        }
        for school in schools
    }
    for visit in programme_visits(template):
        first, last = visit.window_dates(year)
        order = list(schools)
        rng.shuffle(order)
        for school in order:
            preferred = proposals[school.row.code].get(visit.slot, first)
            start = nearest_free_start(
                preferred, first, last, taken, prefer_afternoon=rng.random() < 0.5
            )
            if start is not None:
                taken.add(start)
                purpose = f"Visit {visit.slot}: {visit.focus}"
                calendar.append(PlannedVisit(school, start, visit.slot, purpose))
    supports = support_windows(template)
    for school in schools:
        windows = list(supports)
        if school.category == "amber":
            windows = sorted(rng.sample(windows, 2), key=supports.index)
        elif school.category != "red":
            continue
        for (m1, d1), (m2, d2) in windows:
            first = date(year if m1 >= 9 else year + 1, m1, d1)
            last = date(year if m2 >= 9 else year + 1, m2, d2)
            preferred = rng.choice(working_days(first, last))
            start = nearest_free_start(preferred, first, last, taken)
            if start is not None:
                taken.add(start)
                calendar.append(PlannedVisit(school, start, None, prose.EXTRA_PURPOSE))
    calendar.sort(key=lambda p: p.start)
    for planned in calendar:
        if planned.start.date() < today:
            planned.status = VisitStatus.DONE
    _cancel_and_postpone(rng, calendar, taken, today)
    return calendar


def _cancel_and_postpone(
    rng: random.Random, calendar: list[PlannedVisit], taken: set[datetime], today: date
) -> None:
    """One past visit cancelled; one postponed and rearranged a week or two later."""
    past = [p for p in calendar if p.status is VisitStatus.DONE and p.slot not in (1, None)]
    if len(past) < 6:
        return
    cancelled, postponed = rng.sample(past[: len(past) * 3 // 4], 2)
    cancelled.status = VisitStatus.CANCELLED
    cancelled.purpose = f"{cancelled.purpose} — {rng.choice(prose.CANCELLED_REASONS)}"
    postponed.status = VisitStatus.POSTPONED
    original = postponed.purpose
    postponed.purpose = f"{original} — {prose.POSTPONED_REASON}"
    day = postponed.start.date()
    start = nearest_free_start(
        day + timedelta(days=8), day + timedelta(days=5), day + timedelta(days=21), taken
    )
    if start is None:
        return
    taken.add(start)
    status = VisitStatus.DONE if start.date() < today else VisitStatus.PLANNED
    rearranged = PlannedVisit(
        postponed.school, start, postponed.slot, prose.REARRANGED.format(purpose=original), status
    )
    calendar.append(rearranged)
    calendar.sort(key=lambda p: p.start)


def choose_drafts(
    rng: random.Random, made: list[PlannedVisit], today: date, overdue_before: date
) -> set[int]:
    """Notes left in draft: every recent one, and two overdue ones (for the dashboard)."""
    drafts = {id(p) for p in made if p.start.date() >= overdue_before}
    older = [p for p in made if p.start.date() < overdue_before]
    recent_older = [p for p in older if p.start.date() >= overdue_before - timedelta(days=35)]
    pool = recent_older if len(recent_older) >= 2 else older[-4:]
    drafts.update(id(p) for p in rng.sample(pool, min(2, len(pool))))
    return drafts
