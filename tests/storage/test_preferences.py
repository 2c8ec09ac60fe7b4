"""Preferences on this computer: read back as written, defaults for anything odd."""

from __future__ import annotations

from pathlib import Path

import pytest

from sia_console.storage.preferences import (
    Preferences,
    load_preferences,
    preferences_path,
    save_preferences,
)


def test_written_preferences_are_read_back(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "preferences.json"
    save_preferences(Preferences(theme="textual-light"), path)
    assert load_preferences(path) == Preferences(theme="textual-light")
    assert not [p for p in path.parent.iterdir() if p.name != path.name]  # no temporary left


def test_the_default_place_is_the_user_config_folder() -> None:
    save_preferences(Preferences(theme="nord"))
    assert preferences_path().is_file()
    assert load_preferences() == Preferences(theme="nord")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b'{"theme": 42}',
        b'{"theme": ""}',
        b'{"theme": "' + b"x" * 500 + b'"}',
        b" " * 70_000,
    ],
)
def test_a_damaged_or_foreign_file_gives_the_defaults(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "preferences.json"
    path.write_bytes(content)
    assert load_preferences(path) == Preferences()


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_preferences(tmp_path / "missing.json") == Preferences()
