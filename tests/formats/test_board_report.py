"""The board report read back: Word (python-docx) and the workbook (openpyxl).

Word: A4 in British English, wide tables on landscape pages, column widths that hold a
code or a date whole, header rows repeated, rows never split, the footer's title and
Page X of Y in every section, honest properties, the charts present and not empty, the
provisional tables marked. Workbook: a sheet per table, frozen headers, filters, dates
as dates, numbers as numbers, no formula anywhere (hostile text stays text).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from sia_console.formats.authority_report import report_tables, write_docx, write_xlsx
from sia_console.formats.docx_report import CHAR_CM, MARK, fit_widths
from sia_console.services.authority.board import BoardReport, MonthOfRisk
from tests.formats.test_authority_report import HOSTILE, LINK, SUMMARY

MADE = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)

REPORT = BoardReport(
    summary=SUMMARY,
    provisional_risk=(replace(SUMMARY.risk[1], judged_on=date(2026, 11, 20)),),
    provisional_actions=(SUMMARY.overdue_actions[0]._replace(action_id="x2", days_overdue=3),),
    movement=(
        MonthOfRisk(date(2026, 9, 1), 1, 2, 3),
        MonthOfRisk(date(2026, 10, 1), 0, 1, 1),
        MonthOfRisk(date(2026, 11, 1), 1, 0, 0),
    ),
)


def word(report: object = REPORT) -> docx.document.Document:
    buffer = io.BytesIO()
    write_docx(report, buffer, made=MADE)  # type: ignore[arg-type]
    return docx.Document(io.BytesIO(buffer.getvalue()))


def test_house_style_pages_and_footer() -> None:
    document = word()
    sections = list(document.sections)
    assert len(sections) >= 3
    for section in sections:
        width, height = section.page_width, section.page_height
        assert width is not None and height is not None
        short, long = sorted((width.cm, height.cm))
        assert (round(short, 1), round(long, 1)) == (21.0, 29.7)
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        assert landscape is (width > height)
        footer = section.footer.paragraphs[0]
        assert footer.text.startswith("Authority summary for the standards board — 23 November")
        assert footer.text.endswith("\tPage 1 of 1")  # the fields, before Word counts them
        assert " NUMPAGES " in section.footer._element.xml
    assert sections[0].orientation == WD_ORIENT.PORTRAIT
    assert any(s.orientation == WD_ORIENT.LANDSCAPE for s in sections)
    styles = document.styles.element.xml
    assert 'w:val="en-GB"' in styles


def test_every_table_repeats_its_header_never_splits_rows_and_fits_codes_and_dates() -> None:
    document = word()
    assert len(document.tables) == len(report_tables(REPORT)) == 8
    for table, spec in zip(document.tables, report_tables(REPORT), strict=True):
        rows = table._tbl.findall(qn("w:tr"))
        assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
        widths = [int(c.get(qn("w:w"))) / 567 for c in table._tbl.iter(qn("w:gridCol"))]
        for column in spec.nowrap:
            longest = max(len(row[column]) for row in spec.rows)
            assert widths[column] >= longest * CHAR_CM, (spec.key, column)
            cell = rows[1].findall(qn("w:tc"))[column]
            assert cell.find(qn("w:tcPr")).find(qn("w:noWrap")) is not None
        total = sum(widths)
        assert total <= (25.8 if spec.wide else 17.1), spec.key
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert f"Provisional judgements, not yet agreed {MARK}" in headings
    assert f"Provisional actions past their due date, not yet agreed {MARK}" in headings


def test_fitted_widths_give_long_text_the_room_left() -> None:
    [*_, actions] = [t for t in report_tables(REPORT) if t.key == "actions"]
    widths = fit_widths(actions, 25.7)
    assert round(sum(widths), 3) == 25.7
    text = actions.rows[0][2]
    assert widths[2] >= len(text) * CHAR_CM  # room enough: the action's text on one line
    long = replace(actions, rows=((*actions.rows[0][:2], "word " * 60, *actions.rows[0][3:]),))
    widths = fit_widths(long, 25.7)
    assert widths[2] == max(widths)  # the long text takes the room left


def test_properties_are_honest_and_the_charts_are_pictures() -> None:
    buffer = io.BytesIO()
    write_docx(REPORT, buffer, made=MADE)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    core = document.core_properties
    assert core.title == "Authority summary for the standards board — 23 November 2026"
    assert core.author == "GwE" and core.language == "en-GB"
    assert core.created is not None and core.created.replace(tzinfo=UTC) == MADE
    assert core.modified == core.created
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        app = archive.read("docProps/app.xml").decode()
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        pngs = [archive.read(n) for n in images]
    assert "<Application>sia-console</Application>" in app
    assert "python-docx" not in core.author and "thumbnail" not in " ".join(images)
    assert len(pngs) == 2
    for png in pngs:
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    assert len(document.inline_shapes) == 2
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Agreed:") for t in texts)
    assert any(t.startswith(f"Provisional {MARK}:") for t in texts)
    assert (
        "1 school judged at high risk of falling below the floor target, of 2 with an "
        "agreed judgement." in texts
    )


def test_workbook_sheets_types_and_no_formulas() -> None:
    buffer = io.BytesIO()
    write_xlsx(BoardReport(summary=HOSTILE), buffer, made=MADE)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames[0] == "About"
    assert len(book.sheetnames) == 1 + len(report_tables(HOSTILE))
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    assert book.sheetnames[1:4] == ["Coverage", "Risk register", "Categories"]
    coverage = [cell.value for cell in book["Coverage"][2]]
    assert coverage[1:4] == [15, 45, 44] and isinstance(coverage[12], datetime)
    risk = book["Risk register"]
    values = [cell.value for cell in risk[2]]
    assert values[0] == LINK  # text, never a formula, no quote needed
    assert values[1] == "-1+2"
    assert isinstance(values[7], datetime) and values[7].date() == date(2026, 11, 12)
    actions = book["Overdue actions"]
    row = [cell.value for cell in actions[2]]
    assert row[2] == LINK and row[3] == "@SUM(A1)"
    assert isinstance(row[4], datetime) and row[5] == 21 and isinstance(row[5], int)
    totals = book.worksheets[3]
    assert [cell.value for cell in totals[3]] == ["-3", 2]
    assert book.properties.creator == "GwE"


def test_a_bare_summary_says_nothing_is_provisional_and_makes_charts_of_nothing() -> None:
    empty = replace(SUMMARY, coverage=(), risk=(), overdue_actions=())
    document = word(BoardReport(summary=empty))
    assert len(document.inline_shapes) == 2
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert not any(MARK in heading for heading in headings)
