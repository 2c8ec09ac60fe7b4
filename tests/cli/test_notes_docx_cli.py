"""``notes export-docx`` through the real command line, on the demo year."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.formats.docx_text import note_id_of_file
from tests.docx_support import make_demo_file

runner = CliRunner()


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo_file(tmp_path_factory.mktemp("docx-cli"))


@pytest.fixture(scope="module")
def notes(db: Path) -> list[dict[str, str]]:
    code, out, err = invoke(db, "notes", "list", "--json")
    assert code == 0, err
    return list(json.loads(out))


def test_all_writes_one_file_per_note(
    db: Path, notes: list[dict[str, str]], tmp_path: Path
) -> None:
    code, out, err = invoke(db, "notes", "export-docx", "--all", "--out", str(tmp_path))
    assert code == 0, err
    written = sorted(tmp_path.glob("*.docx"))
    assert len(written) == len(notes)
    assert {note_id_of_file(p) for p in written} == {n["id"] for n in notes}
    assert out.strip().splitlines()[-1] == f"{len(notes)} notes exported to {tmp_path}."
    assert not list(tmp_path.glob(".*.part"))


def test_final_json_prints_id_and_path(
    db: Path, notes: list[dict[str, str]], tmp_path: Path
) -> None:
    code, out, err = invoke(
        db, "notes", "export-docx", "--all", "--final", "--out", str(tmp_path), "--json"
    )
    assert code == 0, err
    assert err == ""
    printed = json.loads(out)
    assert {p["id"] for p in printed} == {n["id"] for n in notes if n["status"] == "final"}
    for item in printed:
        assert set(item) >= {"id", "path"}
        path = Path(item["path"])
        assert path.parent == tmp_path and note_id_of_file(path) == item["id"]


def test_ids_and_prefixes(db: Path, notes: list[dict[str, str]], tmp_path: Path) -> None:
    first, second = notes[0]["id"], notes[-1]["id"]
    code, out, err = invoke(
        db, "notes", "export-docx", first[:8], second, "--out", str(tmp_path), "--json"
    )
    assert code == 0, err
    assert [item["id"] for item in json.loads(out)] == [first, second]
    assert len(list(tmp_path.glob("*.docx"))) == 2


def test_an_unknown_id_is_exit_1_and_writes_nothing(
    db: Path, notes: list[dict[str, str]], tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    code, out, err = invoke(
        db, "notes", "export-docx", notes[0]["id"], "0000dead0000", "--out", str(out_dir)
    )
    assert code == 1 and out == ""
    assert err.strip() == "There is no note with id 0000dead0000."
    assert not out_dir.exists()


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--all", "0123456789ab"],
        ["--final", "0123456789ab"],
        ["--all", "--bogus"],
    ],
)
def test_a_wrong_command_line_is_exit_2(db: Path, tmp_path: Path, args: list[str]) -> None:
    code, _out, _err = invoke(db, "notes", "export-docx", *args, "--out", str(tmp_path / "x"))
    assert code == 2
    assert not (tmp_path / "x").exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes and users are POSIX here")
def test_a_read_only_folder_is_one_sentence(db: Path, notes: list[dict[str, str]]) -> None:
    work = Path(tempfile.mkdtemp(prefix="sia-docx-ro-"))
    try:
        work.chmod(0o777)
        database = work / "demo.sqlite"
        shutil.copyfile(db, database)
        database.chmod(0o666)
        locked = work / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        command = [sys.executable, "-m", "sia_console", "--db", str(database), "notes"]
        command += ["export-docx", notes[0]["id"], "--out", str(locked)]
        if os.geteuid() == 0:  # root ignores file modes: run as an ordinary user instead
            if shutil.which("setpriv") is None:
                pytest.skip("setpriv is needed to drop root privileges")
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        env = {**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work)}
        env["XDG_STATE_HOME"] = str(work)
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert f"in {locked}: it is read-only." in result.stderr
        assert list(locked.iterdir()) == []
    finally:
        shutil.rmtree(work, ignore_errors=True)
