"""How long sia-console takes to show its dashboard, against a bare Textual app.

One run measures both, headless (``App.run_test``), each start in a fresh interpreter
(as a real start is: nothing warmed by an earlier run), several times, alternating:

* **sia-console**: ``make_app`` over a demo database file (seed 7, Monday 23 November
  2026) until the dashboard's worker has read the data, the widgets have it and the
  screen has been refreshed;
* **bare Textual**: an app with the same widget tree (Header, Footer, the Statics, five
  DataTables in the same containers) and the same key hints in the footer, filled from
  in-memory lists with the same rows when it mounts: no database, no worker thread, no
  services, no stylesheet.

Both are timed after their imports and after ``launch.prepare_to_run()`` (as ``launch``
does). The ratio of the medians of wall time is the cost of our layers (SQLite in a
worker thread, services, formatting, CSS) over Textual itself; the target is at most 1.3.
CPU time (less disturbed by other programs), opening the database (migration check) and
the import time of each app are reported beside it.

Run: ``.venv/bin/python bench/startup.py [--repeat N]`` from the checkout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

import keyring
from keyring.backend import KeyringBackend
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from sia_console.demo.year import fill_demo
from sia_console.keys.store import keystore_for
from sia_console.services.today import DashboardSummary, dashboard_summary
from sia_console.storage.database import open_database
from sia_console.tui.launch import make_app, prepare_to_run

TODAY = date(2026, 11, 23)
SEED = 7
SIZE = (120, 36)
TARGET_RATIO = 1.3


class MemoryKeyring(KeyringBackend):
    """A keyring in memory, so the demo identity's keys never reach the real OS keyring."""

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


def build_demo(folder: Path) -> Path:
    """A database file holding the demo year."""
    path = folder / "demo.sqlite"
    keyring.set_keyring(MemoryKeyring())
    database = open_database(path)
    try:
        with database.session() as session:
            fill_demo(session, keystore_for(database), seed=SEED, today=TODAY)
    finally:
        database.dispose()
    return path


def table_rows(summary: DashboardSummary) -> list[tuple[tuple[str, ...], list[tuple[str, ...]]]]:
    """The six tables as (columns, rows) of plain strings, as the bare app shows them."""
    return [
        (
            ("Time", "School", "Note", "Purpose"),
            [(f"{v.start:%H:%M}", v.school_name, str(v.note_status), v.purpose) for v in
             summary.today_visits],
        ),
        (
            ("When", "School", "Status", "Note", "Purpose"),
            [(f"{v.start:%a %d %b %H:%M}", v.school_name, v.status, str(v.note_status), v.purpose)
             for v in summary.week_visits],
        ),
        (
            ("School", "Done/due", "Planned", "Needs"),
            [(c.school_name, f"{c.done_of_due}/{c.due}", f"{c.planned}/{c.programme}",
              f"{c.behind} late, {c.to_plan} to plan") for c in summary.programme_behind],
        ),
        (
            ("Visit", "School", "Note", "Overdue by"),
            [(f"{n.visit_start:%a %d %b}", n.school_name, str(n.note_status), str(n.days_overdue))
             for n in summary.overdue_notes],
        ),
        (
            ("School", "Judged", "Trend"),
            [(r.school_name, f"{r.judged_on:%a %d %b}", str(r.previous_level))
             for r in summary.high_risk],
        ),
        (
            ("Due", "School", "Action", "Owner"),
            [(str(a.due), a.school_name, a.text, a.owner) for a in summary.actions_due],
        ),
    ]  # fmt: skip


class BareTable(DataTable[str]):
    """A DataTable whose Enter shows in the footer, as ours does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open school"),
        Binding("n", "nothing", "Note"),
    ]

    def action_nothing(self) -> None:
        """Stand-in for opening a note."""


class BareDashboard(App[None]):
    """The dashboard's widget tree and key hints, filled synchronously from lists.

    No database, no worker, no services, no stylesheet: only Textual's own work.
    """

    BINDINGS: ClassVar[list[BindingType]] = [  # the keys our dashboard's footer shows
        Binding("s", "nothing", "Schools"),
        Binding("f", "nothing", "Find"),
        Binding("c", "nothing", "Calendar"),
        Binding("q", "quit", "Quit"),
        Binding("r", "nothing", "Refresh"),
    ]

    def __init__(self, tables: list[tuple[tuple[str, ...], list[tuple[str, ...]]]]) -> None:
        super().__init__()
        self.tables = tables

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Monday 23 November 2026")
            yield Static("")
            with Container():
                for column in ((0, 1, 2), (3, 4, 5)):
                    with Vertical():
                        for _ in column:
                            with Vertical():
                                yield BareTable(cursor_type="row", zebra_stripes=True)
                                yield Static("Nothing here.")
        yield Footer()

    def on_mount(self) -> None:
        for table, (columns, rows) in zip(self.query(BareTable), self.tables, strict=True):
            table.add_columns(*columns)
            table.add_rows(rows)
            table.display = bool(rows)
        for note, (_columns, rows) in zip(
            self.query("Vertical > Static"), self.tables, strict=True
        ):
            note.display = not rows
        next(table for table in self.query(BareTable) if table.display).focus()

    def action_nothing(self) -> None:
        """Stand-in for moving between screens."""


async def time_until_shown(factory: Callable[[], App[Any]]) -> tuple[float, float, int]:
    """Wall and CPU seconds from building the app to its screen showing its data; rows."""
    started, cpu = time.perf_counter(), time.process_time()
    app = factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        elapsed, used = time.perf_counter() - started, time.process_time() - cpu
        rows = sum(table.row_count for table in app.screen.query(DataTable))
    return elapsed, used, rows


def one_start(which: str, path: Path) -> None:
    """In a fresh interpreter: start one app as ``launch`` would and print its timings."""
    import sia_console.tui.app  # noqa: F401  (imports are timed separately)

    database = open_database(path)
    try:
        if which == "ours":
            factory: Callable[[], App[Any]] = partial(make_app, database, today=fixed_today)
        else:
            with database.session() as session:
                factory = partial(BareDashboard, table_rows(dashboard_summary(session, TODAY)))
        prepare_to_run()  # as launch() does, for both apps alike
        print(json.dumps(asyncio.run(time_until_shown(factory))))
    finally:
        database.dispose()


def fixed_today() -> date:
    """The benchmark's Monday."""
    return TODAY


def start_in_child(which: str, path: Path) -> tuple[float, float, int]:
    """Run :func:`one_start` in a new interpreter, as a real start would be."""
    output = subprocess.run(
        [sys.executable, __file__, "--one", which, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    wall, cpu, rows = json.loads(output.strip().splitlines()[-1])
    return wall, cpu, rows


def import_seconds(statement: str) -> float:
    """Median time to run ``statement`` (imports) in a fresh interpreter."""
    script = f"import time\nt = time.perf_counter()\n{statement}\nprint(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                             text=True).stdout)
        for _ in range(3)
    ]  # fmt: skip
    return statistics.median(runs)


def describe(label: str, seconds: list[float]) -> str:
    """One line: median and best of a series, in milliseconds."""
    median, best = statistics.median(seconds) * 1000, min(seconds) * 1000
    return f"{label:<30}{median:7.1f} ms median {best:7.1f} ms best"


def main(repeat: int) -> int:
    """Alternate fresh starts of both apps and compare them."""
    with tempfile.TemporaryDirectory() as folder:
        path = build_demo(Path(folder))
        opened: list[float] = []
        for _ in range(3):
            started = time.perf_counter()
            open_database(path).dispose()
            opened.append(time.perf_counter() - started)
        times: dict[str, list[tuple[float, float]]] = {"ours": [], "bare": []}
        rows: dict[str, int] = {}
        for _ in range(repeat):  # alternate, so that a busy machine slows both alike
            for which in times:
                wall, cpu, rows[which] = start_in_child(which, path)
                times[which].append((wall, cpu))
    assert rows["ours"] == rows["bare"], rows
    walls = {which: [w for w, _ in series] for which, series in times.items()}
    cpus = {which: [c for _, c in series] for which, series in times.items()}
    ratio = statistics.median(walls["ours"]) / statistics.median(walls["bare"])
    cpu_ratio = statistics.median(cpus["ours"]) / statistics.median(cpus["bare"])
    our_import = import_seconds(
        "from sia_console.tui.launch import make_app, prepare_to_run\nimport sia_console.tui.app"
    )
    bare_import = import_seconds(
        "from textual.app import App\nfrom textual.widgets import DataTable, Footer, Header, Static"
    )
    print(f"rows on the dashboard:        {rows['ours']}")
    print(f"starts:                       {repeat} of each, alternating, {SIZE[0]}x{SIZE[1]}")
    print(describe("sia-console dashboard:", walls["ours"]))
    print(describe("bare Textual, same widgets:", walls["bare"]))
    print(f"ratio of medians:             {ratio:7.2f}  (target <= {TARGET_RATIO})")
    print(describe("  CPU, sia-console:", cpus["ours"]))
    print(describe("  CPU, bare Textual:", cpus["bare"]))
    print(f"  CPU ratio of medians:       {cpu_ratio:7.2f}")
    print(describe("open_database (migrations):", opened))
    print(f"import sia-console TUI:       {our_import * 1000:7.1f} ms (fresh interpreter)")
    print(f"import Textual widgets:       {bare_import * 1000:7.1f} ms (fresh interpreter)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="fresh starts of each app")
    parser.add_argument("--one", nargs=2, metavar=("APP", "DB"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one:
        one_start(arguments.one[0], Path(arguments.one[1]))
        sys.exit(0)
    sys.exit(main(arguments.repeat))
