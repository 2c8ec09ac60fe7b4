"""A visit's reason and its link to the new date, and the head's comment, travel in
bundles; a bundle from before they existed still reads; the limits hold."""

from __future__ import annotations

from datetime import datetime

import pytest

from sia_console.bundles.records import from_plain, to_plain
from sia_console.domain.enums import VisitStatus
from sia_console.domain.hlc import Version
from sia_console.domain.models import NoteOfVisit, Visit
from sia_console.domain.records import new_id

HLC = str(Version(1_790_000_000_000, 0, "a" * 16))


def _visit() -> Visit:
    return Visit(
        id=new_id(),
        origin=new_id(),
        hlc=HLC,
        school_id=new_id(),
        start=datetime(2026, 11, 24, 9, 30),
        end=datetime(2026, 11, 24, 12, 30),
        status=VisitStatus.POSTPONED,
        status_reason="Head off sick",
        moved_to_id=new_id(),
    )


def test_a_reason_and_a_link_travel_and_an_older_bundle_still_reads() -> None:
    visit = _visit()
    plain = to_plain(visit)
    record = from_plain("visit", plain)
    assert isinstance(record, Visit)
    assert (record.status_reason, record.moved_to_id) == ("Head off sick", visit.moved_to_id)
    del plain["status_reason"], plain["moved_to_id"]
    older = from_plain("visit", plain)
    assert isinstance(older, Visit)
    assert (older.status_reason, older.moved_to_id) == (None, None)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("status_reason", "x" * 501, "status_reason"),
        ("status_reason", "snow\x1b[2J", "status_reason"),
        ("moved_to_id", "not-an-id", "moved_to_id is not a record id"),
    ],
)
def test_a_reason_or_a_link_out_of_bounds_is_refused(field: str, value: str, words: str) -> None:
    plain = to_plain(_visit())
    plain[field] = value
    with pytest.raises(ValueError, match=words):
        from_plain("visit", plain)


def test_the_heads_comment_travels() -> None:
    note = NoteOfVisit(
        id=new_id(),
        origin=new_id(),
        hlc=HLC,
        visit_id=new_id(),
        head_response="inaccurate",
        head_response_comment="The data for Y6 were from last year.",
    )
    plain = to_plain(note)
    record = from_plain("note_of_visit", plain)
    assert isinstance(record, NoteOfVisit)
    assert record.head_response_comment == "The data for Y6 were from last year."
    del plain["head_response_comment"]
    older = from_plain("note_of_visit", plain)
    assert isinstance(older, NoteOfVisit) and older.head_response_comment is None
    plain["head_response_comment"] = "x" * 10_001
    with pytest.raises(ValueError, match="head_response_comment"):
        from_plain("note_of_visit", plain)
