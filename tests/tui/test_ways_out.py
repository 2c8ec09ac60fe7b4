"""Every way out of the real program keeps what was typed: Ctrl+Q, SIGTERM, the terminal
window closed under it (SIGHUP).

The program runs in a tmux terminal as an adviser runs it (``sia-console --db FILE edit
VISIT``); the test types a sentence and leaves at once, long before autosave's pause, and
then reads the database file. Ctrl+Q is sent straight after the text (tmux delivers them
in order, so it is as fast a quit as a terminal can make). A signal comes from outside the
terminal and could overtake keys still in the kernel's buffer (a closed terminal throws
those away unread), so the signal is sent as soon as the text is on the screen: the
program has it, and has not yet saved it.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sia_console.domain.models import School, Visit
from sia_console.storage.database import open_database

from .test_crash_recovery import Tmux, child_environment, gone, saved_text, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and terminals"),
]

TYPED = "Met the head, Siân ap Dafydd: reading [bold] 100% Dŵr"
SHOWN = "100% Dŵr"
"""The end of the text, as the screen shows it once the program has every key."""


@pytest.fixture
def one_visit(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "ways-out.sqlite"
    database = open_database(path)
    with database.session() as session:
        school = School(code="WO1", name="Ysgol y Graig", local_authority="Gwynedd")
        session.add(school)
        session.flush()
        start = datetime(2026, 11, 2, 9, 0)
        visit = Visit(school_id=school.id, start=start, end=start + timedelta(hours=3))
        session.add(visit)
        visit_id = visit.id
    database.dispose()
    return path, visit_id


def editing_marked(db: Path) -> bool:
    """Whether the database still says a draft is open in an editor."""
    with sqlite3.connect(db) as connection:
        return bool(connection.execute("SELECT count(*) FROM editing_state").fetchone()[0])


WAYS_OUT: dict[str, Callable[[Tmux, str, int], object]] = {
    "ctrl+q": lambda tmux, name, pid: tmux.run("send-keys", "-t", name, "C-q"),
    "sigterm": lambda tmux, name, pid: os.kill(pid, signal.SIGTERM),
    "window closed": lambda tmux, name, pid: tmux.run("kill-window", "-t", name),
}


@pytest.mark.parametrize("way", list(WAYS_OUT))
def test_text_typed_just_before_leaving_is_saved(
    one_visit: tuple[Path, str], tmp_path: Path, way: str
) -> None:
    db, visit = one_visit
    tmux = Tmux(child_environment(tmp_path / "home"))
    try:
        pid = tmux.start("note", f"{sys.executable} -m sia_console --db {db} edit {visit}")
        wait_for(lambda: "words in this section" in tmux.screen("note"))
        tmux.type("note", TYPED)
        if way != "ctrl+q":
            wait_for(lambda: SHOWN in tmux.screen("note"), timeout=5)
        WAYS_OUT[way](tmux, "note", pid)
        wait_for(lambda: gone(pid), timeout=10)
    finally:
        tmux.close()
    assert saved_text(db, visit) == TYPED
    assert not editing_marked(db), "the note was left, not interrupted"
