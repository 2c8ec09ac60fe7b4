"""Where an export goes: never over a file already there, unless asked in so many words.

One rule for every file sia-console writes for people (notes of visit, the board report,
a school's year, bundles, calendars, workbooks and CSV files):

* a name the program chooses (in a folder) that is taken gets the next free one:
  ``report.docx`` → ``report (2).docx``, ``report (3).docx`` …;
* so does a file named in the terminal UI (the calendar's file, Sync's bundle);
* a file named on the command line that is already there is refused, with a sentence
  saying so, unless ``--force`` asks for it to be replaced;
* except that a file which is this very document's earlier export (a note of visit's own
  file, the adviser's own calendar file) is brought up to date where it is.

The file itself is then written atomically (:mod:`sia_console.storage.atomic`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path

MAX_COPIES = 999
"""The highest `` (n)`` tried before giving up (a folder that full is a mistake)."""


class Existing(StrEnum):
    """What to do when a file named for an export is already there."""

    NEW_NAME = "new-name"
    """Take the next free name (the program's choice, and the terminal UI's)."""
    REFUSE = "refuse"
    """Refuse: the command line, for a file named on it."""
    REPLACE = "replace"
    """Replace it: the command line with ``--force``."""


class ExportExists(Exception):
    """A file named for an export is there and may not be replaced."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class NoFreeName(Exception):
    """Every name up to `` (999)`` is taken."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def numbered(path: Path, copy: int) -> Path:
    """``path`` itself for the first copy, else with `` (copy)`` before its suffix."""
    if copy <= 1:
        return path
    suffix = "".join(path.suffixes[-1:])
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    return path.with_name(f"{stem} ({copy}){suffix}")


def taken(path: Path) -> bool:
    """Whether something (a file, a folder, a link, even a broken one) has that name."""
    return os.path.lexists(path)


def free_path(
    path: Path,
    *,
    name_for: Callable[[int], Path] | None = None,
    own: Callable[[Path], bool] | None = None,
) -> Path:
    """The first of ``path``, ``path (2)``, ``path (3)`` … that nothing has taken.

    ``name_for`` makes the n-th name (for names that must stay short); ``own`` says that
    what is there is this very document's earlier export, which it may replace.
    """
    make = name_for or (lambda copy: numbered(path, copy))
    for copy in range(1, MAX_COPIES + 1):
        candidate = make(copy)
        if not taken(candidate) or (own is not None and candidate.is_file() and own(candidate)):
            return candidate
    raise NoFreeName(make(1))


def export_path(
    path: Path, existing: Existing, *, own: Callable[[Path], bool] | None = None
) -> Path:
    """Where to write an export named ``path``, by the rule of ``existing`` (``own``: what
    is there is this document's earlier export, brought up to date where it is)."""
    if existing is Existing.REPLACE or not taken(path):
        return path
    if own is not None and path.is_file() and own(path):
        return path
    if existing is Existing.REFUSE:
        raise ExportExists(path)
    return free_path(path, own=own)


def export_paths(paths: Sequence[Path], existing: Existing) -> list[Path]:
    """Where to write a set of files made together (a CSV report's tables): all as named,
    or, if any is taken, all with the first `` (n)`` that frees every one of them."""
    if existing is Existing.REPLACE or not any(taken(p) for p in paths):
        return list(paths)
    if existing is Existing.REFUSE:
        raise ExportExists(next(p for p in paths if taken(p)))
    for copy in range(2, MAX_COPIES + 1):
        candidates = [numbered(p, copy) for p in paths]
        if not any(taken(p) for p in candidates):
            return candidates
    raise NoFreeName(paths[0])
