"""Export the authority summary for the standards board (the CLI and the TUI share this)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlmodel import Session

from sia_console.formats import authority_report
from sia_console.i18n import _
from sia_console.services.authority.summary import authority_summary
from sia_console.services.errors import InvalidInput, ServiceError
from sia_console.services.identity import require_identity
from sia_console.storage.atomic import atomic_output

FORMATS = ("docx", "csv")

Progress = Callable[[int, int], None]


def report_format(out: Path, chosen: str | None) -> str:
    """The format asked for, else the one the file name implies (.csv), else Word."""
    fmt = (chosen or ("csv" if out.suffix.lower() == ".csv" else "docx")).lower()
    if fmt not in FORMATS:
        raise InvalidInput(_("Unknown report format {fmt}; use docx or csv.").format(fmt=fmt))
    return fmt


def default_report_name(today: date, fmt: str = "docx") -> str:
    """``authority-summary-2026-11-23.docx``."""
    return f"authority-summary-{today.isoformat()}.{fmt}"


def export_authority_report(
    session: Session,
    out: Path,
    *,
    today: date,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the authority summary to ``out`` (a file, or a folder for it), atomically."""
    report = progress or (lambda _done, _total: None)
    require_identity(session)  # the report is the core lead's; an SIA's covers itself
    chosen = report_format(out, fmt)
    target = out / default_report_name(today, chosen) if out.is_dir() else out
    report(0, 2)
    summary = authority_summary(session, today)
    report(1, 2)
    writer = authority_report.write_csv if chosen == "csv" else authority_report.write_docx
    try:
        with atomic_output(target, mode=0o600) as handle:
            writer(summary, handle)
    except OSError as exc:
        raise ServiceError(
            _("Cannot write {path}: {reason}.").format(
                path=target, reason=exc.strerror or type(exc).__name__
            )
        ) from exc
    report(2, 2)
    return target
