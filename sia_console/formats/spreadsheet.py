"""Cells a spreadsheet shows as text and never runs: the one way sia-console writes CSV.

A CSV file is opened in Excel, LibreOffice Calc or Google Sheets, and they read a cell
that begins with ``=``, ``+``, ``-`` or ``@`` as a formula. Much of what we write was typed
by someone else (an action agreed in a school office, a school's name from a bundle), so
an action ``=HYPERLINK("http://…","Click")`` would become a live link in the core lead's
spreadsheet, and our own wording ``= same`` would show ``#NAME?``. Quoting (the csv
module's job) only keeps commas and line breaks inside a cell; it does nothing about this.

:func:`safe_cell` is the usual defence, applied to every cell: a text cell whose first
character is ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single quote
(``'``) in front. Spreadsheets take that quote as "this is text" and do not show it; a
plain-text reader sees it, which is the lesser harm. Decisions, so they are not re-argued:

* A cell that is genuinely a number (``-3``, ``-2.5``, ``+4``, ``-1e5``) stays as it is,
  so numbers stay numbers. ``-1+2`` is not a number and is neutralised.
* Leading white space does not hide a trigger: ``" =1+1"`` is neutralised too, because
  Calc can be told to trim spaces on import, after which it is a formula again. (Any
  white space counts, including a no-break space and a line break.)
* Control characters in data are treated as in a Word export
  (:func:`~sia_console.formats.docx_text.xml_safe`): a carriage return, CR LF, vertical
  tab or form feed becomes one line break (the csv module then quotes the cell), tabs are
  kept, and every other control character becomes U+FFFD, so it shows rather than acts.
  A cell that began with a carriage return therefore begins with a line break, and is
  still neutralised by the rule above.

No wording of ours begins with a trigger either (a test scans a whole report for it):
the quote is for data, not a patch over our own words.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import IO

from sia_console.formats.docx_text import xml_safe

Cell = str | int | float | None
"""What a row may hold: text, a number, or nothing (an empty cell)."""

TRIGGERS = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet read a cell as a formula."""

QUOTE = "'"
"""Put in front of a dangerous text cell; spreadsheets read it as "text", unshown."""

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""A plain decimal number, ASCII digits only: what a spreadsheet reads as a number."""


def is_number(text: str) -> bool:
    """Whether ``text`` is exactly a decimal number (``-3``, ``+4``, ``-2.5``, ``1e3``)."""
    return _NUMBER.fullmatch(text) is not None


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could run ``text``: a trigger first, or after white space."""
    if not text or is_number(text):
        return False
    if text[0] in TRIGGERS:
        return True
    rest = text.lstrip()
    return rest != text and rest[:1] in TRIGGERS


def safe_cell(value: Cell) -> str:
    """``value`` as a CSV cell that a spreadsheet shows and never runs (see the module)."""
    if value is None:
        return ""
    text = xml_safe(value if isinstance(value, str) else str(value))  # a number: "-3"
    return QUOTE + text if is_dangerous(text) else text


def csv_bytes(rows: Iterable[Sequence[Cell]]) -> bytes:
    """``rows`` as CSV in UTF-8 with a byte-order mark (so Excel shows ŵ and ŷ).

    Every cell goes through :func:`safe_cell`; nothing else in sia-console makes a csv
    writer, so no cell can miss it.
    """
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return text.getvalue().encode("utf-8-sig")


def write_rows(rows: Iterable[Sequence[Cell]], out: IO[bytes]) -> None:
    """Write ``rows`` to ``out`` as :func:`csv_bytes` makes them."""
    out.write(csv_bytes(rows))
