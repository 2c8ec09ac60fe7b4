"""The authority summary for the standards board, as Word (.docx) or CSV.

Both formats lay out the same tables (:func:`report_tables`), so the Word report and the
spreadsheet never disagree. python-docx is imported only when a .docx is written.

CSV layout: one UTF-8 file with a byte-order mark (so Excel shows ŵ and ŷ), made of one
block per table. A block's first row holds the column headings and starts with the cell
``section``; every data row of the block starts with the block's key: ``coverage``,
``risk``, ``category-totals``, ``categories``, ``category-changes`` or ``actions``.
Every cell goes through :func:`~sia_console.formats.spreadsheet.safe_cell`, so a school's
name or an action's text that begins ``=`` is shown, never run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, TYPE_CHECKING

from sia_console.domain.labels import word
from sia_console.domain.vocabulary import LONDON, long_date
from sia_console.formats.docx_text import xml_safe
from sia_console.formats.spreadsheet import write_rows
from sia_console.i18n import _

if TYPE_CHECKING:  # the adapter reads the service's results; it never calls the service
    from sia_console.services.authority.summary import AuthoritySummary, ProgrammeCount


@dataclass(frozen=True)
class ReportTable:
    """One table of the report: a stable key, a heading, column titles and text cells."""

    key: str
    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    """A sentence under the heading, when the table needs one."""


def report_title(summary: AuthoritySummary) -> str:
    """``Authority summary for the standards board — 23 November 2026``."""
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


def report_tables(summary: AuthoritySummary) -> list[ReportTable]:
    """The report's tables in order: coverage, risk register, categories (counts, then the
    changes this academic year), overdue actions."""
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
    )
    risk = ReportTable(
        "risk",
        _("Floor-target risk register"),
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
            for entry in summary.risk
        ),
    )
    totals = ReportTable(
        "category-totals",
        _("Support categories: {scheme}").format(scheme=summary.categories.scheme_name),
        (_("Category"), _("Schools")),
        tuple((label, str(count)) for label, count in summary.categories.totals),
    )
    per_authority = ReportTable(
        "categories",
        _("Support categories per authority"),
        (_("Authority"), _("Category"), _("Schools")),
        tuple(
            (c.local_authority, c.category, str(c.schools)) for c in summary.categories.by_authority
        ),
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
    )
    actions = ReportTable(
        "actions",
        _("Actions past their due date"),
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
            for row in summary.overdue_actions
        ),
    )
    return [coverage, risk, totals, per_authority, changes, actions]


def write_csv(summary: AuthoritySummary, out: IO[bytes]) -> None:
    """Write the report as CSV blocks (see the module docstring) in UTF-8 with a BOM."""
    write_rows(_csv_rows(summary), out)


def _csv_rows(summary: AuthoritySummary) -> Iterator[tuple[str, ...]]:
    for table in report_tables(summary):
        yield ("section", *table.columns)
        for row in table.rows:
            yield (table.key, *row)


def write_docx(summary: AuthoritySummary, out: IO[bytes]) -> None:
    """Write the report as a Word document: a dated title, then one table per section."""
    import docx  # imported here: python-docx is slow to load and rarely needed

    document = docx.Document()
    document.core_properties.title = report_title(summary)
    document.add_heading(xml_safe(report_title(summary)), level=0)
    if summary.authority:
        document.add_paragraph(xml_safe(summary.authority))
    empty = _("Nothing to report.")
    for table in report_tables(summary):
        document.add_heading(table.heading, level=1)
        if table.note:
            document.add_paragraph(xml_safe(table.note))
        if not table.rows:
            document.add_paragraph(empty)
            continue
        _add_table(document, table.columns, table.rows)
    document.save(out)


def _add_table(document: object, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    grid = document.add_table(rows=1 + len(rows), cols=len(columns))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    for cell, title in zip(grid.rows[0].cells, columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    for line, row in zip(grid.rows[1:], rows, strict=True):
        for cell, value in zip(line.cells, row, strict=True):
            cell.text = xml_safe(value)  # text from bundles: never a character XML refuses
