"""Everything the note editor shows, read in one transaction.

The editor is a terminal screen, but what it needs is a question for the services:
the note with its sections, which of them are required and what belongs in each, the
open actions carried forward from earlier visits, the school's risk trend this year,
and the floor target to compare predictions with. Reading it here keeps the screen to
showing it (and keeps the same answer available to any other face).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from sia_console.domain.enums import NoteStatus
from sia_console.domain.models import NoteOfVisit, Visit
from sia_console.i18n import _
from sia_console.services.errors import NotFound
from sia_console.services.notes.actions import CarriedAction, carried_forward
from sia_console.services.notes.editing import open_or_create_note, owner_elsewhere
from sia_console.services.notes.reading import NoteDetail, note_detail
from sia_console.services.notes.recovery import mark_editing
from sia_console.services.notes.risk import TrendPoint, floor_target, risk_trend
from sia_console.services.notes.templates import find_template, template_problems


@dataclass(frozen=True)
class NoteWorkspace:
    """A note of visit as the editor shows it."""

    note: NoteDetail
    required: frozenset[str]
    """Keys of the sections that must have text before the note is finalised."""
    hints: dict[str, str]
    """What belongs in each section, by key."""
    carried: tuple[CarriedAction, ...]
    trend: tuple[TrendPoint, ...]
    floor_target: float
    """The floor target for predictions: the judgement's own, else the setting."""
    owner: str | None = None
    """The adviser whose note this is, when it is not ours (read only); ``None``: ours."""
    template_problems: tuple[str, ...] = ()
    """Why each of the authority's note templates that is not used is not (one sentence)."""


def read_workspace(session: Session, note_id: str) -> NoteWorkspace:
    """The workspace of an existing note."""
    note = note_detail(session, note_id)
    row = session.get(NoteOfVisit, note.id)
    visit = session.get(Visit, note.visit_id)
    if row is None or visit is None:
        raise NotFound(_("There is no note with id {id}.").format(id=note_id))
    template = find_template(row.template, visit.programme_slot)
    target = note.risk.floor_target if note.risk and note.risk.floor_target is not None else None
    return NoteWorkspace(
        note=note,
        required=frozenset(s.key for s in template.sections if s.required),
        hints={s.key: s.shown_hint for s in template.sections},
        carried=tuple(carried_forward(session, note.id)),
        trend=tuple(risk_trend(session, note.id)),
        floor_target=target if target is not None else floor_target(session),
        owner=owner_elsewhere(session, visit),
        template_problems=tuple(template_problems()),
    )


def open_workspace(
    session: Session, visit_id: str, section_key: str | None = None
) -> NoteWorkspace:
    """Open (or start) the note of a visit; a draft is remembered as open in the editor."""
    note = open_or_create_note(session, visit_id)
    if note.status is NoteStatus.DRAFT and note_is_ours(session, note.visit_id):
        mark_editing(session, note.id, section_key)
    return read_workspace(session, note.id)


def note_is_ours(session: Session, visit_id: str) -> bool:
    """Whether the note of ``visit_id`` may be changed here (not another adviser's)."""
    visit = session.get(Visit, visit_id)
    return visit is not None and owner_elsewhere(session, visit) is None
