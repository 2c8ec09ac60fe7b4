"""Programme templates: the visits of an authority's annual programme, parsed from TOML.

An authority decides how many visits its link schools get, when and with what focus, so
the programme is a file rather than code. The shipped default
(``resources/programmes/wiltshire.toml``) is Wiltshire's six visits with three
support-plan reviews for schools causing concern. A template written by hand will have
mistakes; each is reported as one sentence naming the file and the key, so the adviser
can find and fix it. A programme's name and each visit's title, time of year and focus
may carry their Welsh beside them (``name_cy``, ``title_cy``, ``when_cy``, ``focus_cy``:
optional, checked like the English), shown when the interface or the document is Welsh;
without them the English is shown. This module only parses the text it is given
(:func:`parse_template`); ``services.programme.templates`` reads the files.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sia_console.domain.text import has_controls
from sia_console.domain.vocabulary import month_name
from sia_console.i18n import N_, _, in_language, localised, welsh_of

MAX_VISITS = 40
MIN_MINUTES = 30
MAX_TEXT = 400

WELSH_SUFFIX = "_cy"
"""A key ending so holds the Welsh of the key before it (``title_cy``)."""

_PROGRAMME_KEYS = {"name", "name_cy", "minutes", "morning", "afternoon"}
_VISIT_KEYS = {
    "slot",
    "title",
    "title_cy",
    "when",
    "when_cy",
    "from",
    "to",
    "focus",
    "focus_cy",
    "categories",
}


class TemplateError(ValueError):
    """A programme template that cannot be used; ``str()`` is one sentence for the user."""


MonthDay = tuple[int, int]


def calendar_year(academic_year: int, month: int) -> int:
    """The calendar year of ``month`` in the academic year starting in September."""
    return academic_year if month >= 9 else academic_year + 1


@dataclass(frozen=True)
class TemplateVisit:
    """One visit of a programme: its slot, when it may fall, its focus, who gets it."""

    slot: int
    title: str
    when: str
    first: MonthDay
    """(month, day) of the first day the visit may fall on."""
    last: MonthDay
    """(month, day) of the last day, later in the academic year than ``first``."""
    focus: str
    categories: frozenset[str] = frozenset()
    """Support-category keys (case-folded) of the schools that get it; empty for every school."""
    title_cy: str = ""
    when_cy: str = ""
    focus_cy: str = ""
    """The Welsh of the title, the time of year and the focus ("": none given)."""

    @property
    def shown_title(self) -> str:
        """The title in the language now."""
        return localised(self.title, self.title_cy)

    @property
    def shown_when(self) -> str:
        """When the visit happens, in the language now."""
        return localised(self.when, self.when_cy)

    @property
    def shown_focus(self) -> str:
        """The focus in the language now."""
        return localised(self.focus, self.focus_cy)

    @property
    def has_welsh(self) -> bool:
        """Whether the title and focus have their Welsh (given, or the catalogue's)."""
        return bool(welsh_of(self.title, self.title_cy)) and bool(
            welsh_of(self.focus, self.focus_cy)
        )

    def window(self, academic_year: int) -> tuple[date, date]:
        """The first and last day of the visit in the academic year ``academic_year``."""
        (m1, d1), (m2, d2) = self.first, self.last
        return (
            date(calendar_year(academic_year, m1), m1, d1),
            date(calendar_year(academic_year, m2), m2, d2),
        )

    def applies_to(self, category: str | None) -> bool:
        """Whether a school in ``category`` (a key, or ``None``) gets this visit."""
        if not self.categories:
            return True
        return category is not None and category.casefold() in self.categories

    @property
    def purpose(self) -> str:
        """The purpose written on a planned visit: its title and focus."""
        return _("{title}: {focus}").format(title=self.shown_title, focus=self.shown_focus)


@dataclass(frozen=True)
class ProgrammeTemplate:
    """An annual programme of visits."""

    name: str
    source: str
    """The file it was read from, for messages."""
    visits: tuple[TemplateVisit, ...]
    """In order of their windows through the academic year."""
    minutes: int = 180
    morning: time = time(9, 0)
    afternoon: time = time(13, 0)
    name_cy: str = ""
    """The programme's name in Welsh ("": none given)."""

    @property
    def shown_name(self) -> str:
        """The programme's name in the language now."""
        return localised(self.name, self.name_cy)

    @property
    def has_welsh(self) -> bool:
        """Whether the name and every visit have their Welsh."""
        return bool(welsh_of(self.name, self.name_cy)) and all(v.has_welsh for v in self.visits)

    def visit(self, slot: int) -> TemplateVisit | None:
        """The visit numbered ``slot``, if the programme has one."""
        return next((visit for visit in self.visits if visit.slot == slot), None)

    def visits_for(self, category: str | None) -> tuple[TemplateVisit, ...]:
        """The visits a school in ``category`` gets."""
        return tuple(visit for visit in self.visits if visit.applies_to(category))

    def half_day_starts(self) -> tuple[time, time]:
        """When the morning and the afternoon visits start."""
        return self.morning, self.afternoon


def parse_template(data: bytes, source: str) -> ProgrammeTemplate:
    """Check a template's text; ``source`` names it in messages."""
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TemplateError(
            _("The programme template {file} is not UTF-8 text.").format(file=source)
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(
            _("The programme template {file} is not valid TOML: {reason}.").format(
                file=source, reason=str(exc).rstrip(".")
            )
        ) from exc
    return _Reader(source).template(document)


class _Reader:
    """Checks one template document, naming the file and the key in every problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, problem: str) -> TemplateError:
        return TemplateError(
            _("In the programme template {file}, {key} {problem}.").format(
                file=self.source, key=key, problem=problem
            )
        )

    def template(self, document: dict[str, Any]) -> ProgrammeTemplate:
        unknown = sorted(set(document) - {"programme", "visit"})
        if unknown:
            raise self.fail(
                unknown[0], _("is not a key a template can have (use programme, visit)")
            )
        header = document.get("programme")
        if not isinstance(header, dict):
            raise self.fail("[programme]", _("is missing (it gives the programme's name)"))
        self.unknown_keys(header, _PROGRAMME_KEYS, "programme")
        name = self.text(header, "name", "programme.name", required=True)
        name_cy = self.text(header, "name_cy", "programme.name_cy") or ""
        minutes = header.get("minutes", 180)
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise self.fail("programme.minutes", _("must be a whole number of minutes"))
        morning = self.clock(header, "morning", time(9, 0))
        afternoon = self.clock(header, "afternoon", time(13, 0))
        if afternoon <= morning:
            raise self.fail("programme.afternoon", _("must be later than programme.morning"))
        half_day = _minutes_between(morning, afternoon)
        if not MIN_MINUTES <= minutes <= half_day:
            raise self.fail(
                "programme.minutes",
                _("must be from {low} to {high}, so that a visit fits in its half-day").format(
                    low=MIN_MINUTES, high=half_day
                ),
            )
        if _minutes_between(afternoon, time(23, 59)) < minutes:
            raise self.fail("programme.afternoon", _("leaves no room for an afternoon visit"))
        rows = document.get("visit")
        if not isinstance(rows, list) or not rows:
            raise self.fail("[[visit]]", _("is missing: a programme needs at least one visit"))
        if len(rows) > MAX_VISITS:
            raise self.fail(
                "[[visit]]", _("holds more than {limit} visits").format(limit=MAX_VISITS)
            )
        visits = [self.visit(row, index) for index, row in enumerate(rows, start=1)]
        seen: set[int] = set()
        for index, visit in enumerate(visits, start=1):
            if visit.slot in seen:
                raise self.fail(
                    f"visit[{index}].slot",
                    _("is {slot}, which an earlier visit already has").format(slot=visit.slot),
                )
            seen.add(visit.slot)
        visits.sort(key=lambda visit: (visit.window(2000)[0], visit.slot))
        return ProgrammeTemplate(
            name=name or "",
            source=self.source,
            visits=tuple(visits),
            minutes=minutes,
            morning=morning,
            afternoon=afternoon,
            name_cy=name_cy,
        )

    def visit(self, row: object, index: int) -> TemplateVisit:
        where = f"visit[{index}]"
        if not isinstance(row, dict):
            raise self.fail(where, _("must be a table of keys ([[visit]])"))
        self.unknown_keys(row, _VISIT_KEYS, where)
        slot = row.get("slot", index)
        if isinstance(slot, bool) or not isinstance(slot, int) or not 1 <= slot <= 99:
            raise self.fail(f"{where}.slot", _("must be a whole number from 1 to 99"))
        first = self.month_day(row, "from", where)
        last = self.month_day(row, "to", where)
        if _academic_order(last) < _academic_order(first):
            raise self.fail(
                f"{where}.to",
                _("comes before {where}.from in the academic year (September to August)").format(
                    where=where
                ),
            )
        focus = self.text(row, "focus", f"{where}.focus", required=True) or ""
        title = self.text(row, "title", f"{where}.title")
        title_cy = self.text(row, "title_cy", f"{where}.title_cy") or ""
        if title is None:  # "Visit 3", in both languages whichever the interface is in
            title = N_("Visit {slot}").format(slot=slot)
            title_cy = title_cy or (welsh_of(N_("Visit {slot}")) or "").format(slot=slot)
        when = self.text(row, "when", f"{where}.when")
        when_cy = self.text(row, "when_cy", f"{where}.when_cy") or ""
        if when is None:  # the month of "from", in both languages
            with in_language("en"):
                when = month_name(first[0])
            with in_language("cy"):
                when_cy = when_cy or month_name(first[0])
        focus_cy = self.text(row, "focus_cy", f"{where}.focus_cy") or ""
        raw = row.get("categories", [])
        if not isinstance(raw, list) or not all(isinstance(c, str) and c.strip() for c in raw):
            raise self.fail(
                f"{where}.categories", _('must be a list of category names, like ["red", "amber"]')
            )
        categories = frozenset(category.strip().casefold() for category in raw)
        return TemplateVisit(
            slot, title, when, first, last, focus, categories, title_cy, when_cy, focus_cy
        )

    def unknown_keys(self, table: dict[str, Any], known: set[str], where: str) -> None:
        for key in sorted(table):
            if key not in known:
                welsh = key.endswith(WELSH_SUFFIX)  # the keys of the same kind, to choose from
                choices = sorted(k for k in known if k.endswith(WELSH_SUFFIX) == welsh)
                raise self.fail(
                    f"{where}.{key}",
                    _("is not a key this table can have (use {known})").format(
                        known=", ".join(choices)
                    ),
                )

    def text(
        self, table: dict[str, Any], key: str, where: str, *, required: bool = False
    ) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(where, _("is missing"))
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(where, _("must be some text in quotes"))
        if len(value) > MAX_TEXT:
            raise self.fail(where, _("is longer than {limit} characters").format(limit=MAX_TEXT))
        if has_controls(value, keep_lines=True):
            raise self.fail(where, _("contains control characters"))
        return " ".join(value.split())

    def clock(self, table: dict[str, Any], key: str, default: time) -> time:
        value = table.get(key)
        if value is None:
            return default
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0)
        try:
            return datetime.strptime(str(value), "%H:%M").time()
        except ValueError as exc:
            raise self.fail(
                f"programme.{key}",
                _('is "{value}", which is not a time like "09:00"').format(value=value),
            ) from exc

    def month_day(self, table: dict[str, Any], key: str, where: str) -> MonthDay:
        value = table.get(key)
        if value is None:
            raise self.fail(f"{where}.{key}", _('is missing (a day of the year like "09-08")'))
        text = str(value).strip()
        try:
            month_text, day_text = text.split("-")
            month, day = int(month_text), int(day_text)
            date(2001, month, day)  # not a leap year: the day must exist every year
        except ValueError as exc:
            raise self.fail(
                f"{where}.{key}",
                _('is "{value}", which is not a day of every year written "MM-DD"').format(
                    value=text
                ),
            ) from exc
        return month, day


def _academic_order(month_day: MonthDay) -> tuple[int, int]:
    month, day = month_day
    return ((month - 9) % 12, day)


def _minutes_between(first: time, last: time) -> int:
    return (last.hour * 60 + last.minute) - (first.hour * 60 + first.minute)
