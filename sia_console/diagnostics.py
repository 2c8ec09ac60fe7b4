"""Error logs that say what failed and where, and nothing else.

An unexpected error is written to a file in the user log folder, for whoever looks into
it, and the user is told where. The message of an exception (SQLite's, pydantic's, ours)
and the values of variables can hold what was being saved: a note's text, a headteacher's
name or email address. So a log names only the class of each error in the chain and, for
each frame, its file, line and function; nothing else. The folder and the files are
readable by their owner only (on POSIX).

The command line and the terminal UI both log through :func:`unexpected_error`.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path

from sia_console import __version__
from sia_console.i18n import _
from sia_console.paths import log_dir

LOG_MODE = 0o600
FOLDER_MODE = 0o700
MAX_DEPTH = 10
"""How many chained or grouped errors a log follows before it stops."""

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])

_lock = threading.Lock()
_written: dict[str, Path] = {}
"""This run's logs by their text (without the time): one failure seen again (a save
retried, a message shown twice) is not logged again."""


def _where(filename: str) -> str:
    """A frame's file, relative to the folder it was imported from (no home folder),
    with ``/`` between folders on every system."""
    if filename.startswith("<"):
        return filename
    roots = [_PACKAGE_ROOT, *(entry for entry in sys.path if entry)]
    best = ""
    for root in roots:
        prefix = root.rstrip("/\\") + os.sep
        if filename.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    shown = filename[len(best) :] if best else os.path.basename(filename)
    return shown.replace(os.sep, "/")


def _kind(error: BaseException) -> str:
    cls = type(error)
    return (
        cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    )


def _describe(error: BaseException, lines: list[str], indent: str, depth: int) -> None:
    relation = ""
    current: BaseException | None = error
    seen: set[int] = set()
    while current is not None and id(current) not in seen and depth < MAX_DEPTH:
        seen.add(id(current))
        depth += 1
        lines.append(f"{indent}{relation}{_kind(current)}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(
                f"{indent}  {_where(frame.filename)}, line {frame.lineno}, in {frame.name}"
            )
        if isinstance(current, BaseExceptionGroup):
            for number, member in enumerate(current.exceptions, start=1):
                lines.append(f"{indent}  member {number}:")
                _describe(member, lines, indent + "    ", depth)
        if current.__cause__ is not None:
            relation, current = "caused by ", current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            relation, current = "raised while handling ", current.__context__
        else:
            current = None


def format_error_log(error: BaseException) -> str:
    """The text of an error log: versions, then each error's class and frames.

    No message and no value: only class names, files, line numbers and function names.
    """
    lines = [
        f"sia-console {__version__}, Python {platform.python_version()}, {sys.platform}",
        "Error messages and values are left out: they can hold personal data.",
        "",
    ]
    _describe(error, lines, "", 0)
    return "\n".join(lines) + "\n"


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        with contextlib.suppress(OSError):  # a folder an earlier version made, too
            os.chmod(folder, FOLDER_MODE)


def _new_file(folder: Path, stem: str, data: bytes) -> Path:
    for number in range(1, 100):
        path = folder / (f"{stem}.log" if number == 1 else f"{stem}-{number}.log")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, LOG_MODE)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return path
    raise FileExistsError(f"{folder}: too many error logs this second")


def write_error_log(error: BaseException, folder: Path | None = None) -> Path:
    """Write the log of ``error`` (see :func:`format_error_log`); return its path.

    Raises :class:`OSError` when the log cannot be written.
    """
    text = format_error_log(error)
    chosen = folder or log_dir()
    with _lock:
        done = _written.get(text)
        if done is not None and done.parent == chosen and done.exists():
            return done
        _private_folder(chosen)
        now = datetime.now()
        data = f"{now.isoformat(timespec='seconds')}\n{text}".encode()
        path = _new_file(chosen, f"error-{now:%Y%m%dT%H%M%S}", data)
        _written[text] = path
        return path


def unexpected_error(error: BaseException) -> str:
    """Log an unexpected ``error`` and return the one sentence that tells the user."""
    kind = type(error).__name__
    try:
        log = write_error_log(error)
    except OSError:
        return _("Unexpected error ({kind}).").format(kind=kind)
    return _("Unexpected error ({kind}); details were written to {log}.").format(kind=kind, log=log)
