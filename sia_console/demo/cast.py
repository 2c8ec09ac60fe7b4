"""The cast of one demo year: an adviser and fifteen link schools, drawn from a seed.

:func:`draw_cast` draws the adviser, the schools (their names, people, priorities,
cohorts and how their risk changes through the year) from a seeded ``random.Random``,
using the names of :mod:`sia_console.demo.names`; :meth:`SchoolCast.facts` gives the
fields and predictions each of a school's notes is written from.
"""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import dataclass

from sia_console.demo.names import (
    BILINGUAL_PATTERNS,
    CONSORTIUM_EMAIL_DOMAIN,
    ENGLISH_AUTHORITIES,
    ENGLISH_FIRST_NAMES,
    ENGLISH_MEDIUM_IN_WALES_PATTERNS,
    ENGLISH_PATTERNS,
    ENGLISH_SURNAMES,
    NAMED_WELSH_SCHOOLS,
    WELSH_AUTHORITIES,
    WELSH_FIRST_NAMES,
    WELSH_MEDIUM_PATTERNS,
    WELSH_SURNAMES,
    DemoAuthority,
)
from sia_console.demo.priorities import HEAD, PRIORITIES, ROLE_TITLES, Priority
from sia_console.demo.prose import SUPPORT_INTENSITY, SUPPORT_MILESTONES, SUPPORT_PROGRESS
from sia_console.demo.sections import NoteFacts
from sia_console.domain.enums import LanguageMedium, RiskLevel
from sia_console.domain.models import School

_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_MEASURES = ("reading", "writing", "maths")


@dataclass
class SchoolCast:
    """One fictional link school: its row, its people, its priorities and its year."""

    row: School
    category: str
    people: dict[str, str]
    priorities: tuple[Priority, ...]
    y6_size: int
    y5_size: int
    partner: str
    base_level: RiskLevel
    target6: int
    last_combined: float
    change_at: int | None = None
    """The visit (counting visits made this year) at which the risk judgement changes."""

    changed_level: RiskLevel | None = None

    results_year: int = 0
    """The summer whose results open the year (the academic year's first calendar year)."""

    @property
    def welsh(self) -> bool:
        """Welsh-medium or bilingual."""
        return self.row.language in (LanguageMedium.WELSH, LanguageMedium.BILINGUAL)

    def level_at(self, visit_number: int) -> RiskLevel:
        """The risk judgement at the ``visit_number``-th visit made this year (from 1)."""
        if self.change_at is not None and self.changed_level and visit_number >= self.change_at:
            return self.changed_level
        return self.base_level

    def owner(self, role: str) -> str:
        """``Name (role)`` of the person who owns an action."""
        return f"{self.people[role]} ({ROLE_TITLES[role]})"

    def facts(self, rng: random.Random, level: RiskLevel, floor: float) -> NoteFacts:
        """The template fields and predictions for a note judged at ``level``."""
        predictions: dict[tuple[str, str], float] = {}
        for cohort, size, shift in (("Y6", self.y6_size, 0), ("Y5", self.y5_size, 1)):
            shifted = _shift(level, rng.choice((0, 0, shift, -shift)))
            predictions.update(_predict(rng, shifted, floor, size, cohort))
        combined6 = predictions[("Y6", "combined")]
        at_risk = self.y6_size - round(combined6 * self.y6_size / 100)
        fields = {
            **self.people,
            "school": self.row.name,
            "p1": self.priorities[0].text,
            "subject": self.priorities[0].subject,
            "core": self.priorities[0].core,
            "pupil_percent": f"{100 / self.y6_size:.1f}",
            "results_year": str(self.results_year),
            "last_combined": f"{self.last_combined:g}",
            "floor": f"{floor:g}",
            "y6_size": str(self.y6_size),
            "target6": str(self.target6),
            "at_risk": str(max(at_risk, 2)),  # the sentences that use it speak of pupils
            "combined6": f"{combined6:g}",
            "combined5": f"{predictions[('Y5', 'combined')]:g}",
            "category": self.category,
            "partner": self.partner,
            "progress": rng.choice(SUPPORT_PROGRESS),
            "milestones": rng.choice(SUPPORT_MILESTONES),
            "intensity": rng.choice(SUPPORT_INTENSITY),
            "focus_item": "",
        }
        return NoteFacts(fields=fields, predictions=predictions)


@dataclass(frozen=True)
class Cast:
    """Everyone and everything in one demo year."""

    adviser_name: str
    adviser_email: str
    adviser_authority: str
    schools: list[SchoolCast]


_LEVELS = (RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH)


def _shift(level: RiskLevel, by: int) -> RiskLevel:
    index = min(max(_LEVELS.index(level) + by, 0), len(_LEVELS) - 1)
    return _LEVELS[index]


def _percent(pupils: int, size: int) -> float:
    return round(100 * pupils / size, 1)


def _predict(
    rng: random.Random, level: RiskLevel, floor: float, size: int, cohort: str
) -> dict[tuple[str, str], float]:
    """Predictions that fit the level: whole pupils of a small cohort, combined lowest."""
    threshold = math.ceil(floor * size / 100)
    if level is RiskLevel.HIGH:
        combined = rng.randint(max(0, int(threshold * 0.7)), max(0, threshold - 1))
    elif level is RiskLevel.MEDIUM:
        combined = rng.randint(threshold, threshold + max(1, size // 8))
    else:
        combined = rng.randint(min(size, threshold + max(2, size // 6)), size)
    combined = min(combined, size)
    result = {(cohort, "combined"): _percent(combined, size)}
    for measure in _MEASURES:
        pupils = min(size, combined + rng.randint(1, max(2, size // 5)))
        result[(cohort, measure)] = _percent(pupils, size)
    return result


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c) and c.isascii())


def _person(rng: random.Random, welsh: bool, used: set[str]) -> str:
    while True:
        if welsh:
            name = f"{rng.choice(WELSH_FIRST_NAMES)} {rng.choice(WELSH_SURNAMES)}"
        else:
            name = f"{rng.choice(ENGLISH_FIRST_NAMES)} {rng.choice(ENGLISH_SURNAMES)}"
        if name not in used:
            used.add(name)
            return name


def _school_name(
    rng: random.Random,
    authority: DemoAuthority,
    language: LanguageMedium,
    places: list[str],
    named: list[str],
) -> str:
    if language is LanguageMedium.WELSH and named and rng.random() < 0.25:
        return named.pop(rng.randrange(len(named)))
    accented = [p for p in places if any(c in p for c in "ŵŷâŴŶÂ")]
    place = (accented or places)[0] if language is LanguageMedium.WELSH else places[0]
    places.remove(place)
    if authority.country == "england":
        patterns = ENGLISH_PATTERNS
    elif language is LanguageMedium.WELSH:
        patterns = WELSH_MEDIUM_PATTERNS
    elif language is LanguageMedium.BILINGUAL:
        patterns = BILINGUAL_PATTERNS
    else:
        patterns = ENGLISH_MEDIUM_IN_WALES_PATTERNS
    return rng.choice(patterns).format(place=place)


def _categories(rng: random.Random, count: int) -> list[str]:
    reds = 2 if rng.random() < 0.3 else 1
    ambers = rng.randint(2, 3)
    yellows = rng.randint(5, 6)
    categories = ["red"] * reds + ["amber"] * ambers + ["yellow"] * yellows
    categories += ["green"] * (count - len(categories))
    rng.shuffle(categories)
    return categories


def _trajectory(rng: random.Random, category: str) -> tuple[RiskLevel, int | None, int]:
    """The first risk level, the visit at which it changes (if it does), and by how much."""
    base = {
        "red": RiskLevel.HIGH,
        "amber": rng.choice((RiskLevel.HIGH, RiskLevel.MEDIUM)),
        "yellow": rng.choice((RiskLevel.MEDIUM, RiskLevel.LOW, RiskLevel.LOW)),
        "green": RiskLevel.LOW,
    }[category]
    roll = rng.random()
    if base is RiskLevel.HIGH and roll < 0.45:
        return base, rng.randint(3, 4), -1
    if base is RiskLevel.MEDIUM and roll < 0.35:
        return base, rng.randint(2, 3), 1
    if base is RiskLevel.MEDIUM and roll < 0.6:
        return base, rng.randint(3, 5), -1
    if base is RiskLevel.LOW and category == "yellow" and roll < 0.25:
        return base, rng.randint(2, 4), 1
    return base, None, 0


def draw_cast(rng: random.Random, year: int, floor: float) -> Cast:
    """An adviser and fifteen link schools in three authorities, drawn from ``rng``."""
    employer, neighbour = rng.sample(WELSH_AUTHORITIES, 2)
    border = rng.choice(ENGLISH_AUTHORITIES)
    adviser_welsh = rng.random() < 0.7
    adviser = _person(rng, adviser_welsh, set())
    local = ".".join(_ascii(adviser).lower().split())
    plan = [(employer, 6), (neighbour, 5), (border, 4)]
    categories = _categories(rng, sum(count for _a, count in plan))
    named = list(NAMED_WELSH_SCHOOLS)
    codes: set[str] = set()
    schools: list[SchoolCast] = []
    for authority, count in plan:
        places = list(authority.places)
        rng.shuffle(places)
        if authority.country == "wales":
            languages = [LanguageMedium.WELSH] * (count - 2) + [
                LanguageMedium.BILINGUAL,
                LanguageMedium.ENGLISH,
            ]
            rng.shuffle(languages)
        else:
            languages = [LanguageMedium.ENGLISH] * count
        for language in languages:
            category = categories[len(schools)]
            schools.append(
                _draw_school(rng, authority, language, category, places, named, codes, floor)
            )
    for school in schools:
        others = [
            s.row.name for s in schools if s is not school and s.row.cluster == school.row.cluster
        ]
        school.partner = rng.choice(others or [s.row.name for s in schools if s is not school])
        school.results_year = year
    _ensure_a_change(schools)
    return Cast(
        adviser_name=adviser,
        adviser_email=f"{local}@{CONSORTIUM_EMAIL_DOMAIN}",
        adviser_authority=employer.name,
        schools=schools,
    )


def _draw_school(
    rng: random.Random,
    authority: DemoAuthority,
    language: LanguageMedium,
    category: str,
    places: list[str],
    named: list[str],
    codes: set[str],
    floor: float,
) -> SchoolCast:
    name = _school_name(rng, authority, language, places, named)
    code = f"{authority.code}{rng.randint(2000, 3999)}"
    while code in codes:
        code = f"{authority.code}{rng.randint(2000, 3999)}"
    codes.add(code)
    welsh_names = authority.country == "wales" and (
        language is not LanguageMedium.ENGLISH or rng.random() < 0.5
    )
    used: set[str] = set()
    people = {role: _person(rng, welsh_names, used) for role in ROLE_TITLES}
    roll = rng.randint(35, 240) if authority.country == "wales" else rng.randint(90, 420)
    pool = [p for p in PRIORITIES if not p.welsh_only or language is not LanguageMedium.ENGLISH]
    priorities = tuple(rng.sample(pool, 2))
    base, change_at, step = _trajectory(rng, category)
    floor_gap = {RiskLevel.HIGH: (0, 5), RiskLevel.MEDIUM: (3, 10), RiskLevel.LOW: (12, 25)}[base]
    postcode = (
        f"{authority.postcode_area}{rng.randint(10, 78)} "
        f"{rng.randint(1, 9)}{rng.choice(_POSTCODE_LETTERS)}{rng.choice(_POSTCODE_LETTERS)}"
    )
    head = people[HEAD]
    row = School(
        code=code,
        name=name,
        local_authority=authority.name,
        cluster=rng.choice(authority.clusters),
        headteacher=head,
        email=f"head@{_ascii(name).lower().replace(' ', '').replace(chr(39), '')[:24]}.sch.example",
        phone=f"01{rng.randint(200, 999)} {rng.randint(100000, 999999)}",
        postcode=postcode,
        language=language,
        number_on_roll=roll,
        category=category,
    )
    return SchoolCast(
        row=row,
        category=category,
        people=people,
        priorities=priorities,
        y6_size=max(5, round(roll / 7 * rng.uniform(0.8, 1.2))),
        y5_size=max(5, round(roll / 7 * rng.uniform(0.8, 1.2))),
        partner="",
        base_level=base,
        target6=min(95, round(floor) + rng.randint(*floor_gap)),
        last_combined=round(min(98.0, floor + rng.uniform(floor_gap[0] - 8, floor_gap[1])), 1),
        change_at=change_at,
        changed_level=_shift(base, step) if change_at else None,
    )


def _ensure_a_change(schools: list[SchoolCast]) -> None:
    """Make sure at least one school's risk rises early in the year (medium to high)."""
    if any(s.change_at is not None and s.change_at <= 2 for s in schools):
        return
    for school in schools:
        if school.base_level is RiskLevel.MEDIUM:
            school.change_at, school.changed_level = 2, RiskLevel.HIGH
            return
    school = next(s for s in schools if s.base_level is RiskLevel.LOW)
    school.change_at, school.changed_level = 2, RiskLevel.MEDIUM
