"""``notes search`` and ``edit`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.domain.models import NoteOfVisit
from sia_console.services.notes.actions import add_action, review_action
from sia_console.services.notes.editing import open_or_create_note, save_section
from sia_console.services.notes.risk import set_risk
from sia_console.storage.database import open_database
from tests.services.note_helpers import make_year

runner = CliRunner()
SEARCH_KEYS = {"note_id", "visit_id", "school_code", "section", "snippet"}


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "notes.sqlite"
    database = open_database(path)
    with database.session() as session:
        year = make_year(session)
        first = open_or_create_note(session, year.september.id)
        save_section(session, first.id, "discussion", "Phonics and [bold]reading[/] \x1b[31m.")
        second = open_or_create_note(session, year.november.id)
        save_section(session, second.id, "strengths", "Phonics, phonics, phonics everywhere.")
    database.dispose()
    return path


def test_search_json_is_best_first_with_the_contract_keys(db: Path) -> None:
    code, out, err = invoke(db, "notes", "search", "phonics", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert [h["section"] for h in hits] == ["strengths", "discussion"]
    for hit in hits:
        assert set(hit) >= SEARCH_KEYS and hit["school_code"] == "6612034"
        start, end = hit["highlights"][0]
        assert hit["snippet"][start:end] == "Phonics"
    assert "\x1b[31m" in hits[1]["snippet"]  # JSON carries the text as it is


def test_search_text_shows_control_characters_as_pictures(db: Path) -> None:
    code, out, _err = invoke(db, "notes", "search", "reading")
    assert code == 0
    assert "Ysgol y Graig (6612034) · 2026-09-14 · Discussion and evidence · draft" in out
    assert "[bold]reading[/] ␛[31m" in out and "\x1b" not in out
    assert "1 match." in out


def test_search_without_words_or_matches(db: Path) -> None:
    code, _out, err = invoke(db, "notes", "search", '"*"')
    assert code == 1 and "Give at least one word to search for." in err
    code, out, _err = invoke(db, "notes", "search", "zebra")
    assert code == 0 and "No note of visit contains zebra." in out
    code, out, _err = invoke(db, "notes", "search", "zebra", "--json")
    assert json.loads(out) == []


def test_search_finds_actions_risk_rationales_and_reviews(db: Path) -> None:
    database = open_database(db)
    with database.session() as session:
        first, second = sorted(session.exec(select(NoteOfVisit)).all(), key=lambda n: n.created_at)
        action = add_action(session, first.id, "Governors to visit the reading corner")
        set_risk(session, second.id, RiskLevel.HIGH, "Governors worried about Y6 maths.")
        review_action(
            session, second.id, action.id, ActionStatus.DONE, "Governors visited in October."
        )
    database.dispose()
    code, out, err = invoke(db, "notes", "search", "governors", "--json")
    assert code == 0, err
    found = {(h["kind"], h["page"], h["note_id"], h["section_title"]) for h in json.loads(out)}
    assert found == {
        ("action", "@actions", first.id, "Actions agreed"),
        ("risk", "@risk", second.id, "Floor-target risk judgement"),
        ("review", "@reviews", second.id, "Progress on previous actions"),
    }
    for hit in json.loads(out):
        start, end = hit["highlights"][0]
        assert hit["snippet"][start:end] == "Governors" and hit["section"] is None
    code, out, _err = invoke(db, "notes", "search", "october")
    assert code == 0
    assert "Ysgol y Graig (6612034) · 2026-11-23 · Progress on previous actions · draft" in out
    assert "Governors visited in October." in out and "1 match." in out


def test_edit_refuses_an_unknown_visit(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launched: list[object] = []
    monkeypatch.setattr("sia_console.tui.launch.launch", lambda *a, **k: launched.append(a))
    code, out, err = invoke(db, "edit", "no-such-visit")
    assert code == 1 and out == ""
    assert err.strip() == "There is no visit with id no-such-visit."
    assert launched == []


def test_edit_opens_the_terminal_ui_at_the_visit(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launched: list[tuple[Path, str | None]] = []
    monkeypatch.setattr(
        "sia_console.tui.launch.launch",
        lambda path, *, edit_visit=None: launched.append((path, edit_visit)),
    )
    code, _out, err = invoke(db, "visits", "list", "--json")
    visit = json.loads(_out)[1]["id"]
    code, _out, err = invoke(db, "edit", visit[:8])
    assert code == 0, err
    assert launched == [(db, visit)]


def test_edit_without_a_visit_is_a_usage_error(db: Path) -> None:
    code, _out, _err = invoke(db, "edit")
    assert code == 2
