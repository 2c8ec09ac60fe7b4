"""Who may change what through a bundle: the one rule every imported record meets.

A core lead trusts that each record on the authority screen came, unaltered, from the
person who owns it (``docs/domain.md``, "Who may change what"). A bundle is signed, so we
know who sent it; this module decides, record by record, whether that sender may make
the change the record would make here:

========================================  =============================================
record                                    who may create and change it
========================================  =============================================
a visit, its note of visit, sections,     the adviser whose visit it is, only; a record
amendments, actions, reviews of actions,  never moves to another visit, note or
risk judgement, predictions               judgement, and never names another school
                                          than its visit's
a school's details                        the core lead; the link adviser of the school
                                          (as the core lead has it)
the adviser's summary of a school's       the adviser who wrote it, of a school in the
year                                      register; it replaces one here only if that
                                          one is theirs too, or the school is now
                                          their link school
a school's category and link adviser;     the core lead only
the register; settings; changes of
category
another adviser's visit and what hangs    relayed by the core lead to an adviser as a
on it                                     school's history, read-only: never the
                                          receiver's own work, never moved to another
                                          visit, adviser or school
an identity                               nobody: only an identity card, trusted by hand
========================================  =============================================

A record the sender may not change rejects the whole bundle with :class:`Refusal`, whose
sentence names the sender, the kind of record and whose it is: an honest sia-console
never writes one, so the bundle was altered or forged by someone holding the sender's
key, and nothing in it is believed. One thing is set aside rather than refused: the
details or the proposed assignment of a school, written by an adviser who is not (or no
longer) its link adviser here. An adviser may well have changed a school's headteacher
before hearing that the school was given to a colleague; that change is left out and
counted, and the rest of the adviser's work comes in (``domain.school_versions``).

The rule reads the records it needs through a :class:`Ledger` (the bundle's own records
first, then this database's), so it stays free of any storage.
"""

from __future__ import annotations

from typing import Any, Protocol

from sia_console.domain.enums import Role
from sia_console.domain.models import (
    Action,
    ActionReview,
    Adviser,
    Amendment,
    AssignmentChange,
    CategoryChange,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    SchoolYearSummary,
    Setting,
    Visit,
)
from sia_console.domain.records import SyncedRecord
from sia_console.i18n import _

IDENTITY_FIELDS = (
    "name",
    "email",
    "role",
    "authority",
    "signing_key",
    "encryption_key",
    "fingerprint",
    "deleted",
)
"""What an identity card says about a person: never taken from a bundle for this
identity or a trusted one (keys and roles come only from ``identity trust``)."""

POINTERS: dict[type[SyncedRecord], tuple[str, ...]] = {
    Visit: ("adviser_id",),
    NoteOfVisit: ("visit_id",),
    NoteSection: ("note_id",),
    Amendment: ("note_id",),
    Action: ("note_id",),
    ActionReview: ("note_id", "action_id"),
    RiskJudgement: ("note_id",),
    Prediction: ("judgement_id",),
}
"""What ties each record of a visit to its owner: these never change once written."""

VISIT_RECORDS = tuple(POINTERS)
"""The kinds of record that belong to the adviser whose visit they hang on."""

LEAD_RECORDS: tuple[type[SyncedRecord], ...] = (
    Setting,
    Adviser,
    School,
    CategoryChange,
    AssignmentChange,
)
"""What a core lead's bundle may carry of the core lead's own: settings, people its
schools name, the schools, the changes of their categories and of their link advisers.
It may also relay another adviser's visits and what hangs on them (:func:`check_relayed`)."""


class Refusal(ValueError):
    """A record its sender may not change; ``str()`` is one sentence saying so."""


class Ledger(Protocol):
    """The records the rule looks at: a bundle's own, else this database's."""

    def find(
        self, model: type[SyncedRecord], record_id: str | None, *, here_only: bool = False
    ) -> Any:
        """The record ``record_id`` of ``model`` (from the bundle unless ``here_only``): a
        record, or what of it the rule reads (the fields that tie it to its owner)."""

    def here(self, record: SyncedRecord) -> Any:
        """This database's version of ``record`` (a school also by its code), as above."""

    def school(self, school_id: str | None) -> str | None:
        """The id here of the school ``school_id`` names (a bundle's school may be known
        here under another id, by its code); ``None`` if it is neither here nor in the
        bundle."""

    def name(self, adviser_id: str | None) -> str:
        """How to name a person in a sentence."""


def _kind(model: type[SyncedRecord]) -> str:
    words = {
        Setting: _("a setting"),
        Adviser: _("an identity"),
        School: _("a school"),
        CategoryChange: _("a change of category"),
        AssignmentChange: _("a change of link adviser"),
        Visit: _("a visit"),
        NoteOfVisit: _("a note of visit"),
        NoteSection: _("a section of a note"),
        Amendment: _("an amendment"),
        Action: _("an action"),
        ActionReview: _("a review of an action"),
        RiskJudgement: _("a risk judgement"),
        Prediction: _("a prediction"),
        SchoolYearSummary: _("the summary of a school's year"),
    }
    return words.get(model, str(model.__tablename__))


_PARENT: dict[type[SyncedRecord], tuple[type[SyncedRecord], str]] = {
    Prediction: (RiskJudgement, "judgement_id"),
    NoteOfVisit: (Visit, "visit_id"),
    NoteSection: (NoteOfVisit, "note_id"),
    Amendment: (NoteOfVisit, "note_id"),
    Action: (NoteOfVisit, "note_id"),
    ActionReview: (NoteOfVisit, "note_id"),
    RiskJudgement: (NoteOfVisit, "note_id"),
}
"""The record each kind hangs on, and the field that names it."""


def visit_of(
    ledger: Ledger,
    record: object,
    model: type[SyncedRecord] | None = None,
    *,
    here_only: bool = False,
) -> object | None:
    """The visit ``record`` (of ``model``, else its own type) hangs on: itself for a visit."""
    kind = model or type(record)
    current: object | None = record
    while current is not None and kind is not Visit:
        if kind not in _PARENT:
            return None
        kind, pointer = _PARENT[kind]
        current = ledger.find(kind, getattr(current, pointer, None), here_only=here_only)
    return current


def _refuse_other(sender: Adviser, record: SyncedRecord, owner: str) -> Refusal:
    return Refusal(
        _("{sender}'s bundle changes {kind} of {owner}'s; only its owner may change it").format(
            sender=sender.name, kind=_kind(type(record)), owner=owner
        )
    )


def check_visit_record(ledger: Ledger, sender: Adviser, record: SyncedRecord) -> None:
    """Refuse a visit or what hangs on it unless it is, and stays, the sender's own."""
    visit = visit_of(ledger, record)
    if visit is None:
        raise Refusal(
            _("{sender}'s bundle carries {kind} of a visit that is neither in it nor here").format(
                sender=sender.name, kind=_kind(type(record))
            )
        )
    owner = getattr(visit, "adviser_id", None)
    if owner != sender.id:
        raise _refuse_other(sender, record, ledger.name(owner))
    here = ledger.here(record)
    if here is not None:
        for pointer in POINTERS[type(record)]:
            if getattr(here, pointer) != getattr(record, pointer):
                raise Refusal(
                    _("{sender}'s bundle moves {kind} to another visit, note or person").format(
                        sender=sender.name, kind=_kind(type(record))
                    )
                )
        before = visit_of(ledger, here, type(record), here_only=True)
        owner_before = getattr(before, "adviser_id", None)
        if owner_before != sender.id:
            raise _refuse_other(sender, record, ledger.name(owner_before))
    _check_school_of(ledger, sender, record, visit)
    if isinstance(record, Amendment) and record.author_id not in (None, sender.id):
        raise Refusal(
            _("{sender}'s bundle carries an amendment signed as {author}").format(
                sender=sender.name, author=ledger.name(record.author_id)
            )
        )


def _check_school_of(ledger: Ledger, sender: Adviser, record: SyncedRecord, visit: object) -> None:
    """An action, judgement or review is about its visit's school, never another's."""
    school = ledger.school(getattr(visit, "school_id", None))
    if school is None:
        raise Refusal(
            _(
                "{sender}'s bundle carries a visit to a school that is neither in it nor here"
            ).format(sender=sender.name)
        )
    named = (
        getattr(record, "school_id", None) if isinstance(record, Action | RiskJudgement) else None
    )
    if isinstance(record, ActionReview):
        action = ledger.find(Action, record.action_id)
        if action is None:
            raise Refusal(
                _("{sender}'s bundle reviews an action that is neither in it nor here").format(
                    sender=sender.name
                )
            )
        named = getattr(action, "school_id", None)
    if named is not None and ledger.school(named) != school:
        raise Refusal(
            _("{sender}'s bundle carries {kind} about another school than its visit's").format(
                sender=sender.name, kind=_kind(type(record))
            )
        )


def same_identity(a: SyncedRecord, b: SyncedRecord) -> bool:
    """Whether two records of a person say the same about them."""
    return all(getattr(a, name) == getattr(b, name) for name in IDENTITY_FIELDS)


def check_from_adviser(ledger: Ledger, sender: Adviser, record: SyncedRecord) -> None:
    """Refuse a record of an adviser's bundle that the adviser may not change here.

    Schools are planned apart (:func:`~sia_console.domain.school_versions.plan_school`);
    this refuses a school that is not in the register here.
    """
    model = type(record)
    if model in VISIT_RECORDS:
        check_visit_record(ledger, sender, record)
        return
    here = ledger.here(record)
    if model is School:
        if here is None:
            raise Refusal(
                _(
                    "{sender}'s bundle carries school {code}, which is not in the register "
                    "here; the register is the core lead's (add the school, then import again)"
                ).format(sender=sender.name, code=getattr(record, "code", "?"))
            )
        return
    if model is Adviser:
        if here is not None and same_identity(here, record):
            return
        raise Refusal(
            _(
                "{sender}'s bundle carries an identity ({name}); identities change only "
                "through identity cards"
            ).format(sender=sender.name, name=getattr(record, "name", "?"))
        )
    if model in (CategoryChange, AssignmentChange) and here is not None and here.hlc == record.hlc:
        return  # the core lead's own record, sent back as it came
    if model is SchoolYearSummary:
        check_year_summary(ledger, sender, record, here)
        return
    raise Refusal(
        _("{sender}'s bundle carries {kind}, which only the core lead may change").format(
            sender=sender.name, kind=_kind(model)
        )
    )


def check_year_summary(ledger: Ledger, sender: Adviser, record: SyncedRecord, here: Any) -> None:
    """Refuse a summary of a school's year unless the sender wrote it, of a school in the
    register, and it replaces only their own or one of their link school's."""
    if getattr(record, "adviser_id", None) != sender.id:
        raise Refusal(
            _("{sender}'s bundle carries the summary of a school's year signed as {author}").format(
                sender=sender.name, author=ledger.name(getattr(record, "adviser_id", None))
            )
        )
    school = ledger.school(getattr(record, "school_id", None))
    if school is None:
        raise Refusal(
            _(
                "{sender}'s bundle carries the summary of the year of a school that is "
                "neither in it nor here"
            ).format(sender=sender.name)
        )
    if here is None:
        return
    if ledger.school(getattr(here, "school_id", None)) != school:
        raise Refusal(
            _("{sender}'s bundle moves the summary of a school's year to another school").format(
                sender=sender.name
            )
        )
    link = getattr(ledger.find(School, school, here_only=True), "adviser_id", None)
    owner = getattr(here, "adviser_id", None)
    if owner not in (None, sender.id) and link != sender.id:
        raise _refuse_other(sender, record, ledger.name(owner))


def check_relayed(ledger: Ledger, sender: Adviser, record: SyncedRecord, me: str) -> None:
    """Refuse a visit or what hangs on it, relayed by a core lead to the adviser ``me``,
    unless it is, and stays, another adviser's work (a school's history for its new link
    adviser to read): a core lead never changes an adviser's own work, nor moves a
    record to another visit, adviser or school."""
    visit = visit_of(ledger, record)
    if visit is None:
        raise Refusal(
            _("{sender}'s bundle carries {kind} of a visit that is neither in it nor here").format(
                sender=sender.name, kind=_kind(type(record))
            )
        )
    owner = getattr(visit, "adviser_id", None)
    if owner is None or owner == me:  # the receiver's own work (or no one's) is theirs
        raise Refusal(
            _("{sender}'s bundle carries {kind}, which only an adviser may change").format(
                sender=sender.name, kind=_kind(type(record))
            )
        )
    here = ledger.here(record)
    if here is not None:
        for pointer in POINTERS[type(record)]:
            if getattr(here, pointer) != getattr(record, pointer):
                raise Refusal(
                    _("{sender}'s bundle moves {kind} to another visit, note or person").format(
                        sender=sender.name, kind=_kind(type(record))
                    )
                )
        before = visit_of(ledger, here, type(record), here_only=True)
        if getattr(before, "adviser_id", None) != owner:
            raise Refusal(
                _("{sender}'s bundle moves {kind} to another visit, note or person").format(
                    sender=sender.name, kind=_kind(type(record))
                )
            )
    _check_school_of(ledger, sender, record, visit)
    if isinstance(record, Amendment) and record.author_id not in (None, owner):
        raise Refusal(
            _("{sender}'s bundle carries an amendment signed as {author}").format(
                sender=sender.name, author=ledger.name(record.author_id)
            )
        )


def check_from_lead(
    ledger: Ledger, sender: Adviser, record: SyncedRecord, *, held: set[str], me: str
) -> None:
    """Refuse a record of a core lead's bundle that the core lead may not change here.

    ``held`` are the ids of the people whose identity this database holds from cards
    (itself and every trusted peer): a bundle may name them, never change them. ``me``
    is the receiving adviser: another adviser's visits are relayed to them read-only
    (:func:`check_relayed`).
    """
    model = type(record)
    if model in VISIT_RECORDS:
        check_relayed(ledger, sender, record, me)
        return
    if model not in LEAD_RECORDS:
        raise Refusal(
            _("{sender}'s bundle carries {kind}, which only an adviser may change").format(
                sender=sender.name, kind=_kind(model)
            )
        )
    if model is Adviser and record.id in held:
        here = ledger.here(record)
        if here is None or not same_identity(here, record):
            raise Refusal(
                _(
                    "{sender}'s bundle changes the identity of {name}; identities change only "
                    "through identity cards"
                ).format(sender=sender.name, name=ledger.name(record.id))
            )


def check_sender_role(me: Adviser, sender: Adviser) -> None:
    """Bundles go between an adviser and a core lead, never between two advisers."""
    if sender.role == Role.SIA and me.role == Role.SIA:
        raise Refusal(_("an adviser's bundle is for a core lead, not another adviser"))
    if sender.role == Role.CORE_LEAD and me.role == Role.CORE_LEAD:
        raise Refusal(_("a core lead's bundle is for an adviser, not another core lead"))
