"""``init`` and ``identity …`` through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sia_console.cli.main import app

runner = CliRunner()


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_init_show_export_trust(tmp_path: Path) -> None:
    sia, lead = tmp_path / "sia.sqlite", tmp_path / "lead.sqlite"
    code, out, _err = invoke(sia, "init", "--name", "Siân Llŷr", "--role", "sia", "--json")
    assert code == 0
    created = json.loads(out)
    assert {"id", "name", "role", "signing_key", "encryption_key", "fingerprint"} <= set(created)
    assert created["name"] == "Siân Llŷr"
    assert invoke(lead, "init", "--name", "Core Lead", "--role", "core-lead")[0] == 0

    code, out, _err = invoke(sia, "identity", "show", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["id"] == created["id"]
    assert "AGE-SECRET-KEY" not in out
    code, out, _err = invoke(sia, "identity", "show")
    lines = out.splitlines()
    assert code == 0 and f"fingerprint     {created['fingerprint']}" in lines
    assert lines and all(line == line.rstrip() for line in lines)  # no padding to copy

    assert invoke(sia, "identity", "export", "--out", str(tmp_path / "sia.card"))[0] == 0
    code, out, _err = invoke(lead, "identity", "trust", str(tmp_path / "sia.card"), "--json")
    assert code == 0 and json.loads(out)["fingerprint"] == created["fingerprint"]


def test_init_twice_is_refused_without_force(tmp_path: Path) -> None:
    db = tmp_path / "sia.sqlite"
    assert invoke(db, "init", "--name", "A", "--role", "sia")[0] == 0
    code, out, err = invoke(db, "init", "--name", "B", "--role", "sia")
    assert code == 1 and "--force" in err and out == ""
    assert invoke(db, "init", "--name", "B", "--role", "sia", "--force")[0] == 0


def test_exit_codes(tmp_path: Path) -> None:
    db = tmp_path / "sia.sqlite"
    code, _out, err = invoke(db, "identity", "show")
    assert code == 1 and "sia-console init" in err
    code, _out, err = invoke(db, "init", "--name", "A", "--role", "headteacher")
    assert code == 2
    assert invoke(db, "init", "--name", "A", "--role", "sia")[0] == 0
    code, _out, err = invoke(db, "identity", "trust", str(tmp_path / "absent.card"))
    assert code == 1 and "absent.card" in err
    code, _out, err = invoke(tmp_path, "identity", "show")
    assert code == 1 and "is a folder" in err
    assert "Traceback" not in err


def test_headless_machine_without_keyring_uses_the_passphrase_file(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("SIA_CONSOLE_PASSPHRASE", None)
    command = [sys.executable, "-m", "sia_console", "--db", str(tmp_path / "a.sqlite")]
    refused = subprocess.run(
        [*command, "init", "--name", "A", "--role", "sia"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 1
    assert "No secure OS keyring" in refused.stderr and "Traceback" not in refused.stderr
    assert list(tmp_path.glob("a.sqlite*")) == []  # the failed init left no database
    env["SIA_CONSOLE_PASSPHRASE"] = "a long and private passphrase"
    made = subprocess.run(
        [*command, "init", "--name", "A", "--role", "sia"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    key_files = list((tmp_path / "data").rglob("*.keys.age"))
    assert len(key_files) == 1
    assert b"AGE-SECRET-KEY" not in key_files[0].read_bytes()
    exported = subprocess.run(
        [*command, "identity", "export", "--out", str(tmp_path / "a.card")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert exported.returncode == 0, exported.stderr
    env["SIA_CONSOLE_PASSPHRASE"] = "wrong"
    wrong = subprocess.run(
        [*command, "identity", "export", "--out", str(tmp_path / "b.card")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert wrong.returncode == 1 and "passphrase is wrong" in wrong.stderr
    assert not (tmp_path / "b.card").exists()
