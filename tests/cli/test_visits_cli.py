"""``visits add`` and ``visits list`` through the real command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.domain.enums import Role
from sia_console.domain.models import Adviser, School
from sia_console.storage.database import open_database

runner = CliRunner()
VISIT_KEYS = {"id", "school_code", "start", "end", "purpose", "status"}
NEXT_YEAR = str(date.today().year + 1)


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def add_schools(db: Path) -> None:
    database = open_database(db)
    with database.session() as session:
        session.add(
            School(code="6612034", name="Ysgol Gynradd Glan-y-Dŵr", local_authority="Sir Eryri")
        )
        session.add(
            School(code="8653012", name="Ashcombe Primary School", local_authority="Severnvale")
        )
    database.dispose()


@pytest.fixture
def db(db_path: Path) -> Path:
    assert invoke(db_path, "init", "--name", "Meinir Prys", "--role", "sia")[0] == 0
    add_schools(db_path)
    return db_path


def test_add_prints_the_contract_keys_with_offsets(db: Path) -> None:
    code, out, err = invoke(
        db,
        "visits",
        "add",
        "--school",
        "6612034",
        "--start",
        "2026-11-23T09:30",
        "--purpose",
        "Visit 2",
        "--json",
    )
    assert code == 0, err
    visit = json.loads(out)
    assert set(visit) >= VISIT_KEYS
    assert visit["start"] == "2026-11-23T09:30:00+00:00"
    assert visit["end"] == "2026-11-23T12:30:00+00:00"
    assert visit["school_code"] == "6612034" and visit["status"] == "planned"
    assert visit["purpose"] == "Visit 2"

    code, out, err = invoke(
        db,
        "visits",
        "add",
        "--school",
        "8653012",
        "--start",
        "2026-07-01T08:30:00Z",
        "--minutes",
        "90",
        "--json",
    )
    assert code == 0, err
    summer = json.loads(out)
    assert (
        summer["start"] == "2026-07-01T09:30:00+01:00"
        and summer["end"] == "2026-07-01T11:00:00+01:00"
    )


def test_add_says_a_sentence_without_json(db: Path) -> None:
    code, out, err = invoke(
        db, "visits", "add", "--school", "6612034", "--start", "2026-11-23T09:30"
    )
    assert code == 0, err
    assert "Ysgol Gynradd Glan-y-Dŵr" in out and "2026-11-23 09:30–12:30" in out


def test_add_names_what_the_checks_found_in_json_and_on_stderr(db: Path) -> None:
    code, out, err = invoke(
        db, "visits", "add", "--school", "6612034", "--start", "2026-11-24T09:30", "--json"
    )
    assert code == 0, err
    first = json.loads(out)
    assert first["warnings"] == [] and err == ""
    assert invoke(db, "settings", "terms", "2026-09-02..2026-11-27")[0] == 0

    code, out, err = invoke(
        db, "visits", "add", "--school", "8653012", "--start", "2026-11-24T11:00", "--json"
    )
    assert code == 0, err  # booked as asked, and the overlap named
    overlap = json.loads(out)
    assert set(overlap) >= {*VISIT_KEYS, "warnings"}
    assert overlap["warnings"] == [
        {
            "kind": "overlap",
            "message": "It overlaps your visit to Ysgol Gynradd Glan-y-Dŵr on Tuesday "
            "24 November 2026, 09:30–12:30.",
            "other_visit_id": first["id"],
        }
    ]
    assert err.strip() == f"Note: {overlap['warnings'][0]['message']}"

    code, out, err = invoke(
        db, "visits", "add", "--school", "6612034", "--start", "2026-11-28T09:30", "--json"
    )
    assert code == 0, err
    kinds = [warning["kind"] for warning in json.loads(out)["warnings"]]
    assert kinds == ["weekend", "outside-term", "same-school-week"]
    code, out, err = invoke(
        db, "visits", "add", "--school", "8653012", "--start", "2026-12-25T09:30"
    )
    assert code == 0 and "Planned a visit" in out and "Note:" not in out
    assert err.strip().splitlines() == [
        "Note: Friday 25 December 2026 is a bank holiday in England and Wales (Christmas Day).",
        "Note: Friday 25 December 2026 is outside the term dates in the settings.",
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["--school", "999", "--start", "2026-11-23T09:30"],
            "There is no link school with code 999.",
        ),
        (["--school", "6612034", "--start", "2026-02-30T09:30"], "start"),
        (["--school", "6612034", "--start", "2026-11-23T09:30", "--minutes", "0"], "720"),
        (["--school", "6612034", "--start", "2026-11-23T09:30", "--minutes", "900"], "720"),
        (
            ["--school", "6612034", "--start", "2026-11-23T09:30", "--end", "2026-11-23T08:00"],
            "end",
        ),
    ],
)
def test_add_refuses_bad_input_with_exit_1(db: Path, args: list[str], words: str) -> None:
    code, out, err = invoke(db, "visits", "add", *args)
    assert code == 1 and out == ""
    assert words in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert json.loads(invoke(db, "visits", "list", "--json")[1]) == []


def test_add_needs_an_identity(db_path: Path) -> None:
    add_schools(db_path)
    code, _out, err = invoke(
        db_path, "visits", "add", "--school", "6612034", "--start", "2026-11-23T09:30"
    )
    assert code == 1 and "sia-console init" in err


@pytest.mark.parametrize(
    "args",
    [
        ["visits", "add", "--school", "6612034"],
        [
            "visits",
            "add",
            "--school",
            "6612034",
            "--start",
            "2026-11-23T09:30",
            "--minutes",
            "ninety",
        ],
        ["visits", "list", "--colour"],
        ["visits", "frobnicate"],
    ],
)
def test_a_wrong_command_line_exits_2(db: Path, args: list[str]) -> None:
    assert invoke(db, *args)[0] == 2


def test_list_orders_filters_and_prints_json(db: Path) -> None:
    for school, start in (
        ("6612034", "2026-12-01T13:00"),
        ("8653012", "2026-11-23T09:00"),
        ("6612034", "2026-11-30T09:00"),
    ):
        assert invoke(db, "visits", "add", "--school", school, "--start", start)[0] == 0

    code, out, _err = invoke(db, "visits", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and all(set(row) >= VISIT_KEYS for row in rows)
    assert [row["start"] for row in rows] == [
        "2026-11-23T09:00:00+00:00",
        "2026-11-30T09:00:00+00:00",
        "2026-12-01T13:00:00+00:00",
    ]
    code, out, _err = invoke(
        db, "visits", "list", "--from", "2026-11-30", "--to", "2026-12-01", "--json"
    )
    assert [row["start"][:10] for row in json.loads(out)] == ["2026-11-30", "2026-12-01"]
    code, out, _err = invoke(db, "visits", "list", "--school", "8653012", "--json")
    assert [row["school_code"] for row in json.loads(out)] == ["8653012"]

    code, out, _err = invoke(db, "visits", "list")
    assert code == 0 and "Glan-y-Dŵr" in out and "3 visits." in out


def test_list_refuses_bad_filters(db: Path) -> None:
    code, _out, err = invoke(db, "visits", "list", "--from", "2026-02-30")
    assert code == 1 and "--from" in err
    code, _out, err = invoke(db, "visits", "list", "--school", "nope")
    assert code == 1 and "There is no link school with code nope." in err
    code, _out, err = invoke(db, "visits", "list", "--from", "2026-12-01", "--to", "2026-11-01")
    assert code == 1 and "before" in err


def test_empty_list(db: Path) -> None:
    code, out, _err = invoke(db, "visits", "list")
    assert code == 0 and "No visits yet" in out
    assert json.loads(invoke(db, "visits", "list", "--json")[1]) == []


def test_programme_preview_then_apply_twice(db: Path) -> None:
    # a year to come: nothing is proposed in the past
    code, out, err = invoke(db, "visits", "programme", "--year", NEXT_YEAR, "--json")
    assert code == 0, err
    preview = json.loads(out)
    assert len(preview) == 12 and {row["state"] for row in preview} == {"proposed"}
    assert {"school_code", "slot", "start", "end", "purpose"} <= set(preview[0])
    assert json.loads(invoke(db, "visits", "list", "--json")[1]) == []

    code, out, _err = invoke(db, "visits", "programme", "--year", NEXT_YEAR, "--apply")
    assert code == 0 and "Added 12 visits." in out
    code, out, _err = invoke(db, "visits", "programme", "--year", NEXT_YEAR, "--apply", "--json")
    assert code == 0 and {row["state"] for row in json.loads(out)} == {"exists"}
    assert len(json.loads(invoke(db, "visits", "list", "--json")[1])) == 12
    code, out, _err = invoke(db, "visits", "programme", "--year", NEXT_YEAR, "--apply")
    assert code == 0 and "Nothing to add: every visit of the programme is already" in out

    assert invoke(db, "visits", "programme", "--year", "next")[0] == 2
    assert invoke(db, "visits", "programme")[0] == 2
    assert invoke(db, "visits", "programme", "--year", "26")[0] == 1


def test_cancel_and_postpone_take_a_reason_shown_in_the_list(db: Path) -> None:
    code, out, err = invoke(
        db, "visits", "add", "--school", "6612034", "--start", "24/11/2026 09:30", "--json"
    )
    assert code == 0, err
    visit = json.loads(out)
    assert visit["start"].startswith("2026-11-24T09:30")
    code, out, err = invoke(
        db, "visits", "postpone", visit["id"][:8], "--reason", "Head off sick", "--json"
    )
    assert code == 0, err
    postponed = json.loads(out)
    assert postponed["status"] == "postponed" and postponed["status_reason"] == "Head off sick"
    code, out, err = invoke(db, "visits", "cancel", visit["id"], "--reason", "Snow")
    assert code == 0, err
    assert "is cancelled: Snow" in out
    code, out, err = invoke(db, "visits", "list", "--from", "24/11/2026", "--to", "24 Nov 2026")
    assert code == 0, err
    assert "cancelled: Snow" in out
    code, out, err = invoke(db, "visits", "cancel", "nonsense")
    assert code == 1 and "There is no visit with id nonsense." in err


def test_the_list_reads_dates_as_people_write_them_and_says_what_is_wrong(db: Path) -> None:
    assert invoke(db, "visits", "list", "--from", "01/12/2026")[0] == 0
    code, _out, err = invoke(db, "visits", "list", "--from", "31/11/2026")
    assert code == 1 and "The --from date 31/11/2026 is not a date that exists." in err
    code, _out, err = invoke(db, "visits", "list", "--to", "whenever")
    assert code == 1 and "I cannot read the --to date whenever" in err


def test_a_visit_planned_at_a_school_now_anothers_says_so(db: Path) -> None:
    for school in ("6612034", "8653012"):
        start = f"{NEXT_YEAR}-01-12T09:30"
        assert invoke(db, "visits", "add", "--school", school, "--start", start)[0] == 0
    database = open_database(db)
    with database.session() as session:
        other = Adviser(name="Rhys Parry", role=Role.SIA)
        session.add(other)
        session.flush()
        linked = session.exec(select(School).where(School.code == "6612034")).one()
        linked.adviser_id = other.id  # the core lead has linked it to Rhys
        session.add(linked)
    database.dispose()
    code, out, err = invoke(db, "visits", "list", "--json")
    assert code == 0, err
    rows = {row["school_code"]: row for row in json.loads(out)}
    assert rows["6612034"]["school_reassigned"] is True
    assert rows["8653012"]["school_reassigned"] is False
    assert rows["6612034"]["adviser"] == "Meinir Prys"  # the visit stays hers
    code, out, err = invoke(db, "visits", "list")
    assert code == 0 and "school reassigned" in out
