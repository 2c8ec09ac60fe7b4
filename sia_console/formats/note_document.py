"""A note of visit as the Word document shows it: plain values, already gathered.

The service layer reads the database and fills a :class:`NoteDocument`; the writer
(``formats.note_docx``) only lays it out. Keeping the two apart lets the writer be tested
and benchmarked without a database, and keeps python-docx out of the services.

Dates and labels are worded by the domain's vocabulary (``domain.vocabulary``,
``domain.labels``), the same words as the screens', so a Welsh catalogue translates the
document with them; British dates ("23 November 2026") never depend on the machine's
locale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel
from sia_console.domain.vocabulary import long_date
from sia_console.i18n import _

PERCENT_PLACES = 1
"""Every percentage in a document has this many decimal places: ``65.0%`` beside
``61.9%``, never ``65%`` beside ``61.9%``."""


def percent(value: float) -> str:
    """``72.0%``, ``72.5%``: one consistent precision (:data:`PERCENT_PLACES`)."""
    return f"{value:.{PERCENT_PLACES}f}%"


def points(value: float) -> str:
    """A difference of percentages, at the same precision: ``3.5``."""
    return f"{value:.{PERCENT_PLACES}f}"


@dataclass(frozen=True)
class ActionLine:
    """One row of an actions table: what, who, by when, where it stands."""

    text: str
    owner: str
    due: date | None
    status: ActionStatus
    comment: str = ""
    """For a reviewed previous action: what this visit found."""


@dataclass(frozen=True)
class PredictionLine:
    """A predicted percentage at the expected standard for a cohort and measure."""

    cohort: str
    measure: str
    percent: float


@dataclass(frozen=True)
class RiskBlock:
    """The floor-target risk judgement, set apart in the document."""

    level: RiskLevel | None
    rationale: str
    floor_target: float | None
    judged_on: date | None
    predictions: tuple[PredictionLine, ...] = ()


@dataclass(frozen=True)
class AmendmentLine:
    """A dated correction, shown after the original text it corrects."""

    made_on: date
    text: str
    author: str = ""
    """Who made the amendment (empty when the record does not say)."""


@dataclass(frozen=True)
class SectionBlock:
    """One titled section of the note, with the amendments made to it."""

    key: str
    title: str
    text: str
    amendments: tuple[AmendmentLine, ...] = ()


@dataclass(frozen=True)
class NoteDocument:
    """Everything the Word document of one note of visit says."""

    note_id: str
    """Recorded in the document's properties, so a later export knows its own file."""

    authority: str
    school_name: str
    school_code: str
    headteacher: str | None
    visit_start: datetime
    """London wall-clock time."""
    visit_end: datetime
    visit_number: int | None
    """The visit's place in the annual programme (1–6), or its count in the year."""
    in_programme: bool
    """True when ``visit_number`` is a programme visit, false for an additional visit."""
    focus: str
    adviser_name: str | None
    status: NoteStatus
    finalised_on: date | None
    head_response: str | None
    created: datetime
    """When the document was made (timezone-aware)."""
    sections: tuple[SectionBlock, ...] = ()
    risk: RiskBlock | None = None
    actions: tuple[ActionLine, ...] = ()
    head_response_comment: str | None = None
    """What the headteacher said with their response (shown after it)."""
    reviews: tuple[ActionLine, ...] = ()
    """The actions agreed earlier, as this visit reviewed them."""
    other_amendments: tuple[AmendmentLine, ...] = field(default_factory=tuple)
    """Amendments that name no section of this note: shown after everything else."""

    @property
    def is_draft(self) -> bool:
        """Drafts carry a visible DRAFT mark."""
        return self.status is NoteStatus.DRAFT

    @property
    def visit_day(self) -> date:
        """The day of the visit."""
        return self.visit_start.date()

    def title(self, name_limit: int | None = None) -> str:
        """The document's title, as its properties and its footer give it.

        ``name_limit`` cuts a long school name (with an ellipsis), for the footer line.
        """
        school = self.school_name
        if name_limit is not None and len(school) > name_limit:
            school = school[: name_limit - 1].rstrip() + "…"
        title = _("Note of visit — {school} — {day}").format(
            school=school, day=long_date(self.visit_day)
        )
        return _("{title} (DRAFT)").format(title=title) if self.is_draft else title
