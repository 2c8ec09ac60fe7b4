"""Link schools: import a spreadsheet's list, list and find schools.

The CLI (``sia-console schools …``) and the terminal UI both call these functions. An
import is all or nothing: every row is checked before anything is written, and a row
whose values are already stored is left untouched so that its sync version does not
change and the next bundle does not carry it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from sia_console.domain.enums import LanguageMedium
from sia_console.domain.models import Adviser, School, assignment_held
from sia_console.domain.text import shown_name, shown_path
from sia_console.domain.vocabulary import fold
from sia_console.formats import schools_csv
from sia_console.i18n import _, ngettext
from sia_console.services.errors import InvalidInput, NotFound
from sia_console.services.identity import lead_here
from sia_console.services.schools.categories import record_category_changes
from sia_console.services.settings import category_scheme

FLUSH_EVERY = 500
"""New schools per flush: the stamping hook's cost grows with the square of a flush's size."""


@dataclass(frozen=True)
class SchoolRow:
    """A school as listed: its own fields plus the name of its link adviser."""

    code: str
    name: str
    local_authority: str
    cluster: str | None
    headteacher: str | None
    email: str | None
    phone: str | None
    postcode: str | None
    language: LanguageMedium
    number_on_roll: int | None
    category: str | None
    adviser_id: str | None
    adviser: str | None
    """The link adviser's name, or ``None`` when the school has none."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, counted per school."""

    file: Path
    added: int
    updated: int
    unchanged: int
    codes: tuple[str, ...]
    """The codes of every school in the file, in file order."""
    kept_assignment: tuple[str, ...] = ()
    """Schools whose category or link adviser in the file differ from what the core lead
    set: the core lead's are kept (an adviser's import only)."""

    @property
    def total(self) -> int:
        """Schools in the file."""
        return self.added + self.updated + self.unchanged


def import_schools(session: Session, path: Path) -> ImportSummary:
    """Add or update (by code) every school in the CSV file at ``path``.

    Raises :class:`InvalidInput` — one sentence naming the file, plus a
    ``row N: field: problem`` line per problem — and writes nothing if any row is bad.
    The changes are made in the caller's transaction.
    """
    lookups = schools_csv.Lookups(
        scheme=category_scheme(session), advisers=_adviser_lookup(session)
    )
    try:
        parsed = schools_csv.parse_schools_csv(
            schools_csv.read_file(path), source=str(path), lookups=lookups
        )
    except schools_csv.CsvFileError as exc:
        raise InvalidInput(str(exc)) from exc
    if parsed.problems:
        count = len(parsed.problems)
        raise InvalidInput(
            ngettext(
                "Nothing was imported from {file}: {count} problem was found.",
                "Nothing was imported from {file}: {count} problems were found.",
                count,
            ).format(file=shown_path(path), count=count),
            problems=[str(problem) for problem in parsed.problems],
        )
    existing = {school.code: school for school in session.exec(select(School))}
    by_lead = lead_here(session)
    added = updated = unchanged = 0
    kept: list[str] = []
    recategorised: list[tuple[School, str | None]] = []
    for record in parsed.records:
        school = existing.get(record.code)
        if school is None:
            school = School(
                code=record.code,
                name=str(record.values["name"]),
                local_authority=str(record.values["local_authority"]),
            )
            _assign(school, record.values)
            session.add(school)
            existing[record.code] = school
            added += 1
            if added % FLUSH_EVERY == 0:
                session.flush()
            continue
        values = dict(record.values)
        if assignment_held(school, lead=by_lead):
            held = {name: values.pop(name) for name in _ASSIGNED if name in values}
            if any(getattr(school, name) != value for name, value in held.items()):
                kept.append(school.code)
        before = school.category
        changed = _assign(school, values)
        if school.deleted:
            school.deleted = False
            added += 1
        elif changed:
            updated += 1
            recategorised.append((school, before))
        else:
            unchanged += 1
            continue
        session.add(school)
    session.flush()
    record_category_changes(session, recategorised)
    return ImportSummary(
        file=path,
        added=added,
        updated=updated,
        unchanged=unchanged,
        codes=tuple(record.code for record in parsed.records),
        kept_assignment=tuple(kept),
    )


_ASSIGNED = ("category", "adviser_id")
"""A school's assignment: set by the core lead once they have (see
``services.schools.assignment``)."""


def kept_assignment_sentence(codes: tuple[str, ...]) -> str:
    """What an adviser's import kept of the core lead's choices, in one sentence."""
    return ngettext(
        "The category and link adviser your core lead set were kept for {count} school, "
        "not the file's: {codes}.",
        "The category and link adviser your core lead set were kept for {count} schools, "
        "not the file's: {codes}.",
        len(codes),
    ).format(count=len(codes), codes=", ".join(shown_name(code) for code in codes))


def _assign(school: School, values: Mapping[str, schools_csv.SchoolValue]) -> bool:
    """Set only the attributes whose values differ; whether any did."""
    changed = False
    for attribute, value in values.items():
        if getattr(school, attribute) != value:
            setattr(school, attribute, value)
            changed = True
    return changed


def _adviser_lookup(session: Session) -> dict[str, frozenset[str]]:
    ids: defaultdict[str, set[str]] = defaultdict(set)
    for adviser in session.exec(select(Adviser).where(Adviser.deleted == False)):  # noqa: E712
        for key in (adviser.name, adviser.email):
            if key and key.strip():
                ids[schools_csv.clean(key).casefold()].add(adviser.id)
    return {key: frozenset(value) for key, value in ids.items()}


def list_schools(session: Session, text_filter: str | None = None) -> list[SchoolRow]:
    """The schools not deleted, sorted by name, optionally only those matching a text.

    The filter matches any part of the code, name, authority, cluster, headteacher,
    postcode, category or adviser, ignoring case and accents (``w`` finds ``ŵ``).
    """
    advisers = {
        adviser.id: adviser.name
        for adviser in session.exec(select(Adviser).where(Adviser.deleted == False))  # noqa: E712
    }
    rows = [
        _row(school, advisers.get(school.adviser_id) if school.adviser_id else None)
        for school in session.exec(select(School).where(School.deleted == False))  # noqa: E712
    ]
    wanted = fold((text_filter or "").strip())
    if wanted:
        rows = [row for row in rows if wanted in _searchable(row)]
    return sorted(rows, key=lambda row: (fold(row.name), row.name.casefold(), row.code))


def get_school(session: Session, code: str) -> School:
    """The school (not deleted) with this code; :class:`NotFound` if there is none."""
    wanted = schools_csv.clean(code)
    school = session.exec(
        select(School).where(School.code == wanted, School.deleted == False)  # noqa: E712
    ).first()
    if school is None:
        raise NotFound(
            _("There is no school with code {code}.").format(code=shown_name(wanted or code))
        )
    return school


def _row(school: School, adviser: str | None) -> SchoolRow:
    return SchoolRow(
        code=school.code,
        name=school.name,
        local_authority=school.local_authority,
        cluster=school.cluster,
        headteacher=school.headteacher,
        email=school.email,
        phone=school.phone,
        postcode=school.postcode,
        language=LanguageMedium(school.language),
        number_on_roll=school.number_on_roll,
        category=school.category,
        adviser_id=school.adviser_id,
        adviser=adviser,
    )


def _searchable(row: SchoolRow) -> str:
    parts = (
        row.code,
        row.name,
        row.local_authority,
        row.cluster,
        row.headteacher,
        row.postcode,
        row.category,
        row.adviser,
    )
    return "\n".join(fold(part) for part in parts if part)


def outside_scheme(session: Session) -> list[tuple[str, str]]:
    """(code, stored category) of each school whose category is not in the scheme in force
    (after the scheme is changed, until the school is given one of the new categories)."""
    scheme = category_scheme(session)
    rows = session.exec(
        select(School.code, School.category).where(
            School.deleted == False,  # noqa: E712
            School.category != None,  # noqa: E711
        )
    ).all()
    return sorted(
        (code, category) for code, category in rows if category and scheme.find(category) is None
    )


def outside_scheme_sentence(found: list[tuple[str, str]], scheme_name: str) -> str:
    """A warning naming the schools :func:`outside_scheme` found (at most ten codes)."""
    codes = ", ".join(shown_name(code) for code, _category in found[:10])
    more = "" if len(found) <= 10 else _(" and {count} more").format(count=len(found) - 10)
    return ngettext(
        "{count} school has a category that is not in {scheme}: {codes}{more}. "
        "Give it one of the new categories (schools import, or Schools and categories).",
        "{count} schools have a category that is not in {scheme}: {codes}{more}. "
        "Give them one of the new categories (schools import, or Schools and categories).",
        len(found),
    ).format(count=len(found), scheme=scheme_name, codes=codes, more=more)
