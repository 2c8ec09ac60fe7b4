"""Printing: data on stdout (text or one JSON document), diagnostics on stderr.

User text (school names, note text, file names) is printed as data, never as markup,
and nothing printed here reaches the terminal raw: :func:`say`, :func:`warn` and every
cell of :func:`print_table` show control characters visibly (see
:mod:`sia_console.domain.text`), whatever a command passes them. JSON stays exact data,
with every control character escaped (``\\u001b``, ``\\u202e``).
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from sia_console.domain.text import one_line, replace_controls, shown_name, visible
from sia_console.domain.vocabulary import LONDON


class _Console(Console):
    """A console that leaves a closed pipe (``| head``) to the command's own handling."""

    def on_broken_pipe(self) -> None:
        """Rich would exit with status 1 here; the command group ends quietly instead."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


stdout = _Console(markup=False, highlight=False, emoji=False, soft_wrap=True)
if not stdout.is_terminal:  # piped into a file or a script: never wrap a row
    stdout = _Console(
        markup=False, highlight=False, emoji=False, soft_wrap=True, width=1000, no_color=True
    )
stderr = _Console(stderr=True, markup=False, highlight=False, emoji=False, soft_wrap=True)


def iso(value: Any) -> Any:
    """JSON form of a value: datetimes as ISO 8601 with offset (naive means London)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=LONDON)
        return aware.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def json_text(data: Any) -> str:
    """``data`` as one JSON document that shows no control character raw.

    ``json.dumps`` escapes C0 controls inside strings but writes DEL, C1 controls, format
    characters (bidirectional overrides among them) and the line separators U+2028 and
    U+2029 as they are; here they are escaped too. Such characters occur only inside
    strings, so the document is the same JSON, every string exactly as stored.
    """
    text = json.dumps(_finite(data), ensure_ascii=False, default=iso, indent=2, allow_nan=False)
    return _SEPARATORS.sub(_json_escape, replace_controls(text, _escaped, keep_lines=True))


_SEPARATORS = re.compile("[\u2028\u2029]")


def _finite(data: Any) -> Any:
    """``data`` with every infinite or NaN number as ``null``: JSON has no such numbers,
    and a script reading ours must never meet ``Infinity``."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    return data


def _escaped(char: str) -> str:
    code = ord(char)
    if code > 0xFFFF:  # a tag character: JSON spells it as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return _escaped(match.group())


def print_json(data: Any) -> None:
    """Write one JSON document to stdout and nothing else."""
    sys.stdout.write(json_text(data))
    sys.stdout.write("\n")
    sys.stdout.flush()


def print_table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], *, empty: str | None = None
) -> None:
    """A plain table on stdout; every cell is shown literally, on one line, with control
    characters visible (headings too: some come from data, such as prediction measures)."""
    materialised = [list(row) for row in rows]
    if not materialised and empty:
        say(empty)
        return
    table = Table(
        *(one_line(column) for column in columns),
        show_edge=False,
        pad_edge=False,
        box=None,
        header_style="bold",
    )
    for row in materialised:
        table.add_row(*(Text(cell_text(cell)) for cell in row))
    for line in stdout.render_lines(table, pad=False):
        stdout.print(Segments([*_without_trailing_spaces(line), Segment.line()]), end="")


def _without_trailing_spaces(line: list[Segment]) -> list[Segment]:
    """A table's line without the padding of its last cell (for ``grep`` and copying)."""
    segments = list(line)
    while segments and not segments[-1].control and not segments[-1].text.strip():
        segments.pop()
    if segments and not segments[-1].control:
        last = segments[-1]
        segments[-1] = Segment(last.text.rstrip(), last.style)
    return segments


def cell_text(value: Any) -> str:
    """What a table cell shows of ``value``: one line, control characters visible."""
    return "" if value is None else one_line(str(iso_or_str(value)))


def iso_or_str(value: Any) -> Any:
    """A readable form of a cell value."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Enum):
        return value.value
    return value


def school_label(name: str, code: str) -> str:
    """``Ysgol y Graig (6612345)``: a school's name and code as a sentence or a table
    shows them (both come from files, so both are cut and made visible)."""
    return f"{shown_name(name)} ({shown_name(code)})"


def say(message: str) -> None:
    """A line of human text on stdout; its own line breaks and tabs are kept, every other
    control character is shown visibly (a name in it should be ``shown_name``'d too)."""
    stdout.print(Text(visible(message, keep_lines=True)))


def warn(message: str) -> None:
    """A line of human text on stderr, shown as :func:`say` shows it."""
    stderr.print(Text(visible(message, keep_lines=True)))
