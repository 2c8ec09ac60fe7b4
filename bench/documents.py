"""The board report on a large authority and a school's year, against bare python-docx.

* **board report**: the large authority of ``authority.py`` (400 schools, 30 SIAs, ten
  years of visits, notes and actions), its report data read once
  (``services.authority.board.board_report``), then written again and again as Word by
  ``formats.authority_report.write_docx`` — the house template, the first page with its
  headline figures and **the charts drawn by matplotlib**, the key, fitted tables on
  landscape pages, footers and properties — against a bare python-docx document
  (``docx.Document()``) given the same tables: a heading and a ``Table Grid`` table per
  table, every cell set with ``cell.text``. Target: the ratio of the medians at most 2.
* **school's year**: one school of the demo year (seed 7), its document gathered once
  (``services.schools.year.school_year_document``), then written by
  ``formats.school_year_docx.write_school_year`` (its risk chart, a grid of dots, included) against
  a bare python-docx document with the same text: the same headings, paragraphs and
  tables. Target: at most 1.5.

Both sides run alternately in one process, after one warm-up each (so matplotlib and
python-docx are imported before the first timed round). Reading the data is timed apart.
The exit status is 1 when a target is missed.

Run: ``.venv/bin/python bench/documents.py [--rounds N] [--db FILE]`` from the checkout
(about two minutes, most of it building the large authority the first time).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from authority import build
from calendar_view import MemoryKeyring

from sia_console.domain.vocabulary import long_date
from sia_console.formats.authority_report import report_tables, report_title, write_docx
from sia_console.formats.docx_template import load_template
from sia_console.formats.school_year import SchoolYearDocument
from sia_console.formats.school_year_docx import write_school_year
from sia_console.services.authority.board import BoardReport, board_report
from sia_console.services.schools.year import school_year_document
from sia_console.storage.database import open_database

TODAY = date(2026, 11, 23)
MADE = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
BOARD_TARGET = 2.0
YEAR_TARGET = 1.5


def bare_board(report: BoardReport) -> bytes:
    """The same tables in python-docx's own way, nothing else."""
    document = docx.Document()
    document.add_heading(report_title(report), level=0)
    for table in report_tables(report):
        document.add_heading(table.heading, level=1)
        if not table.rows:
            document.add_paragraph("Nothing to report.")
            continue
        grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
        grid.style = "Table Grid"
        for cell, title in zip(grid.rows[0].cells, table.columns, strict=True):
            cell.text = title
        for line, row in zip(grid.rows[1:], table.rows, strict=True):
            for cell, value in zip(line.cells, row, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def ours_board(report: BoardReport, template: bytes) -> bytes:
    out = io.BytesIO()
    write_docx(report, out, template=template, made=MADE)
    return out.getvalue()


def bare_year(year: SchoolYearDocument) -> bytes:
    """The school's year's text in python-docx's own way: headings, paragraphs, tables."""
    document = docx.Document()
    document.add_paragraph(year.authority)
    document.add_heading(year.title(), level=0)
    document.add_heading("Visits against the programme", level=1)
    _bare_table(document, [(long_date(v.day), str(v.slot), v.focus, v.state) for v in year.visits])
    document.add_heading("Floor-target risk over the year", level=1)
    _bare_table(
        document,
        [(long_date(j.day), j.level.value, str(j.y6_combined), str(j.y5_combined))
         for j in year.judgements],
    )  # fmt: skip
    document.add_heading("Priorities and areas for development", level=1)
    for piece in year.priorities:
        document.add_heading(long_date(piece.day), level=2)
        for paragraph in piece.text.split("\n\n"):
            document.add_paragraph(paragraph)
    document.add_heading("Actions agreed and what became of them", level=1)
    _bare_table(
        document,
        [(a.text, a.owner, str(a.due), long_date(a.agreed_on), f"{a.status} {a.comment}")
         for a in year.actions],
    )  # fmt: skip
    document.add_heading("Support brokered", level=1)
    for piece in year.support:
        document.add_heading(long_date(piece.day), level=2)
        for paragraph in piece.text.split("\n\n"):
            document.add_paragraph(paragraph)
    document.add_heading("The adviser's summary", level=1)
    for paragraph in year.summary.split("\n\n"):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _bare_table(document: object, rows: list[tuple[str, ...]]) -> None:
    if not rows:
        return
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    for line, row in zip(grid.rows, rows, strict=True):
        for cell, value in zip(line.cells, row, strict=True):
            cell.text = value


def ours_year(year: SchoolYearDocument, template: bytes) -> bytes:
    out = io.BytesIO()
    write_school_year(year, out, template=template)
    return out.getvalue()


def compare(
    name: str, ours: Callable[[], bytes], bare: Callable[[], bytes], rounds: int, target: float
) -> bool:
    ours(), bare()  # warm-up: imports, caches
    times: dict[str, list[float]] = {"ours": [], "bare": []}
    for _ in range(rounds):
        for which, job in (("ours", ours), ("bare", bare)):
            started = time.perf_counter()
            job()
            times[which].append(time.perf_counter() - started)
    mine, theirs = statistics.median(times["ours"]), statistics.median(times["bare"])
    ratio = mine / theirs
    flag = "" if ratio <= target else "  MISSED"
    print(
        f"{name:<16}{mine * 1000:>10.0f} ms{theirs * 1000:>10.0f} ms{ratio:>8.2f}"
        f"  target <= {target}{flag}"
    )
    return ratio <= target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds of each side")
    parser.add_argument("--db", type=Path, help="keep the large authority here (built if missing)")
    args = parser.parse_args()
    import keyring

    keyring.set_keyring(MemoryKeyring())
    template = load_template(None)
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "authority.sqlite"
        if not path.exists():
            started = time.perf_counter()
            build(path)
            print(f"built the large authority in {time.perf_counter() - started:.1f} s")
        database = open_database(path)
        started = time.perf_counter()
        with database.session() as session:
            report = board_report(session, TODAY)
        read = time.perf_counter() - started
        database.dispose()
        rows = sum(len(t.rows) for t in report_tables(report))
        print(f"board report data read in {read * 1000:.0f} ms: {rows:,} rows in its tables")

        from tests.docx_support import make_demo_file  # the demo year, seed 7

        demo = open_database(make_demo_file(Path(folder)))
        with demo.session() as session:
            from sqlmodel import select

            from sia_console.domain.models import School

            codes = [s.code for s in session.exec(select(School).order_by(School.name))]
            years = [school_year_document(session, code, 2026, MADE) for code in codes]
        demo.dispose()
        year = max(years, key=lambda y: (len(y.judgements), len(y.actions)))
        print(
            f"school's year: {year.school_name}, {len(year.visits)} visits, "
            f"{len(year.judgements)} judgements, {len(year.actions)} actions"
        )
        print(f"\n{'document':<16}{'ours':>13}{'bare':>13}{'ratio':>8}  (median of {args.rounds})")
        held = compare(
            "board report",
            lambda: ours_board(report, template),
            lambda: bare_board(report),
            args.rounds,
            BOARD_TARGET,
        )
        held &= compare(
            "school's year",
            lambda: ours_year(year, template),
            lambda: bare_year(year),
            args.rounds * 3,
            YEAR_TARGET,
        )
    return 0 if held else 1


if __name__ == "__main__":
    raise SystemExit(main())
