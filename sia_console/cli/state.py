"""What every command shares: the chosen database, opened once and on demand.

The storage layer (and SQLAlchemy with it) is imported only when a command opens the
database, so that ``--help`` and the commands that need none start without it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from sia_console.paths import default_db_path

if TYPE_CHECKING:
    from sqlmodel import Session

    from sia_console.storage.database import Database

SIDE_FILES = ("-wal", "-shm", "-journal")
"""What SQLite keeps beside a database file while it is open."""


@dataclass
class CliState:
    """The global options and the open database, kept on ``ctx.obj``."""

    db_option: Path | None = None
    """``--db`` as given on the command line (``None`` when absent)."""

    _database: Database | None = field(default=None, repr=False)
    _connection: sqlite3.Connection | None = field(default=None, repr=False)
    _created: Path | None = field(default=None, repr=False)
    """The database file this command started (not there before it), if any."""

    @property
    def db_path(self) -> Path:
        """The database in use: ``--db``, else ``SIA_CONSOLE_DB``, else the default."""
        return self.db_option if self.db_option is not None else default_db_path()

    @property
    def open_path(self) -> Path | None:
        """The file of the database this command opened (``None`` before it opens one)."""
        return self._database.path if self._database is not None else None

    def database(self, *, create: bool = False) -> Database:
        """Open the database (once), migrating it if needed.

        Only commands that start a database (``init``, ``schools import``) pass
        ``create=True``: a mistyped ``--db`` must not quietly make an empty one.
        """
        if self._database is None:
            from sia_console.storage.database import open_database  # only when a command needs it

            path = self.db_path.expanduser()
            new = create and not path.exists()
            self._database = open_database(path, create=create)
            if new:
                self._created = path
        return self._database

    def ready_connection(self) -> sqlite3.Connection | None:
        """A read-only ``sqlite3`` connection when the database is ready as it is (ours,
        up to date: ``storage.quick``), for a listing that needs no ORM; else ``None``,
        and the command opens the database in full (which says what is wrong, if
        anything is)."""
        if self._database is not None:
            return None
        if self._connection is None:
            from sia_console.storage.quick import open_ready

            self._connection = open_ready(self.db_path.expanduser())
        return self._connection

    @contextmanager
    def session(self, *, create: bool = False) -> Iterator[Session]:
        """One transaction on the database."""
        with self.database(create=create).session() as session:
            yield session

    def close(self) -> None:
        """Release the database, if it was opened."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._database is not None:
            self._database.dispose()
            self._database = None

    def discard_new_database(self) -> None:
        """After a failed command: remove the database file it started, so that the
        failure leaves nothing behind (a file that was there before is never touched)."""
        created, self._created = self._created, None
        if created is None:
            return
        self.close()
        for path in (created, *(created.with_name(created.name + end) for end in SIDE_FILES)):
            path.unlink(missing_ok=True)


def state(ctx: typer.Context) -> CliState:
    """The :class:`CliState` of the running command."""
    obj = ctx.find_root().obj
    if not isinstance(obj, CliState):
        obj = CliState()
        ctx.find_root().obj = obj
    return obj
