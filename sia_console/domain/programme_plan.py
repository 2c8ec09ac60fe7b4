"""Plan a year of programme visits for every link school: the pure rule.

The rule, in the order it is applied:

1. **What is already there counts.** A school's visit tagged with this year and a slot of
   the template covers that slot; so does an untagged visit (planned by hand) that falls
   in a slot's window. Only planned and done visits cover a slot: a cancelled or
   postponed one leaves its slot to plan again. So planning twice adds nothing.
2. **Working days only**: no weekend, no bank holiday in England and Wales, no day
   outside the configured terms, no excluded day.
3. **One school visit per half-day** in an adviser's diary, never overlapping anything
   already in it; a half-day is taken by any visit that touches it.
4. **Spread**: the schools needing a visit are ordered by a stable hash (so nobody is
   always first) and given preferred days evenly across the window; the nearest free
   half-day wins, preferring days with nothing else on and avoiding a second visit to
   the same school within a week. A full window is widened a week at a time.

Everything is deterministic: the same schools and visits always give the same plan.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sia_console.domain.enums import ProgrammeVisitState, VisitStatus
from sia_console.domain.programme import TermDates, in_term, is_working_day, terms_in_year
from sia_console.domain.programme_template import ProgrammeTemplate, TemplateVisit

COVERING = frozenset({VisitStatus.PLANNED, VisitStatus.DONE})
"""A visit in these states covers its programme slot and occupies the adviser's time."""

WIDEN_STEP = timedelta(days=7)
MAX_WIDEN_STEPS = 8
SAME_SCHOOL_GAP = 7
"""Two visits to one school fewer days apart than this are "twice within a week"."""


@dataclass(frozen=True)
class SchoolToPlan:
    """A link school as the planner sees it."""

    key: str
    """The school's id."""
    code: str
    category: str | None
    """Its support-category key (``None`` when it has none)."""
    diary: str = ""
    """Whose diary its visits go in (the adviser's id)."""


@dataclass(frozen=True)
class DiaryVisit:
    """A visit already in the database, as the planner sees it."""

    id: str
    school_key: str
    start: datetime
    end: datetime
    status: VisitStatus = VisitStatus.PLANNED
    diary: str = ""
    programme_year: int | None = None
    programme_slot: int | None = None


@dataclass(frozen=True)
class SlotPlan:
    """One programme visit of one school: already covered, proposed, or impossible to place."""

    school: SchoolToPlan
    visit: TemplateVisit
    start: datetime | None = None
    end: datetime | None = None
    existing: DiaryVisit | None = None
    """The visit that already covers the slot."""

    @property
    def state(self) -> ProgrammeVisitState:
        """Already there, proposed, or unplaced (no free half-day anywhere near)."""
        if self.existing is not None:
            return ProgrammeVisitState.EXISTS
        if self.start is None:
            return ProgrammeVisitState.UNPLACED
        return ProgrammeVisitState.PROPOSED


def match_slots(
    template: ProgrammeTemplate, year: int, category: str | None, visits: Iterable[DiaryVisit]
) -> dict[int, DiaryVisit]:
    """Which of a school's visits cover which of its slots in the academic year ``year``."""
    wanted = template.visits_for(category)
    slots = {visit.slot for visit in wanted}
    covering = sorted((v for v in visits if v.status in COVERING), key=lambda v: (v.start, v.id))
    matched: dict[int, DiaryVisit] = {}
    for visit in covering:
        slot = visit.programme_slot
        if visit.programme_year == year and slot in slots and slot not in matched:
            matched[slot] = visit
    claimed = {visit.id for visit in matched.values()}
    for programme_visit in wanted:
        if programme_visit.slot in matched:
            continue
        first, last = programme_visit.window(year)
        for visit in covering:
            if (
                visit.programme_slot is None
                and visit.id not in claimed
                and first <= visit.start.date() <= last
            ):
                matched[programme_visit.slot] = visit
                claimed.add(visit.id)
                break
    return matched


def stable_rank(key: str) -> int:
    """A number from ``key`` that is the same on every machine and every run."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")


@dataclass
class _Diary:
    """One adviser's half-days, filled as the plan is made."""

    morning: time
    afternoon: time
    busy: set[tuple[date, int]] = field(default_factory=set)
    load: Counter[date] = field(default_factory=Counter)

    def take(self, start: datetime, end: datetime) -> None:
        """Mark every half-day that ``start``..``end`` touches as taken."""
        end = max(end, start + timedelta(minutes=1))
        day = start.date()
        while day <= (end - timedelta(microseconds=1)).date():
            midnight = datetime.combine(day, time.min)
            noon = datetime.combine(day, self.afternoon)
            spans = ((midnight, noon), (noon, midnight + timedelta(days=1)))
            for half, (begins, ends) in enumerate(spans):
                if start < ends and end > begins:
                    self.busy.add((day, half))
            self.load[day] += 1
            day += timedelta(days=1)


def _usable_days(
    first: date, last: date, terms: TermDates, exclude: Collection[date]
) -> list[date]:
    days: list[date] = []
    day = first
    while day <= last:
        if is_working_day(day, exclude) and in_term(day, terms):
            days.append(day)
        day += timedelta(days=1)
    return days


@dataclass
class _Planner:
    template: ProgrammeTemplate
    year: int
    terms: TermDates
    exclude: Collection[date]
    not_before: date | None = None
    diaries: dict[str, _Diary] = field(default_factory=dict)
    school_days: defaultdict[str, list[date]] = field(default_factory=lambda: defaultdict(list))

    def diary(self, key: str) -> _Diary:
        if key not in self.diaries:
            self.diaries[key] = _Diary(self.template.morning, self.template.afternoon)
        return self.diaries[key]

    def bounds(self) -> tuple[date, date]:
        """How far a full window may widen: the school year (or the whole year with terms)."""
        last = date(self.year + 1, 8, 31) if self.terms else date(self.year + 1, 7, 22)
        first = date(self.year, 9, 1)
        return max(first, self.not_before) if self.not_before else first, last

    def near_same_school(self, school: str, day: date) -> bool:
        return any(abs((day - other).days) < SAME_SCHOOL_GAP for other in self.school_days[school])

    def place(
        self, school: SchoolToPlan, visit: TemplateVisit, preferred: date
    ) -> tuple[datetime, datetime] | None:
        diary = self.diary(school.diary)
        first, last = visit.window(self.year)
        if self.not_before is not None and last < self.not_before:
            first = last = self.not_before  # its window has gone: as soon as possible
        earliest, latest = self.bounds()
        starts = (self.template.morning, self.template.afternoon)
        for step in range(MAX_WIDEN_STEPS + 1):
            low = max(earliest, first - WIDEN_STEP * step)
            high = min(latest, last + WIDEN_STEP * step)
            best: tuple[tuple[bool, bool, int, date, int], date, int] | None = None
            for day in _usable_days(low, high, self.terms, self.exclude):
                for half in (0, 1):
                    if (day, half) in diary.busy:
                        continue
                    score = (
                        self.near_same_school(school.key, day),
                        diary.load[day] > 0,
                        abs((day - preferred).days),
                        day,
                        half,
                    )
                    if best is None or score < best[0]:
                        best = (score, day, half)
            if best is not None:
                _score, day, half = best
                start = datetime.combine(day, starts[half])
                end = start + timedelta(minutes=self.template.minutes)
                diary.take(start, end)
                self.school_days[school.key].append(day)
                return start, end
            if low == earliest and high == latest:
                break
        return None


def plan_year(
    template: ProgrammeTemplate,
    year: int,
    schools: Sequence[SchoolToPlan],
    visits: Iterable[DiaryVisit],
    *,
    terms: TermDates = (),
    exclude: Collection[date] = (),
    not_before: date | None = None,
) -> list[SlotPlan]:
    """Every programme visit of every school in the academic year starting in ``year``.

    ``visits`` are the visits already in the database: those of the schools (to know which
    slots are covered) and everything in the advisers' diaries (to keep clear of them).
    Slots already covered come back as ``exists``; the rest are proposed, in template order.
    Nothing is proposed before ``not_before`` (today): a slot whose window has passed is
    proposed as soon after it as the diary allows.
    """
    terms = terms_in_year(terms, year)  # a year with none of its own is planned without
    planner = _Planner(template, year, terms, exclude, not_before)
    by_school: defaultdict[str, list[DiaryVisit]] = defaultdict(list)
    for visit in visits:
        by_school[visit.school_key].append(visit)
        if visit.status in COVERING:
            planner.diary(visit.diary).take(visit.start, visit.end)
            planner.school_days[visit.school_key].append(visit.start.date())
    plans: list[SlotPlan] = []
    needing: defaultdict[int, list[SchoolToPlan]] = defaultdict(list)
    for school in schools:
        matched = match_slots(template, year, school.category, by_school.get(school.key, ()))
        for programme_visit in template.visits_for(school.category):
            existing = matched.get(programme_visit.slot)
            if existing is not None:
                plans.append(
                    SlotPlan(school, programme_visit, existing.start, existing.end, existing)
                )
            else:
                needing[programme_visit.slot].append(school)
    for programme_visit in template.visits:
        groups: defaultdict[str, list[SchoolToPlan]] = defaultdict(list)
        for school in needing.get(programme_visit.slot, ()):
            groups[school.diary].append(school)
        first, last = programme_visit.window(year)
        if not_before is not None and first < not_before:
            first = min(max(first, not_before), last)
        days = _usable_days(first, last, terms, exclude) or [first]
        for diary in sorted(groups):
            order = sorted(
                groups[diary],
                key=lambda s: (stable_rank(f"{s.code}/{year}/{programme_visit.slot}"), s.key),
            )
            count = len(order)
            for index, school in enumerate(order):
                preferred = days[(2 * index + 1) * len(days) // (2 * count)]
                placed = planner.place(school, programme_visit, preferred)
                start, end = placed if placed is not None else (None, None)
                plans.append(SlotPlan(school, programme_visit, start, end))
    return plans
