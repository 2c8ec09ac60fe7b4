"""How long exporting notes of visit to Word takes, against a bare python-docx document.

One run measures both, in the same interpreter, alternating, several rounds:

* **sia-console**: ``services.exports.export_notes_docx`` over a demo database (seed 7,
  Monday 23 November 2026): reading each note from SQLite, laying it out in the house
  style (title block, tables, the risk box, header, footer fields, properties), choosing
  a file name that no other note has, and writing it atomically (temporary file, fsync,
  rename);
* **bare python-docx**: a minimal script that writes the same text (title, every section,
  the risk rationale and predictions, every action and reviewed action) as plain headings
  and paragraphs into ``docx.Document()`` and saves it. It is handed the notes already
  read, so it pays for no database, no layout and no fsync: the ratio is the whole cost
  of our layers over python-docx itself.

The demo year has fewer than 500 notes, so both write the demo's notes over and over,
into a fresh folder each time, until ``--notes`` files (500) have been written. The
ratio of the medians of wall time must be at most 1.5; the exit status is 1 otherwise.

Run: ``.venv/bin/python bench/docx_export.py [--notes 500] [--rounds 3]`` from the checkout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sia_console.services.notes.export import export_notes_docx
from sia_console.services.notes.reading import NoteDetail, list_notes, note_detail
from sia_console.storage.database import Database, open_database
from tests.docx_support import make_demo_file

TARGET_RATIO = 1.5
T = TypeVar("T")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def batches(ids: list[T], total: int) -> list[list[T]]:
    """``ids`` repeated in whole batches (the last one cut) until ``total`` are listed."""
    out: list[list[T]] = []
    left = total
    while left > 0:
        out.append(ids[:left])
        left -= len(out[-1])
    return out


def ours(database: Database, ids: list[str], total: int, folder: Path) -> float:
    """Seconds for sia-console to export ``total`` notes, one folder per batch."""
    start = time.perf_counter()
    with database.session() as session:
        for number, batch in enumerate(batches(ids, total)):
            export_notes_docx(session, batch, folder / f"ours-{number}", now=NOW)
    return time.perf_counter() - start


def bare_document(note: NoteDetail, path: Path) -> None:
    """The minimal script: the same text as headings and paragraphs, nothing else."""
    document = docx.Document()
    document.add_heading(f"Note of visit: {note.school_name}", 0)
    document.add_paragraph(f"{note.visit_start:%d %B %Y} {note.adviser_name or ''}")
    for section in note.sections:
        document.add_heading(section.title, 1)
        document.add_paragraph(section.text)
    for review in note.reviews:
        document.add_paragraph(f"{review.action_text} {review.status.value} {review.comment}")
    if note.risk is not None:
        document.add_heading("Floor-target risk judgement", 1)
        document.add_paragraph(note.risk.level.value if note.risk.level else "")
        document.add_paragraph(note.risk.rationale)
        for p in note.risk.predictions:
            document.add_paragraph(f"{p.cohort} {p.measure} {p.percent:g}%")
    for action in note.actions:
        document.add_paragraph(f"{action.text} {action.owner} {action.due} {action.status.value}")
    document.save(str(path))


def bare(details: list[NoteDetail], total: int, folder: Path) -> float:
    """Seconds for the minimal script to write ``total`` documents."""
    start = time.perf_counter()
    for number, batch in enumerate(batches(list(range(len(details))), total)):
        target = folder / f"bare-{number}"
        target.mkdir()
        for index in batch:
            bare_document(details[index], target / f"{index}.docx")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sia-docx-bench-") as temp:
        root = Path(temp)
        database = open_database(make_demo_file(root))
        with database.session() as session:
            ids = [row.id for row in list_notes(session)]
            details = [note_detail(session, note_id) for note_id in ids]
        ours(database, ids[:2], 2, root / "warm")  # imports and first-use costs, both sides
        bare(details[:2], 2, root / "warm")
        ours_times: list[float] = []
        bare_times: list[float] = []
        for round_number in range(args.rounds):
            folder = root / f"round-{round_number}"
            folder.mkdir()
            ours_times.append(ours(database, ids, args.notes, folder))
            bare_times.append(bare(details, args.notes, folder))
        database.dispose()
    ours_median = statistics.median(ours_times)
    bare_median = statistics.median(bare_times)
    ratio = ours_median / bare_median
    print(f"{args.notes} notes ({len(ids)} demo notes, repeated), {args.rounds} rounds")
    for label, times in (("sia-console export", ours_times), ("bare python-docx", bare_times)):
        median = statistics.median(times)
        print(
            f"{label:<19}: median {median:.2f} s ({median / args.notes * 1000:.1f} ms/note), "
            f"best {min(times):.2f} s"
        )
    print(f"ratio of medians   : {ratio:.2f} (target <= {TARGET_RATIO})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
