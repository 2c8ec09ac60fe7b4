"""Pull the plug while an adviser types: at most the last two seconds may be lost.

The real program runs in a child process (``sia-console --db FILE edit VISIT`` in a tmux
terminal; without tmux, the same app headless in a child Python). The test types a
known text at a brisk pace, SIGKILLs the child at a random moment, and then reads the
database file: the saved text must be a prefix of what was typed, must hold everything
typed up to two seconds before the kill, and ``PRAGMA integrity_check`` must be ``ok``.
Finally the program is started again and must offer to reopen the interrupted draft.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sia_console.domain.models import School, Visit
from sia_console.storage.database import open_database

pytestmark = pytest.mark.slow

TRIALS = 20
PARALLEL = 2
SEED = 20261123
LOSS_ALLOWED = 2.0
CHUNK_GAP = 0.1
"""Seconds between chunks of 2–6 characters: a fast typist, never pausing."""
WORDS = (
    *("Dŵr", "tŷ", "â", "ŵ", "ŷ", "phonics", "[bold]", "reading", "writing", "maths"),
    *("governors", "attendance", "oracy", "[@click=app.quit]", "cynllun", "100%"),
    *("evidence:", "pupils'", "(Y6)", "moderation", "{x}", "~", "a/b", "[/", "[00]"),
)
"""Welsh letters and markup-like text among the words (no ";": tmux reads it itself)."""
READY_TIMEOUT = 60.0


@dataclass
class Trial:
    """One run: the visit written up, what was sent when, and when the kill came."""

    visit_id: str
    sent: list[tuple[float, int]]
    """``(time, characters sent so far)`` after each chunk."""
    text: str
    killed_at: float


def typed_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(400))


def chunks(text: str, rng: random.Random) -> Iterator[str]:
    at = 0
    while at < len(text):
        size = rng.randint(2, 6)
        yield text[at : at + size]
        at += size


@pytest.fixture
def crash_db(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "crash.sqlite"
    database = open_database(path)
    with database.session() as session:
        school = School(code="CR1", name="Ysgol y Graig", local_authority="Gwynedd")
        session.add(school)
        session.flush()
        visits = []
        for day in range(TRIALS):
            start = datetime(2026, 11, 2, 9, 0) + timedelta(days=day)
            visit = Visit(school_id=school.id, start=start, end=start + timedelta(hours=3))
            session.add(visit)
            visits.append(visit.id)
    database.dispose()
    return path, visits


def child_environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        TERM="xterm-256color",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        TEXTUAL_ANIMATIONS="none",
    )
    return env


def saved_text(db: Path, visit_id: str) -> str | None:
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT s.text FROM note_section s JOIN note_of_visit n ON n.id = s.note_id "
            "WHERE n.visit_id = ? AND s.key = 'who_was_met'",
            (visit_id,),
        ).fetchone()
    return None if row is None else str(row[0])


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


class Tmux:
    """A private tmux server (its own socket), so no one else's sessions are touched."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"sia-crash-{os.getpid()}"
        self.env = env
        # A session that outlives the trials: tmux ends its server with its last session,
        # and a session started at that moment would race the server's exit.
        self.run("new-session", "-d", "-s", "keeper", "exec sleep 3600")

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=20,
            check=False,
        )
        return done.stdout

    def start(self, name: str, command: str) -> int:
        for _attempt in range(3):  # (tmux answered nothing: see whether it started, retry)
            pid = self.run(
                "new-session",
                "-d",
                "-x",
                "110",
                "-y",
                "32",
                "-s",
                name,
                "-P",
                "-F",
                "#{pane_pid}",
                f"exec {command}",
            ).strip()
            if not pid:
                time.sleep(0.5)
                pid = self.run("display-message", "-p", "-t", name, "#{pane_pid}").strip()
            if pid:
                return int(pid)
        raise AssertionError(f"tmux did not start {name}")

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def type(self, name: str, text: str) -> None:
        self.run("send-keys", "-t", name, "-l", text)

    def close(self) -> None:
        self.run("kill-server")


def wait_for(check: object, timeout: float = READY_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("the program did not get ready in time")


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:  # killed but not yet reaped by its parent (tmux): a zombie holds nothing open
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return fields[0] == "Z"
    except (OSError, IndexError):
        return False


def type_until_killed(
    rng: random.Random, send: object, kill: object, text: str, lasts: float
) -> tuple[list[tuple[float, int]], float]:
    sent: list[tuple[float, int]] = []
    count = 0
    begun = time.monotonic()
    for piece in chunks(text, rng):
        if time.monotonic() - begun >= lasts:
            break
        send(piece)  # type: ignore[operator]
        count += len(piece)
        sent.append((time.monotonic(), count))
        time.sleep(CHUNK_GAP)
    killed_at = time.monotonic()
    kill()  # type: ignore[operator]
    return sent, killed_at


def check_trial(db: Path, trial: Trial) -> None:
    saved = saved_text(db, trial.visit_id)
    assert saved is not None, "the note was never created"
    assert trial.text.startswith(saved), f"saved text is not what was typed: {saved[-40:]!r}"
    needed = max((n for at, n in trial.sent if at <= trial.killed_at - LOSS_ALLOWED), default=0)
    assert len(saved) >= needed, (
        f"lost more than {LOSS_ALLOWED}s: {len(saved)} of {needed} characters saved "
        f"({trial.sent[-1][1] if trial.sent else 0} sent)"
    )
    assert integrity(db) == "ok"


def kill_moment(rng: random.Random, trial: int) -> float:
    """Half the kills come late enough that two seconds of typing must have been saved."""
    return rng.uniform(2.1, 3.1) if trial % 2 == 0 else rng.uniform(0.2, 3.1)


def test_sigkill_while_typing_loses_at_most_two_seconds(
    crash_db: tuple[Path, list[str]], tmp_path: Path
) -> None:
    db, visits = crash_db
    env = child_environment(tmp_path / "home")
    if shutil.which("tmux") is None:
        run_headless(db, visits, env)
        return
    tmux = Tmux(env)
    program = f"{sys.executable} -m sia_console --db {db}"

    def launch(number: int) -> tuple[str, int]:
        name = f"trial{number}"
        return name, tmux.start(name, f"{program} edit {visits[number]}")

    def trial(number: int, name: str, pid: int) -> Trial:
        rng = random.Random(SEED + number)
        text = typed_text(rng)
        sent, killed_at = type_until_killed(
            rng,
            lambda piece: tmux.type(name, piece),
            lambda: os.kill(pid, signal.SIGKILL),
            text,
            kill_moment(rng, number),
        )
        wait_for(lambda: gone(pid), timeout=5)
        return Trial(visits[number], sent, text, killed_at)

    def trials(first: int) -> list[Trial]:
        """Every PARALLEL-th trial from ``first``, one after another. Each trial's program
        starts while the trial before it is typed into, so no trial waits for its program
        to start; each trial is exactly as it would be alone."""
        numbers = range(first, TRIALS, PARALLEL)
        done: list[Trial] = []
        launched = launch(numbers[0])
        for at, number in enumerate(numbers):
            name, pid = launched
            wait_for(lambda name=name: "words in this section" in tmux.screen(name))
            if at + 1 < len(numbers):
                launched = launch(numbers[at + 1])
            done.append(trial(number, name, pid))
        return done

    try:
        # Two at a time (two processes writing one database file, as the CLI beside the
        # TUI would): the whole run stays short without shortening any one trial.
        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            for done in pool.map(trials, range(PARALLEL)):
                for each in done:
                    check_trial(db, each)
        pid = tmux.start("restart", program)
        wait_for(lambda: "Reopen the draft?" in tmux.screen("restart"))
        os.kill(pid, signal.SIGKILL)
    finally:
        tmux.close()


DRIVER = """
import asyncio, sys
from datetime import date
from pathlib import Path
from sia_console.storage.database import open_database
from sia_console.tui.launch import make_app

async def main() -> None:
    database = open_database(Path(sys.argv[1]))
    app = make_app(database, today=lambda: date(2026, 11, 23), edit_visit=sys.argv[2])
    async with app.run_test(size=(110, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("READY", flush=True)
        for line in sys.stdin:
            await pilot.press(*line.rstrip("\\n"))
            print("TYPED", flush=True)

asyncio.run(main())
"""


def run_headless(db: Path, visits: list[str], env: dict[str, str]) -> None:
    """The same trials without a terminal: the app headless in a child Python."""
    for number, visit in enumerate(visits):
        rng = random.Random(SEED + number)
        child = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(db), visit],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdin is not None and child.stdout is not None
        assert child.stdout.readline().strip() == "READY"
        text = typed_text(rng).replace("\n", " ")

        def send(piece: str, child: subprocess.Popen[str] = child) -> None:
            assert child.stdin is not None and child.stdout is not None
            child.stdin.write(piece + "\n")
            child.stdin.flush()
            child.stdout.readline()

        def kill(child: subprocess.Popen[str] = child) -> None:
            child.send_signal(signal.SIGKILL)

        sent, killed_at = type_until_killed(rng, send, kill, text, kill_moment(rng, number))
        child.wait(timeout=5)
        check_trial(db, Trial(visit, sent, text, killed_at))
