"""Errors the storage layer raises, each with one sentence a user can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sia_console.i18n import _


class StorageError(Exception):
    """The database cannot be opened or used; ``str()`` is the user-facing sentence."""


_BY_CODE = {
    "SQLITE_READONLY": "read-only",
    "SQLITE_CANTOPEN": "cannot-open",
    "SQLITE_BUSY": "locked",
    "SQLITE_LOCKED": "locked",
    "SQLITE_FULL": "full",
    "SQLITE_CORRUPT": "damaged",
    "SQLITE_NOTADB": "damaged",
}
"""SQLite's primary result codes (extended ones start with these) that say something
about the file or the machine rather than about a mistake in sia-console."""

_BY_TEXT = (
    ("readonly", "read-only"),
    ("read-only", "read-only"),
    ("unable to open", "cannot-open"),
    ("locked", "locked"),
    ("disk is full", "full"),
    ("malformed", "damaged"),
    ("not a database", "damaged"),
)


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The driver's error behind ``exc`` (SQLAlchemy keeps it as ``orig``), if any."""
    inner = getattr(exc, "orig", None)
    if isinstance(inner, sqlite3.Error):
        return inner
    return exc if isinstance(exc, sqlite3.Error) else None


def _kind(error: sqlite3.Error) -> str | None:
    name = getattr(error, "sqlite_errorname", None) or ""
    for code, kind in _BY_CODE.items():
        if name == code or name.startswith(code + "_"):
            return kind
    lowered = str(error).lower()
    return next((kind for text, kind in _BY_TEXT if text in lowered), None)


def known_reason(exc: BaseException) -> str | None:
    """Why the database could not be used, in words, when SQLite's error says it.

    Only conditions of the file or the machine are recognised (read-only, cannot be
    opened, locked, disk full, damaged); any other error gives ``None``. The words
    never quote the error's own message, which may hold data.
    """
    error = _sqlite_error(exc)
    kind = _kind(error) if error is not None else None
    if kind == "read-only":
        return _("the file or its folder is read-only")
    if kind == "cannot-open":
        return _("the file cannot be opened (check the path and its permissions)")
    if kind == "locked":
        return _("another program is holding it locked; try again in a moment")
    if kind == "full":
        return _("the disk is full")
    if kind == "damaged":
        return _("the file is damaged")
    return None


def storage_failure(exc: BaseException, path: Path | None = None) -> StorageError | None:
    """The one sentence for a database failure of the file or the machine, or ``None``.

    A write to a read-only database, say, fails deep inside a command; every caller
    turns it into this one sentence (the storage session, the command line's last
    guard, the terminal UI's error dialog).
    """
    reason = known_reason(exc)
    if reason is None:
        return None
    if path is None:
        return StorageError(_("Cannot use the database: {reason}.").format(reason=reason))
    return StorageError(
        _("Cannot use the database {path}: {reason}.").format(path=path, reason=reason)
    )
