"""Printing: data on stdout (text or one JSON document), diagnostics on stderr.

User text (school names, note text, file names) is printed as data, never as markup.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

LONDON = ZoneInfo("Europe/London")


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


def print_json(data: Any) -> None:
    """Write one JSON document to stdout and nothing else."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=iso, indent=2))
    sys.stdout.write("\n")
    sys.stdout.flush()


def print_table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], *, empty: str | None = None
) -> None:
    """A plain table on stdout; every cell is shown literally."""
    materialised = [list(row) for row in rows]
    if not materialised and empty:
        stdout.print(Text(empty))
        return
    table = Table(*columns, show_edge=False, pad_edge=False, box=None, header_style="bold")
    for row in materialised:
        table.add_row(*(Text("" if cell is None else str(iso_or_str(cell))) for cell in row))
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


def iso_or_str(value: Any) -> Any:
    """A readable form of a cell value."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Enum):
        return value.value
    return value


def say(message: str) -> None:
    """A line of human text on stdout."""
    stdout.print(Text(message))


def warn(message: str) -> None:
    """A line of human text on stderr."""
    stderr.print(Text(message))
