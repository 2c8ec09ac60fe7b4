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

from sia_console.storage.database import Database, open_database
from sia_console.storage.preferences import Preferences, load_preferences

if TYPE_CHECKING:
    from sia_console.tui.app import SiaConsole


def make_app(
    database: Database,
    *,
    today: Callable[[], date] | None = None,
    edit_visit: str | None = None,
    preferences: Preferences | None = None,
) -> SiaConsole:
    """The app over ``database``; ``today`` fixes the date (tests, snapshots, benchmarks).

    With ``edit_visit`` the app opens straight at that visit's note of visit.
    """
    from sia_console.tui.app import SiaConsole
    from sia_console.tui.context import AppContext

    context = AppContext(database) if today is None else AppContext(database, today)
    context = replace(context, core_lead=is_core_lead(database))
    return SiaConsole(context, edit_visit=edit_visit, preferences=preferences)


def is_core_lead(database: Database) -> bool:
    """Whether the identity of ``database`` is a core lead (one small read, before the UI)."""
    from sia_console.domain.enums import Role
    from sia_console.services.identity import current_identity

    with database.session() as session:
        me = current_identity(session)
        return me is not None and me.role is Role.CORE_LEAD


def launch(db_path: Path, *, edit_visit: str | None = None) -> None:
    """Open ``db_path`` and run the app until the user quits.

    A :class:`~sia_console.storage.errors.StorageError` from opening the database is
    left to the caller, which prints it as one sentence. ``edit_visit`` opens the app
    straight at that visit's note (``sia-console edit VISIT_ID``).
    """
    database = open_database(db_path)
    try:
        app = make_app(database, edit_visit=edit_visit, preferences=load_preferences())
        prepare_to_run()
        app.run()
    finally:
        database.dispose()


def prepare_to_run() -> None:
    """Spare the first screen the garbage collector's scans of everything imported.

    Modules, classes and the database engine live as long as the process; freezing them
    takes them out of the collector's reach, so the collections that the first screen's
    many new objects trigger are short (they otherwise cost more than the screen itself).
    """
    gc.collect()
    gc.freeze()
