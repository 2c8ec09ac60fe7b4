"""CSV cells that a spreadsheet shows and never runs, read back with the csv module."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from sia_console.formats.spreadsheet import csv_bytes, safe_cell, write_rows
from tests.spreadsheet_support import read_back, would_run

PACKAGE = Path(__file__).resolve().parents[2] / "sia_console"


HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-1+2",
    "@SUM(A1)",
    "\t=1",
    "=cmd|' /C calc'!A0",
    " =1+1",
    "\u00a0=1+1",
    "  @SUM(A1)",
    "-",
    "--3",
    "+-3",
    "-3-",
    "-3 ",
    "-0x10",
    "-1,000",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_cell_reads_back_quoted_and_otherwise_whole(value: str) -> None:
    [[cell]] = read_back(csv_bytes([[value]]))
    assert cell == "'" + value
    assert not would_run(cell)


def test_a_leading_carriage_return_is_a_line_break_and_neutralised() -> None:
    [[cell]] = read_back(csv_bytes([["\r=1"]]))
    assert cell == "'\n=1"
    [[cell]] = read_back(csv_bytes([["\r\n@SUM(A1)"]]))
    assert cell == "'\n@SUM(A1)"


@pytest.mark.parametrize("value", ["-3", "-2.5", "+4", "-.5", "-5.", "-1e5", "+2E-3", "0", "15"])
def test_a_number_stays_as_it_is(value: str) -> None:
    assert read_back(csv_bytes([[value]])) == [[value]]


def test_numbers_and_nothing_are_written_as_numbers_and_empty_cells() -> None:
    assert read_back(csv_bytes([[-3, 2.5, 0, None, ""]])) == [["-3", "2.5", "0", "", ""]]


def test_a_negative_infinity_is_not_a_number_to_a_spreadsheet() -> None:
    assert safe_cell(float("-inf")) == "'-inf"


@pytest.mark.parametrize(
    "value",
    [
        "Ysgol Gynradd Llanfair Pwllgwyngyll",
        "Ymweliad â'r teuluoedd; ŵyr a ŷd",
        "1 + 1 = 2",
        "e-mail the chair",
        "'=already quoted",
        "↑ worse",
        "(none)",
        "",
    ],
)
def test_ordinary_text_is_untouched(value: str) -> None:
    assert safe_cell(value) == value
    assert read_back(csv_bytes([[value]])) == [[value]]


def test_a_digit_from_another_script_is_not_taken_for_a_number() -> None:
    assert safe_cell("-\u0663") == "'-\u0663"  # ARABIC-INDIC DIGIT THREE


def test_control_characters_are_shown_not_obeyed_and_line_breaks_kept() -> None:
    row = ["a\x00b", "\x1b[2J", "one\r\ntwo\rthree", "tab\tinside", "bell\x07"]
    assert read_back(csv_bytes([row])) == [
        ["a\u2400b", "\u241b[2J", "one\ntwo\nthree", "tab\tinside", "bell\u2407"]
    ]


def test_quoting_keeps_commas_quotes_and_line_breaks_inside_a_cell() -> None:
    rows = [
        ("section", "Action", "Owner"),
        ("actions", 'Say "diolch", then =SUM(A1)', "Head,\nDeputy"),
        ("actions", '=HYPERLINK("http://x","y")', "@SUM(A1)"),
    ]
    buffer = io.BytesIO()
    write_rows(rows, buffer)
    back = read_back(buffer.getvalue())
    assert back == [
        ["section", "Action", "Owner"],
        ["actions", 'Say "diolch", then =SUM(A1)', "Head,\nDeputy"],
        ["actions", '\'=HYPERLINK("http://x","y")', "'@SUM(A1)"],
    ]
    assert not any(would_run(cell) for row in back for cell in row)


def test_no_module_but_spreadsheet_makes_a_csv_writer() -> None:
    """Every CSV the package writes goes through :func:`write_rows`, so through safe_cell."""
    writers = re.compile(r"csv\.(writer|DictWriter)\b|\.writerows?\(")
    found = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if writers.search(path.read_text(encoding="utf-8"))
    )
    assert found == ["formats/spreadsheet.py"]
