"""Open a sia-console database: checks, pragmas, migrations, and sessions.

The file is checked before SQLite opens it (see :mod:`~sia_console.storage.fileformat`):
a file that is not ours is never changed. Every connection sets ``busy_timeout`` first
(so a second process waits rather than fails), then WAL journalling, ``synchronous=FULL``
(a laptop battery dying is a power loss) and foreign keys. SQL parameters (note text,
names, email addresses) never appear in an error or a log: the engines hide them.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, col, create_engine

from sia_console.domain.hlc import MAX_AHEAD_MS, HybridClock, Version
from sia_console.domain.models import SYNCED_TABLES, Installation
from sia_console.i18n import _
from sia_console.storage import fileformat, migrations
from sia_console.storage.errors import StorageError, known_reason, storage_failure
from sia_console.storage.quick import BUSY_TIMEOUT_MS
from sia_console.storage.stamping import CLOCK_KEY


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


@dataclass
class Database:
    """An open database: its engine, path, installation id and clock."""

    engine: Engine
    path: Path | None
    installation_id: str
    clock: HybridClock = field(repr=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with Session(self.engine, expire_on_commit=False) as session:
            session.info[CLOCK_KEY] = self.clock
            try:
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                failure = storage_failure(exc, self.path)
                if failure is not None:  # a read-only file, a full disk: one sentence
                    raise failure from exc
                raise

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def check_path(path: Path, *, create: bool = True) -> None:
    """Refuse a folder, a file that is not a sia-console database, or (unless
    ``create``) an empty file: one sentence, the file untouched."""
    fileformat.check_file(path, create=create, known_revisions=migrations.known_revisions)


def make_engine(path: Path | None) -> Engine:
    """An engine for ``path`` (``None`` for a private in-memory database)."""
    if path is None:
        engine = create_engine(
            "sqlite://",
            connect_args={"check_same_thread": False},
            poolclass=StaticPool,
            hide_parameters=True,
        )
    else:
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            hide_parameters=True,
        )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def _initial_clock(engine: Engine, node: str) -> HybridClock:
    """The clock after the newest version stored, never one from beyond tomorrow: a
    version that came from the far future before bundles' clocks were checked is not
    adopted as this laptop's time (every later change here would carry it)."""
    bound = f"{time.time_ns() // 1_000_000 + MAX_AHEAD_MS:013d}"
    latest: list[Version] = []
    with Session(engine) as session:
        for table in SYNCED_TABLES:
            newest = select(func.max(table.hlc)).where(col(table.hlc) < bound)
            value = session.execute(newest).scalar()
            if value:
                try:
                    latest.append(Version.parse(value))
                except ValueError:
                    continue
    top = max(latest, default=Version(0, 0, node))
    return HybridClock(node, Version(top.millis, top.counter, node))


def open_database(path: Path | None, *, create: bool = True, held: bool = False) -> Database:
    """Open (and create, and migrate) the database at ``path``.

    Raises :class:`StorageError` with one user-facing sentence when the path is a folder,
    not a sia-console database (another program's, or not SQLite), from a newer version,
    unwritable, or (with ``create=False``) absent or empty. A new database file is made
    readable by its owner only, and so are the -wal and -shm files SQLite makes beside it;
    an existing one of ours an earlier version left readable by others is made private.

    ``held``: this process already has the file open through SQLite (``storage.quick``
    checked it then). Its header is not read again: closing any handle of a file drops
    every POSIX lock the process holds on it, SQLite's too, and another process closing
    its own connection would then take the database for unused and delete the WAL that
    this one still writes to (what is written after that is lost).
    """
    if path is not None:
        path = path.expanduser()
        if not held:
            check_path(path, create=create)
        if not path.exists() and not create:
            raise StorageError(
                _(
                    "There is no database at {path}; check the path, or start one with "
                    "sia-console init (or try sia-console demo)."
                ).format(path=path)
            )
        _prepare_new_file(path)
        fileformat.make_private(path)
    engine = make_engine(path)
    try:
        migrations.upgrade(engine, path)
        with Session(engine) as session:
            installation = session.get(Installation, 1)
            if installation is None:
                installation = Installation()
                session.add(installation)
                session.commit()
            node = installation.installation_id
        clock = _initial_clock(engine, node)
    except (OperationalError, sqlite3.Error) as exc:
        engine.dispose()
        raise StorageError(
            _("Cannot open the database {path}: {reason}.").format(
                path=path or ":memory:", reason=_reason(exc)
            )
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(engine=engine, path=path, installation_id=node, clock=clock)


def _prepare_new_file(path: Path) -> None:
    """Make the folder and the file of a new database, private, with our application id.

    Does nothing to an existing database; an existing empty file (accepted only when
    starting a database) gets the id but keeps its mode.
    """
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            _("Cannot create the folder {folder}: {reason}.").format(
                folder=path.parent, reason=exc.strerror
            )
        ) from exc
    try:
        if not path.exists():
            fileformat.create_private_file(path)
    except OSError as exc:
        raise StorageError(
            _("Cannot open the database {path}: {reason}.").format(
                path=path, reason=_os_reason(exc)
            )
        ) from exc
    if path.stat().st_size == 0:
        try:
            fileformat.stamp(path)
        except sqlite3.Error as exc:
            raise StorageError(
                _("Cannot open the database {path}: {reason}.").format(
                    path=path, reason=_reason(exc)
                )
            ) from exc


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return _("the file or its folder is read-only")
    return exc.strerror or type(exc).__name__


def _reason(exc: BaseException) -> str:
    known = known_reason(exc)
    if known is not None:
        return known
    inner = getattr(exc, "orig", None) or exc
    return str(inner).strip().rstrip(".") or type(inner).__name__
