"""The console script opens the UI itself only for a ready database and a bare command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sia_console.cli.entry import start_ui, ui_database


def test_only_a_command_line_that_opens_the_ui_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIA_CONSOLE_DB", "/tmp/chosen.sqlite")
    assert ui_database([]) == Path("/tmp/chosen.sqlite")
    assert ui_database(["--db", "x.sqlite"]) == Path("x.sqlite")
    for other in (["--help"], ["--version"], ["notes", "list"], ["--db", "x", "demo"], ["--db"]):
        assert ui_database(other) is None, other
    assert ui_database(["--db", "--help"]) is None


def test_a_database_that_is_not_ready_goes_to_the_command_line(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.txt"
    foreign.write_bytes(b"hello")
    assert start_ui(foreign) is False
    assert start_ui(tmp_path / "absent.sqlite") is False
    assert foreign.read_bytes() == b"hello"
    assert not (tmp_path / "absent.sqlite").exists()
