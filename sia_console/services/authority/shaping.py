"""From the rows read to the core lead's panels: counting, ordering and labelling, pure.

The services of this package read with SQLAlchemy (:mod:`.coverage`, :mod:`.register`,
:mod:`.categories`, :mod:`.actions`); the first paint of the home screen reads the same
columns with ``sqlite3`` (:mod:`.quick`). Both hand what they read to the functions here,
so the two reads cannot disagree on anything but the SQL, which a test compares. Nothing
here reads or imports the ORM.

Attribution (who is named where): a programme visit **done** counts for the SIA who made
it (``visit.adviser_id``), wherever the school is now; a visit due and not done for the
SIA who held the school when it fell due (the school's changes of link adviser say who
that was); everything else of the programme for the SIA who holds the school **now**
(``school.adviser_id``): see :mod:`.programme_shares`. So handing a school on moves
neither adviser's work, made or missed. The risk register names both the school's
current SIA and who made the judgement; overdue actions and category changes name the
school's current SIA only (whose school it is to follow up now).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from operator import attrgetter, lt
from typing import Any

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.domain.programme import academic_year_of
from sia_console.domain.programme_template import ProgrammeTemplate
from sia_console.domain.schemes import CategoryScheme
from sia_console.i18n import _
from sia_console.services.authority.programme_shares import (
    Handovers,
    YearVisits,
    school_shares,
    slots_of,
)
from sia_console.services.authority.rows import (
    CategoryChangeEntry,
    CategoryCount,
    CategorySummary,
    Change,
    LiveSchool,
    OverdueAction,
    ProgrammeCount,
    RiskEntry,
    SiaCoverage,
)
from sia_console.services.programme.coverage_rows import category_key

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

# ----------------------------------------------------------------------------- coverage


def term_of(today: date, term_dates: list[tuple[str, str]] | None = None) -> tuple[date, date]:
    """The school term containing ``today``.

    The authority's own term dates (a setting) win; otherwise autumn is September to
    December, spring January to March and summer April to August.
    """
    for first_text, last_text in term_dates or []:
        try:
            first, last = date.fromisoformat(first_text), date.fromisoformat(last_text)
        except ValueError:
            continue
        if first <= today <= last:
            return first, last
    year = today.year
    if today.month >= 9:
        return date(year, 9, 1), date(year, 12, 31)
    if today.month <= 3:
        return date(year, 1, 1), date(year, 3, 31)
    return date(year, 4, 1), date(year, 8, 31)


@dataclass(frozen=True)
class CoverageInputs:
    """What coverage per SIA is counted from, as read (by either read)."""

    names: dict[str, str]
    """Adviser id to name of every SIA known here or holding link schools."""
    schools: list[LiveSchool]
    """Every school not deleted, by name."""
    visits: YearVisits
    handovers: Handovers
    """The changes of link adviser of the schools that changed hands, per school id."""
    overdue_notes: dict[str, int]
    """Overdue notes per school id."""
    bundles: dict[str, datetime]
    """When the latest bundle of each peer was imported."""
    template: ProgrammeTemplate
    scheme: CategoryScheme
    term: tuple[date, date]


def coverage_of(read: CoverageInputs, today: date) -> tuple[SiaCoverage, ...]:
    """Coverage per SIA this term and this academic year: most behind first, then by name."""
    names, template, scheme = read.names, read.template, read.scheme
    year = academic_year_of(today)
    schools_of: defaultdict[str | None, list[LiveSchool]] = defaultdict(list)
    overdue: defaultdict[str | None, int] = defaultdict(int)
    for school in read.schools:
        key = school.adviser_id if school.adviser_id in names else None
        schools_of[key].append(school)
        overdue[key] += read.overdue_notes.get(school.id, 0)
    result: list[SiaCoverage] = []
    keys: list[str | None] = [*names]
    slots = slots_of(template, year, today, read.term)
    known = {c.key for c in scheme.categories}
    categories: dict[str | None, str | None] = {}  # each stored text looked up once
    counted: dict[str | None, tuple[ProgrammeCount, ProgrammeCount]] = {}
    for key in [*keys, None]:
        for school in schools_of.get(key, []):
            stored = school.category
            if stored not in categories:
                categories[stored] = stored if stored in known else category_key(scheme, stored)
            category = categories[stored]
            shares = school_shares(
                slots(category),
                template,
                year,
                category,
                read.visits.get(school.id, []),
                key,
                names,
                today,
                read.handovers.get(school.id, ()),
            )
            for owner, (term, whole) in shares.items():
                had_term, had_year = counted.get(owner, (ProgrammeCount(), ProgrammeCount()))
                counted[owner] = (had_term + term, had_year + whole)
    if schools_of.get(None) or None in counted:  # schools with no SIA now, or then
        keys.append(None)
    for key in keys:
        term_count, year_count = counted.get(key, (ProgrammeCount(), ProgrammeCount()))
        result.append(
            SiaCoverage(
                adviser_id=key,
                adviser_name=names[key] if key is not None else _("(no SIA)"),
                schools=len(schools_of.get(key, [])),
                term=term_count,
                year=year_count,
                notes_overdue=overdue.get(key, 0),
                last_bundle=read.bundles.get(key) if key is not None else None,
            )
        )
    result.sort(key=lambda r: (-r.year.behind, -r.notes_overdue, r.adviser_name.casefold()))
    return tuple(result)


# ----------------------------------------------------------------------------- risk


def change_of(level: RiskLevel, previous: RiskLevel | None) -> Change:
    """How ``level`` compares with the judgement before it."""
    if previous is None:
        return Change.FIRST
    if level.rank > previous.rank:
        return Change.WORSE
    if level.rank < previous.rank:
        return Change.BETTER
    return Change.SAME


_CHANGE_ORDER = {Change.WORSE: 0, Change.FIRST: 1, Change.SAME: 2, Change.BETTER: 3}
_RANK = {level: level.rank for level in RiskLevel}


def register_of(rows: Iterable[Any]) -> tuple[RiskEntry, ...]:
    """The register from each judged school's latest two judgements, read next to each
    other, newest first: ``(school id, code, name, authority, SIA, level, judged on,
    judged by)``. High first, worsening first, newest, by name."""
    result: list[RiskEntry] = []
    latest: Any = None
    previous: RiskLevel | None = None
    for row in [*rows, None]:
        if row is not None and latest is not None and row[0] == latest[0]:
            previous = row[5]  # the judgement before the latest, of the same school
            continue
        if latest is not None:
            _school, code, name, local_authority, adviser, level, judged_on, judge = latest
            result.append(
                RiskEntry(
                    school_code=code,
                    school_name=name,
                    local_authority=local_authority,
                    adviser_name=adviser or "",
                    level=level,
                    judged_on=judged_on,
                    previous_level=previous,
                    change=change_of(level, previous),
                    judged_by=judge or "",
                )
            )
        latest, previous = row, None
    result.sort(
        key=lambda r: (
            -_RANK[r.level],
            _CHANGE_ORDER[r.change],
            -r.judged_on.toordinal(),
            r.school_name.casefold(),
        )
    )
    return tuple(result)


# ----------------------------------------------------------------------------- categories


def category_changes_of(
    scheme: CategoryScheme, rows: Iterable[Any]
) -> tuple[CategoryChangeEntry, ...]:
    """The changes of category read (``(id, code, name, authority, SIA, previous,
    category, changed on)``), labelled in ``scheme``: newest first, by school."""
    known = {c.key: c for c in scheme.categories}
    said: dict[str | None, str] = {}

    def label(category: str | None) -> str:  # (each stored text looked up once)
        if category not in said:
            key = category if category in known else category_key(scheme, category)
            found = known.get(key) if key else None
            said[category] = found.label if found else key if key else _("(none)")
        return said[category]

    entries = [
        CategoryChangeEntry(
            change_id=change_id,
            school_code=code,
            school_name=name,
            local_authority=local_authority,
            adviser_name=adviser or "",
            previous=label(previous),
            category=label(category),
            changed_on=changed_on,
        )
        for change_id, code, name, local_authority, adviser, previous, category, changed_on in rows
    ]
    entries.sort(key=lambda e: (-e.changed_on.toordinal(), e.school_name.casefold(), e.change_id))
    return tuple(entries)


def categories_of(
    scheme: CategoryScheme,
    counts: Iterable[Any],
    changes: tuple[CategoryChangeEntry, ...] = (),
) -> CategorySummary:
    """Schools per category overall and per authority, from ``(authority, category,
    schools)`` rows, in the scheme's order."""
    order = {c.key: i for i, c in enumerate(scheme.categories)}
    known = {c.key: c for c in scheme.categories}
    keys: dict[str | None, str] = {}
    per: defaultdict[tuple[str, str], int] = defaultdict(int)
    totals: defaultdict[str, int] = defaultdict(int)
    for local_authority, category, schools in counts:
        key = keys.get(category)
        if key is None:  # labels and keys of one category merge
            # (a stored key is itself; only other text is looked for among the labels,
            # each a translation: a large authority's panel read them a dozen times over)
            found = category if category in known else category_key(scheme, category)
            key = keys[category] = found or ""
        per[(local_authority, key)] += schools
        totals[key] += schools
    rank = {key: (order.get(key, len(order) + (0 if key else 1)), key) for key in totals}
    label = {  # translated once each, and only the categories that have schools
        key: (known[key].label if key in known else key) if key else _("(none)") for key in totals
    }
    return CategorySummary(
        scheme_name=scheme.name,
        totals=tuple((label[k], totals[k]) for k in sorted(totals, key=rank.__getitem__)),
        by_authority=tuple(
            CategoryCount(authority, label[key], schools)
            for (authority, key), schools in sorted(
                per.items(), key=lambda item: (item[0][0].casefold(), rank[item[0][1]])
            )
        ),
        changes=changes,
    )


# ----------------------------------------------------------------------------- actions

_OPEN_STATUS = {status.value: status for status in OPEN_STATUSES}
_NAMES = attrgetter("adviser_name", "school_name")


def overdue_of(rows: Iterable[Any], today: date) -> tuple[OverdueAction, ...]:
    """The overdue actions from rows read in SQLite's order (``(id, code, school, SIA,
    text, owner, due as stored, status as stored)``): by SIA, then school, then oldest
    first. The day and the status are read here from their stored text (``2026-11-23``,
    ``open``): ``date.fromisoformat`` is a tenth of the cost of SQLAlchemy's ``Date``."""
    new, status = tuple.__new__, _OPEN_STATUS  # as ``_make`` does, without a Python call per row
    day, days = date.fromisoformat, today.toordinal()
    actions = [
        new(
            OverdueAction,
            (
                id_,
                code,
                name,
                sia,
                text,
                owner,
                due := day(stored),
                days - due.toordinal(),
                status[state],
            ),
        )
        for id_, code, name, sia, text, owner, stored, state in rows
    ]
    return folded_order(tuple(actions))


def folded_order(actions: tuple[OverdueAction, ...]) -> tuple[OverdueAction, ...]:
    """``actions``, read in SQLite's order, by SIA and school with all case aside
    (``casefold``), then oldest first.

    SQLite sets aside the case of ASCII letters only, so its order is already this one unless
    two names differ in the case of another letter ("Ŵ", "ŵ") or fold to the same text. Then
    some (SIA, school) pair, in the order read, does not fold to after the pair before it,
    and the actions are sorted here; otherwise each pair's actions are together and oldest
    first, and are kept as read.
    """
    names = [
        (sia.casefold(), school.casefold()) for sia, school in dict.fromkeys(map(_NAMES, actions))
    ]
    if all(map(lt, names, islice(names, 1, None))):
        return actions
    folded: dict[str, str] = {}

    def fold(name: str) -> str:
        found = folded.get(name)
        if found is None:
            found = folded[name] = name.casefold()
        return found

    return tuple(
        sorted(
            actions,
            key=lambda a: (fold(a.adviser_name), fold(a.school_name), a.due, a.text, a.action_id),
        )
    )
