"""What every screen is given: the open database and where "today" comes from.

Passed down to screens when they are made (attributes down), so a test can hand the
app a fixed day and a temporary database, exactly as ``launch`` hands it the real ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sia_console.storage.database import Database

LONDON = ZoneInfo("Europe/London")


def london_today() -> date:
    """Today in England and Wales, the zone visit times are written in."""
    return datetime.now(LONDON).date()


@dataclass(frozen=True)
class AppContext:
    """The database the app works on and its clock for "today"."""

    database: Database
    today: Callable[[], date] = london_today
    core_lead: bool = False
    """Whether this database's identity is a core lead: their home is the authority screen."""
