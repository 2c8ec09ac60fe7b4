"""Handing schools from one link adviser to another, with the reason kept in the history.

The core lead reassigns a school (or all of one adviser's at once) and says why and from
which day. Each school whose link adviser changes gets an
:class:`~sia_console.domain.models.AssignmentChange`, which travels to the advisers in
the core lead's next bundle and is listed on the school's page. Only a core lead's
database writes one: an adviser's bundle may not carry it (``domain.rights``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from sia_console.domain.caseload import handover_day_problem
from sia_console.domain.enums import Role
from sia_console.domain.limits import MAX_REASON_CHARS
from sia_console.domain.models import Adviser, AssignmentChange, School
from sia_console.domain.text import one_line, shown_name
from sia_console.domain.vocabulary import fold, london_today
from sia_console.i18n import _, ngettext
from sia_console.services.errors import InvalidInput, NotFound, NotYours
from sia_console.services.identity import lead_here
from sia_console.services.schools.register import get_school


def checked_reason(reason: str, *, required: bool) -> str:
    """``reason`` on one line, trimmed; :class:`InvalidInput` when it is needed and blank
    or longer than :data:`MAX_REASON_CHARS`."""
    text = one_line(reason).strip()
    if required and not text:
        raise InvalidInput(_("Say why: the reason is kept in the school's history."))
    if len(text) > MAX_REASON_CHARS:
        raise InvalidInput(
            _("The reason is {count} characters long; at most {limit} are kept.").format(
                count=len(text), limit=MAX_REASON_CHARS
            )
        )
    return text


def checked_handover_day(day: date | None) -> date:
    """The day a change of link adviser takes effect: today when none is given;
    :class:`InvalidInput` for a day still to come (``domain.caseload``)."""
    today = london_today()
    chosen = day or today
    problem = handover_day_problem(chosen, today)
    if problem is not None:
        raise InvalidInput(problem)
    return chosen


def record_assignment_change(
    session: Session,
    school: School,
    previous_adviser_id: str | None,
    *,
    reason: str,
    effective_on: date | None = None,
) -> AssignmentChange | None:
    """Keep in the history that ``school`` (holding its new adviser) changed hands.

    Only on a core lead's database, and only when the adviser did change.
    """
    if school.adviser_id == previous_adviser_id or not lead_here(session):
        return None
    change = AssignmentChange(
        school_id=school.id,
        previous_adviser_id=previous_adviser_id,
        adviser_id=school.adviser_id,
        reason=reason,
        effective_on=effective_on or london_today(),
    )
    session.add(change)
    return change


def require_lead(session: Session) -> None:
    """:class:`NotYours` unless this database is a core lead's: only they reassign."""
    if not lead_here(session):
        raise NotYours(_("Only the core lead hands schools from one adviser to another."))


@dataclass(frozen=True)
class Reassignment:
    """What :func:`reassign_schools` did."""

    changed: tuple[str, ...]
    """The codes of the schools handed to the new adviser."""
    unchanged: tuple[str, ...]
    """The codes of the schools that already had that adviser."""


def reassign_schools(
    session: Session,
    codes: Sequence[str],
    *,
    adviser_id: str | None,
    reason: str,
    effective_on: date,
    refuse_unchanged: bool = False,
) -> Reassignment:
    """Give every school of ``codes`` the link adviser ``adviser_id`` (``None``: none),
    keeping an :class:`AssignmentChange` with ``reason`` and ``effective_on`` for each.

    The core lead's only: raises :class:`NotYours` on an adviser's database,
    :class:`InvalidInput` without a reason or schools, :class:`NotFound` for an unknown
    school or adviser, and changes nothing then. A school that already has the adviser is
    left as it is (listed as ``unchanged``) or, with ``refuse_unchanged`` (a script that
    named it meant a change), refused with the rest. Made in the caller's transaction.
    """
    require_lead(session)
    text = checked_reason(reason, required=True)
    effective_on = checked_handover_day(effective_on)
    if not codes:
        raise InvalidInput(_("Choose at least one school to reassign."))
    adviser = None
    if adviser_id is not None:
        adviser = session.get(Adviser, adviser_id)
        if adviser is None or adviser.deleted:
            raise NotFound(
                _("There is no adviser {id} to link the school to.").format(id=adviser_id)
            )
    schools = [get_school(session, code) for code in dict.fromkeys(codes)]
    already = [school for school in schools if school.adviser_id == adviser_id]
    if refuse_unchanged and already:
        named = ", ".join(_school_words(school) for school in already)
        if adviser is None:
            said = ngettext(
                "{schools} already has no link adviser: nothing was changed.",
                "{schools} already have no link adviser: nothing was changed.",
                len(already),
            )
        else:
            said = ngettext(
                "{schools} already has {adviser} as its link adviser: nothing was changed.",
                "{schools} already have {adviser} as their link adviser: nothing was changed.",
                len(already),
            )
        name = shown_name(adviser.name) if adviser is not None else ""
        raise InvalidInput(said.format(schools=named, adviser=name))
    changed: list[str] = []
    unchanged: list[str] = []
    for school in schools:
        if school.adviser_id == adviser_id:
            unchanged.append(school.code)
            continue
        previous = school.adviser_id
        school.adviser_id = adviser_id
        session.add(school)
        session.flush()
        record_assignment_change(session, school, previous, reason=text, effective_on=effective_on)
        changed.append(school.code)
    session.flush()
    return Reassignment(changed=tuple(changed), unchanged=tuple(unchanged))


@dataclass(frozen=True)
class AssignmentHistoryEntry:
    """One change of a school's link adviser, as the school's page lists it."""

    effective_on: date
    previous_adviser: str
    """The adviser's name ("" for none)."""
    adviser: str
    reason: str


def assignment_history(session: Session, school_id: str) -> tuple[AssignmentHistoryEntry, ...]:
    """The changes of a school's link adviser, newest first."""
    changes = session.exec(
        select(AssignmentChange)
        .where(AssignmentChange.school_id == school_id, AssignmentChange.deleted == False)  # noqa: E712
        .order_by(col(AssignmentChange.effective_on).desc(), col(AssignmentChange.hlc).desc())
    ).all()
    names = _names(
        session, (c.previous_adviser_id for c in changes), (c.adviser_id for c in changes)
    )
    return tuple(
        AssignmentHistoryEntry(
            effective_on=change.effective_on,
            previous_adviser=names.get(change.previous_adviser_id or "", ""),
            adviser=names.get(change.adviser_id or "", ""),
            reason=change.reason,
        )
        for change in changes
    )


def _names(session: Session, *ids: Iterable[str | None]) -> dict[str, str]:
    wanted = {value for group in ids for value in group if value}
    if not wanted:
        return {}
    rows = session.exec(select(Adviser).where(col(Adviser.id).in_(wanted))).all()
    return {row.id: row.name for row in rows}


def assignment_history_of(session: Session, code: str) -> tuple[AssignmentHistoryEntry, ...]:
    """The changes of link adviser of the school with ``code``, newest first."""
    return assignment_history(session, get_school(session, code).id)


def _school_words(school: School) -> str:
    return f"{shown_name(school.name)} ({shown_name(school.code)})"


def find_adviser(session: Session, text: str) -> Adviser:
    """The SIA that ``text`` names: their id, email or name (case and accents aside, as
    a schools import reads its ``adviser`` column). :class:`NotFound` for nobody,
    :class:`InvalidInput` for a name two SIAs share (their email tells them apart)."""
    wanted = fold(" ".join(text.split()))
    advisers = session.exec(
        select(Adviser).where(Adviser.deleted == False, Adviser.role == Role.SIA)  # noqa: E712
    ).all()
    found = [a for a in advisers if a.id == text.strip()] or [
        a for a in advisers if wanted and wanted in (fold(a.email or ""), _folded_name(a))
    ]
    if not found:
        raise NotFound(
            _("There is no SIA {name} here (give their name, email or id).").format(
                name=shown_name(text.strip() or '""')
            )
        )
    if len(found) > 1:
        raise InvalidInput(
            _("{count} SIAs are called {name}: give the email of the one you mean.").format(
                count=len(found), name=shown_name(text.strip())
            )
        )
    return found[0]


def _folded_name(adviser: Adviser) -> str:
    return fold(" ".join(adviser.name.split()))


def link_schools_of(session: Session, adviser_id: str) -> tuple[str, ...]:
    """The codes of the schools (not deleted) that ``adviser_id`` holds now, by code."""
    return tuple(
        session.exec(
            select(School.code)
            .where(School.adviser_id == adviser_id, School.deleted == False)  # noqa: E712
            .order_by(col(School.code))
        ).all()
    )
