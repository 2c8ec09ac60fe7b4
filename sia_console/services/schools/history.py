"""A school's history of hands and categories: every change of its link adviser and of
its support category, with who wrote it, when, and why.

The two kinds are kept apart in the database (:class:`AssignmentChange`, written by the
core lead only, and :class:`CategoryChange`); a core lead's script asks for both at once
(``sia-console schools history``), so they are read here into one list, newest first.
Who wrote a change is read from its clock version, as the compare view reads it
(:class:`~sia_console.services.sync.authors.Authors`): this database's own writes are
its identity's, another's are named by the bundles received from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from sia_console.domain.models import Adviser, AssignmentChange, CategoryChange
from sia_console.services.identity import current_identity
from sia_console.services.schools.register import get_school
from sia_console.services.settings import category_scheme
from sia_console.services.sync.authors import Authors


class ChangeKind(StrEnum):
    """What changed."""

    ADVISER = "adviser"
    CATEGORY = "category"


@dataclass(frozen=True)
class SchoolChange:
    """One change of a school's link adviser or support category."""

    kind: ChangeKind
    on: date
    """The day it took effect (a change of adviser) or was made (of category)."""
    previous: str
    """The adviser's name or the category's label before ("" for none)."""
    new: str
    """... and after ("" for none)."""
    previous_id: str | None
    """The adviser's id or the category's key before (``None`` for none)."""
    new_id: str | None
    reason: str
    by: str
    """Who wrote it: a person's name, "" when no bundle received here says whose."""
    at: datetime | None
    """When it was written (UTC), by the writer's clock; ``None`` when unreadable."""


@dataclass(frozen=True)
class SchoolHistory:
    """A school and its changes, newest first."""

    code: str
    name: str
    changes: tuple[SchoolChange, ...]


def school_history(session: Session, code: str) -> SchoolHistory:
    """The changes of link adviser and category of the school with ``code``, newest
    first (:class:`~sia_console.services.errors.NotFound` for an unknown code)."""
    school = get_school(session, code)
    hands = session.exec(
        select(AssignmentChange).where(
            AssignmentChange.school_id == school.id,
            AssignmentChange.deleted == False,  # noqa: E712
        )
    ).all()
    categories = session.exec(
        select(CategoryChange).where(
            CategoryChange.school_id == school.id,
            CategoryChange.deleted == False,  # noqa: E712
        )
    ).all()
    wanted = {i for c in hands for i in (c.previous_adviser_id, c.adviser_id) if i}
    names = {
        row.id: row.name for row in session.exec(select(Adviser).where(col(Adviser.id).in_(wanted)))
    }
    scheme = category_scheme(session)

    def label(key: str | None) -> str:
        found = scheme.find(key) if key else None
        return found.label if found is not None else (key or "")

    authors = Authors(session)
    me = current_identity(session)

    def writer(version: str) -> tuple[str, datetime | None]:
        author = authors.of(version)
        if author.here:
            return (me.name if me is not None else ""), author.at
        return (author.name if author.known else ""), author.at

    changes = [
        SchoolChange(
            ChangeKind.ADVISER,
            change.effective_on,
            names.get(change.previous_adviser_id or "", change.previous_adviser_id or ""),
            names.get(change.adviser_id or "", change.adviser_id or ""),
            change.previous_adviser_id,
            change.adviser_id,
            change.reason,
            *writer(change.hlc),
        )
        for change in hands
    ] + [
        SchoolChange(
            ChangeKind.CATEGORY,
            change.changed_on,
            label(change.previous_category),
            label(change.category),
            change.previous_category,
            change.category,
            change.reason,
            *writer(change.hlc),
        )
        for change in categories
    ]
    changes.sort(key=lambda c: (c.on, c.at.timestamp() if c.at else 0.0), reverse=True)
    return SchoolHistory(code=school.code, name=school.name, changes=tuple(changes))
