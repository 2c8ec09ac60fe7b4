"""``--db`` never changes a file that is not ours: one sentence, exit 1, the file untouched.

Untouched means the same bytes, the same modification time, and no -wal, -shm or
-journal file beside it, for reading and writing commands alike (``init`` included).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.storage.fileformat import APPLICATION_ID, application_id

runner = CliRunner()
SIDE_FILES = ("-wal", "-shm", "-journal")
COMMANDS = [
    ["schools", "list"],
    ["visits", "list", "--json"],
    ["notes", "list"],
    ["identity", "show"],
    ["settings", "show"],
    ["init", "--name", "Meinir Prys", "--role", "sia"],
    ["visits", "add", "--school", "6612001", "--start", "2026-11-24T09:30"],
]


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def assert_untouched(path: Path, before: tuple[bytes, int]) -> None:
    assert snapshot(path) == before
    assert [end for end in SIDE_FILES if path.with_name(path.name + end).exists()] == []


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    """Another program's SQLite database, in rollback-journal mode as most are."""
    path = tmp_path / "recipes.sqlite"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE recipes (name TEXT, method TEXT)")
        connection.execute("INSERT INTO recipes VALUES ('cawl', 'Simmer slowly.')")
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_foreign_sqlite_file_is_refused_untouched(foreign: Path, command: list[str]) -> None:
    before = snapshot(foreign)
    code, out, err = invoke(foreign, *command)
    assert code == 1, out
    assert err.strip() == f"{foreign} is an SQLite database but not a sia-console database."
    assert_untouched(foreign, before)


def test_a_file_of_another_application_id_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other-app.sqlite"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA application_id = 42")
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('0007')")
    before = snapshot(path)
    code, _out, err = invoke(path, "schools", "list")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "not a sia-console database" in err
    assert_untouched(path, before)


@pytest.mark.parametrize("command", COMMANDS[:5], ids=lambda c: " ".join(c[:2]))
def test_an_empty_file_is_refused_by_a_reading_command(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    before = snapshot(path)
    code, _out, err = invoke(path, *command)
    assert code == 1
    assert err.strip() == f"{path} is an empty file, not a sia-console database."
    assert_untouched(path, before)


def test_init_may_start_a_database_in_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    code, _out, err = invoke(path, "init", "--name", "Meinir Prys", "--role", "sia")
    assert code == 0, err
    with path.open("rb") as handle:
        assert application_id(handle.read(100)) == APPLICATION_ID
    assert invoke(path, "schools", "list")[0] == 0


def test_a_text_file_and_a_folder_are_still_refused(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("Not a database.\n", encoding="utf-8")
    before = snapshot(text_file)
    code, _out, err = invoke(text_file, "schools", "list")
    assert code == 1
    assert err.strip() == f"{text_file} is not a sia-console database (not an SQLite file)."
    assert_untouched(text_file, before)
    code, _out, err = invoke(tmp_path, "schools", "list")
    assert code == 1 and err.strip() == f"{tmp_path} is a folder, not a database file."
