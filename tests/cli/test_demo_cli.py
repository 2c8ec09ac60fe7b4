"""``sia-console demo`` through the real command line."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.demo.lead import DemoFiles
from sia_console.paths import demo_db_path

runner = CliRunner()
TODAY = "2027-03-15"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def visits(db: Path) -> list[dict[str, object]]:
    code, out, err = run("--db", str(db), "visits", "list", "--json")
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_demo_fills_the_named_database_and_prints_a_summary(db_path: Path) -> None:
    code, out, err = run("--db", str(db_path), "demo", "--seed", "2", "--no-open", "--today", TODAY)
    assert code == 0, err
    assert "15 link schools" in out and str(db_path) in out and "notes of visit" in out
    filled = visits(db_path)
    assert len(filled) >= 90
    notes = json.loads(run("--db", str(db_path), "notes", "list", "--json")[1])
    assert notes and any(n["status"] == "draft" for n in notes)

    code, out, err = run("--db", str(db_path), "demo", "--no-open", "--today", TODAY)
    assert code == 0 and "already holds the demo year" in err and "--fresh" in err
    assert "15 link schools" in out
    assert len(visits(db_path)) == len(filled)


def test_fresh_replaces_a_demo_year_and_only_a_demo(db_path: Path, tmp_path: Path) -> None:
    db = str(db_path)
    assert run("--db", db, "demo", "--seed", "2", "--no-open", "--today", TODAY)[0] == 0
    first = run("--db", db, "identity", "show", "--json")[1]
    code, out, err = run(
        "--db", db, "demo", "--seed", "5", "--fresh", "--no-open", "--today", TODAY
    )
    assert code == 0, err
    assert out.startswith(f"Removed the demo year at {db}; filling a new one.")
    again = run("--db", db, "identity", "show", "--json")[1]
    assert json.loads(again)["id"] != json.loads(first)["id"]  # a new adviser, new keys
    assert run("--db", db, "notes", "list")[0] == 0

    real = tmp_path / "real.sqlite"
    assert run("--db", str(real), "init", "--name", "A Real Adviser", "--role", "sia")[0] == 0
    code, out, err = run("--db", str(real), "demo", "--fresh", "--no-open")
    assert code == 1 and "not a demo" in err and "--fresh" in err
    assert run("--db", str(real), "identity", "show")[0] == 0  # untouched


def test_demo_is_deterministic(tmp_path: Path) -> None:
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    for path in (one, two):
        assert run("--db", str(path), "demo", "--seed", "9", "--no-open", "--today", TODAY)[0] == 0

    def shape(path: Path) -> list[tuple[object, ...]]:
        return [(v["school_code"], v["start"], v["status"], v["purpose"]) for v in visits(path)]

    assert shape(one) == shape(two)


def test_demo_refuses_a_database_with_other_data(db_path: Path) -> None:
    assert run("--db", str(db_path), "init", "--name", "A Real Adviser", "--role", "sia")[0] == 0
    code, out, err = run("--db", str(db_path), "demo", "--no-open")
    assert code == 1 and out == ""
    assert "not a demo" in err and len(err.strip().splitlines()) == 1
    assert visits(db_path) == []


def test_demo_without_db_uses_the_demo_database_not_the_real_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real.sqlite"
    monkeypatch.setenv("SIA_CONSOLE_DB", str(real))
    code, out, err = run("demo", "--no-open", "--today", TODAY)
    assert code == 0, err
    assert demo_db_path().exists() and str(demo_db_path()) in out
    assert not real.exists()


def test_demo_opens_the_terminal_ui(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    fake = types.ModuleType("sia_console.tui.launch")
    fake.launch = opened.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sia_console.tui.launch", fake)
    code, _out, err = run("--db", str(db_path), "demo", "--today", TODAY)
    assert code == 0, err
    assert opened == [db_path]
    code, _out, err = run("--db", str(db_path), "demo")
    assert code == 0 and "opening it" in err and opened == [db_path, db_path]


@pytest.mark.parametrize("args", [["demo", "--seed", "many"], ["demo", "--open-wide"]])
def test_a_wrong_command_line_exits_2(db_path: Path, args: list[str]) -> None:
    assert run("--db", str(db_path), *args)[0] == 2
    assert not db_path.exists()


def test_a_bad_today_exits_1(db_path: Path) -> None:
    code, _out, err = run("--db", str(db_path), "demo", "--no-open", "--today", "2027-02-30")
    assert code == 1 and "--today" in err


def test_the_demo_comes_with_a_trusted_core_lead_so_a_bundle_goes_end_to_end(
    db_path: Path, tmp_path: Path
) -> None:
    code, out, err = run("--db", str(db_path), "demo", "--no-open", "--today", TODAY)
    assert code == 0, err
    files = DemoFiles.beside(db_path)
    assert files.lead.exists() and files.adviser_card.exists() and files.lead_card.exists()
    assert f"--db {db_path}" in out and f"SIA_CONSOLE_DB={db_path}" in out
    assert str(files.lead) in out
    lead = json.loads(run("--db", str(files.lead), "identity", "show", "--json")[1])
    assert lead["role"] == "core-lead"
    assert "PRIVATE" not in files.lead_card.read_text() + files.adviser_card.read_text()

    out_folder = tmp_path / "usb"
    out_folder.mkdir()
    code, out, err = run("--db", str(db_path), "bundle", "export", "--out", str(out_folder))
    assert code == 0, err
    code, out, err = run("--db", str(files.lead), "bundle", "import", str(out_folder), "--json")
    assert code == 0, err
    (report,) = json.loads(out)
    assert report["status"] == "imported" and report["added"] > 0


def test_fresh_makes_a_new_core_lead_too(db_path: Path) -> None:
    assert run("--db", str(db_path), "demo", "--no-open", "--today", TODAY)[0] == 0
    lead = DemoFiles.beside(db_path).lead
    first = json.loads(run("--db", str(lead), "identity", "show", "--json")[1])["id"]
    code, _out, err = run("--db", str(db_path), "demo", "--fresh", "--no-open", "--today", TODAY)
    assert code == 0, err
    again = json.loads(run("--db", str(lead), "identity", "show", "--json")[1])["id"]
    assert again != first


def test_a_file_where_the_core_lead_would_go_that_is_not_a_demo_is_left_alone(
    db_path: Path,
) -> None:
    lead = DemoFiles.beside(db_path).lead
    assert run("--db", str(lead), "init", "--name", "A Real Lead", "--role", "core-lead")[0] == 0
    code, _out, err = run("--db", str(db_path), "demo", "--no-open", "--today", TODAY)
    assert code == 1 and "not a demo" in err
    assert not db_path.exists()  # refused before anything was written
    shown = json.loads(run("--db", str(lead), "identity", "show", "--json")[1])
    assert shown["name"] == "A Real Lead"


def test_a_demo_made_before_it_had_a_core_lead_gets_one(db_path: Path) -> None:
    assert run("--db", str(db_path), "demo", "--no-open", "--today", TODAY)[0] == 0
    files = DemoFiles.beside(db_path)
    for part in (files.lead, files.lead_card):
        part.unlink()
    code, out, err = run("--db", str(db_path), "demo", "--no-open", "--today", TODAY)
    assert code == 0, err
    assert files.lead.exists() and str(files.lead) in out
