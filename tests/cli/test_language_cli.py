"""``--lang``: the command line's language, before any command (and its help) runs."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from sia_console import i18n
from sia_console.cli.main import app
from sia_console.storage.preferences import Preferences, save_preferences

runner = CliRunner()


def test_a_language_we_do_not_have_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--lang", "fr", "identity", "show"])
    assert result.exit_code == 2


def test_lang_cy_words_the_help_in_welsh() -> None:
    english = "List and show notes of visit; record the headteacher's response."
    result = runner.invoke(app, ["--lang", "cy", "notes", "--help"])
    assert result.exit_code == 0
    assert i18n.language() == "cy"
    welsh = i18n._(english)
    assert welsh != english
    assert " ".join(welsh.split()) in " ".join(result.output.split())


def test_the_saved_preference_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SIA_CONSOLE_LANG")
    save_preferences(Preferences(language="cy"))
    result = runner.invoke(app, ["--db", "missing.sqlite", "notes", "--help"])
    assert result.exit_code == 0
    assert i18n.language() == "cy"


def test_the_environment_wins_over_the_preference() -> None:
    save_preferences(Preferences(language="cy"))  # SIA_CONSOLE_LANG is en_GB in tests
    result = runner.invoke(app, ["notes", "--help"])
    assert result.exit_code == 0
    assert i18n.language() == "en"


def test_every_command_and_option_has_its_help_in_the_catalogue() -> None:
    """A help text given as a docstring or a literal escapes the translation function."""
    import typer.main

    catalogue = i18n.PoTranslations.read(
        i18n.LOCALE_DIR / "cy" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    ).catalog
    escaped: list[str] = []

    def visit(command: Any, path: str) -> None:
        texts = [command.help] + [getattr(p, "help", None) for p in command.params]
        escaped.extend(f"{path}: {t}" for t in texts if t and t not in catalogue)
        for name, sub in (getattr(command, "commands", None) or {}).items():
            visit(sub, f"{path} {name}")

    visit(typer.main.get_command(app), "sia-console")
    assert not escaped
