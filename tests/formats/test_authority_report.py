"""Golden tests of the standards-board report: read the .docx back and parse the CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import docx

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.formats.authority_report import report_tables, write_csv, write_docx
from sia_console.services.authority import (
    AuthoritySummary,
    CategoryChangeEntry,
    CategoryCount,
    CategorySummary,
    Change,
    OverdueAction,
    ProgrammeCount,
    RiskEntry,
    SiaCoverage,
)

SUMMARY = AuthoritySummary(
    today=date(2026, 11, 23),
    authority="GwE",
    coverage=(
        SiaCoverage(
            adviser_id="a1",
            adviser_name="Ffion Wyn Evans",
            schools=15,
            term=ProgrammeCount(45, 44, 28, 19, 18),
            year=ProgrammeCount(99, 96, 28, 19, 18),
            notes_overdue=2,
            last_bundle=datetime(2026, 11, 20, 23, 30, tzinfo=UTC),
        ),
    ),
    risk=(
        RiskEntry(
            school_code="6712345",
            school_name="Ysgol Gynradd Llanfair Pwllgwyngyll",
            local_authority="Sir Fôn",
            adviser_name="Ffion Wyn Evans",
            level=RiskLevel.HIGH,
            judged_on=date(2026, 11, 12),
            previous_level=RiskLevel.MEDIUM,
            change=Change.WORSE,
        ),
        RiskEntry(
            school_code="6712346",
            school_name="Ysgol y Graig",
            local_authority="Sir Fôn",
            adviser_name="Ffion Wyn Evans",
            level=RiskLevel.LOW,
            judged_on=date(2026, 10, 1),
            previous_level=None,
            change=Change.FIRST,
        ),
    ),
    categories=CategorySummary(
        scheme_name="Wales national categorisation (support categories)",
        totals=(("Red", 1), ("Green", 1)),
        by_authority=(CategoryCount("Sir Fôn", "Red", 1), CategoryCount("Sir Fôn", "Green", 1)),
        changes=(
            CategoryChangeEntry(
                change_id="c1",
                school_code="6712345",
                school_name="Ysgol Gynradd Llanfair Pwllgwyngyll",
                local_authority="Sir Fôn",
                adviser_name="Ffion Wyn Evans",
                previous="Amber",
                category="Red",
                changed_on=date(2026, 10, 5),
            ),
            CategoryChangeEntry(
                change_id="c2",
                school_code="6712346",
                school_name="Ysgol y Graig",
                local_authority="Sir Fôn",
                adviser_name="",
                previous="(none)",
                category="Green",
                changed_on=date(2026, 9, 14),
            ),
        ),
    ),
    overdue_actions=(
        OverdueAction(
            action_id="x1",
            school_code="6712345",
            school_name="Ysgol Gynradd Llanfair Pwllgwyngyll",
            adviser_name="Ffion Wyn Evans",
            text="Ymweliad â'r teuluoedd; ŵyr a ŷd",
            owner="Headteacher",
            due=date(2026, 11, 2),
            days_overdue=21,
            status=ActionStatus.OPEN,
        ),
    ),
)


def test_docx_has_a_dated_title_and_one_table_per_section(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    with path.open("wb") as handle:
        write_docx(SUMMARY, handle)
    document = docx.Document(str(path))
    title = "Authority summary for the standards board — 23 November 2026"
    assert document.paragraphs[0].text == title
    assert document.core_properties.title == title
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == [
        "Coverage of the programme per SIA",
        "Floor-target risk register",
        "Support categories: Wales national categorisation (support categories)",
        "Support categories per authority",
        "Schools whose category changed this academic year",
        "Actions past their due date",
    ]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert tables[0] == [
        [
            "SIA",
            "Link schools",
            "Term: planned",
            "Term: done",
            "Term: due to date",
            "Year: planned",
            "Year: done",
            "Year: due to date",
            "Visits behind",
            "Notes overdue",
            "Last bundle",
        ],
        [
            "Ffion Wyn Evans",
            "15",
            "44 of 45",
            "28 of 45",
            "19",
            "96 of 99",
            "28 of 99",
            "19",
            "1",
            "2",
            "20 November 2026",
        ],
    ]
    assert tables[1][1] == [
        "Ysgol Gynradd Llanfair Pwllgwyngyll",
        "6712345",
        "Sir Fôn",
        "Ffion Wyn Evans",
        "high",
        "medium",
        "↑ worse",
        "12 November 2026",
    ]
    assert tables[1][2][6] == "first judgement"
    assert tables[2] == [["Category", "Schools"], ["Red", "1"], ["Green", "1"]]
    assert tables[4] == [
        ["School", "Code", "Authority", "From", "To", "Changed on", "SIA"],
        [
            "Ysgol Gynradd Llanfair Pwllgwyngyll",
            "6712345",
            "Sir Fôn",
            "Amber",
            "Red",
            "5 October 2026",
            "Ffion Wyn Evans",
        ],
        ["Ysgol y Graig", "6712346", "Sir Fôn", "(none)", "Green", "14 September 2026", ""],
    ]
    assert tables[5][1][2] == "Ymweliad â'r teuluoedd; ŵyr a ŷd"
    assert tables[5][1][4:] == ["2 November 2026", "21"]


def test_docx_says_so_when_a_section_is_empty(tmp_path: Path) -> None:
    empty = AuthoritySummary(
        today=SUMMARY.today,
        authority=None,
        coverage=(),
        risk=(),
        categories=CategorySummary("Scheme", (), ()),
        overdue_actions=(),
    )
    buffer = io.BytesIO()
    write_docx(empty, buffer)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    assert not document.tables
    assert [p.text for p in document.paragraphs].count("Nothing to report.") == 6


def test_csv_is_utf8_with_bom_in_blocks_with_a_section_column() -> None:
    buffer = io.BytesIO()
    write_csv(SUMMARY, buffer)
    data = buffer.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    headers = [row for row in rows if row[0] == "section"]
    assert len(headers) == len(report_tables(SUMMARY)) == 6
    by_section: dict[str, list[list[str]]] = {}
    for row in rows:
        if row[0] != "section":
            by_section.setdefault(row[0], []).append(row[1:])
    assert list(by_section) == [
        "coverage",
        "risk",
        "category-totals",
        "categories",
        "category-changes",
        "actions",
    ]
    assert headers[4] == [
        "section",
        "School",
        "Code",
        "Authority",
        "From",
        "To",
        "Changed on",
        "SIA",
    ]
    assert by_section["category-changes"][0] == [
        "Ysgol Gynradd Llanfair Pwllgwyngyll",
        "6712345",
        "Sir Fôn",
        "Amber",
        "Red",
        "5 October 2026",
        "Ffion Wyn Evans",
    ]
    assert by_section["risk"][0][:2] == ["Ysgol Gynradd Llanfair Pwllgwyngyll", "6712345"]
    assert by_section["categories"] == [["Sir Fôn", "Red", "1"], ["Sir Fôn", "Green", "1"]]
    assert by_section["actions"][0][2] == "Ymweliad â'r teuluoedd; ŵyr a ŷd"
