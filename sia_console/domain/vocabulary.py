"""The words of the domain that every face shows: defined once, here.

The terminal UI, the command line and the documents read these, so that a Welsh
interface translates each in one place: how text is folded for finding it ("tŷ" finds
"Ty"), the London wall clock visit times are written in, and (in the modules that
import this one) the names of days and months and the labels of the closed vocabularies.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
"""The wall clock people read times on in England and Wales (see the CLI contract)."""


def london(moment: datetime) -> datetime:
    """A stored moment as Europe/London wall-clock time (a naive one is taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(LONDON)


def london_today() -> date:
    """Today in England and Wales, the zone visit times are written in."""
    return datetime.now(LONDON).date()


def fold(text: str) -> str:
    """``text`` without accents and case, for finding: "tŷ" finds "Ty", "Ty" finds "tŷ".

    Case is folded first, then accents are taken apart and dropped, so that every way of
    writing a letter (a precomposed ŵ, or w and a combining circumflex) folds alike.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def matches_filter(text_filter: str, *fields: str | None) -> bool:
    """True when every word of ``text_filter`` appears, folded, in one of ``fields``."""
    haystack = " ".join(fold(field) for field in fields if field)
    return all(word in haystack for word in fold(text_filter).split())
