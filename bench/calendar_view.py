"""The calendar on a large database: month navigation, and the programme for 400 schools.

Builds (once, in a temporary folder) a database with 400 link schools in 25 advisers'
diaries and ten academic years of visits (2017–18 to 2026–27, six programme visits per
school per year plus support reviews for red and amber schools: about 24,000 visits), made
with the programme generator itself and written in bulk. Then measures:

* **month navigation**: the calendar screen (headless, 120×36, on Monday 23 November
  2026) pressing PgDn through 24 months it has not read before, each time until the
  worker has read the month, the grid and agenda have it and the screen has refreshed;
  the same on an empty database (an identity, no schools, no visits) with the same grid.
  The ratio of the medians is the cost of the data; the difference per month is set
  against one frame at 60 Hz (16.7 ms). Reading a month (``calendar_period``) and drawing
  the grid with its marks (``MonthGrid.render``) are timed on their own beside it.
* **programme generation**: ``domain.programme_plan.plan_year`` for all 400 schools of
  the 25 diaries for 2027–28, around the year's visits already there; and the service
  ``programme_plan`` (preview) for the local adviser's 16 schools on the large database.

Run: ``.venv/bin/python bench/calendar_view.py [--repeat N]`` from the checkout (about a
minute). Record the results in ``RESULTS.md``. (Not ``calendar.py``: run as a script, that
name would hide the standard library's ``calendar`` module.)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import keyring
from keyring.backend import KeyringBackend
from sqlalchemy import insert
from sqlmodel import col, select

from sia_console.domain.enums import Role
from sia_console.domain.models import Adviser, School, Visit
from sia_console.domain.programme_plan import DiaryVisit, SchoolToPlan, plan_year
from sia_console.domain.records import new_id
from sia_console.keys.store import keystore_for
from sia_console.services.identity import create_identity
from sia_console.services.programme.calendar import calendar_period, month_grid_bounds
from sia_console.services.programme.planning import programme_plan
from sia_console.services.programme.templates import default_template
from sia_console.storage.database import Database, open_database
from sia_console.tui.launch import make_app, prepare_to_run
from sia_console.tui.screens.calendar import CalendarScreen
from sia_console.tui.widgets.agenda import Agenda
from sia_console.tui.widgets.month_grid import Mark, MonthGrid

TODAY = date(2026, 11, 23)
SIZE = (120, 36)
SCHOOLS = 400
ADVISERS = 25
YEARS = range(2017, 2027)
CATEGORIES = ("green", "green", "yellow", "yellow", "amber", "red")
FRAME_MS = 1000 / 60
AUGUST_2027 = datetime(2027, 8, 25)
"""Visits from here on are around the year planned by the programme benchmark."""


class MemoryKeyring(KeyringBackend):
    """Keys of the benchmark's identity never reach the real OS keyring."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def build_large(path: Path) -> tuple[int, list[SchoolToPlan]]:
    """400 schools, 25 diaries, ten years of visits; returns (visits, schools)."""
    database = open_database(path)
    template = default_template()
    now = datetime.now(UTC)
    try:
        with database.session() as session:
            me = create_identity(session, keystore_for(database), name="Bench", role=Role.SIA)
            advisers = [me.id]
            for n in range(1, ADVISERS):
                adviser = Adviser(name=f"Adviser {n}")
                session.add(adviser)
                advisers.append(adviser.id)
            session.flush()
            schools: list[SchoolToPlan] = []
            for n in range(SCHOOLS):
                diary = advisers[n % ADVISERS]
                category = CATEGORIES[n % len(CATEGORIES)]
                school = School(
                    code=f"66{n:05d}",
                    name=f"Ysgol Gynradd {n:03d} Glan-y-Dŵr",
                    local_authority="Sir Fawr",
                    category=category,
                    adviser_id=diary,
                )
                session.add(school)
                schools.append(SchoolToPlan(school.id, school.code, category, diary))
            session.flush()
            count = 0
            for year in YEARS:
                plans = plan_year(template, year, schools, [])
                rows = [
                    {
                        "id": new_id(),
                        "created_at": now,
                        "updated_at": now,
                        "hlc": "",
                        "origin": "",
                        "deleted": False,
                        "school_id": plan.school.key,
                        "adviser_id": plan.school.diary,
                        "start": plan.start,
                        "end": plan.end,
                        "purpose": plan.visit.purpose,
                        "programme_year": year,
                        "programme_slot": plan.visit.slot,
                        "status": "done" if plan.start and plan.start.date() < TODAY else "planned",
                    }
                    for plan in plans
                    if plan.start is not None
                ]
                session.execute(insert(Visit), rows)
                count += len(rows)
        return count, schools
    finally:
        database.dispose()


def build_empty(path: Path) -> None:
    """An identity and nothing else: the same grid with no data."""
    database = open_database(path)
    try:
        with database.session() as session:
            create_identity(session, keystore_for(database), name="Bench", role=Role.SIA)
    finally:
        database.dispose()


class UiClock:
    """Seconds spent on the UI thread in the calendar's own code while it shows a month:
    handing the month to the grid and agenda (``CalendarScreen._show``), drawing the grid
    and drawing the agenda's lines."""

    def __init__(self) -> None:
        self.spent = 0.0
        self.originals: list[tuple[type, str, Any]] = []

    def wrap(self, owner: type, name: str) -> None:
        original = getattr(owner, name)
        clock = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                clock.spent += time.perf_counter() - started

        self.originals.append((owner, name, original))
        setattr(owner, name, timed)

    def __enter__(self) -> UiClock:
        self.wrap(CalendarScreen, "_show")
        self.wrap(MonthGrid, "render")
        self.wrap(Agenda, "render_line")
        return self

    def __exit__(self, *_exc: object) -> None:
        for owner, name, original in self.originals:
            setattr(owner, name, original)


async def navigate(database: Database, months: int) -> tuple[list[float], list[float]]:
    """Per PgDn to a month not read before: wall seconds until it is on screen, and the
    seconds of the calendar's own UI-thread work in that time."""
    app = make_app(database, today=lambda: TODAY)
    timings: list[float] = []
    ui: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("c")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        with UiClock() as clock:
            for _ in range(months):
                started, before = time.perf_counter(), clock.spent
                await pilot.press("pagedown")
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()
                timings.append(time.perf_counter() - started)
                ui.append(clock.spent - before)
    return timings, ui


def time_reads(database: Database, repeat: int) -> tuple[list[float], int]:
    """Seconds to read one month grid of the large database; visits in it."""
    timings, shown = [], 0
    with database.session() as session:
        for n in range(repeat):
            first, last = month_grid_bounds(date(2025, 9 + n % 4, 1))
            started = time.perf_counter()
            period = calendar_period(session, first, last, TODAY)
            timings.append(time.perf_counter() - started)
            shown = len(period.visits)
    return timings, shown


def time_render(marks: dict[date, list[Mark]], repeat: int) -> list[float]:
    """Seconds for ``MonthGrid.render`` with the given marks (outside an app: narrowest days)."""
    grid = MonthGrid(date(2025, 11, 12), TODAY)
    grid.marks = marks
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        grid.render()
        timings.append(time.perf_counter() - started)
    return timings


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=24, help="months navigated per app")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as folder:
        large, empty = Path(folder) / "large.sqlite", Path(folder) / "empty.sqlite"
        started = time.perf_counter()
        visits, schools = build_large(large)
        print(
            f"built {visits} visits for {SCHOOLS} schools in {time.perf_counter() - started:.1f} s"
        )
        build_empty(empty)
        prepare_to_run()

        results: dict[str, list[float]] = {}
        for name, path in (("empty", empty), ("large", large), ("empty", empty), ("large", large)):
            database = open_database(path)
            try:
                wall, ui = asyncio.run(navigate(database, args.repeat))
                results.setdefault(name, []).extend(wall)
                results.setdefault(f"{name}-ui", []).extend(ui)
            finally:
                database.dispose()
        full_ui, bare_ui = results["large-ui"], results["empty-ui"]
        ui_ratio = statistics.median(full_ui) / statistics.median(bare_ui)
        print(f"calendar's UI-thread work per month: large {ms(full_ui)}, empty {ms(bare_ui)}, "
              f"ratio {ui_ratio:.2f}")  # fmt: skip
        full, bare = results["large"], results["empty"]
        ratio = statistics.median(full) / statistics.median(bare)
        extra = (statistics.median(full) - statistics.median(bare)) * 1000
        print(
            f"month navigation, large database: median {ms(full)}, best {min(full) * 1000:.2f} ms"
        )
        print(
            f"month navigation, empty database: median {ms(bare)}, best {min(bare) * 1000:.2f} ms"
        )
        print(f"ratio of medians: {ratio:.2f}; extra per month {extra:.2f} ms "
              f"({extra / FRAME_MS:.2f} of a 60 Hz frame)")  # fmt: skip

        database = open_database(large)
        try:
            reads, shown = time_reads(database, 20)
            with database.session() as session:
                first, last = month_grid_bounds(date(2025, 11, 1))
                period = calendar_period(session, first, last, TODAY)
            marks: dict[date, list[Mark]] = {}
            for visit in period.visits:
                marks.setdefault(visit.start.date(), []).append(Mark.of(visit.status))
            print(f"reading one month grid ({shown} visits): median {ms(reads)}")
            print(
                f"drawing the grid: with marks {ms(time_render(marks, 200))}, "
                f"without {ms(time_render({}, 200))}"
            )

            template = default_template()
            with database.session() as session:
                existing = [
                    DiaryVisit(v.id, v.school_id, v.start, v.end, v.status, v.adviser_id or "",
                               v.programme_year, v.programme_slot)
                    for v in session.exec(select(Visit).where(col(Visit.start) >= AUGUST_2027))
                ]  # fmt: skip
            timings, planned = [], 0
            for _ in range(5):
                started = time.perf_counter()
                plans = plan_year(template, 2027, schools, existing)
                timings.append(time.perf_counter() - started)
                planned = sum(plan.state == "proposed" for plan in plans)
            print(f"plan_year, {SCHOOLS} schools in {ADVISERS} diaries: median {ms(timings)} "
                  f"({planned} visits proposed)")  # fmt: skip
            service = []
            for _ in range(5):
                with database.session() as session:
                    started = time.perf_counter()
                    plan = programme_plan(session, year=2027, today=TODAY)
                    service.append(time.perf_counter() - started)
            proposed = plan.count("proposed")
            print(f"programme_plan service, the adviser's {SCHOOLS // ADVISERS} schools on the "
                  f"large database: median {ms(service)} ({proposed} proposed)")  # fmt: skip
        finally:
            database.dispose()


if __name__ == "__main__":
    main()
