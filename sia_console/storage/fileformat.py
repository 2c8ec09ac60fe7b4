"""The database file itself: made readable by its owner only before SQLite opens it."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
"""Databases and their backups are readable by their owner only (on POSIX)."""


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
