"""``schools reassign`` and ``schools history``: the core lead's script hands schools on
through the register's own service, and reads each school's changes back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import col, select
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.domain.enums import Role
from sia_console.domain.models import Adviser, AssignmentChange, CategoryChange, School
from sia_console.services.schools.assignment import assign_school
from sia_console.storage.database import open_database
from tests.authority_support import core_lead_database

runner = CliRunner()


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def lead(tmp_path: Path) -> Path:
    return core_lead_database(tmp_path / "lead.sqlite")


def holdings(db: Path) -> tuple[dict[str, str], dict[str, str | None], int]:
    """The SIAs by name, each school's SIA by code, and the changes of SIA kept."""
    database = open_database(db)
    try:
        with database.session() as s:
            advisers = {a.name: a.id for a in s.exec(select(Adviser).where(Adviser.role == "sia"))}
            schools = {
                school.code: school.adviser_id
                for school in s.exec(select(School).order_by(col(School.code)))
            }
            changes = len(s.exec(select(AssignmentChange)).all())
    finally:
        database.dispose()
    return advisers, schools, changes


def names(db: Path) -> tuple[str, str, list[str]]:
    """Two SIAs, and the codes of the first one's schools."""
    advisers, schools, _changes = holdings(db)
    first, second = sorted(advisers)[:2]
    return first, second, sorted(c for c, a in schools.items() if a == advisers[first])


def test_the_lead_hands_schools_on_with_a_reason_and_a_day(lead: Path) -> None:
    first, second, codes = names(lead)
    code, text, err = invoke(
        lead,
        "schools",
        "reassign",
        *codes[:2],
        "--to",
        second.upper(),  # names are read as a schools import reads them
        "--reason",
        "Caseloads balanced",
        "--effective",
        "4/11/2026",  # the day agreed (today or earlier)
    )
    assert (code, err) == (0, "")
    assert "Reassigned 2 schools" in text and second in text and "2026-11-04" in text
    advisers, schools, changes = holdings(lead)
    assert [schools[c] for c in codes[:2]] == [advisers[second]] * 2
    assert schools[codes[2]] == advisers[first] and changes == 2
    database = open_database(lead)
    try:
        with database.session() as s:
            kept = s.exec(select(AssignmentChange)).all()
    finally:
        database.dispose()
    assert {(c.reason, c.effective_on, c.previous_adviser_id) for c in kept} == {
        ("Caseloads balanced", date(2026, 11, 4), advisers[first])
    }


def test_from_takes_all_of_one_advisers_schools_in_json(lead: Path) -> None:
    first, second, codes = names(lead)
    code, text, err = invoke(
        lead,
        "schools",
        "reassign",
        "--from",
        first,
        "--to",
        second,
        "--reason",
        "Retiring",
        "--effective",
        "2026-12-01",
        "--json",
    )
    assert (code, err) == (0, "")
    done = json.loads(text)
    assert done["schools"] == codes and done["adviser"] == second
    assert (done["reason"], done["effective_on"]) == ("Retiring", "2026-12-01")
    advisers, schools, changes = holdings(lead)
    assert advisers[first] not in schools.values() and changes == len(codes)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["0000000", "--to", "SECOND", "--reason", "x"], "no school with code 0000000"),
        (["FIRST_SCHOOL", "--to", "Nobody Here", "--reason", "x"], "no SIA Nobody Here"),
        (["FIRST_SCHOOL", "--to", "SECOND", "--reason", "  "], "Say why"),
        (["FIRST_SCHOOL", "--to", "SECOND", "--reason", "x", "--effective", "soon"], "soon"),
        (
            ["FIRST_SCHOOL", "--to", "SECOND", "--reason", "x", "--effective", "31/02/2027"],
            "not a date that exists",
        ),
        (
            ["FIRST_SCHOOL", "--to", "SECOND", "--reason", "x", "--effective", "2099-01-05"],
            "is still to come",
        ),
        (["FIRST_SCHOOL", "--to", "FIRST", "--reason", "x"], "already has FIRST"),
        (["--from", "FIRST", "--to", "FIRST", "--reason", "x"], "both name FIRST"),
        (["--to", "SECOND", "--reason", "x"], "Name the schools"),
        (
            ["SECOND_SCHOOL", "FIRST_SCHOOL", "--to", "SECOND", "--reason", "x"],
            "already has SECOND",
        ),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(
    lead: Path, args: list[str], words: str
) -> None:
    first, second, codes = names(lead)
    advisers, before, _changes = holdings(lead)
    theirs = next(c for c, a in before.items() if a == advisers[second])
    swap = {"FIRST": first, "SECOND": second, "FIRST_SCHOOL": codes[0], "SECOND_SCHOOL": theirs}
    wanted = words.replace("SECOND", second).replace("FIRST", first)
    code, text, err = invoke(lead, "schools", "reassign", *(swap.get(a, a) for a in args))
    assert (code, text) == (1, "")
    assert wanted in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert holdings(lead) == (advisers, before, 0)


def test_missing_options_are_a_wrong_command_line(lead: Path) -> None:
    first, _second, codes = names(lead)
    assert invoke(lead, "schools", "reassign", codes[0], "--reason", "x")[0] == 2
    assert invoke(lead, "schools", "reassign", codes[0], "--to", first)[0] == 2


def test_only_the_core_lead_may(db_path: Path) -> None:
    assert invoke(db_path, "init", "--name", "Meinir Prys", "--role", "sia")[0] == 0
    database = open_database(db_path)
    try:
        with database.session() as s:
            s.add(School(code="6612034", name="Ysgol Glan-y-Dŵr", local_authority="Sir Eryri"))
            s.add(Adviser(name="Gwen Parri", role=Role.SIA))
    finally:
        database.dispose()
    code, text, err = invoke(
        db_path, "schools", "reassign", "6612034", "--to", "Gwen Parri", "--reason", "x"
    )
    assert (code, text) == (1, "")
    assert "Only the core lead" in err
    code, _text, err = invoke(
        db_path,
        "--lang",
        "cy",
        "schools",
        "reassign",
        "6612034",
        "--to",
        "Gwen Parri",
        "--reason",
        "x",
    )
    assert code == 1 and "Only the core lead" not in err and err.strip()


def _history_of(lead: Path) -> tuple[str, str, str]:
    """Hand a school on, then change its category: the school's code and both SIAs."""
    first, second, codes = names(lead)
    assert (
        invoke(
            lead,
            "schools",
            "reassign",
            codes[0],
            "--to",
            second,
            "--reason",
            "Closer to home",
            "--effective",
            "2026-09-01",
        )[0]
        == 0
    )
    database = open_database(lead)
    try:
        with database.session() as s:
            school = s.exec(select(School).where(School.code == codes[0])).one()
            new = "red" if school.category != "red" else "green"
            assign_school(
                s, codes[0], category=new, adviser_id=school.adviser_id, reason="Results fell"
            )
            s.commit()
            assert len(s.exec(select(CategoryChange)).all()) == 1
    finally:
        database.dispose()
    return codes[0], first, second


def test_history_lists_both_kinds_of_change_with_who_when_and_why(lead: Path) -> None:
    school, first, second = _history_of(lead)
    code, text, err = invoke(lead, "schools", "history", school, "--json")
    assert (code, err) == (0, "")
    category, adviser = json.loads(text)  # newest first: the category today, then September's
    assert adviser["kind"] == "adviser" and adviser["on"] == "2026-09-01"
    assert (adviser["previous"], adviser["new"]) == (first, second)
    assert (adviser["reason"], adviser["by"]) == ("Closer to home", "Core Lead")
    assert adviser["at"].endswith("+00:00")
    assert category["kind"] == "category" and category["reason"] == "Results fell"
    assert category["new_id"] in ("red", "green") and category["by"] == "Core Lead"
    code, text, err = invoke(lead, "schools", "history", school)
    assert (code, err) == (0, "")
    for word in ("Link adviser", "Category", first, second, "Closer to home", "Core Lead"):
        assert word in text


def test_history_in_welsh(lead: Path) -> None:
    school, _first, second = _history_of(lead)
    code, text, _err = invoke(lead, "--lang", "cy", "schools", "history", school)
    assert code == 0
    assert "Ymgynghorydd cyswllt" in text and "Categori" in text and second in text
    assert "Link adviser" not in text


def test_history_of_an_unknown_school_or_none(lead: Path) -> None:
    code, text, err = invoke(lead, "schools", "history", "0000000")
    assert (code, text) == (1, "") and "no school with code 0000000" in err
    _first, _second, codes = names(lead)
    code, text, _err = invoke(lead, "schools", "history", codes[-1])
    assert code == 0 and "has had no change of link adviser or category" in text
    assert json.loads(invoke(lead, "schools", "history", codes[-1], "--json")[1]) == []


def test_reassigning_in_welsh(lead: Path) -> None:
    _first, second, codes = names(lead)
    code, text, _err = invoke(
        lead,
        "--lang",
        "cy",
        "schools",
        "reassign",
        codes[0],
        "--to",
        second,
        "--reason",
        "x",
    )
    assert code == 0 and "Reassigned" not in text and second in text
    code, text, err = invoke(
        lead,
        "--lang",
        "cy",
        "schools",
        "reassign",
        codes[0],
        "--to",
        second,
        "--reason",
        "x",
    )
    assert (code, text) == (1, "") and "already has" not in err and second in err
