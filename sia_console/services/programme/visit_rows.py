"""A visit as the calendar lists it, and the reading of the days a listing is asked for.

Kept apart from :mod:`.visits` (which reads and writes through the ORM) so that
``sia-console visits list`` can read on the standard library's ``sqlite3`` alone
(:mod:`.listing_sqlite`) and still give the same rows and refuse the same input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sia_console.domain.dates import NoSuchDate, UnreadableDate, read_date
from sia_console.domain.enums import NoteStatus, VisitStatus
from sia_console.domain.vocabulary import london_today
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput


@dataclass(frozen=True)
class VisitRow:
    """One visit as the calendar shows it."""

    id: str
    school_code: str
    school_name: str
    start: datetime
    end: datetime
    purpose: str
    status: VisitStatus
    programme_slot: int | None = None
    adviser_name: str | None = None
    note_id: str | None = None
    note_status: NoteStatus | None = None
    status_reason: str | None = None
    """Why the visit was cancelled or postponed."""
    moved_to: datetime | None = None
    """For a postponed visit planned again, when the new visit starts."""
    reassigned: bool = False
    """Still planned at a school the core lead has since linked to another adviser
    (``domain.caseload.school_reassigned``): for its adviser to cancel."""


def parse_day(text: str, field: str, today: date | None = None) -> date:
    """Read a date as the one date reader takes it (``2026-11-23``, ``23/11/2026``,
    ``23 Nov``, ``tomorrow``, ``Friday`` …; relative to ``today``, London's by default);
    :class:`InvalidInput` names ``field``, and says apart a date that does not exist from
    text that is not a date."""
    cleaned = text.strip()
    try:
        return read_date(cleaned, today or london_today())
    except NoSuchDate as exc:
        raise InvalidInput(
            _("The {field} date {value} is not a date that exists.").format(
                field=field, value=cleaned
            )
        ) from exc
    except UnreadableDate as exc:
        try:
            datetime.fromisoformat(cleaned)
        except ValueError:
            pass
        else:
            raise InvalidInput(
                _(
                    "The {field} date {value} has a time; give the day alone, as in 2026-11-23."
                ).format(field=field, value=cleaned)
            ) from exc
        raise InvalidInput(
            _(
                "I cannot read the {field} date {value}; write it as 2026-11-23, 23/11/2026, "
                "23 Nov or tomorrow."
            ).format(field=field, value=cleaned or '""')
        ) from exc


def check_range(date_from: date | None, date_to: date | None) -> None:
    """:class:`InvalidInput` when the to date is before the from date."""
    if date_from is not None and date_to is not None and date_to < date_from:
        raise InvalidInput(
            _("The to date {to} is before the from date {start}.").format(
                to=date_to.isoformat(), start=date_from.isoformat()
            )
        )
