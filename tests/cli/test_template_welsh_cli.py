"""``notes export-docx`` in Welsh says once, on stderr, when a template has no Welsh titles."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.services.notes.editing import open_or_create_note
from sia_console.services.notes.templates import user_templates_dir
from sia_console.storage.database import open_database
from tests.services.note_helpers import make_year

runner = CliRunner()

UNWELSH = """
name = "moderation"
match_purpose = ["moderation"]
[[section]]
key = "who_was_met"
[[section]]
key = "samples"
title = "Samples moderated"
[[section]]
key = "minutes"
title = "Governors' minutes"
"""


def _note(db: Path) -> str:
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "moderation.toml").write_text(UNWELSH, encoding="utf-8")
    database = open_database(db)
    try:
        with database.session() as session:
            year = make_year(session)
            year.january.purpose = "Visit 6: Moderation of the self-evaluation"
            session.add(year.january)
            return open_or_create_note(session, year.january.id).id
    finally:
        database.dispose()


def test_welsh_words_without_a_templates_welsh_are_said_once(tmp_path: Path) -> None:
    db = tmp_path / "sia.sqlite"
    note_id = _note(db)
    args = ["--db", str(db), "notes", "export-docx", note_id, "--out", str(tmp_path / "out")]
    result = runner.invoke(app, [*args, "--language", "cy"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().splitlines() == [
        "1 note's template has no Welsh for some section titles: they are in English."
    ]
    english = runner.invoke(app, [*args, "--language", "en"])
    assert english.exit_code == 0 and english.stderr == ""
