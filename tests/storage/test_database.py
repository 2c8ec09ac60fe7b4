"""Opening databases: pragmas, migrations with backups, and refusals that touch nothing."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from sia_console.domain.models import School
from sia_console.storage import migrations
from sia_console.storage.database import open_database
from sia_console.storage.errors import StorageError


def test_new_database_has_the_safety_pragmas(db_path: Path) -> None:
    db = open_database(db_path)
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    db.dispose()


def test_new_database_is_at_the_head_revision(db_path: Path) -> None:
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == migrations.head_revision()


def test_installation_id_survives_reopening(db_path: Path) -> None:
    first = open_database(db_path)
    first.dispose()
    second = open_database(db_path)
    assert second.installation_id == first.installation_id
    second.dispose()


def test_every_change_is_stamped_with_a_rising_clock(database: object) -> None:
    from sia_console.storage.database import Database

    assert isinstance(database, Database)
    with database.session() as session:
        school = School(code="W1", name="Ysgol y Graig", local_authority="Ynys Môn")
        session.add(school)
    first = school.hlc
    assert first and school.origin == database.installation_id
    with database.session() as session:
        loaded = session.get(School, school.id)
        assert loaded is not None
        loaded.name = "Ysgol y Graig (newydd)"
        session.add(loaded)
    assert loaded.hlc > first


def test_unchanged_record_keeps_its_version(database: object) -> None:
    from sia_console.storage.database import Database

    assert isinstance(database, Database)
    with database.session() as session:
        school = School(code="E1", name="Oakfield Primary", local_authority="Wiltshire")
        session.add(school)
    version = school.hlc
    with database.session() as session:
        loaded = session.get(School, school.id)
        assert loaded is not None
        loaded.name = "Oakfield Primary"  # same value: not a change
        session.add(loaded)
    assert loaded.hlc == version


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        open_database(tmp_path)


def test_non_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"This is a Word document, honestly.\n")
    before = path.read_bytes()
    with pytest.raises(StorageError, match="not a sia-console database"):
        open_database(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(StorageError, match="not a sia-console database"):
        open_database(path)
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"recipes"}


def test_database_from_a_newer_version_is_refused_and_untouched(db_path: Path) -> None:
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="newer version of sia-console"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_missing_database_without_create(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="There is no database"):
        open_database(tmp_path / "absent.sqlite", create=False)


def test_pending_migration_takes_an_online_backup_first(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(db_path)
    with db.session() as session:
        session.add(School(code="B1", name="Backup Primary", local_authority="Wiltshire"))
    db.dispose()
    scripts = tmp_path / "scripts"
    shutil.copytree(migrations.script_location(), scripts)
    (scripts / "versions" / "9999_add_column.py").write_text(
        "from alembic import op\n"
        "import sqlalchemy as sa\n"
        "revision = '9999'\n"
        f"down_revision = {migrations.head_revision()!r}\n"
        "branch_labels = None\n"
        "depends_on = None\n"
        "def upgrade():\n"
        "    op.add_column('school', sa.Column('motto', sa.String(), nullable=True))\n"
        "def downgrade():\n"
        "    op.drop_column('school', 'motto')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrations, "script_location", lambda: scripts)
    monkeypatch.setattr(migrations, "SCHEMA_REVISION", "9999")
    open_database(db_path).dispose()
    backups = list(db_path.parent.glob("sia.backup-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM school")]
        columns = [row[1] for row in connection.execute("PRAGMA table_info(school)")]
    assert names == ["Backup Primary"] and "motto" not in columns
    with sqlite3.connect(db_path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(school)")]
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert "motto" in columns and revision == "9999"


def test_a_second_process_can_write_while_the_first_is_open(db_path: Path) -> None:
    db = open_database(db_path)
    with db.session() as session:
        session.add(School(code="P1", name="First Process", local_authority="Gwynedd"))
    script = (
        "from pathlib import Path\n"
        "from sia_console.storage.database import open_database\n"
        "from sia_console.domain.models import School\n"
        f"db = open_database(Path({str(db_path)!r}))\n"
        "with db.session() as s:\n"
        "    s.add(School(code='P2', name='Second Process', local_authority='Conwy'))\n"
    )
    with db.engine.connect() as reader:  # an open reader must not block the writer (WAL)
        reader.execute(text("SELECT count(*) FROM school")).scalar()
        subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    with db.session() as session:
        codes = sorted(s.code for s in session.exec(select(School)).all())
    assert codes == ["P1", "P2"]
    db.dispose()


def test_schema_revision_constant_matches_the_migration_scripts() -> None:
    assert migrations.head_revision() == migrations.SCHEMA_REVISION


def test_a_version_from_the_far_future_already_stored_is_not_adopted(tmp_path: Path) -> None:
    """A database that took such a version before bundles' clocks were checked: this
    laptop's clock is not moved to the year 2286 by it."""
    from sia_console.domain.models import School
    from sia_console.storage.stamping import PRESERVE_KEY

    path = tmp_path / "poisoned.sqlite"
    db = open_database(path)
    with db.session() as s:
        s.info[PRESERVE_KEY] = True
        s.add(
            School(
                code="P1",
                name="Ysgol Bell",
                local_authority="Gwynedd",
                hlc="9999999999999.99999." + db.installation_id,
                origin=db.installation_id,
            )
        )
    db.dispose()
    again = open_database(path)
    try:
        assert again.clock.last.millis < 10**13 - 1
        with again.session() as s:
            school = School(code="P2", name="Ysgol Newydd", local_authority="Gwynedd")
            s.add(school)
            s.flush()
            assert not school.hlc.startswith("9999")
    finally:
        again.dispose()
