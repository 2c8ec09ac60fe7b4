"""Whose caseload a school is in, and what that means for a visit planned there.

A school's link adviser is the core lead's to set. When the core lead links a school to
another adviser, what the first adviser did there stays theirs (a visit, its note and its
judgement are attributed to the adviser whose visit it is, always), but the school leaves
their caseload: it is no longer theirs to watch on their dashboard, and a visit they
still have planned there is marked "school reassigned" for them to cancel.

Handing a planned visit over is not theirs to do: a visit's adviser never changes once
written (:data:`sia_console.domain.rights.POINTERS`), so the new adviser plans their own.

A change of link adviser takes effect when the core lead makes it: the day kept with it
(the day the handover was agreed) is today or earlier, never a day still to come, which
would say that the school stays with its adviser until then while it has already gone.
"""

from __future__ import annotations

from datetime import date

from sia_console.domain.enums import VisitStatus
from sia_console.domain.vocabulary import long_date
from sia_console.i18n import _


def school_reassigned(
    status: VisitStatus, visit_adviser: str | None, school_adviser: str | None
) -> bool:
    """Whether a visit is still planned at a school now linked to another adviser."""
    return (
        status is VisitStatus.PLANNED
        and visit_adviser is not None
        and school_adviser is not None
        and visit_adviser != school_adviser
    )


def in_caseload(school_adviser: str | None, adviser: str | None) -> bool:
    """Whether a school belongs on ``adviser``'s dashboard: linked to them or to no one
    (``adviser`` ``None``: no adviser to narrow to, every school does)."""
    return adviser is None or school_adviser in (None, adviser)


def reassigned_words() -> str:
    """How a visit planned at a school now linked to another adviser is marked (and the
    reason offered when it is cancelled)."""
    return _("school reassigned")


def handover_day_problem(day: date, today: date) -> str | None:
    """Why ``day`` cannot be kept as the day a change of link adviser took effect (one
    sentence), or ``None``: it must be today or earlier."""
    if day <= today:
        return None
    return _(
        "{day} is still to come: a change of link adviser takes effect when it is made. "
        "Give today or the earlier day it was agreed, or make the change on {day}."
    ).format(day=long_date(day))
