"""What makes a file a sia-console database, checked before SQLite may write to it.

Opening a file with SQLite for writing can change it even if nothing is saved: setting
WAL journalling rewrites the header. So a file is read directly first, and only a file
that is ours is handed to SQLite:

* our databases carry :data:`APPLICATION_ID` in the SQLite header (``PRAGMA
  application_id``, the big-endian 4 bytes at offset 68);
* a header whose id is 0 may be a database of an earlier version of sia-console, made
  before the id was set; it is inspected read-only and immutable (no lock, no side file,
  nothing written) and accepted only if it holds our migration table, at a revision this
  version knows, and our tables;
* any other id, any other file, and (unless a database is being started) an empty file
  are refused with one sentence, the file untouched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Collection
from pathlib import Path

from sia_console.i18n import _
from sia_console.storage.errors import StorageError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
"""The SQLite database header, at the start of the file."""

APPLICATION_ID = 0x53494143
"""``PRAGMA application_id`` of every sia-console database ("SIAC"). Never change it:
databases in use carry it."""

APPLICATION_ID_OFFSET = 68

OUR_TABLES = frozenset(
    {
        "adviser",
        "bundle_log",
        "conflict",
        "installation",
        "setting",
        "local_identity",
        "school",
        "trust",
        "visit",
        "note_of_visit",
        "action",
        "amendment",
        "note_section",
        "risk_judgement",
        "action_review",
        "prediction",
    }
)
"""The tables of the first migration, which every later revision keeps."""

FILE_MODE = 0o600
"""Databases and their backups are readable by their owner only (on POSIX)."""


def application_id(header: bytes) -> int:
    """The application id in a database header (0 when none was set)."""
    return int.from_bytes(header[APPLICATION_ID_OFFSET : APPLICATION_ID_OFFSET + 4], "big")


def read_header(path: Path) -> bytes:
    """The first :data:`HEADER_SIZE` bytes of ``path`` (fewer if the file is shorter)."""
    try:
        with path.open("rb") as handle:
            return handle.read(HEADER_SIZE)
    except OSError as exc:
        raise StorageError(
            _("Cannot read {path}: {reason}.").format(path=path, reason=exc.strerror)
        ) from exc


def not_ours(path: Path) -> StorageError:
    """The refusal of an SQLite database that belongs to another program."""
    return StorageError(
        _("{path} is an SQLite database but not a sia-console database.").format(path=path)
    )


def check_file(path: Path, *, create: bool, known_revisions: Callable[[], Collection[str]]) -> None:
    """Refuse, touching nothing, a ``path`` that SQLite must not open for writing.

    ``known_revisions`` gives the migration revisions this version knows; it is asked
    only for a database without our application id (one of an earlier version).
    Raises :class:`StorageError` with one sentence; returns when the file is ours, is
    absent, or is empty and ``create`` is true.
    """
    if path.is_dir():
        raise StorageError(_("{path} is a folder, not a database file.").format(path=path))
    if not path.exists():
        return
    header = read_header(path)
    if not header:
        if create:
            return
        raise StorageError(
            _("{path} is an empty file, not a sia-console database.").format(path=path)
        )
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise StorageError(
            _("{path} is not a sia-console database (not an SQLite file).").format(path=path)
        )
    found = application_id(header)
    if found == APPLICATION_ID:
        return
    if found != 0 or not _earlier_sia_console_database(path, known_revisions):
        raise not_ours(path)


def _earlier_sia_console_database(
    path: Path, known_revisions: Callable[[], Collection[str]]
) -> bool:
    """Whether ``path`` (no application id) holds our tables at a revision we know.

    Read with ``immutable=1``: SQLite takes no lock, makes no side file and writes
    nothing (what a -wal file holds is not seen, which is enough to recognise a schema).
    """
    uri = path.absolute().as_uri() + "?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return False
    try:
        tables = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).fetchall()
        }
        if "alembic_version" not in tables or not tables >= OUR_TABLES:
            return False
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return len(rows) == 1 and rows[0][0] in known_revisions()


def create_private_file(path: Path) -> None:
    """Create ``path`` empty, readable by its owner only, before SQLite opens it.

    SQLite gives the -wal, -shm and -journal files it makes the mode of the database
    file, so they are private too. An existing file is left as it is.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, FILE_MODE)  # whatever the umask


SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database, named by what it adds to its name."""


def make_private(path: Path) -> None:
    """Make an existing database of ours, and SQLite's files beside it, readable by their
    owner only: a file an earlier version made with the umask's mode (0644) is
    tightened the next time it is opened. Only files this user owns, and only on POSIX;
    a file that cannot be changed (another owner, a read-only mount) is left as it is.
    """
    if os.name != "posix":
        return
    for member in (path, *(path.with_name(path.name + end) for end in SQLITE_SIDE_FILES)):
        try:
            status = member.stat()
            if status.st_uid == os.getuid() and status.st_mode & 0o077:
                os.chmod(member, FILE_MODE)
        except OSError:
            continue


def stamp(path: Path) -> None:
    """Write our application id into the header of the new, empty database ``path``.

    Done before WAL journalling is set, so that the id is in the file itself at once
    (in WAL mode it would wait in the -wal file until a checkpoint).
    """
    connection = sqlite3.connect(path)
    try:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.commit()
    finally:
        connection.close()
