"""What every screen is given: the open database, where "today" comes from, and the key
file's passphrase once it has been typed.

Passed down to screens when they are made (attributes down), so a test can hand the
app a fixed day and a temporary database, exactly as ``launch`` hands it the real ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sia_console.domain.vocabulary import london_today
from sia_console.keys.unlock import SessionPassphrase
from sia_console.storage.database import Database


@dataclass(frozen=True)
class AppContext:
    """The database the app works on and its clock for "today"."""

    database: Database
    today: Callable[[], date] = london_today
    core_lead: bool = False
    """Whether this database's identity is a core lead: their home is the authority screen."""
    passphrase: SessionPassphrase = field(default_factory=SessionPassphrase)
    """The key file's passphrase, once typed into the unlock dialog (this run only)."""
