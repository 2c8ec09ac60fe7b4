"""The terminal UI reports an unexpected failure as the command line does: one sentence
naming a log that holds no note text, and a read-only database as a sentence of its own."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path

from sqlalchemy import text
from textual.worker import WorkerFailed

from sia_console.paths import log_dir
from sia_console.services.notes.editing import open_or_create_note
from sia_console.storage.database import Database
from sia_console.tui.launch import make_app
from sia_console.tui.notes.drafts import DraftWriter, SectionText
from sia_console.tui.screens.base import describe
from tests.services.note_helpers import make_year

SECRET = "The head disclosed that Mrs Gwenllian Rowlands is on long-term sick leave."
SENTENCE = "Unexpected error (IntegrityError); details were written to "


def test_a_failed_autosave_is_logged_without_the_note_text(database: Database) -> None:
    with database.session() as session:
        year = make_year(session)
        note = open_or_create_note(session, year.november.id)
        key = note.sections[0].key
    with database.engine.begin() as connection:
        for when in ("INSERT", "UPDATE"):
            connection.execute(
                text(
                    f"CREATE TRIGGER refuse_{when.lower()} BEFORE {when} ON note_section "
                    "BEGIN SELECT RAISE(ABORT, 'refused by a test'); END"
                )
            )
    writer = DraftWriter(database, note.id)
    outcome = writer.write([SectionText(key, SECRET)], writer.next_sequence())
    assert outcome.error is not None
    sentence = describe(outcome.error)
    assert sentence.startswith(SENTENCE) and SECRET not in sentence
    assert describe(outcome.error) == sentence  # shown twice, logged once
    log = Path(sentence.removeprefix(SENTENCE)[:-1])
    assert log.parent == log_dir() and [p.name for p in log_dir().iterdir()] == [log.name]
    written = log.read_text(encoding="utf-8")
    assert "Gwenllian" not in written and "sick leave" not in written
    assert "sia_console/tui/notes/drafts.py, line" in written


def test_a_read_only_database_is_said_so(database: Database) -> None:
    import sqlite3

    error = sqlite3.OperationalError("attempt to write a readonly database")
    assert describe(error) == "Cannot use the database: the file or its folder is read-only."
    assert not log_dir().exists()


async def test_a_failed_worker_of_the_app_itself_is_said_and_logged(
    database: Database,
) -> None:
    """Not only screens: a worker of the app (a draft looked for, a preference saved)
    that fails says so, and the sentence names the log (which holds no message)."""
    app = make_app(database, today=lambda: date(2026, 11, 23))

    def fails() -> None:
        raise RuntimeError("Mrs Secret's appraisal")

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        worker = app.run_worker(fails, thread=True, exit_on_error=False, name="fails")
        with suppress(WorkerFailed):
            await worker.wait()
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
    assert any("details were written to" in text for text in said), said
    logs = list(log_dir().glob("error-*.log"))
    assert logs and all("Secret" not in log.read_text() for log in logs)
