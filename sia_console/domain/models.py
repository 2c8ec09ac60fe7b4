"""The tables of sia-console.

Synced tables (those inheriting :class:`SyncedRecord`) travel in sync bundles. Local
tables (installation, local identity, trust, conflicts, bundle history) describe this
database only and never leave it.

Visit ``start`` and ``end`` are naive Europe/London wall-clock times: an adviser plans
"9:30 on a Tuesday" and that must stay 9:30 across a change of clocks. Every other
stored datetime is timezone-aware UTC.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import NaiveDatetime
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from sia_console.domain.enums import (
    ActionStatus,
    LanguageMedium,
    NoteStatus,
    RiskLevel,
    Role,
    VisitStatus,
)
from sia_console.domain.records import SyncedRecord, enum_type, new_id, utc_now

# ----------------------------------------------------------------------------- local


class Installation(SQLModel, table=True):
    """This database's own identity as an installation: namespaces keys and clocks."""

    id: int = Field(default=1, primary_key=True)
    installation_id: str = Field(default_factory=new_id, max_length=36)
    created_at: datetime = Field(default_factory=utc_now)
    clock: str = Field(default="", max_length=64)
    is_demo: bool = False
    """True for a database filled by ``sia-console demo``: fictional data only."""


class LocalIdentity(SQLModel, table=True):
    """Who uses this database; the private halves of its keys live outside it."""

    __tablename__ = "local_identity"

    id: int = Field(default=1, primary_key=True)
    adviser_id: str = Field(foreign_key="adviser.id", max_length=36)
    key_store: str = Field(max_length=32)  # "keyring" or "passphrase-file"
    created_at: datetime = Field(default_factory=utc_now)


class Trust(SQLModel, table=True):
    """A peer whose identity card this database trusts."""

    adviser_id: str = Field(foreign_key="adviser.id", primary_key=True, max_length=36)
    trusted_at: datetime = Field(default_factory=utc_now)


class Conflict(SQLModel, table=True):
    """A losing version kept when two installations changed the same record."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    table_name: str = Field(max_length=64)
    record_id: str = Field(index=True, max_length=36)
    losing_hlc: str = Field(max_length=64)
    winning_hlc: str = Field(max_length=64)
    losing_version: str  # JSON of the losing record
    bundle_id: str | None = Field(default=None, max_length=36)
    created_at: datetime = Field(default_factory=utc_now)
    resolved_at: datetime | None = Field(default=None, index=True)
    settled_by_id: str | None = Field(default=None, max_length=36)
    """Who settled it, when a bundle brought their settlement (``None``: settled here, or
    not yet)."""


class BundleLog(SQLModel, table=True):
    """The history of bundles exported from and imported into this database."""

    __tablename__ = "bundle_log"
    __table_args__ = (
        # The last bundle received from each SIA (the core lead's coverage), index only.
        Index("ix_bundle_log_received", "direction", "status", "peer_id", "at"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    bundle_id: str = Field(index=True, max_length=36)
    direction: str = Field(max_length=8)  # "export" or "import"
    peer_id: str | None = Field(default=None, index=True, max_length=36)
    file_name: str = Field(default="", max_length=1024)
    at: datetime = Field(default_factory=utc_now)
    records: int = 0
    watermark: str = Field(default="", max_length=64)
    installation_id: str | None = Field(default=None, max_length=36)
    """The sender's installation (imports): whose versions carry it as their origin."""
    status: str = Field(default="", max_length=16)
    reason: str = ""


# ---------------------------------------------------------------------------- synced


class Setting(SyncedRecord, table=True):
    """A setting shared through bundles (floor target, category scheme, term dates)."""

    key: str = Field(unique=True, max_length=64)
    value: str  # JSON


class Adviser(SyncedRecord, table=True):
    """A person known to this database: the local identity or a peer."""

    name: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=254)
    role: Role = Field(default=Role.SIA, sa_type=enum_type(Role))
    authority: str | None = Field(default=None, max_length=200)
    signing_key: str = Field(default="", max_length=128)
    encryption_key: str = Field(default="", max_length=128)
    fingerprint: str = Field(default="", index=True, max_length=128)


class School(SyncedRecord, table=True):
    """A link school."""

    code: str = Field(unique=True, max_length=32)
    name: str = Field(max_length=200, index=True)
    local_authority: str = Field(max_length=200, index=True)
    cluster: str | None = Field(default=None, max_length=200)
    headteacher: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    postcode: str | None = Field(default=None, max_length=16)
    language: LanguageMedium = Field(
        default=LanguageMedium.ENGLISH, sa_type=enum_type(LanguageMedium)
    )
    number_on_roll: int | None = None
    category: str | None = Field(default=None, max_length=64, index=True)
    adviser_id: str | None = Field(default=None, foreign_key="adviser.id", index=True)
    assigned_hlc: str = Field(default="", max_length=64)
    """The clock version of the write that last set ``category`` or ``adviser_id`` (the
    assignment). They merge as a pair on their own, by :func:`assignment_rank`, so a
    newer write of the school's other details does not carry an older assignment."""
    assigned_by_lead: bool = False
    """The assignment was made by a core lead: an adviser's write never replaces it."""
    details_hlc: str = Field(default="", max_length=64)
    """The clock version of the write that last changed any other field (the details:
    name, headteacher, ..., the tombstone). ``hlc`` is the later of the two clocks."""
    details_known: str = Field(default="", max_length=4096)
    """The versions of the details this write's writer had seen, per installation (JSON;
    see :mod:`sia_console.domain.lineage`): a version it knew is history, not a conflict."""
    details_settled: str = Field(default="", max_length=4096)
    """Losing versions of the details a person settled where this was written (JSON list;
    see :mod:`sia_console.domain.lineage`): the same conflict elsewhere closes with it."""


ASSIGNMENT_FIELDS = ("category", "adviser_id", "assigned_hlc", "assigned_by_lead")
"""The fields of a school that merge as one, apart from the rest of the record."""

LINEAGE_FIELDS = ("details_hlc", "details_known", "details_settled")
"""The fields of a school that say which version of its details this is and what it knew
of others (see :mod:`sia_console.domain.lineage`), not what the details say."""

SCHOOL_STAMPS = ("created_at", "updated_at", "hlc", "origin")
"""The fields of a school that follow its latest write, whichever part it changed."""


def assignment_held(school: School, *, lead: bool) -> bool:
    """Whether a database (a core lead's: ``lead``) must keep the school's assignment as it
    is: a core lead made it, and this is an adviser's database."""
    return school.assigned_by_lead and not lead


def assignment_rank(school: School) -> tuple[bool, str]:
    """Which of two versions' assignments wins: a core lead's, then the later."""
    return (school.assigned_by_lead, school.assigned_hlc or school.hlc)


CATEGORY_CHANGE_NAMESPACE = uuid.UUID("5b0c3a52-3f0e-4d43-9a37-6f1c2e8d4b71")


def category_change_id(school_version: str) -> str:
    """The id of the change made by the school version ``school_version`` (its clock value).

    A clock version names one write by one installation, so the installation that changed
    the category and every database that later takes that version of the school from a
    bundle derive the same id: the change is recorded once wherever it travels.
    """
    if not school_version:  # no clock (never in a real session): nothing to share
        return new_id()
    return str(uuid.uuid5(CATEGORY_CHANGE_NAMESPACE, f"category_change:{school_version}"))


class CategoryChange(SyncedRecord, table=True):
    """A change of a school's support category: from what, to what, on which day.

    ``changed_on`` is the Europe/London day of the change. ``previous_category`` is
    ``None`` when the school had no category; ``category`` is ``None`` when it was
    cleared. A school first added with a category has no change.
    """

    __tablename__ = "category_change"

    school_id: str = Field(foreign_key="school.id", index=True, max_length=36)
    previous_category: str | None = Field(default=None, max_length=64)
    category: str | None = Field(default=None, max_length=64)
    changed_on: date = Field(index=True)
    reason: str = Field(default="", max_length=500)
    """Why the core lead changed it, as they wrote it ("": none given; schema 0012)."""


class AssignmentChange(SyncedRecord, table=True):
    """A school handed from one link adviser to another: who, why, from which day.

    Written by the core lead only, when they reassign a school (schema 0012), and kept in
    the school's history: visits, notes and judgements stay with the adviser who made
    them, and this says from when the school is another's. ``previous_adviser_id`` is
    ``None`` when the school had no link adviser, ``adviser_id`` when it is left without
    one. Advisers are named by id, not foreign key, so that a record may arrive in a
    bundle before the person it names.
    """

    __tablename__ = "assignment_change"

    school_id: str = Field(foreign_key="school.id", index=True, max_length=36)
    previous_adviser_id: str | None = Field(default=None, max_length=36)
    adviser_id: str | None = Field(default=None, max_length=36)
    reason: str = Field(default="", max_length=500)
    effective_on: date = Field(index=True)


class Visit(SyncedRecord, table=True):
    """A planned or made visit to a school. ``start``/``end`` are London wall-clock."""

    __table_args__ = (
        # Visits made before a day, by status: notes overdue (dashboard and core lead).
        Index("ix_visit_status_start", "status", "start"),
    )

    school_id: str = Field(foreign_key="school.id", index=True, max_length=36)
    adviser_id: str | None = Field(default=None, foreign_key="adviser.id", index=True)
    start: NaiveDatetime = Field(index=True)
    end: NaiveDatetime
    purpose: str = Field(default="", max_length=500)
    programme_year: int | None = Field(default=None, index=True)
    programme_slot: int | None = None
    status: VisitStatus = Field(default=VisitStatus.PLANNED, sa_type=enum_type(VisitStatus))
    status_reason: str | None = Field(default=None, max_length=500)
    """Why the visit was cancelled or postponed, as the adviser wrote it (schema 0009)."""
    moved_to_id: str | None = Field(default=None, max_length=36)
    """For a postponed visit, the visit that took its place on the new date (schema 0009;
    an id, not a foreign key, so the two may arrive in a bundle in either order)."""


class NoteOfVisit(SyncedRecord, table=True):
    """The note of one visit: a draft until finalised, then locked."""

    __tablename__ = "note_of_visit"

    visit_id: str = Field(foreign_key="visit.id", unique=True, max_length=36)
    template: str = Field(default="default", max_length=64)
    status: NoteStatus = Field(default=NoteStatus.DRAFT, sa_type=enum_type(NoteStatus), index=True)
    finalised_at: datetime | None = None
    head_response: str | None = Field(default=None, max_length=16)
    head_response_comment: str | None = None
    """What the headteacher said with their response (schema 0009)."""


class NoteSection(SyncedRecord, table=True):
    """One titled section of a note's text."""

    __tablename__ = "note_section"
    __table_args__ = (UniqueConstraint("note_id", "key"),)

    note_id: str = Field(foreign_key="note_of_visit.id", index=True, max_length=36)
    key: str = Field(max_length=64)
    title: str = Field(max_length=200)
    position: int = 0
    text: str = ""


class Amendment(SyncedRecord, table=True):
    """A dated correction to a finalised note; the original text is kept."""

    note_id: str = Field(foreign_key="note_of_visit.id", index=True, max_length=36)
    section_key: str | None = Field(default=None, max_length=64)
    text: str
    made_at: datetime = Field(default_factory=utc_now)
    author_id: str | None = Field(default=None, foreign_key="adviser.id")


class Action(SyncedRecord, table=True):
    """An action agreed with the head at a visit: what, who, by when."""

    __table_args__ = (
        # Open actions due before a day: the overdue actions of the whole authority.
        Index("ix_action_status_due", "status", "due"),
    )

    note_id: str = Field(foreign_key="note_of_visit.id", index=True, max_length=36)
    school_id: str = Field(foreign_key="school.id", index=True, max_length=36)
    text: str
    owner: str = Field(default="", max_length=200)
    due: date | None = Field(default=None, index=True)
    status: ActionStatus = Field(default=ActionStatus.OPEN, sa_type=enum_type(ActionStatus))
    closed_on: date | None = None


class ActionReview(SyncedRecord, table=True):
    """A later visit's review of an earlier action: its new status and a comment."""

    __tablename__ = "action_review"

    action_id: str = Field(foreign_key="action.id", index=True, max_length=36)
    note_id: str = Field(foreign_key="note_of_visit.id", index=True, max_length=36)
    status: ActionStatus = Field(sa_type=enum_type(ActionStatus))
    comment: str = ""


class RiskJudgement(SyncedRecord, table=True):
    """The floor-target risk judgement recorded on a note of visit."""

    __tablename__ = "risk_judgement"
    __table_args__ = (
        # A school's judgements newest first (read backwards): its latest and the one before.
        Index("ix_risk_judgement_school_latest", "school_id", "judged_on", "created_at", "id"),
    )

    note_id: str = Field(foreign_key="note_of_visit.id", unique=True, max_length=36)
    school_id: str = Field(foreign_key="school.id", max_length=36)
    judged_on: date = Field(index=True)
    level: RiskLevel | None = Field(default=None, sa_type=enum_type(RiskLevel))
    rationale: str = ""
    floor_target: float | None = None


class Prediction(SyncedRecord, table=True):
    """A predicted percentage at the expected standard for a cohort and measure."""

    __table_args__ = (UniqueConstraint("judgement_id", "cohort", "measure"),)

    judgement_id: str = Field(foreign_key="risk_judgement.id", index=True, max_length=36)
    cohort: str = Field(max_length=4)
    measure: str = Field(max_length=16)
    percent: float


SCHOOL_YEAR_NAMESPACE = uuid.UUID("0f5c7a1e-9d4b-4c8e-a1f3-5e2b7d9c6a40")


def school_year_summary_id(school_id: str, academic_year: int) -> str:
    """The id of a school's summary for a year: the same on every laptop that writes one,
    so two writers of the same summary change one record (merged by clock), never two."""
    return str(
        uuid.uuid5(SCHOOL_YEAR_NAMESPACE, f"school_year_summary:{school_id}:{academic_year}")
    )


class SchoolYearSummary(SyncedRecord, table=True):
    """The adviser's closing summary of a school's academic year, for its governors.

    One per school and year (its id is derived from both, :func:`school_year_summary_id`).
    ``academic_year`` is the year in which it starts (2026: September 2026 to August 2027).
    It is the adviser's own work and travels to the core lead in bundles, like a note.
    """

    __tablename__ = "school_year_summary"
    __table_args__ = (UniqueConstraint("school_id", "academic_year"),)

    school_id: str = Field(foreign_key="school.id", index=True, max_length=36)
    academic_year: int
    adviser_id: str | None = Field(default=None, foreign_key="adviser.id")
    """Who wrote it last: the school's link adviser."""
    text: str = ""


SYNCED_TABLES: tuple[type[SyncedRecord], ...] = (
    Setting,
    Adviser,
    School,
    Visit,
    NoteOfVisit,
    NoteSection,
    Amendment,
    Action,
    ActionReview,
    RiskJudgement,
    Prediction,
    CategoryChange,
    AssignmentChange,
    SchoolYearSummary,
)
"""Synced tables in an order that satisfies foreign keys when applied top to bottom."""


class EditingState(SQLModel, table=True):
    """The draft open in the note editor, so that after a crash the app can offer it back.

    Written when the editor opens a draft and as the adviser moves between its sections;
    removed when the editor is left normally. A row found at start-up means the last run
    ended without leaving the editor (killed, power lost). Local: it never travels.
    """

    __tablename__ = "editing_state"

    id: int = Field(default=1, primary_key=True)
    note_id: str = Field(max_length=36)
    section_key: str | None = Field(default=None, max_length=64)
    opened_at: datetime = Field(default_factory=utc_now)
