"""The app and the command line on one database at once: nothing the app writes is lost.

The app opens its database first through ``sqlite3`` (``storage.quick``), then in full.
Reading the file's header again with Python while SQLite had it open dropped the process's
locks on it; a command run meanwhile then found the database unused as it closed, and
deleted the WAL the app went on writing to: every save after that was gone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from sia_console.domain.enums import Role
from sia_console.keys.store import keystore_for
from sia_console.services.identity import create_identity
from sia_console.services.settings import save_setting
from sia_console.storage.database import open_database
from sia_console.storage.quick import QuickDatabase, open_ready


def _command(path: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "sia_console", "--db", str(path), *args],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"},
    )


def _settings(path: Path) -> dict[str, str]:
    database = open_database(path, create=False)
    try:
        with database.session() as session:
            rows = session.execute(text("SELECT key, value FROM setting")).all()
    finally:
        database.dispose()
    return {key: value for key, value in rows}


def test_what_the_app_writes_while_a_command_runs_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    made = open_database(path)
    with made.session() as session:
        create_identity(session, keystore_for(made), name="Elin Lloyd", role=Role.SIA)
    made.dispose()

    connection = open_ready(path)
    assert connection is not None
    app = QuickDatabase(path, connection)  # as the app opens it: sqlite3, then in full
    try:
        database = app.database()
        _command(path, "visits", "list", "--json")  # read through sqlite3, then closed
        _command(path, "settings", "set", "floor-target", "66")  # opened in full, written
        assert path.with_name(path.name + "-wal").exists()  # still the app's WAL
        with database.session() as session:
            save_setting(session, "note_overdue_days", 9)
            session.commit()
    finally:
        app.dispose()
    settings = _settings(path)
    assert settings.get("note_overdue_days") == "9"  # the app's, written after both commands
    assert settings.get("floor_target") == "66.0"
