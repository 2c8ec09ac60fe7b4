"""Does autosave slow typing down? 2,000 characters typed with it on and with it off.

The note editor is opened headless (``App.run_test(size=(100, 30))``) on a draft of the
demo year (seed 7, Monday 23 November 2026) and 2,000 characters of a note (letters,
Welsh letters, punctuation, new lines) are typed through the Pilot, twenty at a time,
as fast as the app takes them. With autosave **on**, the editor saves as it does for an
adviser (after each pause and at least every second, in a worker thread); with it
**off**, the same editor never saves. Rounds alternate, each on a fresh copy of the
database. The ratio of the median typing times is the cost of autosave to typing;
target: at most 1.1.

Run: ``.venv/bin/python bench/typing.py [--rounds N] [--chars N]``.
"""

from __future__ import annotations

import os
import sys

# Run as a script, this file's folder comes first on the path, and this file would then
# hide the standard library's ``typing`` from everything imported below.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != _HERE]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import math  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import keyring  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sia_console.demo.year import fill_demo  # noqa: E402
from sia_console.domain.enums import NoteStatus  # noqa: E402
from sia_console.keys.store import keystore_for  # noqa: E402
from sia_console.services.notes.editing import open_or_create_note  # noqa: E402
from sia_console.services.programme.visits import list_visits  # noqa: E402
from sia_console.storage.database import open_database  # noqa: E402
from sia_console.tui.launch import make_app  # noqa: E402
from sia_console.tui.notes.editor import NoteEditorScreen  # noqa: E402

TODAY = date(2026, 11, 23)
TARGET = 1.1
WORDS = [
    "the",
    "school",
    "Dŵr",
    "tŷ",
    "pupils'",
    "reading,",
    "writing;",
    "maths",
    "(Y6)",
    "62%",
    "governors",
    "oracy",
]


class MemoryKeyring(KeyringBackend):
    """Keeps the demo identity's keys out of the real OS keyring."""

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


def keys_for(text: str) -> list[str]:
    return ["enter" if char == "\n" else char for char in text]


def note_text(chars: int) -> str:
    rng = random.Random(7)
    words: list[str] = []
    while len(" ".join(words)) < chars:
        words.append(rng.choice(WORDS) + ("\n" if rng.random() < 0.05 else ""))
    return " ".join(words)[:chars]


async def type_once(path: Path, visit: str, text: str, autosave: bool) -> tuple[float, int]:
    """Seconds to type ``text``, and how many saves ran while typing."""
    database = open_database(path)
    app = make_app(database, today=lambda: TODAY, edit_visit=visit)
    saves = 0
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, NoteEditorScreen)
            if not autosave:
                screen.autosaver.policy.pause = screen.autosaver.policy.max_wait = math.inf
                screen.autosaver.save = lambda extra=(), force=False: None  # type: ignore[method-assign]
            keys = keys_for(text)
            started = time.perf_counter()
            for at in range(0, len(keys), 20):
                await pilot.press(*keys[at : at + 20])
            await pilot.pause()
            elapsed = time.perf_counter() - started
            writer = screen.autosaver.writer
            saves = writer._sequence if writer else 0
            await app.workers.wait_for_complete()
    finally:
        database.dispose()
    return elapsed, saves


def prepare(folder: Path) -> tuple[Path, str]:
    keyring.set_keyring(MemoryKeyring())
    path = folder / "demo.sqlite"
    database = open_database(path)
    with database.session() as session:
        fill_demo(session, keystore_for(database), seed=7, today=TODAY)
    with database.session() as session:
        visit = next(r.id for r in list_visits(session) if r.note_status is NoteStatus.DRAFT)
    database.dispose()
    return path, visit


def fresh_copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / f"{name}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chars", type=int, default=2000)
    args = parser.parse_args()
    text = note_text(args.chars)
    times: dict[bool, list[float]] = {True: [], False: []}
    saves: list[int] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source, visit = prepare(folder)
        for number in range(args.rounds):
            for autosave in (number % 2 == 0, number % 2 != 0):
                copy = fresh_copy(source, folder, f"r{number}-{autosave}")
                elapsed, count = asyncio.run(type_once(copy, visit, text, autosave))
                times[autosave].append(elapsed)
                if autosave:
                    saves.append(count)
                    check(copy, visit, text)
    on, off = statistics.median(times[True]), statistics.median(times[False])
    print(f"typing {args.chars} characters, {args.rounds} rounds each, alternating")
    print(f"autosave on : median {on:.2f} s, best {min(times[True]):.2f} s, saves {saves}")
    print(f"autosave off: median {off:.2f} s, best {min(times[False]):.2f} s")
    print(f"ratio of medians {on / off:.3f} (target ≤ {TARGET})")
    return 0 if on / off <= TARGET else 1


def check(path: Path, visit: str, text: str) -> None:
    """Everything typed was saved (the last of it as the editor closed)."""
    database = open_database(path)
    with database.session() as session:
        detail = open_or_create_note(session, visit)
    database.dispose()
    assert detail.sections[0].text.endswith(text), "the typed text was not all saved"


if __name__ == "__main__":
    raise SystemExit(main())
