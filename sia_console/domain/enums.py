"""The closed vocabularies of the domain, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who an identity is: a supporting improvement adviser or the core lead over them."""

    SIA = "sia"
    CORE_LEAD = "core-lead"


class LanguageMedium(StrEnum):
    """The language medium of a school."""

    ENGLISH = "english"
    WELSH = "welsh"
    BILINGUAL = "bilingual"


class VisitStatus(StrEnum):
    """Where a visit stands. Cancelling keeps the record; nothing is deleted."""

    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class NoteStatus(StrEnum):
    """A note starts as a draft and is finalised when agreed; a final note is locked."""

    DRAFT = "draft"
    FINAL = "final"


class RiskLevel(StrEnum):
    """The floor-target risk judgement made at every visit."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """Higher is riskier: used for sorting registers high first."""
        return {RiskLevel.LOW: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}[self]


class ActionStatus(StrEnum):
    """Where an agreed action stands."""

    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        """Open and in-progress actions still need doing."""
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Cohort(StrEnum):
    """The year groups whose end-of-KS2 outcomes are predicted at each visit."""

    Y5 = "Y5"
    Y6 = "Y6"


class Measure(StrEnum):
    """The KS2 measures predicted: percentage of pupils at the expected standard."""

    READING = "reading"
    WRITING = "writing"
    MATHS = "maths"
    COMBINED = "combined"


class HeadResponse(StrEnum):
    """The headteacher's answer to a shared note of visit: is it an accurate record?"""

    ACCURATE = "accurate"
    INACCURATE = "inaccurate"


class BundleDirection(StrEnum):
    """Which way a bundle went, in this database's history of bundles."""

    EXPORT = "export"
    IMPORT = "import"


class ProgrammeVisitState(StrEnum):
    """Where one visit of the annual programme stands when the year is planned."""

    PROPOSED = "proposed"
    """A preview: not in the diary yet (``--apply`` adds it)."""
    EXISTS = "exists"
    """Already in the diary: planned before, by hand or by an earlier run."""
    ADDED = "added"
    """Added to the diary by this run."""
    UNPLACED = "unplaced"
    """No free working half-day near its window: the diary is full; plan it by hand."""
