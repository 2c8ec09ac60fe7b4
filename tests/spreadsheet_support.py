"""What the tests take a spreadsheet to do with a CSV cell, apart from the code under test."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def would_run(cell: str) -> bool:
    """Whether a spreadsheet would read ``cell`` as a formula: it starts with = + - @
    (after any white space), a tab or a carriage return, and is not a plain number."""
    if _PLAIN_NUMBER.fullmatch(cell):
        return False
    return cell[:1] in ("\t", "\r") or cell.lstrip()[:1] in ("=", "+", "-", "@")


def read_back(data: bytes) -> list[list[str]]:
    """The rows of a CSV file we wrote (UTF-8 with a BOM), as the csv module reads them."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_tables(stem: Path) -> list[list[str]]:
    """The report's CSV files ``<stem>-<table>.csv``, each one rectangle with a BOM, read
    back end to end: ``section`` before each header row, the table's key before each row."""
    rows: list[list[str]] = []
    files = sorted(stem.parent.glob(f"{stem.name}-*.csv"))
    assert files, f"no CSV files named {stem.name}-*.csv"
    for path in files:
        table = read_back(path.read_bytes())
        assert {len(row) for row in table} == {len(table[0])}
        key = path.name[len(stem.name) + 1 : -len(".csv")]
        rows.append(["section", *table[0]])
        rows += [[key, *row] for row in table[1:]]
    return rows
