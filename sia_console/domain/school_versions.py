"""What an adviser's version of a school may change here (a part of ``domain.rights``).

A school's details (its name, headteacher, address …) may be changed by the core lead
and by the school's link adviser as the core lead has it; its category and link adviser
by the core lead only. An adviser's bundle may still carry a version of a school with
either changed: written before they heard the school went to a colleague, or before the
core lead's own change reached them. That part is set aside here (kept as it is, and
counted), not refused, and the rest of the adviser's work comes in; only a version that
claims an assignment the core lead did not make is refused, as only a forged record
can carry one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sia_console.domain.models import (
    ASSIGNMENT_FIELDS,
    SCHOOL_STAMPS,
    Adviser,
    School,
    assignment_rank,
)
from sia_console.domain.rights import Refusal
from sia_console.i18n import _

DETAILS_ASIDE = frozenset((*ASSIGNMENT_FIELDS, *SCHOOL_STAMPS, "details_hlc", "id"))
"""The fields of a school that are not its details: its assignment, stamps and id."""


@dataclass(frozen=True)
class SchoolPlan:
    """What an adviser's version of a school may change here."""

    assignment: bool
    """Its category and link adviser would change here but may not: keep ours."""
    details: bool
    """Its details would change here but may not: keep ours."""

    @property
    def set_aside(self) -> bool:
        """Whether anything of the record is left out."""
        return self.assignment or self.details


def _details(school: School) -> dict[str, object]:
    """What a school says of itself (its details), field by field."""
    return {
        name: getattr(school, name) for name in School.model_fields if name not in DETAILS_ASIDE
    }


def details_clock(school: School) -> str:
    """The version of the write that last changed a school's details."""
    return school.details_hlc or school.hlc


def plan_school(sender: Adviser, incoming: School, here: School) -> SchoolPlan:
    """What an adviser's version of a school known here may change (see the module).

    Refuses a version that claims a core lead's assignment the core lead here does not
    have: only a forged record can carry one.
    """
    assignment = assignment_rank(incoming) > assignment_rank(here) and (
        incoming.category,
        incoming.adviser_id,
    ) != (here.category, here.adviser_id)
    if assignment and incoming.assigned_by_lead:
        raise Refusal(
            _(
                "{sender}'s bundle gives school {code} a category or link adviser "
                "that the core lead did not set"
            ).format(sender=sender.name, code=here.code)
        )
    details = details_clock(incoming) > details_clock(here) and _details(incoming) != _details(here)
    own = here.adviser_id == sender.id and incoming.deleted == here.deleted
    return SchoolPlan(assignment=assignment, details=details and not own)
