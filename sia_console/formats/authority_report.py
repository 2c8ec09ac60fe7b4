"""The report for the standards board: its tables, once, for Word, the workbook and CSV.

Every format lays out the same tables (:func:`report_tables`), so the Word report, the
workbook and the CSV files never disagree. Each table's rows are kept twice: as the text
a page shows (``rows``: "2 November 2026", "44 of 45") and as typed values for a
spreadsheet (``values``: a date, a number). python-docx, matplotlib and XlsxWriter are
imported only when a file is written (:mod:`.board_docx`, :mod:`.board_workbook`).

The report is a :class:`~sia_console.services.authority.board.BoardReport` (the agreed
record, the provisional apart, the charts' data); a bare ``AuthoritySummary`` reads as a
report with nothing provisional.

CSV layout: **one table per file**, each a plain rectangle a spreadsheet sorts and
filters: a header row, then data rows, UTF-8 with a byte-order mark (so Excel shows ŵ and
ŷ). :func:`csv_files` names each file by its table's key (``coverage``, ``risk``,
``risk-provisional``, ``category-totals``, ``categories``, ``category-changes``,
``actions``, ``actions-provisional``). Every cell goes through
:func:`~sia_console.formats.spreadsheet.safe_cell`, so a school's name or an action's text
that begins ``=`` is shown, never run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

from sia_console.domain.labels import word
from sia_console.domain.programme import academic_year_bounds, academic_year_of
from sia_console.domain.vocabulary import LONDON, long_date
from sia_console.formats.spreadsheet import csv_bytes
from sia_console.i18n import _

if TYPE_CHECKING:  # the adapter reads the service's results; it never calls the service
    from sia_console.services.authority.board import BoardReport
    from sia_console.services.authority.rows import (
        AuthoritySummary,
        OverdueAction,
        ProgrammeCount,
        RiskEntry,
    )

Value = str | int | date | None
"""A typed cell: text, a whole number, a day, or nothing."""


@dataclass(frozen=True)
class ReportTable:
    """One table of the report: a stable key, a heading, column titles and text cells."""

    key: str
    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    """A sentence under the heading, when the table needs one."""
    values: tuple[tuple[Value, ...], ...] = ()
    """The same cells typed for a spreadsheet (empty: the text rows are the values)."""
    nowrap: frozenset[int] = frozenset()
    """Columns whose cells never break across lines (codes, dates, numbers)."""
    provisional: bool = False
    """Drawn from notes not yet agreed: shown apart, marked as such."""
    wide: bool = False
    """Wants a landscape page."""
    value_columns: tuple[str, ...] = ()
    """The columns of ``values``, when they are not ``columns`` (a count split in two)."""

    def typed(self) -> tuple[tuple[Value, ...], ...]:
        """The rows as typed values."""
        return self.values or self.rows

    def typed_columns(self) -> tuple[str, ...]:
        """The headings of :meth:`typed`'s columns."""
        return self.value_columns or self.columns


def parts_of(report: BoardReport | AuthoritySummary) -> tuple[AuthoritySummary, Any]:
    """The summary and the whole report (``None`` for a bare summary)."""
    summary = getattr(report, "summary", None)
    if summary is None:
        return report, None  # type: ignore[return-value]
    return summary, report


def report_title(report: BoardReport | AuthoritySummary) -> str:
    """``Authority summary for the standards board — 23 November 2026``."""
    summary, _whole = parts_of(report)
    return _("Authority summary for the standards board — {day}").format(
        day=long_date(summary.today)
    )


def _of(count: ProgrammeCount, part: int) -> str:
    return _("{part} of {whole}").format(part=part, whole=count.programme)


def _when(moment: datetime | None) -> str:
    if moment is None:
        return _("never")
    return long_date(moment.astimezone(LONDON).date())


CHANGE_WORDS = {
    "↑": _("↑ worse"),
    "↓": _("↓ better"),
    "=": _("no change"),
    "": _("first judgement"),
}
"""Words for ``services.authority.Change`` values, so a printed table needs no colour.

None begins with ``=``, ``+``, ``-`` or ``@``: a spreadsheet would read it as a formula."""


def _numbers(*columns: int) -> frozenset[int]:
    return frozenset(columns)


def _risk_table(
    key: str, heading: str, entries: Sequence[RiskEntry], note: str = ""
) -> ReportTable:
    return ReportTable(
        key,
        heading,
        (
            _("School"),
            _("Code"),
            _("Authority"),
            _("SIA"),
            _("Risk"),
            _("Previous"),
            _("Change"),
            _("Judged on"),
        ),
        tuple(
            (
                entry.school_name,
                entry.school_code,
                entry.local_authority,
                entry.adviser_name,
                word(entry.level),
                word(entry.previous_level) if entry.previous_level else "",
                CHANGE_WORDS[str(entry.change)],
                long_date(entry.judged_on),
            )
            for entry in entries
        ),
        note=note,
        values=tuple(
            (
                entry.school_name,
                entry.school_code,
                entry.local_authority,
                entry.adviser_name,
                word(entry.level),
                word(entry.previous_level) if entry.previous_level else "",
                CHANGE_WORDS[str(entry.change)],
                entry.judged_on,
            )
            for entry in entries
        ),
        nowrap=_numbers(1, 4, 5, 7),
        provisional=key.endswith("provisional"),
        wide=True,
    )


def _actions_table(
    key: str, heading: str, actions: Sequence[OverdueAction], note: str = ""
) -> ReportTable:
    return ReportTable(
        key,
        heading,
        (_("SIA"), _("School"), _("Action"), _("Owner"), _("Due"), _("Days overdue")),
        tuple(
            (
                row.adviser_name,
                row.school_name,
                row.text,
                row.owner,
                long_date(row.due),
                str(row.days_overdue),
            )
            for row in actions
        ),
        note=note,
        values=tuple(
            (row.adviser_name, row.school_name, row.text, row.owner, row.due, row.days_overdue)
            for row in actions
        ),
        nowrap=_numbers(4, 5),
        provisional=key.endswith("provisional"),
        wide=True,
    )


def report_tables(report: BoardReport | AuthoritySummary) -> list[ReportTable]:
    """The report's tables in order: coverage, risk register (then the provisional
    judgements, when there are any), categories (counts, then the changes this academic
    year), overdue actions (then the provisional ones, when there are any)."""
    summary, whole = parts_of(report)
    coverage = ReportTable(
        "coverage",
        _("Coverage of the programme per SIA"),
        (
            _("SIA"),
            _("Link schools"),
            _("Term: planned"),
            _("Term: done"),
            _("Term: due to date"),
            _("Year: planned"),
            _("Year: done"),
            _("Year: due to date"),
            _("Visits behind"),
            _("Notes overdue"),
            _("Last bundle"),
        ),
        tuple(
            (
                row.adviser_name,
                str(row.schools),
                _of(row.term, row.term.planned),
                _of(row.term, row.term.done),
                str(row.term.due),
                _of(row.year, row.year.planned),
                _of(row.year, row.year.done),
                str(row.year.due),
                str(row.year.behind),
                str(row.notes_overdue),
                _when(row.last_bundle),
            )
            for row in summary.coverage
        ),
        nowrap=_numbers(*range(1, 11)),
        wide=True,
        value_columns=(
            _("SIA"),
            _("Link schools"),
            _("Term: programme"),
            _("Term: planned"),
            _("Term: done"),
            _("Term: due to date"),
            _("Year: programme"),
            _("Year: planned"),
            _("Year: done"),
            _("Year: due to date"),
            _("Visits behind"),
            _("Notes overdue"),
            _("Last bundle"),
        ),
        values=tuple(
            (
                row.adviser_name,
                row.schools,
                row.term.programme,
                row.term.planned,
                row.term.done,
                row.term.due,
                row.year.programme,
                row.year.planned,
                row.year.done,
                row.year.due,
                row.year.behind,
                row.notes_overdue,
                row.last_bundle.astimezone(LONDON).date() if row.last_bundle else None,
            )
            for row in summary.coverage
        ),
    )
    tables = [
        coverage,
        _risk_table(
            "risk",
            _("Floor-target risk register"),
            summary.risk,
            _("Each school's latest judgement agreed with the school (on a final note)."),
        ),
    ]
    if whole is not None and whole.provisional_risk:
        tables.append(
            _risk_table(
                "risk-provisional",
                _("Provisional judgements, not yet agreed"),
                whole.provisional_risk,
                _(
                    "Judgements recorded on draft notes of visit, later than the school's "
                    "agreed one: they may change and are not part of the record."
                ),
            )
        )
    totals = ReportTable(
        "category-totals",
        _("Support categories: {scheme}").format(scheme=summary.categories.scheme_name),
        (_("Category"), _("Schools")),
        tuple((label, str(count)) for label, count in summary.categories.totals),
        values=tuple((label, count) for label, count in summary.categories.totals),
        nowrap=_numbers(1),
    )
    per_authority = ReportTable(
        "categories",
        _("Support categories per authority"),
        (_("Authority"), _("Category"), _("Schools")),
        tuple(
            (c.local_authority, c.category, str(c.schools)) for c in summary.categories.by_authority
        ),
        values=tuple(
            (c.local_authority, c.category, c.schools) for c in summary.categories.by_authority
        ),
        nowrap=_numbers(2),
    )
    changes = ReportTable(
        "category-changes",
        _("Schools whose category changed this academic year"),
        (_("School"), _("Code"), _("Authority"), _("From"), _("To"), _("Changed on"), _("SIA")),
        tuple(
            (
                c.school_name,
                c.school_code,
                c.local_authority,
                c.previous,
                c.category,
                long_date(c.changed_on),
                c.adviser_name,
            )
            for c in summary.categories.changes
        ),
        values=tuple(
            (
                c.school_name,
                c.school_code,
                c.local_authority,
                c.previous,
                c.category,
                c.changed_on,
                c.adviser_name,
            )
            for c in summary.categories.changes
        ),
        nowrap=_numbers(1, 5),
        wide=True,
    )
    tables += [totals, per_authority, changes]
    year_began = long_date(academic_year_bounds(academic_year_of(summary.today))[0])
    tables.append(
        _actions_table(
            "actions",
            _("Actions past their due date"),
            summary.overdue_actions,
            _(
                "Actions agreed on the final notes of this academic year's visits (since "
                "{day}) and still open, the longest overdue first."
            ).format(day=year_began)
            if whole is not None
            else _("Actions agreed on final notes and still open, the longest overdue first."),
        )
    )
    if whole is not None and whole.provisional_actions:
        tables.append(
            _actions_table(
                "actions-provisional",
                _("Provisional actions past their due date, not yet agreed"),
                whole.provisional_actions,
                _(
                    "Actions recorded on draft notes of this academic year's visits (since "
                    "{day}): they may change."
                ).format(day=year_began),
            )
        )
    return tables


def csv_files(report: BoardReport | AuthoritySummary) -> list[tuple[str, bytes]]:
    """Each table as its own CSV file: ``(key, bytes)`` in the report's order."""
    return [(table.key, csv_bytes([table.columns, *table.rows])) for table in report_tables(report)]


def write_csv(report: BoardReport | AuthoritySummary, out: IO[bytes], key: str) -> None:
    """Write the table ``key`` of the report as one CSV file (see the module)."""
    for table in report_tables(report):
        if table.key == key:
            out.write(csv_bytes([table.columns, *table.rows]))
            return
    raise KeyError(key)


def write_docx(
    report: BoardReport | AuthoritySummary,
    out: IO[bytes],
    *,
    template: bytes | None = None,
    made: datetime | None = None,
) -> None:
    """Write the report as a Word document (:mod:`.board_docx`)."""
    from sia_console.formats.board_docx import write_board_docx

    write_board_docx(report, out, template=template, made=made)


def write_xlsx(
    report: BoardReport | AuthoritySummary, out: IO[bytes], *, made: datetime | None = None
) -> None:
    """Write the report as a workbook, a sheet per table (:mod:`.board_workbook`)."""
    from sia_console.formats.board_workbook import write_workbook

    write_workbook(report, out, made=made)
