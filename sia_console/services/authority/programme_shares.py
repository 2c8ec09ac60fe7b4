"""A school's programme of the year shared out between SIAs: whom each slot counts for.

Coverage per SIA (the core lead's home screen, the drill-down into one SIA's schools and
the standards board report) counts each school's programme visits (slots) for an SIA.
When a school changes hands during the year, each slot counts for the SIA whose work it
was:

* a slot covered by a visit **done** counts for the SIA who made the visit
  (``visit.adviser_id``), wherever the school is now (:func:`credited_to`);
* any other slot whose window closed **before** the school changed hands (it fell due
  while the earlier SIA held it) counts, due and so behind, for the SIA who held the
  school then (:func:`holder_on`), and stays so after the handover;
* any other slot (falling due on or after the change, or not due yet) counts for the SIA
  who holds the school **now** (``school.adviser_id``).

"Fell due" is the end of the slot's window, as coverage has always counted due (a slot
is due once its window has closed by today). Who held a school when is read from its
changes of link adviser (``assignment_change``, kept by the core lead with the day each
took effect, migration 0012); a school with none has always been its SIA's now. So
handing a school on moves nobody's work, done or missed: the old SIA keeps the visits
they made and the ones they missed, the new one is given what fell due with them and
what is left to do, and the authority's totals do not move.

Pure: the reads (:mod:`.quick`, and the naive reading of the tests) hand in what they
read; nothing here reads or imports the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sia_console.domain.programme_plan import DiaryVisit, match_slots
from sia_console.domain.programme_template import ProgrammeTemplate
from sia_console.services.authority.rows import ProgrammeCount
from sia_console.services.programme.coverage_rows import counts_as_done


@dataclass(frozen=True)
class Slot:
    """A programme visit of the year, with what is known of it before any visit is read."""

    slot: int
    ends: date
    """The last day of its window: the day it fell due."""
    due: bool
    """Its window has closed by today."""
    in_term: bool
    """Its window ends in this term."""


def slots_of(
    template: ProgrammeTemplate, year: int, today: date, term: tuple[date, date] | None
) -> Callable[[str | None], tuple[Slot, ...]]:
    """The slots of a category's programme (worked out once per category, not per school)."""
    known: dict[str | None, tuple[Slot, ...]] = {}

    def of(category: str | None) -> tuple[Slot, ...]:
        if category not in known:
            ends = [(v.slot, v.window(year)[1]) for v in template.visits_for(category)]
            known[category] = tuple(
                Slot(slot, end, end < today, term is not None and term[0] <= end <= term[1])
                for slot, end in ends
            )
        return known[category]

    return of


YearVisits = dict[str, list[tuple[str | None, DiaryVisit]]]
"""The visits of a year per school id, each with the id of the adviser who made it."""

Handover = tuple[date, str | None]
"""A school changing hands: the day it took effect and who held the school before it."""

Handovers = dict[str, tuple[Handover, ...]]
"""Per school id, its changes of link adviser in the order they were made (by the day
each took effect, then by when it was recorded)."""


def holder_on(handovers: Iterable[Handover], day: date, now: str | None) -> str | None:
    """Who held a school on ``day``: whoever it was handed on from at the first change
    taking effect after ``day``; ``now`` (who holds it now) when none did."""
    for effective_on, previous in handovers:
        if day < effective_on:
            return previous
    return now


def credited_to(
    visit_adviser: str | None, school_key: str | None, sias: Collection[str]
) -> str | None:
    """Whose work a visit is, for coverage: the SIA who made it if they are known here,
    else (no adviser named, or one who is no SIA here) the school's current SIA
    ``school_key``."""
    return visit_adviser if visit_adviser in sias else school_key


def school_shares(
    found: Iterable[Slot],
    template: ProgrammeTemplate,
    year: int,
    category: str | None,
    visits: list[tuple[str | None, DiaryVisit]],
    held_by: str | None,
    sias: Collection[str],
    today: date,
    handovers: Sequence[Handover] = (),
) -> dict[str | None, tuple[ProgrammeCount, ProgrammeCount]]:
    """One school's programme ``found`` shared out as (this term, the year) per SIA.

    A slot covered by a visit done counts (done) for whoever made the visit
    (:func:`credited_to`); a slot due but not done counts for whoever held the school
    when its window closed (:func:`holder_on` over the school's ``handovers``; an SIA no
    longer known here counts as none); any other slot for ``held_by``, the school's SIA
    now. A slot is planned only by a visit of the SIA holding the school now (a visit its
    maker still has planned at a school handed on is theirs to cancel, not the new SIA's
    plan).
    """
    makers: dict[int, str | None] = {}
    chosen: list[DiaryVisit] = []
    for adviser, visit in visits:
        maker = credited_to(adviser, held_by, sias)
        if maker == held_by or counts_as_done(visit, today):
            makers[id(visit)] = maker
            chosen.append(visit)
    matched = match_slots(template, year, category, chosen)
    shares: dict[str | None, tuple[ProgrammeCount, ProgrammeCount]] = {}
    for slot in found:
        covering = matched.get(slot.slot)
        made = covering is not None and counts_as_done(covering, today)
        if made and covering is not None:
            owner = makers[id(covering)]
        elif handovers and slot.due:
            then = holder_on(handovers, slot.ends, held_by)
            owner = then if then == held_by or then in sias else None
        else:
            owner = held_by
        one = ProgrammeCount(
            1, int(covering is not None), int(made), int(slot.due), int(slot.due and made)
        )
        term, whole = shares.get(owner, (ProgrammeCount(), ProgrammeCount()))
        shares[owner] = (term + one if slot.in_term else term, whole + one)
    return shares
