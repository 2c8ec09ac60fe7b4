"""``notes list`` and ``notes show`` through the real command line, on a demo year."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.demo.year import fill_demo
from sia_console.keys.store import KeyringStore
from sia_console.storage.database import open_database

runner = CliRunner()
LIST_KEYS = {"id", "visit_id", "school_code", "status", "risk_level", "updated_at"}
SHOW_KEYS = {"id", "visit_id", "school_code", "status", "sections", "risk", "actions"}


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("notes") / "demo.sqlite"
    database = open_database(path)
    with database.session() as session:
        fill_demo(session, KeyringStore("notes-cli"), seed=4, today=date(2027, 3, 15))
    database.dispose()
    return path


def test_list_json_has_the_contract_keys(db: Path) -> None:
    code, out, err = invoke(db, "notes", "list", "--json")
    assert code == 0, err
    notes = json.loads(out)
    assert len(notes) > 30
    for note in notes:
        assert set(note) >= LIST_KEYS
        assert note["status"] in ("draft", "final")
        assert note["risk_level"] in ("high", "medium", "low", None)
        assert note["updated_at"].endswith("+00:00")
    assert {n["status"] for n in notes} == {"draft", "final"}


def test_list_text(db: Path) -> None:
    code, out, _err = invoke(db, "notes", "list")
    assert code == 0 and "notes." in out and "final" in out


def test_show_json_has_the_contract_shape(db: Path) -> None:
    first = json.loads(invoke(db, "notes", "list", "--json")[1])[0]
    code, out, err = invoke(db, "notes", "show", first["id"], "--json")
    assert code == 0, err
    note = json.loads(out)
    assert set(note) >= SHOW_KEYS
    assert note["id"] == first["id"] and note["visit_id"] == first["visit_id"]
    assert note["sections"] and all(set(s) >= {"key", "title", "text"} for s in note["sections"])
    assert note["sections"][0]["key"] == "who_was_met"
    assert set(note["risk"]) >= {"level", "rationale", "predictions"}
    assert note["risk"]["level"] in ("high", "medium", "low")
    predictions = note["risk"]["predictions"]
    assert len(predictions) == 8
    assert all(set(p) >= {"cohort", "measure", "percent"} for p in predictions)
    assert {p["cohort"] for p in predictions} == {"Y5", "Y6"}
    assert note["actions"] and all(
        set(a) >= {"text", "owner", "due", "status"} for a in note["actions"]
    )


def test_show_text_and_prefix(db: Path) -> None:
    first = json.loads(invoke(db, "notes", "list", "--json")[1])[0]
    code, out, err = invoke(db, "notes", "show", first["id"][:8])
    assert code == 0, err
    for words in (
        "Note of visit:",
        "Who was met",
        "Discussion and evidence",
        "Next visit",
        "Floor-target risk judgement",
        "Actions agreed",
        "Owner:",
    ):
        assert words in out, words


@pytest.mark.parametrize(
    ("missing", "sentence"),
    [
        ("00000000-0000-4000-8000-000000000000", "."),
        ("0000", "; give at least the first 8 characters of its id (notes list shows them)."),
    ],
)
def test_show_unknown_id_exits_1(db: Path, missing: str, sentence: str) -> None:
    code, out, err = invoke(db, "notes", "show", missing)
    assert code == 1 and out == ""
    assert err.strip() == f"There is no note with id {missing}{sentence}"


@pytest.mark.parametrize(
    "args", [["notes", "show"], ["notes", "list", "--all"], ["notes", "show", "x", "--pdf"]]
)
def test_a_wrong_command_line_exits_2(db: Path, args: list[str]) -> None:
    assert invoke(db, *args)[0] == 2


def test_empty_database(db_path: Path) -> None:
    open_database(db_path).dispose()
    code, out, _err = invoke(db_path, "notes", "list")
    assert code == 0 and "No notes of visit yet." in out
    assert json.loads(invoke(db_path, "notes", "list", "--json")[1]) == []


def test_respond_records_the_heads_response_on_a_final_note(db: Path) -> None:
    notes = json.loads(invoke(db, "notes", "list", "--json")[1])
    final = next(n for n in notes if n["status"] == "final")
    draft = next(n for n in notes if n["status"] == "draft")

    code, out, err = invoke(db, "notes", "respond", final["id"][:8], "inaccurate")
    assert code == 0, err
    assert out.startswith("Recorded for the note of ") and out.endswith(
        ": Not agreed as accurate.\n"
    )
    shown = json.loads(invoke(db, "notes", "show", final["id"], "--json")[1])
    assert shown["head_response"] == "inaccurate"
    assert (
        "Headteacher's response: Not agreed as accurate"
        in invoke(db, "notes", "show", final["id"])[1]
    )

    code, out, err = invoke(db, "notes", "respond", final["id"], "None")
    assert code == 0 and out.startswith("Cleared"), err
    assert (
        json.loads(invoke(db, "notes", "show", final["id"], "--json")[1])["head_response"] is None
    )

    code, _out, err = invoke(db, "notes", "respond", draft["id"], "accurate")
    assert code == 1 and "still a draft" in err and "Traceback" not in err
    code, _out, err = invoke(db, "notes", "respond", final["id"], "maybe")
    assert code == 2 and "maybe is not one of: accurate, inaccurate, none." in err
    code, _out, err = invoke(db, "notes", "respond", "00000000", "accurate")
    assert code == 1


def test_respond_takes_the_heads_comment(db: Path) -> None:
    notes = json.loads(invoke(db, "notes", "list", "--json")[1])
    final = next(n for n in notes if n["status"] == "final")
    code, _out, err = invoke(
        db, "notes", "respond", final["id"], "inaccurate", "--comment", "Y6 data were old"
    )
    assert code == 0, err
    shown = json.loads(invoke(db, "notes", "show", final["id"], "--json")[1])
    assert shown["head_response_comment"] == "Y6 data were old"
    assert (
        "Headteacher's response: Not agreed as accurate — Y6 data were old"
        in invoke(db, "notes", "show", final["id"])[1]
    )
    assert invoke(db, "notes", "respond", final["id"], "accurate")[0] == 0  # kept
    shown = json.loads(invoke(db, "notes", "show", final["id"], "--json")[1])
    assert shown["head_response_comment"] == "Y6 data were old"
    assert invoke(db, "notes", "respond", final["id"], "none")[0] == 0  # cleared with it
    shown = json.loads(invoke(db, "notes", "show", final["id"], "--json")[1])
    assert shown["head_response_comment"] is None
