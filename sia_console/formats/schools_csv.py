"""Read a spreadsheet's list of link schools (CSV) into checked school records.

Advisers get their school lists from the local authority as spreadsheets, so this reader
is forgiving where a spreadsheet is (a byte-order mark, header names in any case, blank
lines, Welsh words for the language medium) and strict where bad data would spread
(control characters, over-long values, unknown categories and advisers). It is pure: the
database facts it needs — the category scheme and the known advisers — are passed in, and
it either returns every row checked or every problem, each placed by the row number a
spreadsheet user sees (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from sia_console.domain.enums import LanguageMedium
from sia_console.domain.models import School
from sia_console.domain.schemes import CategoryScheme
from sia_console.domain.text import find_control, shown_name, shown_path
from sia_console.i18n import _

MAX_BYTES = 20 * 1024 * 1024
"""The largest file read: a whole authority's schools fit many times over."""

MAX_ROWS = 20_000
"""The most data rows in one file."""

REQUIRED_COLUMNS: tuple[str, ...] = ("code", "name", "local_authority")
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "headteacher",
    "email",
    "phone",
    "postcode",
    "language",
    "category",
    "cluster",
    "adviser",
)
COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

LANGUAGE_WORDS: dict[str, LanguageMedium] = {
    "english": LanguageMedium.ENGLISH,
    "saesneg": LanguageMedium.ENGLISH,
    "welsh": LanguageMedium.WELSH,
    "cymraeg": LanguageMedium.WELSH,
    "bilingual": LanguageMedium.BILINGUAL,
    "dwyieithog": LanguageMedium.BILINGUAL,
}
"""Accepted language-medium words (casefolded), English and Welsh."""

_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_HEADER_SPACING = re.compile(r"[\s\-]+")
_MEDIUM_SUFFIX = re.compile(r"[\s\-]+medium$")
_LINE_SEPARATORS = re.compile("[\u2028\u2029]")
"""Line and paragraph separators: a line break has no place in one cell of a list."""

SchoolValue = str | LanguageMedium | None


class _Skip(Enum):
    """A checked value that must not be assigned (a problem, or a blank language)."""

    SKIP = "skip"


class CsvFileError(ValueError):
    """The file as a whole cannot be read; ``str()`` is one sentence naming it."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one row: ``row N: field: problem``."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("row {row}: {field}: {problem}").format(
            row=self.row, field=self.field, problem=self.message
        )


@dataclass(frozen=True)
class SchoolRecord:
    """One checked row: the school code and the values its columns give.

    ``values`` holds only the columns present in the file (a blank cell clears the value,
    except a blank language, which leaves it as it is), keyed by :class:`School` attribute.
    """

    row: int
    code: str
    values: Mapping[str, SchoolValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Lookups:
    """What the reader checks values against, taken from the database by the caller."""

    scheme: CategoryScheme
    advisers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Casefolded adviser name or email → the ids of advisers it names."""


@dataclass(frozen=True)
class ParsedSchools:
    """The outcome: checked records when ``problems`` is empty, else the problems."""

    records: tuple[SchoolRecord, ...]
    problems: tuple[Problem, ...]


def max_length(column: str) -> int | None:
    """The longest value the :class:`School` column for ``column`` holds."""
    info = School.model_fields.get("adviser_id" if column == "adviser" else column)
    if info is None or column == "adviser":
        return None
    for item in info.metadata:
        limit = getattr(item, "max_length", None)
        if isinstance(limit, int):
            return limit
    return None


def read_file(path: Path) -> bytes:
    """The bytes of ``path``; one sentence if it is missing, unreadable or too large."""
    try:
        if path.is_dir():
            raise CsvFileError(
                _("{file} is a folder, not a CSV file.").format(file=shown_path(path))
            )
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CsvFileError(_too_large(path, size))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError as exc:
        raise CsvFileError(_("There is no file {file}.").format(file=shown_path(path))) from exc
    except OSError as exc:
        raise CsvFileError(
            _("Cannot read {file}: {reason}.").format(
                file=shown_path(path), reason=exc.strerror or exc
            )
        ) from exc
    if len(data) > MAX_BYTES:
        raise CsvFileError(_too_large(path, len(data)))
    return data


def parse_schools_csv(data: bytes, *, source: str, lookups: Lookups) -> ParsedSchools:
    """Check every row of a schools CSV file; raise :class:`CsvFileError` if unreadable."""
    if len(data) > MAX_BYTES:
        raise CsvFileError(_too_large(source, len(data)))
    text = _decode(data, source)
    rows = _records(text, source)
    header_row, header = next(rows, (0, []))
    if not header:
        raise CsvFileError(
            _("{file} is empty: it has no header row.").format(file=shown_path(source))
        )
    columns, problems = _read_header(header_row, header, source)
    if problems:
        return ParsedSchools(records=(), problems=tuple(problems))
    checker = _RowChecker(columns, lookups)
    records: list[SchoolRecord] = []
    for count, (number, cells) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise CsvFileError(
                _("{file} has more than {limit:,} rows; split it into smaller files.").format(
                    file=shown_path(source), limit=MAX_ROWS
                )
            )
        record = checker.check(number, cells, problems)
        if record is not None:
            records.append(record)
    if problems:
        return ParsedSchools(records=(), problems=tuple(problems))
    return ParsedSchools(records=tuple(records), problems=())


def _too_large(source: str | Path, size: int) -> str:
    return _("{file} is too large ({size:.1f} MB); the limit is {limit} MB.").format(
        file=shown_path(source), size=size / 1024 / 1024, limit=MAX_BYTES // 1024 // 1024
    )


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CsvFileError(
            _("{file} is UTF-16 text, not UTF-8; save it as “CSV UTF-8 (comma delimited)”.").format(
                file=shown_path(source)
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFileError(
            _(
                "{file} is not UTF-8 text (byte {byte} on line {line}); "
                "save it as “CSV UTF-8 (comma delimited)”."
            ).format(
                file=shown_path(source),
                byte=f"0x{data[exc.start]:02X}",
                line=data.count(b"\n", 0, exc.start) + 1,
            )
        ) from exc


def _records(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with their spreadsheet row numbers (blank lines still count)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CsvFileError(
                _("{file} is not a well-formed CSV file near row {row}: {reason}.").format(
                    file=shown_path(source), row=number, reason=exc
                )
            ) from exc
        if any(cell.strip() for cell in cells):
            yield number, cells


def _column_key(heading: str) -> str:
    return _HEADER_SPACING.sub("_", unicodedata.normalize("NFC", heading).strip()).casefold()


def _read_header(
    row: int, header: list[str], source: str
) -> tuple[list[str | None], list[Problem]]:
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        raise CsvFileError(
            _(
                "{file} separates its columns with semicolons or tabs, not commas; "
                "save it as “CSV UTF-8 (comma delimited)”."
            ).format(file=shown_path(source))
        )
    columns: list[str | None] = []
    problems: list[Problem] = []
    for heading in header:
        key = _column_key(heading)
        if not key:
            columns.append(None)
        elif key not in COLUMNS:
            problems.append(
                Problem(
                    row,
                    shown_name(heading.strip(), 40),
                    _("unknown column; the columns are {columns}.").format(
                        columns=", ".join(COLUMNS)
                    ),
                )
            )
            columns.append(None)
        elif key in columns:
            problems.append(Problem(row, key, _("the column appears more than once.")))
            columns.append(None)
        else:
            columns.append(key)
    for required in REQUIRED_COLUMNS:
        if required not in columns and not any(p.field == required for p in problems):
            problems.append(Problem(row, required, _("required column is missing.")))
    return columns, problems


def clean(value: str) -> str:
    """A cell as stored: NFC-normalised, surrounding whitespace removed."""
    return unicodedata.normalize("NFC", value).strip()


def _control_character(value: str) -> str | None:
    """``U+XXXX`` of the first control character (see :mod:`sia_console.domain.text`:
    bidirectional and other invisible format characters too) or line separator."""
    found = [find_control(value)]
    separator = _LINE_SEPARATORS.search(value)
    if separator is not None:
        found.append(separator.start())
    at = min((offset for offset in found if offset >= 0), default=-1)
    return f"U+{ord(value[at]):04X}" if at >= 0 else None


def _quoted(value: str) -> str:
    return "“" + shown_name(value, 40) + "”"


class _RowChecker:
    """Checks one data row at a time against the header and the lookups."""

    def __init__(self, columns: list[str | None], lookups: Lookups) -> None:
        self.columns = columns
        self.lookups = lookups
        self.seen: dict[str, int] = {}
        """Each code met so far and the row it was first on."""

    def _check_unique(
        self, number: int, code: SchoolValue | _Skip, problems: list[Problem]
    ) -> None:
        if not isinstance(code, str):
            return
        first = self.seen.setdefault(code, number)
        if first != number:
            problems.append(
                Problem(
                    number,
                    "code",
                    _("{code} is also on row {other}.").format(code=shown_name(code), other=first),
                )
            )

    def check(self, number: int, cells: list[str], problems: list[Problem]) -> SchoolRecord | None:
        """The row's record, or ``None`` after adding its problems to ``problems``."""
        if len(cells) > len(self.columns) and any(c.strip() for c in cells[len(self.columns) :]):
            problems.append(
                Problem(
                    number,
                    _("columns"),
                    _("{count} values but the header has {columns} columns.").format(
                        count=len(cells), columns=len(self.columns)
                    ),
                )
            )
            return None
        before = len(problems)
        values: dict[str, SchoolValue] = {}
        code = ""
        for position, column in enumerate(self.columns):
            raw = cells[position] if position < len(cells) else ""
            value = clean(raw)
            if column is None:
                if value:
                    problems.append(
                        Problem(
                            number,
                            _("column {position}").format(position=position + 1),
                            _("a value in a column with no heading."),
                        )
                    )
                continue
            checked = self._value(number, column, value, problems)
            if column == "code":
                code = value
                self._check_unique(number, checked, problems)
            elif not isinstance(checked, _Skip):
                values["adviser_id" if column == "adviser" else column] = checked
        if len(problems) > before:
            return None
        return SchoolRecord(row=number, code=code, values=values)

    def _value(
        self, number: int, column: str, value: str, problems: list[Problem]
    ) -> SchoolValue | _Skip:
        def problem(message: str) -> _Skip:
            problems.append(Problem(number, column, message))
            return _Skip.SKIP

        control = _control_character(value)
        if control:
            return problem(_("contains a control character ({char}).").format(char=control))
        if not value:
            if column in REQUIRED_COLUMNS:
                return problem(_("required but empty."))
            return _Skip.SKIP if column == "language" else None
        limit = max_length(column)
        if limit is not None and len(value) > limit:
            return problem(
                _("{length} characters; the most allowed is {limit}.").format(
                    length=len(value), limit=limit
                )
            )
        if column == "email" and not _EMAIL.fullmatch(value):
            return problem(_("{value} is not an email address.").format(value=_quoted(value)))
        if column == "language":
            word = _MEDIUM_SUFFIX.sub("", value.casefold())
            if word not in LANGUAGE_WORDS:
                return problem(
                    _("{value} is not a language medium; use english, welsh or bilingual.").format(
                        value=_quoted(value)
                    )
                )
            return LANGUAGE_WORDS[word]
        if column == "category":
            category = self.lookups.scheme.find(value)
            if category is None:
                return problem(
                    _(
                        "{value} is not a category of the scheme in force ({scheme}: {keys})."
                    ).format(
                        value=_quoted(value),
                        scheme=self.lookups.scheme.name,
                        keys=", ".join(self.lookups.scheme.keys()),
                    )
                )
            return category.key
        if column == "adviser":
            ids = self.lookups.advisers.get(value.casefold(), frozenset())
            if not ids:
                return problem(
                    _("no known adviser has the name or email {value}.").format(
                        value=_quoted(value)
                    )
                )
            if len(ids) > 1:
                return problem(
                    _("{value} names {count} advisers; give the email address instead.").format(
                        value=_quoted(value), count=len(ids)
                    )
                )
            return next(iter(ids))
        return value
