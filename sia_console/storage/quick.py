"""The first screen's way into a database: ``sqlite3`` alone, the ORM opened later.

SQLAlchemy, SQLModel and pydantic take longer to import than Textual takes to draw the
first screen. A database that needs nothing done before it is read (ours by its
application id, at the packaged revision :data:`~sia_console.storage.migrations.SCHEMA_REVISION`,
with its installation row) is therefore opened here with the standard library only, and
:class:`QuickDatabase` opens the full :class:`~sia_console.storage.database.Database`
(engine, migration check, clock) the first time something asks for it, once the first
screen is shown. Any other file (new, empty, another program's, older, newer,
unreadable) gets ``None`` from :func:`open_ready`, and the caller opens it the full way,
which creates, backs up and migrates, or refuses it with one sentence, exactly as before.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sia_console.storage import fileformat
from sia_console.storage.errors import StorageError
from sia_console.storage.migrations import SCHEMA_REVISION

if TYPE_CHECKING:
    from sia_console.storage.database import Database

BUSY_TIMEOUT_MS = 10_000
"""How long a connection waits for another process's lock before it gives up."""


def open_ready(path: Path) -> sqlite3.Connection | None:
    """A read-only ``sqlite3`` connection to ``path`` if it can be read as it is, else ``None``.

    Only a file carrying our application id is opened (the header is read first, so a
    file that is not ours is never handed to SQLite here); the connection is
    ``query_only``, so nothing this path does can change the file.
    """
    try:
        if not path.is_file():
            return None
        header = fileformat.read_header(path)
    except (OSError, StorageError):
        return None
    if (
        len(header) < fileformat.HEADER_SIZE
        or not header.startswith(fileformat.SQLITE_MAGIC)
        or fileformat.application_id(header) != fileformat.APPLICATION_ID
    ):
        return None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA query_only = ON")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        installed = connection.execute("SELECT 1 FROM installation WHERE id = 1").fetchall()
    except sqlite3.Error:
        connection.close()
        return None
    if revision != [(SCHEMA_REVISION,)] or not installed:
        connection.close()
        return None
    return connection


class QuickDatabase:
    """A database read through ``sqlite3`` until the full one is needed, then opened once.

    :meth:`database` may be called from any thread (the first caller opens it; the
    others wait for it). The ``sqlite3`` connection is shared between threads: each use
    holds :attr:`lock`.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.connection = connection
        """The read-only connection for the first screen's reads."""
        self.lock = threading.Lock()
        """Held while :attr:`connection` is in use."""
        self._opening = threading.Lock()
        self._database: Database | None = None

    @property
    def opened(self) -> bool:
        """Whether the full database has been opened."""
        return self._database is not None

    def database(self) -> Database:
        """The full database (engine, sessions, clock), opened on the first call."""
        with self._opening:
            if self._database is None:
                from sia_console.storage.database import open_database

                # (the connection holds the file: its header is not read again)
                self._database = open_database(self.path, create=False, held=True)
            return self._database

    def dispose(self) -> None:
        """Close the ``sqlite3`` connection and the full database, if it was opened."""
        with self.lock:
            self.connection.close()
        with self._opening:
            if self._database is not None:
                self._database.dispose()
