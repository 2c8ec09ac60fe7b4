"""Where sia-console keeps things, from one place (``platformdirs``).

Nothing here is a machine-specific constant: every folder comes from the platform's
conventions (``%LOCALAPPDATA%`` on Windows, ``~/Library`` on macOS, XDG on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "sia-console"
DB_ENV = "SIA_CONSOLE_DB"

_dirs = PlatformDirs(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """The user data folder for sia-console."""
    return Path(_dirs.user_data_dir)


def config_dir() -> Path:
    """The user config folder: this person's preferences on this computer."""
    return Path(_dirs.user_config_dir)


def log_dir() -> Path:
    """The folder for diagnostic logs (never holds note text or secrets)."""
    return Path(_dirs.user_log_dir)


def default_db_path() -> Path:
    """The real database: ``SIA_CONSOLE_DB`` if set, else the user data folder."""
    chosen = os.environ.get(DB_ENV)
    return Path(chosen).expanduser() if chosen else data_dir() / "sia-console.sqlite"


def demo_db_path() -> Path:
    """The separate demo database, never the real one."""
    return data_dir() / "demo.sqlite"


def default_exports_dir() -> Path:
    """A folder in the user's documents, wherever sia-console runs from (never the current
    folder or a source checkout); ``settings set export-folder`` chooses another."""
    return Path(_dirs.user_documents_dir) / "sia-console exports"
