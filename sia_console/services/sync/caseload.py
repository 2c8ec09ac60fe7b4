"""What an import took out of this adviser's caseload: schools the core lead linked to
another adviser.

A school's link adviser is the core lead's to set, and reaches the adviser in the core
lead's bundle. The adviser's visits and notes there stay theirs (they made them), but the
school is no longer theirs to visit: the import says so by name, with the visits still
planned there from today, for the adviser to cancel (a visit's adviser never changes,
``domain.caseload``: the new link adviser plans their own).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from sia_console.domain.enums import VisitStatus
from sia_console.domain.models import Adviser, School, Visit
from sia_console.domain.text import shown_name
from sia_console.domain.vocabulary import london_today
from sia_console.i18n import _, ngettext


@dataclass(frozen=True)
class Reassignment:
    """A school that left this adviser's caseload with an import."""

    code: str
    name: str
    adviser: str | None
    """Its link adviser now (``None``: none)."""
    planned: int
    """This adviser's visits still planned there, from today."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "code": self.code,
            "name": self.name,
            "adviser": self.adviser,
            "planned_visits": self.planned,
        }


def link_schools(session: Session, adviser_id: str) -> set[str]:
    """The ids of the schools ``adviser_id`` is link adviser of, here."""
    rows = session.exec(
        select(School.id).where(School.adviser_id == adviser_id, School.deleted == False)  # noqa: E712
    ).all()
    return set(rows)


def left_caseload(session: Session, adviser_id: str, before: set[str]) -> list[Reassignment]:
    """The schools of ``before`` that ``adviser_id`` is no longer link adviser of."""
    gone = before - link_schools(session, adviser_id)
    if not gone:
        return []
    today = datetime.combine(london_today(), datetime.min.time())
    found = []
    for school in session.exec(select(School).where(col(School.id).in_(gone))):
        new = session.get(Adviser, school.adviser_id) if school.adviser_id else None
        planned = session.exec(
            select(func.count())
            .select_from(Visit)
            .where(
                Visit.school_id == school.id,
                Visit.adviser_id == adviser_id,
                Visit.status == VisitStatus.PLANNED,
                Visit.deleted == False,  # noqa: E712
                Visit.start >= today,
            )
        ).one()
        found.append(Reassignment(school.code, school.name, new.name if new else None, planned))
    return sorted(found, key=lambda r: (r.name.casefold(), r.code))


def reassigned_sentences(moved: list[Reassignment]) -> list[str]:
    """One sentence per school that left the caseload, saying what to do."""
    sentences = []
    for school in moved:
        name = shown_name(school.name)
        if school.adviser:
            said = _("The core lead has linked {school} to {adviser}.").format(
                school=name, adviser=shown_name(school.adviser)
            )
        else:
            said = _("The core lead has taken {school} out of your link schools.").format(
                school=name
            )
        if school.planned:
            said += " " + ngettext(
                "Your {count} planned visit there is still in your calendar, marked school "
                "reassigned: cancel it (a visit stays its adviser's; the new link adviser "
                "plans their own).",
                "Your {count} planned visits there are still in your calendar, marked school "
                "reassigned: cancel them (a visit stays its adviser's; the new link adviser "
                "plans their own).",
                school.planned,
            ).format(count=school.planned)
        sentences.append(said)
    return sentences
