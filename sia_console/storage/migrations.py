"""Apply the Alembic migrations on open, after an online backup of existing data.

SQLAlchemy and Alembic are imported only when a database is opened or migrated, so that
``storage.quick`` can compare a database's revision with :data:`SCHEMA_REVISION` without
them. The migrations live in the checkout's ``db/`` folder and are shipped inside the wheel
as ``sia_console/_migrations``, so an installed copy can migrate its database.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sia_console.i18n import _
from sia_console.storage.errors import StorageError
from sia_console.storage.fileformat import create_private_file

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

_PACKAGE_DIR = Path(__file__).resolve().parents[1]

SCHEMA_REVISION = "0012"
"""The newest migration; lets an up-to-date database open without loading Alembic (and
the first screen read one with ``sqlite3`` alone, ``storage.quick``).
A test checks it against the scripts' head: update it with every new migration."""


def script_location() -> Path:
    """Where the migration scripts are: inside the package when installed, else ``db/``."""
    shipped = _PACKAGE_DIR / "_migrations"
    if (shipped / "env.py").exists():
        return shipped
    return _PACKAGE_DIR.parent / "db"


def alembic_config() -> Config:
    """An Alembic configuration pointing at our scripts, with no ini file."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location()))
    return config


def head_revision() -> str | None:
    """The newest revision this version of sia-console knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """Every revision this version of sia-console knows (a database at any of them opens)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def _current_revision(engine: Engine) -> str | None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:
        return None


def backup(path: Path, label: str) -> Path:
    """Copy the live database with SQLite's online backup API (never a file copy).

    The copy is readable by its owner only, like the database.
    """
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{label}-{stamp}{path.suffix or '.sqlite'}")
    try:
        create_private_file(target)
    except OSError as exc:
        raise StorageError(
            _("Cannot make a backup of {path} before updating it: {reason}.").format(
                path=path, reason=exc.strerror
            )
        ) from exc
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def upgrade(engine: Engine, path: Path | None) -> Path | None:
    """Bring the database to the head revision; return the backup made, if any."""
    if _current_revision(engine) == SCHEMA_REVISION:
        return None
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError
    from sqlalchemy import inspect

    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    head = scripts.get_current_head()
    shown = path or ":memory:"
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
    if current is None and tables - {"alembic_version"}:
        raise StorageError(
            _("{path} is an SQLite database but not a sia-console database.").format(path=shown)
        )
    if current is not None:
        try:
            scripts.get_revision(current)
        except CommandError as exc:
            raise StorageError(
                _(
                    "{path} was written by a newer version of sia-console; "
                    "update sia-console to open it."
                ).format(path=shown)
            ) from exc
    if current == head:
        return None
    made = backup(path, current) if (path is not None and current is not None) else None
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return made
