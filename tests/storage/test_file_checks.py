"""Files are checked before SQLite opens them: only our databases are ever changed.

Ours carry our ``application_id``; one of an earlier version (id 0) is recognised by its
migration table and tables, read without a lock or a side file. Everything else is
refused with one sentence, the file byte-for-byte and time-for-time as it was.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlmodel import select

from sia_console.domain.models import School
from sia_console.storage import migrations
from sia_console.storage.database import make_engine, open_database
from sia_console.storage.errors import StorageError
from sia_console.storage.fileformat import APPLICATION_ID, application_id

SIDE_FILES = ("-wal", "-shm", "-journal")


def header_id(path: Path) -> int:
    with path.open("rb") as handle:
        return application_id(handle.read(100))


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def side_files(path: Path) -> list[str]:
    return [end for end in SIDE_FILES if path.with_name(path.name + end).exists()]


def refused_untouched(path: Path, match: str, *, create: bool) -> None:
    before = snapshot(path)
    with pytest.raises(StorageError, match=match) as caught:
        open_database(path, create=create)
    assert len(str(caught.value).splitlines()) == 1
    assert snapshot(path) == before
    assert side_files(path) == []


def earlier_version_database(path: Path, revision: str = "0006") -> None:
    """A database as an earlier sia-console left it: no application id, at ``revision``."""
    open_database(path).dispose()
    engine = make_engine(path)
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()
    assert header_id(path) == 0 and side_files(path) == []


def test_a_new_database_carries_our_application_id(db_path: Path) -> None:
    open_database(db_path).dispose()
    assert header_id(db_path) == APPLICATION_ID == 0x53494143


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "recipes.sqlite"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.execute("INSERT INTO recipes VALUES ('bara brith')")
    for create in (False, True):
        refused_untouched(path, "SQLite database but not a sia-console database", create=create)


def test_a_foreign_file_in_rollback_mode_is_never_switched_to_wal(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('0006')")
    refused_untouched(path, "not a sia-console database", create=True)
    assert path.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal file


def test_another_programs_application_id_is_refused_even_with_our_tables(
    db_path: Path,
) -> None:
    open_database(db_path).dispose()
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("PRAGMA application_id = 1234")
    refused_untouched(db_path, "not a sia-console database", create=True)


def test_an_empty_file_is_refused_when_reading_and_started_by_init(db_path: Path) -> None:
    db_path.touch()
    refused_untouched(db_path, "is an empty file", create=False)
    open_database(db_path, create=True).dispose()
    assert header_id(db_path) == APPLICATION_ID


def test_a_truncated_sqlite_header_is_refused(db_path: Path) -> None:
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    refused_untouched(db_path, "not an SQLite file", create=True)


def test_an_earlier_version_database_is_migrated_and_marked(db_path: Path) -> None:
    earlier_version_database(db_path)
    db = open_database(db_path)
    with db.session() as session:
        session.add(School(code="O1", name="Older Primary", local_authority="Ceredigion"))
    db.dispose()
    assert header_id(db_path) == APPLICATION_ID
    with closing(sqlite3.connect(db_path)) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == migrations.SCHEMA_REVISION == "0012"
    [backup] = db_path.parent.glob("sia.backup-0006-*.sqlite")
    assert header_id(backup) == 0
    db = open_database(db_path, create=False)
    with db.session() as session:
        assert [s.code for s in session.exec(select(School))] == ["O1"]
    db.dispose()


def test_no_application_id_and_an_unknown_revision_is_refused(db_path: Path) -> None:
    earlier_version_database(db_path)
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = 'abcdef'")
    refused_untouched(db_path, "not a sia-console database", create=True)


def test_no_application_id_and_not_all_our_tables_is_refused(db_path: Path) -> None:
    earlier_version_database(db_path)
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("DROP TABLE prediction")
    refused_untouched(db_path, "not a sia-console database", create=True)
