"""How much each field of a record may hold: one set of limits for every way in.

The editor, the command line, a CSV import and a bundle from another laptop all check a
record against these same numbers, so nothing reaches the database by one path that
another would refuse. Text lengths are in characters (what a person types), not bytes.
"""

from __future__ import annotations

from datetime import date

MAX_SECTION_CHARS = 5_000_000
"""A section of a note of visit (and an amendment): far more than any visit's notes."""
MAX_AMENDMENT_CHARS = MAX_SECTION_CHARS
MAX_RATIONALE_CHARS = 100_000
"""The rationale of a floor-target risk judgement."""
MAX_ACTION_CHARS = 2_000
"""What an agreed action is."""
MAX_OWNER_CHARS = 200
"""Who carries an action out."""
MAX_COMMENT_CHARS = 10_000
"""A review's comment on an earlier action."""
MAX_PURPOSE_CHARS = 500
"""The purpose of a visit, on one line."""
MAX_REASON_CHARS = 500
"""Why a visit was cancelled or postponed, on one line."""
MAX_VISIT_MINUTES = 12 * 60
"""The longest visit: a whole day in school."""
MAX_SECTIONS = 1_000
"""The highest position of a section in a note."""
MAX_NUMBER_ON_ROLL = 100_000
"""More pupils than any school has."""

EARLIEST_DAY = date(2000, 1, 1)
"""The earliest day a record may name: before any note sia-console could hold."""
LATEST_DAY = date(2100, 12, 31)
"""The latest day a record may name: a typing slip, not a plan, beyond it."""

FIRST_YEAR = EARLIEST_DAY.year
LAST_YEAR = LATEST_DAY.year - 1
"""The academic years a record may name (by the year each starts)."""

PERCENT_RANGE = (0.0, 100.0)
"""Predictions and the floor target are percentages of pupils."""


def in_day_window(day: date) -> bool:
    """Whether ``day`` lies between :data:`EARLIEST_DAY` and :data:`LATEST_DAY`."""
    return EARLIEST_DAY <= day <= LATEST_DAY
