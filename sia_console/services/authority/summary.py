"""The core lead's questions about the whole authority, answered from imported bundles.

A core lead line-manages the SIAs of one authority and reports to its standards board:
who is behind the annual programme, which schools are at high risk and getting worse,
how the schools fall into support categories, and which agreed actions are overdue.
Each function takes an open session and plain values and returns frozen dataclasses (named
tuples for the rows of the categories and overdue actions, made in their hundreds), so the
terminal UI can run it in a worker and the report writer can lay it out; nothing here
changes the database. Tombstones (``deleted``) and anything of a deleted school are skipped.
The rows are :mod:`.rows`' (no ORM there), made by :mod:`.shaping` from what each
statement reads. The statements themselves are :mod:`.quick`'s, written once for
``sqlite3``: the home screen's first paint runs them on a connection of its own before
the ORM is loaded, and the services here on the session's own connection, so that the
two reads cannot differ and a panel costs what its SQL costs.

Categories: :func:`categories` counts schools per category today and lists the changes of
category recorded this academic year (``category_change``, kept since migration 0005 by
every service that changes a category and by bundle imports).

A large authority's database holds tens of thousands of visits, notes, judgements and
actions: every panel lets SQLite filter, join, group and sort, and reads only what it
shows (the two latest judgements of each school, not all of them). Each statement is
served by an index (migration 0003); ``bench/authority.py`` times each panel against the
same SQL run raw.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from sia_console.services.authority import quick
from sia_console.services.authority.actions import overdue_actions
from sia_console.services.authority.categories import categories, category_changes
from sia_console.services.authority.coverage import coverage, sia_schools
from sia_console.services.authority.register import risk_register
from sia_console.services.authority.rows import (
    AuthoritySummary,
    CategoryChangeEntry,
    CategoryCount,
    CategorySummary,
    Change,
    OverdueAction,
    ProgrammeCount,
    RiskEntry,
    SiaCoverage,
    SiaSchool,
)
from sia_console.services.authority.shaping import term_of
from sia_console.services.sql import dbapi_connection

__all__ = [
    "AuthoritySummary",
    "CategoryChangeEntry",
    "CategoryCount",
    "CategorySummary",
    "Change",
    "OverdueAction",
    "ProgrammeCount",
    "RiskEntry",
    "SiaCoverage",
    "SiaSchool",
    "authority_summary",
    "categories",
    "category_changes",
    "coverage",
    "overdue_actions",
    "risk_register",
    "sia_schools",
    "term_of",
]


def authority_summary(session: Session, today: date) -> AuthoritySummary:
    """Read every panel in the session's transaction (:func:`.quick.summary`)."""
    return quick.summary(dbapi_connection(session), today)
