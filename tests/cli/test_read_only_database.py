"""A database the user may not write to gets one sentence and exit 1, never a traceback.

A read-only folder stops SQLite from opening the database at all, so every command is
refused at the start. A read-only file in a folder the user may write to can still be
read; a command that writes fails deep inside, and still gets the one sentence.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sia_console.domain.models import School
from sia_console.storage.database import open_database

READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes and users are POSIX here")


def _make(folder_mode: int) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="sia-ro-"))
    path = folder / "locked.sqlite"
    db = open_database(path)
    with db.session() as session:
        session.add(School(code="6612001", name="Ysgol y Graig", local_authority="Ynys Môn"))
    db.dispose()
    for leftover in folder.glob("locked.sqlite-*"):
        leftover.unlink()
    (folder / "schools.csv").write_text(
        "code,name,local_authority,headteacher\n6612001,Ysgol y Graig,Ynys Môn,Siân Ŵyn\n",
        encoding="utf-8",
    )
    path.chmod(READ_ONLY)
    folder.chmod(folder_mode)
    yield path
    folder.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def read_only_database() -> Iterator[Path]:
    """A read-only file in a read-only folder."""
    yield from _make(0o555)


@pytest.fixture
def read_only_file() -> Iterator[Path]:
    """A read-only file in a folder anyone may write to."""
    yield from _make(0o777)


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    args = tuple(str(db.parent / a) if a.endswith(".csv") else a for a in args)
    command = [sys.executable, "-m", "sia_console", "--db", str(db), *args]
    if os.geteuid() == 0:  # root ignores file modes: run as an ordinary user instead
        if shutil.which("setpriv") is None:
            pytest.skip("setpriv is needed to drop root privileges")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    home = Path(tempfile.mkdtemp(prefix="sia-home-"))
    home.chmod(0o777)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home),
        "XDG_STATE_HOME": str(home),
        "SIA_CONSOLE_PASSPHRASE": "not needed",
    }
    try:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def assert_one_read_only_sentence(result: subprocess.CompletedProcess[str], db: Path) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Unexpected" not in result.stderr
    assert str(db) in result.stderr and "read-only" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


WRITES = [
    ["schools", "import", "schools.csv"],  # a new headteacher: an update
    ["settings", "set", "floor-target", "70"],
]


def test_read_only_database_is_one_sentence(read_only_database: Path) -> None:
    before = read_only_database.read_bytes()
    result = run(read_only_database, "visits", "list")
    assert_one_read_only_sentence(result, read_only_database)
    assert read_only_database.read_bytes() == before


@pytest.mark.parametrize("command", WRITES, ids=lambda c: " ".join(c[:2]))
def test_a_write_in_a_read_only_folder_is_one_sentence(
    read_only_database: Path, command: list[str]
) -> None:
    before = read_only_database.read_bytes()
    assert_one_read_only_sentence(run(read_only_database, *command), read_only_database)
    assert read_only_database.read_bytes() == before


@pytest.mark.parametrize("command", WRITES, ids=lambda c: " ".join(c[:2]))
def test_a_write_to_a_read_only_file_is_one_sentence(
    read_only_file: Path, command: list[str]
) -> None:
    before = read_only_file.read_bytes()
    assert_one_read_only_sentence(run(read_only_file, *command), read_only_file)
    assert read_only_file.read_bytes() == before


def test_a_read_only_file_can_still_be_read(read_only_file: Path) -> None:
    before = read_only_file.read_bytes()
    result = run(read_only_file, "schools", "list")
    assert result.returncode == 0, result.stderr
    assert "Ysgol y Graig" in result.stdout
    assert read_only_file.read_bytes() == before
