"""The demo year (seed 7) as seen on Monday 23 November 2026, and the app over it.

The demo database is filled once per test session by ``demo.year.fill_demo`` and
copied for each test, so every test starts from the same rows and may change its copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import keyring
import pytest
from textual.widgets import Input, TextArea

from sia_console.demo.year import fill_demo
from sia_console.keys.store import keystore_for
from sia_console.storage.database import Database, open_database
from sia_console.tui.app import SiaConsole
from sia_console.tui.launch import make_app
from tests.memory_keyring import MemoryKeyring

TODAY = date(2026, 11, 23)
"""A Monday in the autumn term."""
DEMO_SEED = 7


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text cursors stay shown instead of blinking: a snapshot would otherwise catch a
    focused box's cursor on or off by chance (its blink is a half-second timer)."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda _self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda _self: None)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the demo year, made once per session."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # the demo identity's keys go nowhere real
    database = open_database(path)
    try:
        with database.session() as session:
            fill_demo(session, keystore_for(database), seed=DEMO_SEED, today=TODAY)
    finally:
        database.dispose()
        keyring.set_keyring(previous)
    return path


@pytest.fixture
def filled_database(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """This test's own copy of the demo database."""
    copy = tmp_path / demo_file.name
    for suffix in ("", "-wal", "-shm"):
        source = demo_file.with_name(demo_file.name + suffix)
        if source.exists():
            shutil.copyfile(source, copy.with_name(copy.name + suffix))
    database = open_database(copy)
    yield database
    database.dispose()


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[Database]:
    """A new database file: no identity, no schools."""
    database = open_database(tmp_path / "new.sqlite")
    yield database
    database.dispose()


@pytest.fixture
def app_for() -> Callable[[Database], SiaConsole]:
    """Build the app over a database, on the fixed day."""
    return lambda database: make_app(database, today=lambda: TODAY)


@pytest.fixture
def app(filled_database: Database, app_for: Callable[[Database], SiaConsole]) -> SiaConsole:
    """The app over the demo year on Monday 23 November 2026."""
    return app_for(filled_database)
