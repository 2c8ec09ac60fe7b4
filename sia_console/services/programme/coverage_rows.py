"""How far each link school's programme has got: the row and the counting itself.

Pure: given the schools, their visits of the academic year, the programme template and
the category scheme, :func:`count_coverage` matches visits to programme slots (the
programme generator's own matching) and counts. ``services.programme.coverage`` reads
its inputs with the ORM; ``services.today_sqlite`` reads them with ``sqlite3`` for the
first screen. Both count here, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sia_console.domain.enums import VisitStatus
from sia_console.domain.programme import academic_year_of
from sia_console.domain.programme_plan import DiaryVisit, match_slots
from sia_console.domain.programme_template import ProgrammeTemplate, TemplateError
from sia_console.domain.schemes import CategoryScheme
from sia_console.services.errors import InvalidInput
from sia_console.services.programme.templates import default_template, load_template


@dataclass(frozen=True)
class SchoolCoverage:
    """How far one school's programme has got this academic year."""

    school_code: str
    school_name: str
    programme: int
    """Visits the programme gives this school (more for schools causing concern)."""
    planned: int
    """Programme visits planned or done."""
    done: int
    """Programme visits done (marked done, or planned on a day now past)."""
    due: int
    """Programme visits whose window has closed by today."""
    done_of_due: int
    """Of the due visits, how many are done."""

    @property
    def behind(self) -> int:
        """Due visits not done."""
        return self.due - self.done_of_due

    @property
    def to_plan(self) -> int:
        """Programme visits with nothing planned for them."""
        return self.programme - self.planned

    @property
    def on_track(self) -> bool:
        """Nothing overdue and the whole year planned."""
        return self.behind == 0 and self.to_plan == 0


@dataclass(frozen=True)
class CoveredSchool:
    """What the counting needs of a school: its key in the visits, code, name, category."""

    key: str
    code: str
    name: str
    category: str | None


def programme_template(path: Path | None = None) -> ProgrammeTemplate:
    """The template at ``path``, or the shipped default; :class:`InvalidInput` if unusable."""
    try:
        return default_template() if path is None else load_template(path)
    except TemplateError as exc:
        raise InvalidInput(str(exc)) from exc


def category_key(scheme: CategoryScheme, category: str | None) -> str | None:
    """A school's category as the key of the scheme in force (labels are accepted too)."""
    if not category:
        return None
    found = scheme.find(category)
    return found.key if found is not None else category.strip()


def academic_year_range(year: int, margin_days: int = 7) -> tuple[datetime, datetime]:
    """From a week before 1 September of ``year`` to a week after 31 August next year."""
    first = datetime(year, 9, 1) - timedelta(days=margin_days)
    last = datetime(year + 1, 9, 1) + timedelta(days=margin_days)
    return first, last


def counts_as_done(visit: DiaryVisit, today: date) -> bool:
    """Whether a programme visit counts as done on ``today``.

    It is done when it is marked done, or when its day has passed (the adviser went but
    has not updated it yet); the SIA's dashboard and the core lead's coverage both use this.
    """
    return visit.status is VisitStatus.DONE or visit.start.date() < today


def count_coverage(
    schools: Sequence[CoveredSchool],
    visits: Iterable[DiaryVisit],
    template: ProgrammeTemplate,
    scheme: CategoryScheme,
    today: date,
) -> tuple[SchoolCoverage, ...]:
    """Coverage of ``schools`` (in their order) in the academic year containing ``today``."""
    year = academic_year_of(today)
    by_school: dict[str, list[DiaryVisit]] = {}
    for visit in visits:
        by_school.setdefault(visit.school_key, []).append(visit)
    result: list[SchoolCoverage] = []
    for school in schools:
        category = category_key(scheme, school.category)
        wanted = template.visits_for(category)
        matched = match_slots(template, year, category, by_school.get(school.key, ()))
        due = [v.slot for v in wanted if v.window(year)[1] < today]
        done = {slot for slot, visit in matched.items() if counts_as_done(visit, today)}
        result.append(
            SchoolCoverage(
                school_code=school.code,
                school_name=school.name,
                programme=len(wanted),
                planned=len(matched),
                done=len(done),
                due=len(due),
                done_of_due=sum(slot in done for slot in due),
            )
        )
    return tuple(result)


def behind_first(rows: Iterable[SchoolCoverage]) -> tuple[SchoolCoverage, ...]:
    """Schools not on track: most overdue visits first, then most left to plan, then by name."""
    behind = [row for row in rows if not row.on_track]
    behind.sort(key=lambda row: (-row.behind, -row.to_plan, row.school_name.casefold()))
    return tuple(behind)
