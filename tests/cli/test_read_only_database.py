"""A database the user may not write to gets one sentence and exit 1, never a traceback."""

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

from sia_console.storage.database import open_database


@pytest.fixture
def read_only_database() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="sia-ro-"))
    path = folder / "locked.sqlite"
    db = open_database(path)
    db.dispose()
    for leftover in folder.glob("locked.sqlite-*"):
        leftover.unlink()
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(os.name != "posix", reason="file modes and users are POSIX here")
def test_read_only_database_is_one_sentence(read_only_database: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "sia_console",
        "--db",
        str(read_only_database),
        "visits",
        "list",
    ]
    if os.geteuid() == 0:  # root ignores file modes: run as an ordinary user instead
        if shutil.which("setpriv") is None:
            pytest.skip("setpriv is needed to drop root privileges")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    before = read_only_database.read_bytes()
    home = Path(tempfile.mkdtemp(prefix="sia-home-"))
    home.chmod(0o777)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home), "XDG_STATE_HOME": str(home)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert str(read_only_database) in result.stderr and "read-only" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert read_only_database.read_bytes() == before
