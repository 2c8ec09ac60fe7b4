"""Golden tests of the standards-board report: read the .docx back and parse the CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import docx

from sia_console.domain.enums import ActionStatus, RiskLevel
from sia_console.formats.authority_report import (
    CHANGE_WORDS,
    csv_files,
    report_tables,
    report_title,
    write_docx,
)
from sia_console.services.authority.summary import (
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
from tests.spreadsheet_support import read_back, would_run

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
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading 1")
    ]
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


def csv_blocks(report: AuthoritySummary) -> bytes:
    """Every table's own CSV file, each checked to be one rectangle with a BOM, then laid
    end to end with the table's key in front of every row (``section`` before headers)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    for key, data in csv_files(report):
        rows = read_back(data)
        assert {len(row) for row in rows} == {len(rows[0])}
        writer.writerow(["section", *rows[0]])
        writer.writerows([key, *row] for row in rows[1:])
    return out.getvalue().encode("utf-8-sig")


def test_csv_is_utf8_with_bom_one_file_per_table() -> None:
    data = csv_blocks(SUMMARY)
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


def _risk(code: str, level: RiskLevel, previous: RiskLevel | None, change: Change) -> RiskEntry:
    return RiskEntry(
        school_code=code,
        school_name=f"Ysgol {code}",
        local_authority="Gwynedd",
        adviser_name="Ffion Wyn Evans",
        level=level,
        judged_on=date(2026, 11, 12),
        previous_level=previous,
        change=change,
    )


EVERY_CHANGE = replace(
    SUMMARY,
    coverage=(
        *SUMMARY.coverage,
        SiaCoverage(
            adviser_id="a2",
            adviser_name="Gareth Lloyd",
            schools=0,
            term=ProgrammeCount(0, 0, 0, 0, 0),
            year=ProgrammeCount(0, 0, 0, 0, 0),
            notes_overdue=0,
            last_bundle=None,
        ),
    ),
    risk=(
        _risk("6700001", RiskLevel.HIGH, RiskLevel.LOW, Change.WORSE),
        _risk("6700002", RiskLevel.LOW, RiskLevel.HIGH, Change.BETTER),
        _risk("6700003", RiskLevel.MEDIUM, RiskLevel.MEDIUM, Change.SAME),
        _risk("6700004", RiskLevel.LOW, None, Change.FIRST),
    ),
)
"""A realistic summary with every kind of change, a first judgement and a bundle never sent."""


def test_no_wording_of_ours_begins_with_a_character_a_spreadsheet_runs() -> None:
    ours = [report_title(EVERY_CHANGE), *CHANGE_WORDS.values()]
    for table in report_tables(EVERY_CHANGE):
        ours += [table.key, table.heading, table.note, *table.columns]
        ours += [cell for row in table.rows for cell in row]
    assert [text for text in ours if would_run(text)] == []
    assert CHANGE_WORDS["="] == "no change"


def test_csv_of_a_realistic_summary_needed_nothing_neutralised() -> None:
    """Realistic data and our wording: no cell would run, and none needed a quote for it."""
    data = csv_blocks(EVERY_CHANGE)
    cells = [cell for row in read_back(data) for cell in row]
    assert [cell for cell in cells if would_run(cell) or cell.startswith("'")] == []
    changes = [row[7] for row in read_back(data) if row[0] == "risk"]
    assert changes == ["↑ worse", "↓ better", "no change", "first judgement"]


def test_docx_says_no_change_in_the_same_words_as_the_csv(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    with path.open("wb") as handle:
        write_docx(EVERY_CHANGE, handle)
    risk = docx.Document(str(path)).tables[1]
    assert [row.cells[6].text for row in risk.rows[1:]] == [
        "↑ worse",
        "↓ better",
        "no change",
        "first judgement",
    ]


LINK = '=HYPERLINK("http://x","y")'

HOSTILE = replace(
    SUMMARY,
    coverage=(replace(SUMMARY.coverage[0], adviser_name="+1+1"),),
    risk=(
        replace(
            SUMMARY.risk[0],
            school_name=LINK,
            school_code="-1+2",
            local_authority="@SUM(A1)",
            adviser_name="\t=1",
            change=Change.SAME,
        ),
    ),
    categories=CategorySummary(
        scheme_name="=1+1",
        totals=(("\r=1", 1), ("-3", 2)),
        by_authority=(CategoryCount(" =1+1", "@SUM(A1)", 1),),
        changes=(
            replace(
                SUMMARY.categories.changes[0], previous="+1+1", category="-1+2", adviser_name="-3"
            ),
        ),
    ),
    overdue_actions=(SUMMARY.overdue_actions[0]._replace(text=LINK, owner="@SUM(A1)"),),
)
"""Every text cell of the report typed by someone else, as a spreadsheet would run it."""


def test_csv_neutralises_every_hostile_cell_and_keeps_the_rest() -> None:
    rows = read_back(csv_blocks(HOSTILE))
    assert [cell for row in rows for cell in row if would_run(cell)] == []
    data = [row for row in rows if row[0] != "section"]
    assert data == [
        [
            *("coverage", "'+1+1", "15", "44 of 45", "28 of 45", "19"),
            *("96 of 99", "28 of 99", "19", "1", "2", "20 November 2026"),
        ],
        [
            *("risk", "'" + LINK, "'-1+2", "'@SUM(A1)", "'\t=1"),
            *("high", "medium", "no change", "12 November 2026"),
        ],
        ["category-totals", "'\n=1", "1"],
        ["category-totals", "-3", "2"],
        ["categories", "' =1+1", "'@SUM(A1)", "1"],
        [
            *("category-changes", "Ysgol Gynradd Llanfair Pwllgwyngyll", "6712345", "Sir Fôn"),
            *("'+1+1", "'-1+2", "5 October 2026", "-3"),
        ],
        [
            *("actions", "Ffion Wyn Evans", "Ysgol Gynradd Llanfair Pwllgwyngyll", "'" + LINK),
            *("'@SUM(A1)", "2 November 2026", "21"),
        ],
    ]


def test_docx_takes_text_from_bundles_with_characters_xml_refuses(tmp_path: Path) -> None:
    """An action typed with a NUL or a terminal's escape still makes a report."""
    typed = "Read\x00 daily \x1b[31mnow\x1b[0m\x0b(see note)"
    summary = replace(
        SUMMARY,
        risk=(replace(SUMMARY.risk[0], school_name="Ysgol \x07Glan"),),
        overdue_actions=(SUMMARY.overdue_actions[0]._replace(text=typed, owner="Mr\x1b Jones"),),
    )
    path = tmp_path / "report.docx"
    with path.open("wb") as handle:
        write_docx(summary, handle)
    document = docx.Document(str(path))
    text = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "daily" in text and "Glan" in text and "Jones" in text
    assert not any(char in text for char in "\x00\x07\x0b\x1b")
