"""Support categories across the authority: schools per category today, and the changes
of category this academic year (``category_change``, kept since migration 0005 by every
service that changes a category and by bundle imports).

The statements are :mod:`.quick`'s (one for the first paint and the services), run on
the session's own connection: the scheme in force, the schools counted per authority
and category by SQLite, and the changes between two days (served by the index on
``changed_on``).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from sia_console.services.authority import quick
from sia_console.services.authority.rows import CategoryChangeEntry, CategorySummary
from sia_console.services.sql import dbapi_connection


def category_changes(session: Session, today: date) -> tuple[CategoryChangeEntry, ...]:
    """The changes of category in the academic year of ``today``: newest first, by school."""
    return quick.category_changes(dbapi_connection(session), today)


def categories(session: Session, today: date | None = None) -> CategorySummary:
    """Counts of schools per support category, overall and per authority.

    With ``today``, also the changes of category in its academic year.
    """
    return quick.categories(dbapi_connection(session), today)
