"""How long a search over 20,000 notes takes, against the bare FTS5 query.

``services.search.search_notes`` (parse the query, ask FTS5 for the best matches with
their snippets, join only those to their notes, visits and schools, split the snippets
into text and highlight offsets) against the raw FTS5 statement it wraps
(``search.RAW_QUERY``: the same MATCH, ``ORDER BY rank``, the same snippet, the same
limit), on the same database file, alternating, several queries from rare to common.
Target: the ratio of the medians at most 2.

Run: ``.venv/bin/python bench/search.py [--notes N] [--repeat N] [--db FILE]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from notes_data import build

from sia_console.domain.search_query import parse_query
from sia_console.services import search
from sia_console.storage.database import open_database

QUERIES = ("dwr", '"pupil voice"', "governors attendance", "phonics", "moderat*", "the")
LIMIT = 50
TARGET = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", type=Path, help="an existing database made by notes_data.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or build(Path(folder) / "notes.sqlite", args.notes)
        return run(path, args.repeat)


def run(path: Path, repeat: int) -> int:
    database = open_database(path)
    ours: dict[str, list[float]] = {q: [] for q in QUERIES}
    raw: dict[str, list[float]] = {q: [] for q in QUERIES}
    counts: dict[str, int] = {}
    raw_sql = text(search.RAW_QUERY)
    with database.session() as session:
        connection = session.connection()
        for query in QUERIES:  # warm both paths (statement caches, pages)
            search.search_notes(session, query, LIMIT)
        for _round in range(repeat):
            for query in QUERIES:
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
                total = connection.execute(
                    text("SELECT count(*) FROM note_search WHERE note_search MATCH :q"),
                    {"q": expression.expression},
                ).scalar()
                counts[query] = int(total or 0)
    database.dispose()
    print(f"{'query':24} {'matches':>9} {'search_notes':>13} {'raw FTS5':>10} {'ratio':>6}")
    medians_ours, medians_raw = [], []
    for query in QUERIES:
        a, b = statistics.median(ours[query]), statistics.median(raw[query])
        medians_ours.append(a)
        medians_raw.append(b)
        print(
            f"{query:24} {counts[query]:>9,} {a * 1000:>10.2f} ms {b * 1000:>7.2f} ms {a / b:>6.2f}"
        )
    ratio = sum(medians_ours) / sum(medians_raw)
    print(f"all queries: ratio of summed medians {ratio:.2f} (target ≤ {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
