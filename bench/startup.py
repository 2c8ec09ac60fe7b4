"""How long a person waits for sia-console, against bare Textual and Typer programs.

Every start is a **fresh process, timed from launch**: the interpreter, the imports and
everything up to the moment the data is on the terminal (or the command has printed and
exited). Each case alternates sia-console and its bare baseline (``bare_apps.py``), so a
busy machine slows both alike, and reports the median of each and the ratio of medians:

* **dashboard** (target ≤ 1.3): ``sia-console --db demo.sqlite`` (the demo year, seed 7,
  made for today) in a real terminal, a pseudo-terminal of 120×35 that this script reads,
  until "Notes overdue (" (the panel's title once it has its rows) is on the screen;
  against a bare Textual app with the same widgets and rows, until its own panel says so;
* **core lead home** (target ≤ 1.5): the same on the large authority of ``authority.py``
  (400 schools, 24,000 visits, 20,000 notes; its builder), 160×48, until
  "Risk register (" is on the screen;
* **--help** (target ≤ 2): ``sia-console --help`` against a bare Typer program with two
  commands, until it exits;
* **notes list --json** and **visits list --json** on the demo (target ≤ 2.5 for a
  listing command): against the bare Typer program's ``list --json``, which reads the same
  rows with one ``sqlite3`` statement and prints them as JSON.

The terminal is read with the standard library's ``pty``: the screen's bytes are
stripped of escape sequences and searched for the marker, so no tmux is needed and the
reader costs little. Children get their own config and data folders and no keyring.
The exit status is 1 when a target is missed.

Run: ``.venv/bin/python bench/startup.py [--repeat N] [--only CASE ...] [--authority FILE]``
from the checkout (about 3 minutes with the default 9 starts of each; building the large
authority takes a few seconds more, ``--authority FILE`` keeps it).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BARE = HERE / "bare_apps.py"
SIA_CONSOLE = Path(sys.executable).with_name("sia-console")
SEED = 7
CPU: list[float] = []
"""The CPU seconds (user and system) of each start, in order (a steadier second opinion)."""
ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


@dataclass(frozen=True)
class Case:
    """One comparison: how to start each side, and when it counts as shown."""

    name: str
    target: float
    ours: list[str]
    bare: list[str]
    marker: bytes | None = None
    """Text on the terminal that says the data is shown; ``None``: time until exit."""
    size: tuple[int, int] = (120, 35)


def child_env(home: Path) -> dict[str, str]:
    """The environment of every start: a private home for config, data and logs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIA_CONSOLE", "XDG_"))}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home)
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="en_GB.UTF-8")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    # As on a person's machine, Python keeps the compiled modules (the first, unmeasured
    # start of each case writes them): without it every start compiles all of our source
    # while Textual's, compiled when it was installed, is read as it is.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_on_terminal(
    argv: list[str], marker: bytes, size: tuple[int, int], env: dict[str, str]
) -> float:
    """Seconds from launching ``argv`` in a pseudo-terminal until ``marker`` is on it."""
    columns, rows = size
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size its terminal, then become the program
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.execve(argv[0], argv, env)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 60)
            if not ready:
                raise TimeoutError(f"{marker!r} not shown in 60 s: {seen[-400:]!r}")
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child has gone
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv[0]} ended before {marker!r}: {seen[-400:]!r}")
            seen += chunk
            if marker in ESCAPES.sub(b"", seen[-8192:]):
                return time.perf_counter() - started
    finally:
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        CPU.append(usage.ru_utime + usage.ru_stime)
        os.close(fd)


def time_to_exit(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from launching ``argv`` until it has printed everything and exited."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, argv)
    CPU.append(usage.ru_utime + usage.ru_stime)
    return elapsed


def compare(case: Case, repeat: int, env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Alternate fresh starts of both sides, after one unmeasured start of each; the CPU
    time of each start is left in :data:`CPU` (ours and bare alternating)."""

    def once(argv: list[str]) -> float:
        if case.marker is None:
            return time_to_exit(argv, env)
        return time_on_terminal(argv, case.marker, case.size, env)

    once(case.ours), once(case.bare)  # warm the file cache
    CPU.clear()
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(repeat):
        ours.append(once(case.ours))
        bare.append(once(case.bare))
    return ours, bare


# ----------------------------------------------------------------------------- the data


def build_demo(path: Path, today: date) -> None:
    """The demo year (seed 7) made for ``today``, its keys in a keyring in memory."""
    import keyring

    sys.path.insert(0, str(HERE))
    from calendar_view import MemoryKeyring

    from sia_console.demo.year import fill_demo
    from sia_console.keys.store import keystore_for
    from sia_console.storage.database import open_database

    keyring.set_keyring(MemoryKeyring())
    database = open_database(path)
    try:
        with database.session() as session:
            fill_demo(session, keystore_for(database), seed=SEED, today=today)
    finally:
        database.dispose()


def names(row: Any) -> list[str]:
    """The fields of a result row (a dataclass or a named tuple)."""
    return list(row._fields) if isinstance(row, tuple) else [f.name for f in fields(row)]


def strings(row: Any) -> list[str]:
    """A result row as the plain strings of its fields, for the bare app's table."""
    return [str(getattr(row, name)) for name in names(row)]


def columns_of(rows: tuple[Any, ...] | list[Any]) -> list[str]:
    return names(rows[0]) if rows else ["-"]


def dashboard_rows(path: Path, today: date) -> dict[str, Any]:
    """The adviser's dashboard for the bare app: headline, six panels, two columns."""
    from sia_console.services.today import dashboard_summary
    from sia_console.storage.database import open_database

    database = open_database(path)
    try:
        with database.session() as session:
            s = dashboard_summary(session, today)
    finally:
        database.dispose()
    panels = [
        ("Today", s.today_visits),
        ("Rest of this week", s.week_visits),
        ("Behind the programme", s.programme_behind),
        ("Notes overdue", s.overdue_notes),
        ("High risk schools", s.high_risk),
        ("Actions due", s.actions_due),
    ]
    return {
        "headline": f"{today:%A %-d %B %Y} · {s.adviser_name} · {s.school_count} link schools",
        "tables": [(t, columns_of(rows), [strings(r) for r in rows]) for t, rows in panels],
        "columns": [[0, 1, 2], [3, 4, 5]],
        "wide": False,
    }


def authority_rows(path: Path, today: date) -> dict[str, Any]:
    """The core lead's home screen for the bare app: headline, filter, five panels."""
    from sia_console.services.authority.summary import authority_summary
    from sia_console.storage.database import open_database

    database = open_database(path)
    try:
        with database.session() as session:
            s = authority_summary(session, today)
    finally:
        database.dispose()
    every = [["All authorities", str(label), str(n)] for label, n in s.categories.totals]
    by_authority = [strings(r)[:3] for r in s.categories.by_authority]
    changes = s.categories.changes
    panels: list[tuple[str, list[str], list[list[str]]]] = [
        ("Coverage per SIA", columns_of(s.coverage), [strings(r) for r in s.coverage]),
        ("Risk register", columns_of(s.risk), [strings(r) for r in s.risk]),
        ("Support categories", ["Authority", "Category", "Schools"], every + by_authority),
        ("Changes of category this year", columns_of(changes), [strings(r) for r in changes]),
        ("Actions past their due date", columns_of(s.overdue_actions),
         [strings(r) for r in s.overdue_actions]),
    ]  # fmt: skip
    return {
        "headline": f"{today:%A %-d %B %Y} · {s.authority} · {len(s.coverage)} SIAs",
        "tables": panels,
        "columns": [[0], [1, 2, 3], [4]],
        "wide": True,
    }


# ----------------------------------------------------------------------------- the report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="fresh starts of each side")
    parser.add_argument(
        "--only",
        nargs="*",
        help="only these: help, 'notes list', 'visits list', dashboard, 'core lead home'",
    )
    parser.add_argument("--authority", type=Path, help="keep the large authority here")
    args = parser.parse_args()
    from sia_console.domain.vocabulary import london_today

    today = london_today()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        home = folder / "home"
        home.mkdir()
        env = child_env(home)
        demo = folder / "demo.sqlite"
        build_demo(demo, today)
        cases = [
            Case("help", 2.0, [str(SIA_CONSOLE), "--help"],
                 [sys.executable, str(BARE), "cli", "--help"]),
            *(
                Case(f"{group} list", 2.5,
                     [str(SIA_CONSOLE), "--db", str(demo), group, "list", "--json"],
                     [sys.executable, str(BARE), "cli", "--db", str(demo), group, "list", "--json"])
                for group in ("notes", "visits")
            ),
            Case("dashboard", 1.3, [str(SIA_CONSOLE), "--db", str(demo)],
                 [sys.executable, str(BARE), "dashboard", str(folder / "dashboard.json")],
                 marker=b"Notes overdue ("),
            Case("core lead home", 1.5, [str(SIA_CONSOLE), "--db", "AUTHORITY"],
                 [sys.executable, str(BARE), "authority", str(folder / "authority.json")],
                 marker=b"Risk register (", size=(160, 48)),
        ]  # fmt: skip
        chosen = [c for c in cases if not args.only or c.name in args.only]
        (folder / "dashboard.json").write_text(json.dumps(dashboard_rows(demo, today)))
        if any(c.name == "core lead home" for c in chosen):
            authority = prepare_authority(args.authority or folder / "authority.sqlite", today)
            (folder / "authority.json").write_text(json.dumps(authority_rows(authority, today)))
            chosen = [
                Case(c.name, c.target, [str(authority) if a == "AUTHORITY" else a for a in c.ours],
                     c.bare, c.marker, c.size)
                for c in chosen
            ]  # fmt: skip
        print(f"{today:%A %-d %B %Y}; {args.repeat} fresh starts of each side, alternating; "
              f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
        print(f"{'case':<22}{'sia-console':>14}{'bare':>12}{'ratio':>9}{'target':>9}"
              f"{'CPU ratio':>11}")  # fmt: skip
        missed = 0
        for case in chosen:
            ours, bare = compare(case, args.repeat, env)
            ratio = statistics.median(ours) / statistics.median(bare)
            cpu = statistics.median(CPU[0::2]) / statistics.median(CPU[1::2])
            missed += ratio > case.target
            print(
                f"{case.name:<22}{statistics.median(ours) * 1000:11.0f} ms"
                f"{statistics.median(bare) * 1000:9.0f} ms{ratio:9.2f}{case.target:>8}×"
                f"{cpu:11.2f}{'' if ratio <= case.target else '  missed'}",
                flush=True,
            )
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 1 if missed else 0


def prepare_authority(path: Path, today: date) -> Path:
    """The large authority of ``authority.py`` at ``path`` (built there if missing)."""
    sys.path.insert(0, str(HERE))
    import authority as authority_bench

    from sia_console.storage.database import open_database

    if not path.exists():
        started = time.perf_counter()
        authority_bench.build(path)
        print(f"built the large authority in {time.perf_counter() - started:.1f} s")
    open_database(path).dispose()  # migrated, if it was built by an older version
    return path


if __name__ == "__main__":
    sys.exit(main())
