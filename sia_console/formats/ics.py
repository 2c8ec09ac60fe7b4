"""Visits as an iCalendar file (RFC 5545) that Outlook and Google Calendar import.

Three choices make a re-import update the adviser's diary rather than fill it with copies:

* the UID of an event is the visit's own id (``<id>@sia-console``), which never changes;
* DTSTAMP, LAST-MODIFIED and SEQUENCE come from when the visit was last changed, not from
  the time of the export, so exporting twice gives the same file and a moved visit wins;
* cancelled (and postponed) visits are kept, with ``STATUS:CANCELLED``, so a calendar
  that imported them before takes them out of the diary.

Times are Europe/London wall-clock with a VTIMEZONE written with the yearly rules of UK
summer time (as Outlook and Google write it), so it is right for any year of visits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from sia_console.domain.enums import VisitStatus
from sia_console.domain.text import visible
from sia_console.domain.vocabulary import LONDON

LONDON_TZID = LONDON.key
UID_DOMAIN = "sia-console"
PRODID = "-//sia-console//Visit calendar//EN"
SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
"""SEQUENCE counts minutes since this moment, so a later change always has a higher one."""


@dataclass(frozen=True)
class IcsVisit:
    """One visit, as it goes into the file."""

    visit_id: str
    start: datetime
    """Naive Europe/London wall-clock."""
    end: datetime
    summary: str
    description: str
    location: str
    status: VisitStatus
    created_at: datetime
    """Aware UTC."""
    updated_at: datetime
    """Aware UTC: the last change to the visit."""


def visit_uid(visit_id: str) -> str:
    """The UID of a visit's event: the same in every export, on every laptop."""
    return f"{visit_id}@{UID_DOMAIN}"


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def london_timezone() -> Timezone:
    """The VTIMEZONE of Europe/London: GMT, and BST from the last Sunday of March to the
    last Sunday of October (the rule since 1996, which the visits of any year follow)."""
    zone = Timezone()
    zone.add("tzid", LONDON_TZID)
    zone.add("x-lic-location", LONDON_TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("tzoffsetfrom", timedelta(0))
    summer.add("tzoffsetto", timedelta(hours=1))
    summer.add("dtstart", datetime(1970, 3, 29, 1, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(0))
    winter.add("dtstart", datetime(1970, 10, 25, 2, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def visit_event(visit: IcsVisit) -> Event:
    """One visit as a VEVENT."""
    event = Event()
    changed = _utc(visit.updated_at).replace(microsecond=0)
    event.add("uid", visit_uid(visit.visit_id))
    event.add("dtstamp", changed)
    event.add("created", _utc(visit.created_at).replace(microsecond=0))
    event.add("last-modified", changed)
    event.add("sequence", max(0, int((changed - SEQUENCE_EPOCH).total_seconds() // 60)))
    event.add("dtstart", visit.start.replace(tzinfo=LONDON))
    event.add("dtend", visit.end.replace(tzinfo=LONDON))
    # Names and purposes came from people and bundles: a control character in them would
    # reach whatever shows the calendar (a terminal, a mail client), so it goes as its
    # visible picture, like everywhere else we write text out.
    event.add("summary", visible(visit.summary))
    if visit.description:
        event.add("description", visible(visit.description, keep_lines=True))
    if visit.location:
        event.add("location", visible(visit.location))
    gone = visit.status in (VisitStatus.CANCELLED, VisitStatus.POSTPONED)
    event.add("status", "CANCELLED" if gone else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if gone else "OPAQUE")
    event.add("categories", ["School visit"])
    return event


def write_calendar(visits: Iterable[IcsVisit], *, name: str) -> bytes:
    """The whole calendar file, CRLF line endings, UTF-8."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", visible(name))
    calendar.add("x-wr-timezone", LONDON_TZID)
    calendar.add_component(london_timezone())
    for visit in sorted(visits, key=lambda v: (v.start, v.visit_id)):
        calendar.add_component(visit_event(visit))
    return bytes(calendar.to_ical())


MAX_OWN_CALENDAR = 16 * 1024 * 1024
"""A calendar file larger than this is not read to recognise it (nor one of ours)."""


def calendar_name_of(path: Path) -> str | None:
    """The name of the sia-console calendar in the file at ``path``, or ``None`` when the
    file is not one that sia-console wrote (so that an export brings its own earlier
    calendar up to date, and never replaces anything else)."""
    try:
        if path.stat().st_size > MAX_OWN_CALENDAR:
            return None
        calendar = Calendar.from_ical(path.read_bytes())
    except (OSError, ValueError):
        return None
    if str(calendar.get("prodid", "")) != PRODID:
        return None
    return str(calendar.get("x-wr-calname", ""))
