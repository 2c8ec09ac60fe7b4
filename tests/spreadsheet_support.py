"""What the tests take a spreadsheet to do with a CSV cell, apart from the code under test."""

from __future__ import annotations

import csv
import io
import re

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
