"""Start the terminal UI: open the database, build the app, run it.

Textual is imported only here, inside the functions, so that ``sia-console --help``
and every other command start without loading it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sia_console.storage.preferences import Preferences, load_preferences
from sia_console.storage.quick import QuickDatabase, open_ready

if TYPE_CHECKING:
    from sia_console.storage.database import Database
    from sia_console.tui.app import SiaConsole


def make_app(
    database: Database | QuickDatabase,
    *,
    today: Callable[[], date] | None = None,
    edit_visit: str | None = None,
    preferences: Preferences | None = None,
) -> SiaConsole:
    """The app over ``database``; ``today`` fixes the date (tests, snapshots, benchmarks).

    With ``edit_visit`` the app opens straight at that visit's note of visit. Given a
    :class:`QuickDatabase`, the first screen reads through ``sqlite3`` and the full
    database is opened after it is shown.
    """
    from sia_console.tui.app import SiaConsole
    from sia_console.tui.context import AppContext

    context = AppContext(database) if today is None else AppContext(database, today)
    context = replace(context, core_lead=is_core_lead(database))
    return SiaConsole(context, edit_visit=edit_visit, preferences=preferences)


def is_core_lead(database: Database | QuickDatabase) -> bool:
    """Whether the identity of ``database`` is a core lead (one small read, before the UI)."""
    if isinstance(database, QuickDatabase):
        from sia_console.services import today_sqlite

        with database.lock:
            return today_sqlite.is_core_lead(database.connection)
    from sia_console.services.identity import lead_here

    with database.session() as session:
        return lead_here(session)


def launch(db_path: Path, *, edit_visit: str | None = None) -> None:
    """Open ``db_path`` and run the app until the user quits.

    A :class:`~sia_console.storage.errors.StorageError` from opening the database is
    left to the caller, which prints it as one sentence. ``edit_visit`` opens the app
    straight at that visit's note (``sia-console edit VISIT_ID``).

    A database ready as it is (ours, up to date) is opened with ``sqlite3`` alone, so that
    the first screen does not wait for SQLAlchemy; any other is opened in full first
    (created, migrated after a backup, or refused with one sentence), and so is the
    database of a note to edit (the editor needs it at once).
    """
    if edit_visit is None:
        database: Database | QuickDatabase = open_quickly(db_path)
    else:
        from sia_console.storage.database import open_database

        database = open_database(db_path)
    run_app(database, edit_visit=edit_visit)


def run_app(database: Database | QuickDatabase, *, edit_visit: str | None = None) -> None:
    """Run the app over ``database`` until the user quits, then release the database."""
    try:
        app = make_app(database, edit_visit=edit_visit, preferences=load_preferences())
        prepare_to_run()
        app.run()
    finally:
        database.dispose()


def open_quickly(db_path: Path) -> Database | QuickDatabase:
    """``db_path`` for the first screen's quick read if it is ready, else opened in full."""
    path = db_path.expanduser()
    connection = open_ready(path)
    if connection is not None:
        return QuickDatabase(path, connection)
    from sia_console.storage.database import open_database

    return open_database(path)


def prepare_to_run() -> None:
    """Spare the first screen the garbage collector's scans of everything imported.

    Modules, classes and the database engine live as long as the process; freezing them
    takes them out of the collector's reach, so the collections that the first screen's
    many new objects trigger are short (they otherwise cost more than the screen itself).
    """
    gc.collect()
    gc.freeze()
