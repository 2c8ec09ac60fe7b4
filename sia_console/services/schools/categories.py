"""The history of schools' support categories: one record per change, wherever it is made.

A school row holds only its current category. Every service that changes it calls
:func:`record_category_changes` after setting the new values; a bundle import records the
changes it brings in :mod:`sia_console.services.sync.merge`. The record's id is derived from
the clock version of the school write that made the change
(:func:`~sia_console.domain.models.category_change_id`), so the change recorded where it
was made and the one derived where the school arrives in a bundle are one record.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session

from sia_console.domain.models import CategoryChange, School, category_change_id
from sia_console.domain.records import utc_now
from sia_console.domain.vocabulary import london


def record_category_changes(
    session: Session,
    changed: Iterable[tuple[School, str | None]],
    *,
    on: date | None = None,
    reason: str = "",
) -> list[CategoryChange]:
    """Record a change for each (school, category before) whose category now differs.

    Call it once the schools hold their new values: it flushes them first, so that each
    has the clock version of this write, then adds the records (not one when the
    category is the same). ``on`` is the London day of the change, today by default;
    ``reason`` says why (the core lead's words, kept with the change).
    """
    first: dict[int, tuple[School, str | None]] = {}
    for school, previous in changed:  # a school changed twice: from its first value
        first.setdefault(id(school), (school, previous))
    pairs = [
        (school, previous) for school, previous in first.values() if school.category != previous
    ]
    if not pairs:
        return []
    session.flush()
    day = on or london(utc_now()).date()
    records = [
        CategoryChange(
            id=category_change_id(school.assigned_hlc or school.hlc),
            school_id=school.id,
            previous_category=previous,
            category=school.category,
            changed_on=day,
            reason=reason,
        )
        for school, previous in pairs
    ]
    session.add_all(records)
    session.flush()
    return records
