"""A school's assignment: its support category and its link adviser.

The core lead sets both for every school of the authority and sends them to the advisers
in a bundle. An adviser may set them too while no core lead has (an adviser working alone
keeps their own list), but once a core lead has, the adviser's database keeps the core
lead's choice: a spreadsheet import leaves it as it is and says so, and setting it by
hand is refused. The pair merges apart from the school's other details
(``School.assigned_hlc``, ``School.assigned_by_lead``), so every database that sees the
same versions agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from sia_console.domain.enums import Role
from sia_console.domain.models import Adviser, School, assignment_held
from sia_console.domain.text import shown_name
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput, NotFound, NotYours
from sia_console.services.identity import current_identity, lead_here
from sia_console.services.schools.categories import record_category_changes
from sia_console.services.schools.reassignment import (
    checked_handover_day,
    checked_reason,
    record_assignment_change,
)
from sia_console.services.schools.register import get_school
from sia_console.services.settings import category_scheme, load_settings
from sia_console.services.sync.export import pending_changes


@dataclass(frozen=True)
class AdviserChoice:
    """An adviser a school can be linked to."""

    id: str
    name: str
    email: str | None


def adviser_choices(session: Session) -> list[AdviserChoice]:
    """The advisers a school can be linked to (every SIA known here), by name."""
    rows = session.exec(
        select(Adviser).where(Adviser.deleted == False, Adviser.role == Role.SIA)  # noqa: E712
    ).all()
    return sorted(
        (AdviserChoice(id=row.id, name=row.name, email=row.email) for row in rows),
        key=lambda choice: (choice.name.casefold(), choice.id),
    )


@dataclass(frozen=True)
class Assignment:
    """What :func:`assign_school` did."""

    code: str
    category: str | None
    adviser_id: str | None
    changed: bool


def assign_school(
    session: Session,
    code: str,
    *,
    category: str | None,
    adviser_id: str | None,
    reason: str = "",
    effective_on: date | None = None,
) -> Assignment:
    """Set the support category and link adviser of the school with ``code``.

    ``category`` is a key or label of the scheme in force, or ``None`` for none;
    ``adviser_id`` an adviser from :func:`adviser_choices`, or ``None``. ``reason`` (why)
    is kept with the change of category and, on a core lead's database, with the change
    of link adviser, which takes effect on ``effective_on`` (today by default). Raises
    :class:`NotFound`, :class:`InvalidInput` or :class:`NotYours` (the core lead has set
    them) and changes nothing then. Made in the caller's transaction.
    """
    school = get_school(session, code)
    key: str | None = None
    if category is not None and category.strip():
        found = category_scheme(session).find(category)
        if found is None:
            scheme = category_scheme(session)
            raise InvalidInput(
                _("{value} is not a category of the scheme in force ({scheme}).").format(
                    value=category, scheme=scheme.name
                )
            )
        key = found.key
    if adviser_id is not None:
        known = {choice.id for choice in adviser_choices(session)}
        if adviser_id not in known:
            raise NotFound(
                _("There is no adviser {id} to link the school to.").format(id=adviser_id)
            )
    text = checked_reason(reason, required=False)
    if adviser_id != school.adviser_id:
        effective_on = checked_handover_day(effective_on)
    if school.category == key and school.adviser_id == adviser_id:
        return Assignment(code=school.code, category=key, adviser_id=adviser_id, changed=False)
    if assignment_held(school, lead=lead_here(session)):
        raise NotYours(
            _(
                "The category and link adviser of {name} were set by your core lead; "
                "ask them to change it."
            ).format(name=shown_name(school.name))
        )
    previous, previous_adviser = school.category, school.adviser_id
    school.category = key
    school.adviser_id = adviser_id
    session.add(school)
    session.flush()
    record_category_changes(session, [(school, previous)], reason=text)
    record_assignment_change(
        session, school, previous_adviser, reason=text, effective_on=effective_on
    )
    return Assignment(code=school.code, category=key, adviser_id=adviser_id, changed=True)


@dataclass(frozen=True)
class AssignmentRow:
    """A school as the assignment screen lists it."""

    code: str
    name: str
    local_authority: str
    category: str | None
    """The category's key (``None``: no category)."""
    category_label: str
    """The category as shown: its label in the scheme in force (else its stored key)."""
    adviser_id: str | None
    adviser: str
    """The link adviser's name, or "" for none."""
    by_lead: bool
    """The core lead set the category and adviser."""
    held: bool
    """This database may not change them (an adviser's, and the core lead set them)."""


@dataclass(frozen=True)
class AssignmentPage:
    """What the assignment screen shows: the schools and what they can be given."""

    rows: tuple[AssignmentRow, ...]
    """By authority, then name."""
    categories: tuple[tuple[str, str], ...]
    """(key, label) of each category of the scheme in force, in the scheme's order."""
    advisers: tuple[AdviserChoice, ...]
    floor_target: float
    lead: bool
    """Whether this database is a core lead's."""
    to_send: int
    """Records the next bundle would carry (0 before an identity exists)."""


def assignment_page(session: Session) -> AssignmentPage:
    """Every school (not deleted) with its category and link adviser, and the choices."""
    scheme = category_scheme(session)
    advisers = tuple(adviser_choices(session))
    names = {
        row.id: row.name
        for row in session.exec(select(Adviser).where(Adviser.deleted == False))  # noqa: E712
    }
    lead = lead_here(session)
    rows = []
    for school in session.exec(select(School).where(School.deleted == False)):  # noqa: E712
        found = scheme.find(school.category) if school.category else None
        rows.append(
            AssignmentRow(
                code=school.code,
                name=school.name,
                local_authority=school.local_authority,
                category=school.category,
                category_label=found.label if found else (school.category or ""),
                adviser_id=school.adviser_id,
                adviser=names.get(school.adviser_id, "") if school.adviser_id else "",
                by_lead=school.assigned_by_lead,
                held=assignment_held(school, lead=lead),
            )
        )
    rows.sort(key=lambda row: (row.local_authority.casefold(), row.name.casefold(), row.code))
    return AssignmentPage(
        rows=tuple(rows),
        categories=tuple((category.key, category.label) for category in scheme.categories),
        advisers=advisers,
        floor_target=load_settings(session).floor_target,
        lead=lead,
        to_send=_records_to_send(session),
    )


def _records_to_send(session: Session) -> int:
    if current_identity(session) is None:
        return 0
    return sum(len(rows) for rows in pending_changes(session).values())
