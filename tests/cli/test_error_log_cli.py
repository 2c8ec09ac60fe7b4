"""An unexpected failure of a command is one sentence and a log with no personal data.

The failures here are real: a trigger makes SQLite refuse the write after the command
has sent a headteacher's name and email address (or a visit's purpose) as parameters.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.paths import log_dir

runner = CliRunner()
HEAD = "Angharad Private-Head"
EMAIL = "angharad.private@example.org"
PURPOSE = "Discuss Mr Rhys Confidential's capability plan"
LOG_SENTENCE = "Unexpected error (IntegrityError); details were written to "


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def refuse(db: Path, table: str, when: str) -> None:
    import sqlite3

    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(
            f"CREATE TRIGGER refuse_{table} BEFORE {when} ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'refused by a test'); END"
        )


@pytest.fixture
def db(db_path: Path, tmp_path: Path) -> Path:
    assert invoke(db_path, "init", "--name", "Meinir Prys", "--role", "sia")[0] == 0
    first = tmp_path / "first.csv"
    first.write_text(
        "code,name,local_authority,headteacher,email\n"
        "6612001,Ysgol y Graig,Ynys Môn,Siân Ŵyn,pennaeth@example.org\n",
        encoding="utf-8",
    )
    assert invoke(db_path, "schools", "import", str(first))[0] == 0
    return db_path


def logged(stderr: str) -> Path:
    [line] = stderr.strip().splitlines()  # one sentence
    assert line.startswith(LOG_SENTENCE) and line.endswith(".log.")
    return Path(line.removeprefix(LOG_SENTENCE)[:-1])


def test_a_failed_import_logs_no_name_and_no_email(db: Path, tmp_path: Path) -> None:
    refuse(db, "school", "UPDATE")
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "code,name,local_authority,headteacher,email\n"
        f"6612001,Ysgol y Graig,Ynys Môn,{HEAD},{EMAIL}\n",
        encoding="utf-8",
    )
    code, _out, err = invoke(db, "schools", "import", str(changed))
    assert code == 1 and "Traceback" not in err
    log = logged(err)
    assert log.parent == log_dir()
    written = log.read_text(encoding="utf-8")
    assert HEAD not in written and EMAIL not in written and "Ysgol y Graig" not in written
    assert "refused by a test" not in written
    assert "sqlalchemy.exc.IntegrityError" in written
    assert "sia_console/services/schools/register.py, line" in written
    if os.name == "posix":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
        assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_a_failed_visit_logs_no_purpose(db: Path) -> None:
    refuse(db, "visit", "INSERT")
    code, _out, err = invoke(
        db, "visits", "add", "--school", "6612001", "--start", "2026-11-24T09:30",
        "--purpose", PURPOSE,
    )  # fmt: skip
    assert code == 1
    written = logged(err).read_text(encoding="utf-8")
    assert PURPOSE not in written and "Confidential" not in written


def test_the_installed_command_logs_the_same_way(db: Path, tmp_path: Path) -> None:
    """Through ``python -m sia_console``, as a user runs it (logging configured)."""
    refuse(db, "school", "UPDATE")
    changed = tmp_path / "changed.csv"
    changed.write_text(
        f"code,name,local_authority,headteacher,email\n6612001,Ysgol,Ynys Môn,{HEAD},{EMAIL}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "sia_console", "--db", str(db), "schools", "import", str(changed)],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )
    assert result.returncode == 1 and result.stdout == ""
    assert HEAD not in result.stderr and EMAIL not in result.stderr
    written = logged(result.stderr).read_text(encoding="utf-8")
    assert HEAD not in written and EMAIL not in written
