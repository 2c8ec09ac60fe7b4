"""The files a database is kept in are readable by their owner only (on POSIX).

SQLite gives the -wal and -shm files it makes the mode of the database file, so a
database file made private before SQLite first opens it keeps all three private.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from sia_console.domain.models import School
from sia_console.storage import migrations
from sia_console.storage.database import make_engine, open_database
from sia_console.storage.errors import StorageError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_database_and_its_side_files_are_private(db_path: Path) -> None:
    db = open_database(db_path)
    with db.session() as session:
        session.add(School(code="M1", name="Mode Primary", local_authority="Powys"))
    with db.engine.connect() as reader:  # an open connection keeps -wal and -shm there
        reader.execute(text("SELECT count(*) FROM school")).scalar()
        wal = db_path.with_name(db_path.name + "-wal")
        shm = db_path.with_name(db_path.name + "-shm")
        assert wal.exists() and shm.exists()
        assert (mode(db_path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
    db.dispose()


def test_a_new_database_folder_is_private(tmp_path: Path) -> None:
    path = tmp_path / "made" / "here" / "sia.sqlite"
    open_database(path).dispose()
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600


def test_the_backup_before_a_migration_is_private(db_path: Path) -> None:
    open_database(db_path).dispose()
    engine = make_engine(db_path)
    config = migrations.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    engine.dispose()
    os.chmod(db_path, 0o644)  # as earlier versions made them
    open_database(db_path).dispose()
    [backup] = db_path.parent.glob("sia.backup-0005-*.sqlite")
    assert mode(backup) == 0o600


def test_a_database_an_earlier_version_left_readable_is_made_private(db_path: Path) -> None:
    db = open_database(db_path)
    with db.session() as session:
        session.add(School(code="M2", name="Old Mode Primary", local_authority="Powys"))
    db.dispose()
    os.chmod(db_path, 0o644)  # as made under a 022 umask before files were private
    wal = db_path.with_name(db_path.name + "-wal")
    wal.write_bytes(b"")
    os.chmod(wal, 0o644)
    open_database(db_path).dispose()
    assert mode(db_path) == 0o600
    assert not wal.exists() or mode(wal) == 0o600


def test_a_database_that_is_not_ours_keeps_its_mode(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    other.write_bytes(b"not a database at all, someone else's file")
    os.chmod(other, 0o644)
    with pytest.raises(StorageError):  # refused as not ours, before anything is changed
        open_database(other)
    assert mode(other) == 0o644
