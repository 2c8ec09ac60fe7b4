"""What every screen is given: the open database, where "today" comes from, and the key
file's passphrase once it has been typed.

Passed down to screens when they are made (attributes down), so a test can hand the
app a fixed day and a temporary database, exactly as ``launch`` hands it the real ones.
``launch`` may hand it a :class:`~sia_console.storage.quick.QuickDatabase`: the first
screen reads through ``sqlite3`` and the full database (SQLAlchemy with it) is opened
the first time a screen or worker asks for :attr:`AppContext.database`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sia_console.domain.vocabulary import london_today
from sia_console.keys.unlock import SessionPassphrase
from sia_console.storage.quick import QuickDatabase

if TYPE_CHECKING:
    from sia_console.storage.database import Database


@dataclass(frozen=True)
class AppContext:
    """The database the app works on and its clock for "today"."""

    source: Database | QuickDatabase
    """The database as opened: in full, or ready for the first screen's quick read."""
    today: Callable[[], date] = london_today
    core_lead: bool = False
    """Whether this database's identity is a core lead: their home is the authority screen."""
    passphrase: SessionPassphrase = field(default_factory=SessionPassphrase)
    """The key file's passphrase, once typed into the unlock dialog (this run only)."""

    @property
    def database(self) -> Database:
        """The full database (opened now, once, if it was not yet: best from a worker)."""
        source = self.source
        return source.database() if isinstance(source, QuickDatabase) else source

    @property
    def quick(self) -> QuickDatabase | None:
        """The ``sqlite3`` way to the first screen's data, when the app was given one."""
        source = self.source
        return source if isinstance(source, QuickDatabase) else None

    @property
    def path(self) -> Path | None:
        """The database file (``None`` for a database in memory)."""
        return self.source.path
