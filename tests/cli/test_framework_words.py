"""The command-line framework's own words in Welsh with ``--lang cy``: help, usage errors."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sia_console.cli.framework_words import marked, sentence
from sia_console.cli.main import app
from sia_console.i18n import set_language

runner = CliRunner()


def test_help_is_welsh_throughout() -> None:
    result = runner.invoke(app, ["--lang", "cy", "--help"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Defnydd: sia-console [OPTIONS] COMMAND")
    assert "Dewisiadau:" in lines and "Gorchmynion:" in lines
    assert "Dangos y neges hon a gadael." in result.stdout
    for english in ("Usage:", "Options:", "Commands:", "Show this message and exit."):
        assert english not in result.stdout


def test_a_commands_help_is_welsh_too() -> None:
    result = runner.invoke(app, ["--lang", "cy", "notes", "export-docx", "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Defnydd: sia-console notes export-docx")
    assert "  --help" in result.stdout and "Dangos y neges hon a gadael." in result.stdout


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["notes", "show"], "Gwall: Mae'r ddadl 'ID' ar goll."),
        (
            ["notes", "export-docx", "--bogus"],
            "Gwall: Nid oes dewisiad o'r fath: --bogus (Dewisiadau posibl: --out)",
        ),
        (["nots"], "Gwall: Nid oes gorchymyn 'nots'."),
        (["notes", "export-docx", "--out"], "Gwall: Mae angen gwerth ar y dewisiad '--out'."),
        (
            ["notes", "export-docx", "--all", "--language", "fr"],
            "Gwall: Gwerth annilys i --language: dewiswch cy, en neu bilingual.",
        ),
    ],
)
def test_a_usage_error_is_welsh(args: list[str], error: str) -> None:
    result = runner.invoke(app, ["--lang", "cy", *args])
    assert result.exit_code == 2
    said = result.stderr.strip().splitlines()
    assert said[-1] == error
    if len(said) > 1:
        assert said[0].startswith("Defnydd: sia-console")
        assert said[1].startswith("Rhowch gynnig ar 'sia-console") and "--help" in said[1]


def test_in_english_the_framework_speaks_as_it_always_did() -> None:
    result = runner.invoke(app, ["--lang", "en", "notes", "show"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Usage: sia-console notes show [OPTIONS] {ID}",
        "Try 'sia-console notes show --help' for help.",
        "",
        "Error: Missing argument 'ID'.",
    ]


def test_sentences_and_marks_built_of_parts_keep_the_parts() -> None:
    set_language("cy")
    assert sentence("Invalid value for '--year': Value 'x' is not a valid integer.") == (
        "Gwerth annilys i '--year': Nid yw'r gwerth 'x' yn ddilys fel cyfanrif."
    )
    assert sentence("Something the framework never says.") == "Something the framework never says."
    assert marked("The year. [default: 2026] [required]") == "The year. [diofyn: 2026] [gofynnol]"
