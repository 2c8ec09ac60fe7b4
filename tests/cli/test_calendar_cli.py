"""``calendar export-ics`` and ``visits programme --template`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from sia_console.cli.main import app
from tests.cli.test_visits_cli import NEXT_YEAR, add_schools, invoke

runner = CliRunner()


@pytest.fixture
def db(db_path: Path) -> Path:
    assert invoke(db_path, "init", "--name", "Meinir Prys", "--role", "sia")[0] == 0
    add_schools(db_path)
    return db_path


def test_export_ics_writes_every_visit_with_stable_uids(db: Path, tmp_path: Path) -> None:
    code, out, err = invoke(db, "visits", "programme", "--year", NEXT_YEAR, "--apply", "--json")
    assert code == 0, err
    ids = {row["id"] for row in json.loads(out)}
    target = tmp_path / "visits.ics"
    code, out, err = invoke(db, "calendar", "export-ics", "--out", str(target))
    assert code == 0, err
    assert out.strip() == f"Wrote 12 visits to {target}."
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert {str(event["UID"]) for event in events} == {f"{i}@sia-console" for i in ids}
    code, out, _err = invoke(db, "calendar", "export-ics", "--out", str(target), "--json")
    assert code == 0
    assert json.loads(out) == {"path": str(target), "events": 12, "cancelled": 0}
    code, out, _err = invoke(
        db,
        "calendar",
        "export-ics",
        "--out",
        str(target),
        "--from",
        f"{int(NEXT_YEAR) + 1}-01-01",
        "--json",
    )
    assert json.loads(out)["events"] == 6


def test_export_ics_exit_codes(db: Path, tmp_path: Path) -> None:
    code, out, err = invoke(db, "calendar", "export-ics", "--out", str(tmp_path / "no" / "v.ics"))
    assert code == 1 and out == ""
    assert err.strip() == f"The folder {tmp_path / 'no'} does not exist."
    code, _out, err = invoke(db, "calendar", "export-ics", "--out", str(tmp_path), "--to", "x")
    assert code == 1 and "--to" in err
    assert invoke(db, "calendar", "export-ics")[0] == 2  # --out is required
    assert runner.invoke(app, ["--db", str(db), "calendar", "nonsense"]).exit_code == 2


def test_programme_with_a_template(db: Path, tmp_path: Path) -> None:
    template = tmp_path / "two.toml"
    template.write_text(
        '[programme]\nname = "Two"\n\n[[visit]]\nfrom = "09-07"\nto = "09-25"\nfocus = "Start"\n'
        '\n[[visit]]\nfrom = "06-01"\nto = "06-20"\nfocus = "End"\n',
        encoding="utf-8",
    )
    code, out, err = invoke(
        db, "visits", "programme", "--year", NEXT_YEAR, "--template", str(template), "--json"
    )
    assert code == 0, err
    rows = json.loads(out)
    assert [(row["slot"], row["state"]) for row in rows].count((1, "proposed")) == 2
    assert {"school_code", "slot", "start", "end", "purpose", "state", "id"} <= set(rows[0])
    assert rows[0]["purpose"] == "Visit 1: Start"

    template.write_text(template.read_text().replace("focus", "fokus", 1), encoding="utf-8")
    code, out, err = invoke(
        db, "visits", "programme", "--year", NEXT_YEAR, "--template", str(template)
    )
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"In the programme template {template}, visit[1].fokus is not a key this table can "
        "have (use categories, focus, from, slot, title, to, when)."
    ]
    code, _out, err = invoke(
        db, "visits", "programme", "--year", NEXT_YEAR, "--template", str(tmp_path / "gone.toml")
    )
    assert code == 1 and "does not exist" in err
    assert invoke(db, "visits", "programme", "--year", NEXT_YEAR, "--template")[0] == 2


def test_visits_add_says_what_the_checks_found(db: Path) -> None:
    code, out, err = invoke(
        db, "visits", "add", "--school", "6612034", "--start", "2026-12-25T09:30", "--json"
    )
    assert code == 0 and json.loads(out)["school_code"] == "6612034"
    assert "Note: Friday 25 December 2026 is a bank holiday in England and Wales" in err


def test_programme_states_read_as_words_and_stay_values_in_json(db: Path) -> None:
    code, out, err = invoke(db, "visits", "programme", "--year", NEXT_YEAR)
    assert code == 0, err
    rows = [line for line in out.splitlines() if "Ysgol" in line or "Ashcombe" in line]
    assert len(rows) == 12 and all("to add" in line for line in rows)  # as the screen says
    assert invoke(db, "visits", "programme", "--year", NEXT_YEAR, "--apply")[0] == 0
    code, out, err = invoke(db, "visits", "programme", "--year", NEXT_YEAR, "--json")
    assert code == 0, err
    assert {row["state"] for row in json.loads(out)} == {"exists"}
    code, out, err = invoke(db, "visits", "programme", "--year", NEXT_YEAR)
    assert sum("planned" in line for line in out.splitlines()) == 12


def test_export_ics_keeps_a_file_that_is_not_its_own_unless_forced(
    db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "family.ics"
    target.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Another program//EN\r\nEND:VCALENDAR\r\n")
    code, out, err = invoke(db, "calendar", "export-ics", "--out", str(target))
    assert (code, out) == (1, "")
    assert "is already there and was left as it is" in err and "--force" in err
    assert "Another program" in target.read_text()
    code, out, err = invoke(db, "calendar", "export-ics", "--out", str(target), "--force")
    assert code == 0, err
    assert "sia-console" in target.read_text()
    code, out, err = invoke(db, "calendar", "export-ics", "--out", str(target))  # its own now
    assert code == 0, err
