"""The iCalendar export, read back with ``icalendar`` as Outlook or Google would read it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlmodel import Session

from sia_console.domain.enums import Role, VisitStatus
from sia_console.domain.models import School, Visit
from sia_console.keys.store import KeyringStore
from sia_console.services.errors import InvalidInput
from sia_console.services.identity import create_identity
from sia_console.services.programme.changes import VisitForm, save_visit, set_visit_status
from sia_console.services.programme.ical import export_ics

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def planned(session: Session) -> dict[str, str]:
    me = create_identity(session, KeyringStore("tests"), name="Meinir Prys", role=Role.SIA)
    session.add(
        School(
            code="6612034",
            name="Ysgol Gynradd Glan-y-Dŵr",
            local_authority="Sir Eryri",
            postcode="LL55 1AA",
            adviser_id=me.id,
        )
    )
    session.flush()
    ids = {}
    for name, day, clock in (("winter", "2026-11-24", "09:30"), ("summer", "2027-07-06", "13:00")):
        form = VisitForm("6612034", day, clock, "180", f"Visit; with, commas — {name}")
        ids[name] = save_visit(session, form).id
    cancelled = save_visit(session, VisitForm("6612034", "2026-12-08", "09:00", "120")).id
    set_visit_status(session, cancelled, VisitStatus.CANCELLED)
    ids["cancelled"] = cancelled
    return ids


def read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_round_trip(session: Session, planned: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "visits.ics"
    result = export_ics(session, out)
    assert (result.events, result.cancelled, result.path) == (3, 1, out)
    calendar = read(out)
    assert str(calendar["X-WR-CALNAME"]) == "School visits: Meinir Prys"
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"{visit_id}@sia-console" for visit_id in planned.values()}

    winter = events[f"{planned['winter']}@sia-console"]
    assert winter.decoded("DTSTART") == datetime(2026, 11, 24, 9, 30, tzinfo=LONDON)
    assert winter["DTSTART"].params["TZID"] == "Europe/London"
    assert winter.decoded("DTEND") == datetime(2026, 11, 24, 12, 30, tzinfo=LONDON)
    assert str(winter["SUMMARY"]) == "Visit to Ysgol Gynradd Glan-y-Dŵr"
    assert str(winter["DESCRIPTION"]) == "Visit; with, commas — winter\nSchool code: 6612034"
    assert str(winter["LOCATION"]) == "Ysgol Gynradd Glan-y-Dŵr, LL55 1AA"
    assert str(winter["STATUS"]) == "CONFIRMED"
    summer = events[f"{planned['summer']}@sia-console"]
    assert summer.decoded("DTSTART").utcoffset() == timedelta(hours=1)  # BST
    gone = events[f"{planned['cancelled']}@sia-console"]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert str(gone["SUMMARY"]).startswith("Cancelled: ")


def test_the_vtimezone_agrees_with_the_zone_database(
    session: Session, planned: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "visits.ics"
    export_ics(session, out)
    [zone] = read(out).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    written = zone.to_tz()  # type: ignore[attr-defined]
    for moment in (
        datetime(2026, 3, 29, 0, 30),
        datetime(2026, 3, 29, 2, 30),
        datetime(2026, 10, 25, 2, 30),
        datetime(2027, 7, 6, 13),
        datetime(2031, 1, 15, 9),
        datetime(2031, 6, 15, 9),
    ):
        assert written.utcoffset(moment) == moment.replace(tzinfo=LONDON).utcoffset(), moment


def test_uids_and_the_file_are_stable_and_a_change_wins(
    session: Session, planned: dict[str, str], tmp_path: Path
) -> None:
    first, second = tmp_path / "one.ics", tmp_path / "two.ics"
    export_ics(session, first)
    export_ics(session, second)
    assert first.read_bytes() == second.read_bytes()  # same visits, same file

    before = {str(e["UID"]): int(str(e["SEQUENCE"])) for e in read(first).walk("VEVENT")}
    form = VisitForm("6612034", "2026-11-25", "09:30", "180", "Moved")
    save_visit(session, form, visit_id=planned["winter"])
    session.flush()
    export_ics(session, second)
    after = {str(e["UID"]): e for e in read(second).walk("VEVENT")}
    assert set(after) == set(before)  # re-importing updates the same events
    moved = after[f"{planned['winter']}@sia-console"]
    assert moved.decoded("DTSTART").date().isoformat() == "2026-11-25"
    assert int(str(moved["SEQUENCE"])) >= before[f"{planned['winter']}@sia-console"]


def test_bad_places_to_write(session: Session, planned: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="is a folder"):
        export_ics(session, tmp_path)
    with pytest.raises(InvalidInput, match="does not exist"):
        export_ics(session, tmp_path / "missing" / "visits.ics")
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_a_reason_and_the_new_date_are_in_the_description(
    session: Session, planned: dict[str, str], tmp_path: Path
) -> None:
    set_visit_status(session, planned["cancelled"], VisitStatus.CANCELLED, "Snow closed the school")
    set_visit_status(session, planned["winter"], VisitStatus.POSTPONED, "Head off sick")
    later = save_visit(
        session, VisitForm("6612034", "2026-12-02", "09:30", "180"), visit_id=planned["winter"]
    )
    out = tmp_path / "visits.ics"
    export_ics(session, out)
    events = {str(e["UID"]): e for e in read(out).walk("VEVENT")}
    gone = events[f"{planned['cancelled']}@sia-console"]
    assert str(gone["DESCRIPTION"]).startswith("Cancelled: Snow closed the school\n")
    moved = events[f"{planned['winter']}@sia-console"]
    assert str(moved["STATUS"]) == "CANCELLED"
    assert "Postponed: Head off sick; now Wed 2 Dec 09:30" in str(moved["DESCRIPTION"])
    assert str(events[f"{later.id}@sia-console"]["STATUS"]) == "CONFIRMED"


def test_control_characters_go_as_pictures(session: Session, tmp_path: Path) -> None:
    create_identity(session, KeyringStore("tests"), name="Alun Ellis", role=Role.SIA)
    session.add(
        School(
            code="6612999",
            name="Ysgol \x1b[31mGoch\x1b[0m",
            local_authority="Sir Eryri",
            postcode="LL55\x08 2AA",
        )
    )
    session.flush()
    visit = session.get(
        Visit, save_visit(session, VisitForm("6612999", "2026-11-24", "09:30", "60")).id
    )
    assert visit is not None
    visit.purpose = "Line one\x00\x1b[2J"  # (as a bundle could bring it; the form refuses it)
    session.add(visit)
    session.flush()
    out = export_ics(session, tmp_path / "visits.ics").path
    text = out.read_bytes().decode("utf-8")
    assert not any(ord(c) < 0x20 and c not in "\r\n" for c in text)
    event = next(iter(read(out).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Visit to Ysgol \u241b[31mGoch\u241b[0m"
    assert str(event["LOCATION"]) == "Ysgol \u241b[31mGoch\u241b[0m, LL55\u2408 2AA"
    assert "Line one\u2400\u241b[2J" in str(event["DESCRIPTION"])
