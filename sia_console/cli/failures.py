"""What the command line says when a command fails: one sentence (or a few), never a
traceback. Shared by the command group and the entry point's direct start of the UI.

A database that cannot be used (read-only, locked, disk full) is one sentence; an
unexpected error is written to the log folder (its class and where, never its message)
and named in one sentence.
"""

from __future__ import annotations

from pathlib import Path

from sia_console.i18n import _
from sia_console.keys.errors import KeyStoreError
from sia_console.services.errors import InvalidInput, ServiceError
from sia_console.storage.errors import StorageError, storage_failure

EXPECTED_ERRORS = (ServiceError, StorageError, KeyStoreError)


def sentences_for(exc: Exception, database: Path | None) -> list[str]:
    """The sentences that tell the user about ``exc`` (``database``: the file in use)."""
    if isinstance(exc, EXPECTED_ERRORS):
        problems = exc.problems if isinstance(exc, InvalidInput) else []
        return [str(exc), *problems]
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return [_("Cannot complete: {reason}{where}.").format(reason=exc.strerror, where=where)]
    failure = storage_failure(exc, database)
    if failure is not None:
        return [str(failure)]
    from sia_console.diagnostics import unexpected_error

    return [unexpected_error(exc)]


def warn(message: str) -> None:
    """One sentence on stderr (the output module, and Rich with it, loaded only then)."""
    from sia_console.cli.output import warn as warn_on_stderr

    warn_on_stderr(message)
