"""The board report as an Excel workbook, written by XlsxWriter: a sheet per table.

A clerk sorts and filters it, so each sheet is one plain table: the header row frozen,
an autofilter over the whole table, columns as wide as their contents (within reason),
dates stored as dates (shown ``23 Nov 2026``), whole numbers as numbers. Nothing is ever
a formula: every text cell is written with ``write_string``, so an action typed as
``=HYPERLINK(…)`` is that text in the cell, never run, and needs no quote in front.
Control characters are made visible as in every other export
(:func:`~sia_console.formats.docx_text.xml_safe`).

The first sheet, "About", says what the workbook is, when it was made and what its marks
mean. XlsxWriter is imported only when a workbook is written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import IO, TYPE_CHECKING, Any

import xlsxwriter

from sia_console.formats.authority_report import (
    ReportTable,
    parts_of,
    report_tables,
    report_title,
)
from sia_console.formats.docx_text import xml_safe
from sia_console.i18n import _

if TYPE_CHECKING:
    from sia_console.services.authority.board import BoardReport
    from sia_console.services.authority.summary import AuthoritySummary

MAX_WIDTH = 60
"""The widest a column is made, in characters; longer text wraps."""
SHEET_NAME = 31
"""Excel's limit on a sheet's name."""
_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def SHEETS() -> dict[str, str]:
    """Short sheet names by table key (a sheet's name holds 31 characters)."""
    return {
        "coverage": _("Coverage"),
        "risk": _("Risk register"),
        "risk-provisional": _("Risk, provisional †"),
        "category-totals": _("Categories"),
        "categories": _("Categories per authority"),
        "category-changes": _("Category changes"),
        "actions": _("Overdue actions"),
        "actions-provisional": _("Overdue actions, provisional †"),
    }


def sheet_name(table: ReportTable, taken: set[str]) -> str:
    """The table's short name (else its heading) as a legal, unique sheet name."""
    text = SHEETS().get(table.key) or table.heading
    base = xml_safe(text).translate(_FORBIDDEN).strip("' ")[:SHEET_NAME] or table.key
    name, copy = base, 2
    while name.casefold() in taken:
        suffix = f" ({copy})"
        name, copy = base[: SHEET_NAME - len(suffix)] + suffix, copy + 1
    taken.add(name.casefold())
    return name


def write_workbook(
    report: BoardReport | AuthoritySummary, out: IO[bytes], *, made: datetime | None = None
) -> None:
    """Write the report as an .xlsx workbook to ``out``."""
    summary, _whole = parts_of(report)
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    moment = (made or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None, microsecond=0)
    book.set_properties(
        {
            "title": xml_safe(report_title(report)),
            "author": xml_safe(summary.authority or "sia-console"),
            "company": xml_safe(summary.authority or ""),
            "comments": _("Exported by sia-console."),
            "created": moment,
        }
    )
    formats = {
        "head": book.add_format({"bold": True, "bg_color": "#EDF1F5", "bottom": 1}),
        "date": book.add_format({"num_format": "d mmm yyyy", "align": "left"}),
        "text": book.add_format({"text_wrap": True, "valign": "top"}),
        "bold": book.add_format({"bold": True}),
    }
    tables = report_tables(report)
    about = book.add_worksheet(_("About"))
    about.set_column(0, 0, 90)
    about.write_string(0, 0, xml_safe(report_title(report)), formats["bold"])
    about.write_string(1, 0, xml_safe(summary.authority or ""))
    lines = [
        _("One sheet per table; each has a frozen header row and filters."),
        _("Agreed: from final notes of visit. Sheets marked † are provisional (draft notes)."),
    ]
    for row, line in enumerate(lines, start=3):
        about.write_string(row, 0, line)
    taken = {_("About").casefold()}
    for table in tables:
        _sheet(book, table, sheet_name(table, taken), formats)
    book.close()


def _sheet(book: Any, table: ReportTable, name: str, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(name)
    columns = table.typed_columns()
    widths = [len(title) for title in columns]
    for column, title in enumerate(columns):
        sheet.write_string(0, column, title, formats["head"])
    for row, values in enumerate(table.typed(), start=1):
        for column, value in enumerate(values):
            width = _write(sheet, row, column, value, formats)
            widths[column] = max(widths[column], width)
    for column, width in enumerate(widths):
        wrap = width > MAX_WIDTH
        sheet.set_column(
            column, column, min(width, MAX_WIDTH) + 2, formats["text"] if wrap else None
        )
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(table.rows), 1), len(columns) - 1)


def _write(sheet: Any, row: int, column: int, value: Any, formats: dict[str, Any]) -> int:
    """Write one typed cell; return how many characters wide it shows."""
    if value is None:
        sheet.write_blank(row, column, None)
        return 0
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float):
        sheet.write_number(row, column, value)
        return len(str(value))
    if isinstance(value, datetime | date):
        day = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
        sheet.write_datetime(row, column, day, formats["date"])
        return 11
    text = xml_safe(str(value))
    sheet.write_string(row, column, text)
    return max((len(line) for line in text.split("\n")), default=0)
