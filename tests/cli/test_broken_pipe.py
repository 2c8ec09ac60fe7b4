"""A reader that closes the pipe early (``sia-console schools list | head -1``).

The command ends quietly: exit 0 and nothing on stderr, whether it was printing a table
or JSON. A real pipe is needed, so the command runs in a child process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sia_console.storage.database import open_database


@pytest.mark.parametrize(
    "command",
    [
        ["schools", "list"],
        ["schools", "list", "--json"],
        ["bundle", "history"],
        ["bundle", "conflicts", "--json"],
    ],
)
def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "sia.sqlite"
    open_database(db, create=True).dispose()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    child = subprocess.Popen(
        [sys.executable, "-m", "sia_console", "--db", str(db), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before the command writes anything
    stderr = child.stderr.read().decode("utf-8")
    child.stderr.close()
    assert child.wait(timeout=60) == 0
    assert stderr == ""
