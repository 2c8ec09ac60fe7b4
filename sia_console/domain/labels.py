"""The labels of the closed vocabularies: one word for each value, for every face.

The database, the bundles and the command line's JSON carry the values (``in-progress``);
people read these words ("in progress"). Each is defined once, here, so the terminal UI,
the command line and the Word documents say the same thing and a Welsh catalogue
translates it once. A word is kept as it reads inside a sentence or a table cell
(:func:`word`); standing alone, as a choice or in a document's table, it takes a
capital (:func:`label`). Dates and the names of days and months are in
:mod:`sia_console.domain.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sia_console.domain.enums import (
    ActionStatus,
    HeadResponse,
    LanguageMedium,
    Measure,
    NoteStatus,
    ProgrammeVisitState,
    RiskLevel,
    Role,
    VisitStatus,
)
from sia_console.domain.vocabulary import day_and_time
from sia_console.i18n import N_, _, in_every_language

Labelled = (
    RiskLevel
    | VisitStatus
    | NoteStatus
    | ActionStatus
    | HeadResponse
    | LanguageMedium
    | Role
    | Measure
    | ProgrammeVisitState
)
"""The closed vocabularies people read in words."""

E = TypeVar(
    "E",
    RiskLevel,
    VisitStatus,
    NoteStatus,
    ActionStatus,
    HeadResponse,
    LanguageMedium,
    Role,
    Measure,
    ProgrammeVisitState,
)

_WORDS: Mapping[type[StrEnum], Mapping[Any, str]] = {
    RiskLevel: {
        RiskLevel.HIGH: N_("high"),
        RiskLevel.MEDIUM: N_("medium"),
        RiskLevel.LOW: N_("low"),
    },
    VisitStatus: {
        VisitStatus.PLANNED: N_("planned"),
        VisitStatus.DONE: N_("done"),
        VisitStatus.CANCELLED: N_("cancelled"),
        VisitStatus.POSTPONED: N_("postponed"),
    },
    NoteStatus: {NoteStatus.DRAFT: N_("draft"), NoteStatus.FINAL: N_("final")},
    ActionStatus: {
        ActionStatus.OPEN: N_("open"),
        ActionStatus.IN_PROGRESS: N_("in progress"),
        ActionStatus.DONE: N_("done"),
        ActionStatus.DROPPED: N_("dropped"),
    },
    HeadResponse: {
        HeadResponse.ACCURATE: N_("agreed as accurate"),
        HeadResponse.INACCURATE: N_("not agreed as accurate"),
    },
    LanguageMedium: {
        LanguageMedium.ENGLISH: N_("English-medium"),
        LanguageMedium.WELSH: N_("Welsh-medium"),
        LanguageMedium.BILINGUAL: N_("bilingual"),
    },
    Role: {Role.SIA: N_("adviser"), Role.CORE_LEAD: N_("core lead")},
    Measure: {
        Measure.READING: N_("reading"),
        Measure.WRITING: N_("writing"),
        Measure.MATHS: N_("maths"),
        Measure.COMBINED: N_("combined"),
    },
    ProgrammeVisitState: {
        ProgrammeVisitState.PROPOSED: N_("to add"),
        ProgrammeVisitState.EXISTS: N_("planned"),
        ProgrammeVisitState.ADDED: N_("added"),
        ProgrammeVisitState.UNPLACED: N_("no free half-day"),
    },
}

NOT_STARTED = N_("not started")
"""An open action, as a review of it at a later visit says it."""


def word(value: Labelled) -> str:
    """``value`` in words, as it reads in a sentence or a table cell: "in progress"."""
    return _(_WORDS[type(value)][value])


def words_in_every_language(value: Labelled) -> tuple[str, ...]:
    """``value`` in words in each interface language: what a filter finds it by."""
    return in_every_language(_WORDS[type(value)][value])


def label(value: Labelled) -> str:
    """``value`` in words standing alone (a choice, a document's cell): "In progress"."""
    return capitalised(word(value))


def review_word(status: ActionStatus) -> str:
    """Where an earlier action stands, as a visit's review of it says: "not started"."""
    return _(NOT_STARTED) if status is ActionStatus.OPEN else word(status)


def review_label(status: ActionStatus) -> str:
    """:func:`review_word` standing alone: "Not started"."""
    return capitalised(review_word(status))


def label_of(kind: type[E], value: str) -> str:
    """The label of a stored ``value`` of ``kind``; the value itself if it is not one
    (a value written by a newer version, shown rather than lost)."""
    try:
        member = kind(value)
    except ValueError:
        return value
    return label(member)


def visit_status_words(
    status: VisitStatus, reason: str | None = None, moved_to: datetime | None = None
) -> str:
    """A visit's status in words with why and where to, when there is one: "postponed:
    the head is ill; now Mon 7 Dec 09:30" (the reason is user text: show it literally)."""
    why = visit_status_reason(status, reason, moved_to)
    return _("{status}: {why}").format(status=word(status), why=why) if why else word(status)


def visit_status_reason(
    status: VisitStatus, reason: str | None = None, moved_to: datetime | None = None
) -> str:
    """Why a visit was cancelled or postponed, and when it now takes place: "the head is
    ill; now Mon 7 Dec 09:30"; empty for a visit with neither."""
    if status not in (VisitStatus.CANCELLED, VisitStatus.POSTPONED):
        return ""
    parts = [reason] if reason else []
    if moved_to is not None and status is VisitStatus.POSTPONED:
        parts.append(_("now {when}").format(when=day_and_time(moved_to)))
    return "; ".join(parts)


def capitalised(text: str) -> str:
    """``text`` with a capital first letter, the rest as it is ("English-medium" stays)."""
    return text[:1].upper() + text[1:]


_FIELD_WORDS: Mapping[str, str] = {
    "name": N_("name"),
    "code": N_("school code"),
    "local_authority": N_("local authority"),
    "cluster": N_("cluster"),
    "headteacher": N_("headteacher"),
    "email": N_("email"),
    "phone": N_("phone"),
    "postcode": N_("postcode"),
    "language": N_("language"),
    "number_on_roll": N_("number on roll"),
    "category": N_("support category"),
    "previous_category": N_("previous category"),
    "adviser_id": N_("link adviser"),
    "deleted": N_("deleted"),
    "start": N_("start"),
    "end": N_("end"),
    "purpose": N_("purpose"),
    "status": N_("status"),
    "programme_year": N_("programme year"),
    "programme_slot": N_("programme visit"),
    "template": N_("note template"),
    "finalised_at": N_("finalised"),
    "head_response": N_("headteacher's response"),
    "title": N_("heading"),
    "text": N_("text"),
    "position": N_("order"),
    "section_key": N_("section"),
    "owner": N_("who"),
    "due": N_("by when"),
    "closed_on": N_("closed on"),
    "comment": N_("comment"),
    "level": N_("risk"),
    "rationale": N_("reasons"),
    "judged_on": N_("judged on"),
    "floor_target": N_("floor target"),
    "cohort": N_("year group"),
    "measure": N_("measure"),
    "percent": N_("percentage"),
    "made_at": N_("made at"),
    "changed_on": N_("changed on"),
    "key": N_("setting"),
    "value": N_("value"),
    "role": N_("role"),
    "authority": N_("authority"),
}
"""Each field of a synced record a person may be shown, in words."""


def field_word(name: str) -> str:
    """A record's field ``name`` in words ("number on roll"); the name itself if it has none."""
    found = _FIELD_WORDS.get(name)
    return _(found) if found is not None else name.replace("_", " ")


def field_label(name: str) -> str:
    """:func:`field_word` standing alone: "Number on roll"."""
    return capitalised(field_word(name))
