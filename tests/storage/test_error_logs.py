"""Errors and logs carry no personal data; a database that cannot be written is a sentence.

A failing write's SQL parameters (a note's text, a headteacher's name and email) never
reach an exception's text, and an error log names only classes and places.
"""

from __future__ import annotations

import os
import stat
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from sia_console import diagnostics
from sia_console.domain.models import School
from sia_console.storage.database import Database, open_database
from sia_console.storage.errors import StorageError

HEAD = "Myfanwy Secret-Headteacher"
EMAIL = "myfanwy.private@example.org"


def refuse_every_school(db: Database) -> None:
    """A trigger makes every new school fail inside SQLite, after its values were sent."""
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER no_schools BEFORE INSERT ON school "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        )


def failing_write(db: Database) -> IntegrityError:
    refuse_every_school(db)
    with pytest.raises(IntegrityError) as caught, db.session() as session:
        session.add(
            School(
                code="P1",
                name="Ysgol Breifat",
                local_authority="Gwynedd",
                headteacher=HEAD,
                email=EMAIL,
            )
        )
        session.flush()
    return caught.value


def test_a_failing_write_keeps_its_parameters_out_of_the_error(database: Database) -> None:
    error = failing_write(database)
    assert HEAD not in str(error) and EMAIL not in str(error)
    assert "hidden" in str(error)  # SQLAlchemy says that it left them out


def test_the_file_engine_hides_parameters_too(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        error = failing_write(db)
    finally:
        db.dispose()
    assert HEAD not in str(error) and EMAIL not in str(error)


def test_the_error_log_names_classes_and_places_only(database: Database, tmp_path: Path) -> None:
    error = failing_write(database)
    try:
        raise RuntimeError(f"while saving {HEAD} <{EMAIL}>") from error
    except RuntimeError as outer:
        log = diagnostics.write_error_log(outer, tmp_path / "logs")
    written = log.read_text(encoding="utf-8")
    assert HEAD not in written and EMAIL not in written and "while saving" not in written
    assert "refused" not in written  # SQLite's own message is left out as well
    assert "RuntimeError" in written and "sqlalchemy.exc.IntegrityError" in written
    assert "caused by sqlite3.IntegrityError" in written
    assert "tests/storage/test_error_logs.py, line" in written
    assert "in test_the_error_log_names_classes_and_places_only" in written
    assert str(Path.home()) not in written


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_log_and_its_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)  # as an earlier version left it
    try:
        raise ValueError(EMAIL)
    except ValueError as error:
        log = diagnostics.write_error_log(error, folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert EMAIL not in log.read_text(encoding="utf-8")


def test_one_failure_seen_twice_is_logged_once(tmp_path: Path) -> None:
    def fail() -> None:
        raise KeyError("x")

    logs = []
    for _ in range(2):
        try:
            fail()
        except KeyError as error:
            logs.append(diagnostics.write_error_log(error, tmp_path))
    assert logs[0] == logs[1] and len(list(tmp_path.iterdir())) == 1


def test_the_unexpected_sentence_names_the_log() -> None:
    try:
        raise LookupError(HEAD)
    except LookupError as error:
        sentence = diagnostics.unexpected_error(error)
    assert sentence.startswith("Unexpected error (LookupError); details were written to ")
    assert HEAD not in sentence
    log = Path(
        sentence.removeprefix("Unexpected error (LookupError); details were written to ")[:-1]
    )
    assert log.with_suffix("").name.startswith("error-") and log.read_text(encoding="utf-8")


def test_a_read_only_connection_gives_one_sentence(db_path: Path) -> None:
    db = open_database(db_path)
    db.engine.dispose()

    def read_only(connection: object, _record: object) -> None:
        with closing(connection.cursor()) as cursor:  # type: ignore[attr-defined]
            cursor.execute("PRAGMA query_only = ON")

    event.listen(db.engine, "connect", read_only)
    try:
        with pytest.raises(StorageError) as caught, db.session() as session:
            session.add(School(code="R1", name="Read Only", local_authority="Powys"))
    finally:
        db.dispose()
    assert str(caught.value) == (
        f"Cannot use the database {db_path}: the file or its folder is read-only."
    )
