"""The export rule (:mod:`sia_console.storage.exports`) in the services' words.

Every service that writes a file for people chooses its path here, so that the rule
(never over a file already there: a new name, or, on the command line, a refusal unless
``--force``) and its sentences are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sia_console.i18n import _
from sia_console.services.errors import ServiceError
from sia_console.storage.exports import (
    Existing,
    ExportExists,
    NoFreeName,
    export_path,
    export_paths,
    free_path,
)

__all__ = ["Existing", "ExportExists", "file_in", "named_file", "named_files", "replacing"]


def _refused(error: ExportExists | NoFreeName) -> ServiceError:
    if isinstance(error, ExportExists):
        return ServiceError(
            _(
                "{path} is already there and was left as it is; name another file, or add "
                "--force to replace it."
            ).format(path=error.path)
        )
    return ServiceError(
        _("Too many files named like {name} in {folder}.").format(
            name=error.path.name, folder=error.path.parent
        )
    )


def file_in(
    path: Path,
    *,
    name_for: Callable[[int], Path] | None = None,
    own: Callable[[Path], bool] | None = None,
) -> Path:
    """A file whose name the program chose: ``path``, or the next free `` (n)`` name."""
    try:
        return free_path(path, name_for=name_for, own=own)
    except NoFreeName as error:
        raise _refused(error) from error


def named_file(
    path: Path, existing: Existing, *, own: Callable[[Path], bool] | None = None
) -> Path:
    """A file named by the person: by the rule of ``existing`` when it is there (unless
    it is ``own``: this document's earlier export, brought up to date)."""
    try:
        return export_path(path, existing, own=own)
    except (ExportExists, NoFreeName) as error:
        raise _refused(error) from error


def named_files(paths: Sequence[Path], existing: Existing) -> list[Path]:
    """Files made together (a CSV report's tables), named after one the person named."""
    try:
        return export_paths(paths, existing)
    except (ExportExists, NoFreeName) as error:
        raise _refused(error) from error


def replacing(force: bool) -> Existing:
    """The command line's rule: a file named by ``--out`` that is already there is
    refused, or replaced with ``--force`` (a name chosen in a folder replaces nothing)."""
    return Existing.REPLACE if force else Existing.REFUSE
