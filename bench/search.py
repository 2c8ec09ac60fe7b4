"""How long a search takes, against the bare FTS5 query: over 20,000 notes, and with a
section of 1.6 MB among them.

``services.search.search_notes`` (parse the query, ask FTS5 for the best matches with
their snippets, join only those to their notes, visits and schools, split the snippets
into text and highlight offsets) against the raw FTS5 statement it wraps
(``search.RAW_QUERY``: the same MATCH, ``ORDER BY rank``, FTS5's snippet, the same limit),
on the same database file, alternating, several queries from rare to common; the two must
give the same snippets. Target: the ratio of the summed medians at most 2.

Then one more note, whose section is 1.6 million characters of the same prose about one
school (:func:`notes_data.long_text`): FTS5's snippet() takes time that grows with the
square of a text's matches, and the search makes the snippet of so long a text itself.
Five queries that put that section first, from a word it names four times to one with
25,000 matches in it. Target: each query at most 2 times the raw FTS5 query. The same with
a section of 400,000 characters first shows how each side grows with the text (four times
the text: ×4 if linear, ×16 if quadratic).

Run: ``.venv/bin/python bench/search.py [--notes N] [--repeat N] [--db FILE]
[--long-repeat N] [--long-only]``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from notes_data import add_long_section, build, long_text, replace_long_section

from sia_console.domain.search_query import parse_query
from sia_console.services.notes import search
from sia_console.storage.database import open_database

QUERIES = ("dwr", '"pupil voice"', "governors attendance", "phonics", "moderat*", "the")
LIMIT = 50
TARGET = 2.0
LONG_QUERIES = ("sennybridge", '"ysgol cwmtawe"', "cwmtawe", "cwmtaw*", "cwmtawe the")
"""Queries that put the long section first: its prose names Ysgol Cwmtawe in every
paragraph, Sennybridge in one paragraph of a thousand, and "the" as often as any prose."""
LONG = 1_600_000
SHORTER = 400_000


@dataclass
class Timings:
    """Medians per query, of the search and of the raw FTS5 query, in seconds."""

    ours: dict[str, float]
    raw: dict[str, float]
    rows: dict[str, int]
    """How many rows FTS5 matches."""
    long_hit: dict[str, int | None]
    """Where the long section (if any) is among the hits."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", type=Path, help="an existing database made by notes_data.py")
    parser.add_argument("--long-repeat", type=int, default=5, help="rounds with a long section")
    parser.add_argument("--long-only", action="store_true", help="only the long-section case")
    args = parser.parse_args()
    status = 0
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or build(Path(folder) / "notes.sqlite", args.notes)
        if not args.long_only:
            status |= run(path, args.repeat)
            print()
        if args.db:  # the long section goes into a copy: the file given stays as it was
            path = Path(shutil.copyfile(args.db, Path(folder) / "notes.sqlite"))
        status |= run_long(path, args.long_repeat)
    return status


def measure(
    path: Path, repeat: int, queries: tuple[str, ...], long_note: str | None = None
) -> Timings:
    """Each query through ``search_notes`` and as the raw FTS5 query, alternating."""
    database = open_database(path)
    ours: dict[str, list[float]] = {q: [] for q in queries}
    raw: dict[str, list[float]] = {q: [] for q in queries}
    rows_matched: dict[str, int] = {}
    long_hit: dict[str, int | None] = {}
    raw_sql = text(search.RAW_QUERY)
    with database.session() as session:
        connection = session.connection()
        for query in queries:  # warm both paths (statement caches, pages)
            search.search_notes(session, query, LIMIT)
        for _round in range(repeat):
            for query in queries:
                expression = parse_query(query)
                assert expression is not None
                params = {
                    "query": expression.expression,
                    "open": search.OPEN_MARK,
                    "close": search.CLOSE_MARK,
                    "ellipsis": search.ELLIPSIS,
                    "tokens": search.SNIPPET_TOKENS,
                    "fetch": LIMIT,
                }
                started = time.perf_counter()
                rows = connection.execute(raw_sql, params).all()
                raw[query].append(time.perf_counter() - started)
                started = time.perf_counter()
                hits = search.search_notes(session, query, LIMIT)
                ours[query].append(time.perf_counter() - started)
                assert len(hits) == len(rows)
                expected = [search.split_snippet(row.hit_snippet) for row in rows]
                assert [(hit.snippet, hit.highlights) for hit in hits] == expected, query
                found = [n for n, hit in enumerate(hits, start=1) if hit.note_id == long_note]
                long_hit[query] = found[0] if found else None
                total = connection.execute(
                    text("SELECT count(*) FROM note_search WHERE note_search MATCH :q"),
                    {"q": expression.expression},
                ).scalar()
                rows_matched[query] = int(total or 0)
    database.dispose()
    return Timings(
        {q: statistics.median(ours[q]) for q in queries},
        {q: statistics.median(raw[q]) for q in queries},
        rows_matched,
        long_hit,
    )


def run(path: Path, repeat: int) -> int:
    timings = measure(path, repeat, QUERIES)
    print(f"{'query':24} {'matches':>9} {'search_notes':>13} {'raw FTS5':>10} {'ratio':>6}")
    for query in QUERIES:
        a, b = timings.ours[query], timings.raw[query]
        print(
            f"{query:24} {timings.rows[query]:>9,} {a * 1000:>10.2f} ms {b * 1000:>7.2f} ms "
            f"{a / b:>6.2f}"
        )
    ratio = sum(timings.ours.values()) / sum(timings.raw.values())
    print(f"all queries: ratio of summed medians {ratio:.2f} (target ≤ {TARGET})")
    return 0 if ratio <= TARGET else 1


def run_long(path: Path, repeat: int) -> int:
    """The long-section queries with a section of 400,000 characters, then 1.6 million."""
    results: dict[int, Timings] = {}
    note = ""
    prose = ""
    for size in (SHORTER, LONG):
        prose = long_text(size)
        if not note:
            note = add_long_section(path, prose)
        else:
            replace_long_section(path, note, prose)
        print(f"with a section of {len(prose):,} characters ({len(prose.encode()):,} bytes):")
        results[size] = measure(path, repeat, LONG_QUERIES, note)
    shorter, long = results[SHORTER], results[LONG]
    print(
        f"{'query':16} {'in it':>6} {'hit':>4} {'search_notes':>13} {'raw FTS5':>11} "
        f"{'ratio':>6}   {'×4 text: search':>15} {'raw':>6}"
    )
    worst = 0.0
    for query in LONG_QUERIES:
        a, b = long.ours[query], long.raw[query]
        worst = max(worst, a / b)
        print(
            f"{query:16} {_matches(prose, query):>6,} {long.long_hit[query] or '-':>4} "
            f"{a * 1000:>10.2f} ms {b * 1000:>8.2f} ms {a / b:>6.2f}   "
            f"{a / shorter.ours[query]:>15.1f} {b / shorter.raw[query]:>6.1f}"
        )
    ratio = sum(long.ours.values()) / sum(long.raw.values())
    growth_ours = sum(long.ours.values()) / sum(shorter.ours.values())
    growth_raw = sum(long.raw.values()) / sum(shorter.raw.values())
    print(
        f"1.6 MB section: highest ratio {worst:.2f} (target ≤ {TARGET} for each query), "
        f"ratio of summed medians {ratio:.2f}"
    )
    print(
        f"400 KB → 1.6 MB (×4 text): summed medians ×{growth_ours:.1f} for the search, "
        f"×{growth_raw:.1f} for the raw FTS5 query (linear ×4, quadratic ×16)"
    )
    missing = [q for q in LONG_QUERIES for t in results.values() if t.long_hit[q] is None]
    if missing:  # its snippet was not made: nothing about long sections was measured
        print(f"the long section is not among the hits of {', '.join(sorted(set(missing)))}")
    return 0 if worst <= TARGET and not missing else 1


def _matches(prose: str, query: str) -> int:
    """How many times the long section holds each word or phrase of ``query`` (for the
    table: ASCII words only)."""
    parsed = parse_query(query)
    assert parsed is not None
    total = 0
    for term, prefix in zip(parsed.terms, parsed.prefixes, strict=True):
        pattern = r"\b" + r"\W+".join(map(re.escape, term.split())) + (r"\w*" if prefix else r"\b")
        total += len(re.findall(pattern, prose, re.IGNORECASE))
    return total


if __name__ == "__main__":
    raise SystemExit(main())
