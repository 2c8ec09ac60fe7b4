"""A school's year as its Word document shows it: plain values, already gathered.

The service (``services.schools.year``) reads the year's final notes of visit and fills a
:class:`SchoolYearDocument`; the writer (:mod:`.school_year_docx`) only lays it out, so it
is tested and benchmarked without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.i18n import _


def academic_year_label(year: int) -> str:
    """``2026–27`` for the academic year starting in September 2026."""
    return f"{year}–{(year + 1) % 100:02d}"


@dataclass(frozen=True)
class YearVisit:
    """One visit of the year: when, which in the programme, its focus, what came of it."""

    day: date
    slot: int | None
    """Its place in the annual programme, or ``None`` for an additional visit."""
    focus: str
    state: str
    """In words: "Note final", "Note in draft", "Planned", "Cancelled" …"""


@dataclass(frozen=True)
class YearJudgement:
    """A floor-target risk judgement agreed at a visit."""

    day: date
    level: RiskLevel
    y6_combined: float | None
    y5_combined: float | None


@dataclass(frozen=True)
class VisitText:
    """What one final note says under one heading (priorities, support)."""

    day: date
    text: str


@dataclass(frozen=True)
class YearAction:
    """An action agreed at a visit of the year, and what became of it."""

    text: str
    owner: str
    due: date | None
    agreed_on: date
    status: ActionStatus
    """By the latest final note that reviewed it (open if none did)."""
    reviewed_on: date | None
    comment: str


@dataclass(frozen=True)
class SchoolYearDocument:
    """Everything the school's year says."""

    school_name: str
    school_code: str
    authority: str
    headteacher: str | None
    adviser_name: str | None
    academic_year: int
    programme_visits: int
    """Visits the annual programme gives this school in the year."""
    floor_target: float | None
    created: datetime
    visits: tuple[YearVisit, ...] = ()
    judgements: tuple[YearJudgement, ...] = ()
    priorities: tuple[VisitText, ...] = ()
    actions: tuple[YearAction, ...] = ()
    support: tuple[VisitText, ...] = ()
    summary: str = ""

    @property
    def visits_made(self) -> int:
        """Visits of the year whose note is final."""
        return sum(1 for visit in self.visits if visit.state == FINAL_STATE())

    def title(self, name_limit: int | None = None) -> str:
        """``The school's year 2026–27 — Ysgol y Graig``."""
        school = self.school_name
        if name_limit is not None and len(school) > name_limit:
            school = school[: name_limit - 1].rstrip() + "…"
        return _("The school's year {year} — {school}").format(
            year=academic_year_label(self.academic_year), school=school
        )


def FINAL_STATE() -> str:
    """The state of a visit whose note of visit is final."""
    return _("Note final")
