"""Export the report for the standards board (the CLI and the TUI share this).

Three formats of the same tables (:mod:`sia_console.formats.authority_report`):

* ``docx`` — the Word report in the house style of the authority's template (the
  ``docx_template`` setting), with a first page of headline figures and charts;
* ``xlsx`` — one workbook, a sheet per table;
* ``csv`` — one file per table, named ``<name>-<table>.csv`` beside the file asked
  for (``report.csv`` → ``report-coverage.csv``, ``report-risk.csv`` …).

Every file is written atomically, never over a file already there (the export rule of
``services.export_files``: in a folder, the next free name; a file named by the person,
by ``existing``); a failure is one sentence naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from sqlmodel import Session

from sia_console.domain.document_language import interface_document_language
from sia_console.i18n import _, in_language
from sia_console.services.authority.board import BoardReport, board_report
from sia_console.services.errors import InvalidInput, ServiceError
from sia_console.services.export_files import Existing, named_file, named_files
from sia_console.services.identity import require_identity
from sia_console.services.settings import load_settings
from sia_console.storage.atomic import atomic_output

FORMATS = ("docx", "xlsx", "csv")

Progress = Callable[[int, int], None]


def report_format(out: Path, chosen: str | None) -> str:
    """The format asked for, else the one the file name implies, else Word."""
    implied = out.suffix.lower().lstrip(".")
    fmt = (chosen or (implied if implied in FORMATS else "docx")).lower()
    if fmt not in FORMATS:
        raise InvalidInput(_("Unknown report format {fmt}; use docx, xlsx or csv.").format(fmt=fmt))
    return fmt


def default_report_name(today: date, fmt: str = "docx") -> str:
    """``authority-summary-2026-11-23.docx``."""
    return f"authority-summary-{today.isoformat()}.{fmt}"


def csv_paths(target: Path, keys: list[str]) -> list[Path]:
    """``report.csv`` → ``report-coverage.csv``, ``report-risk.csv`` … (one per table)."""
    stem = target.stem if target.suffix.lower() == ".csv" else target.name
    return [target.with_name(f"{stem}-{key}.csv") for key in keys]


def export_authority_report(
    session: Session,
    out: Path,
    *,
    today: date,
    fmt: str | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    existing: Existing = Existing.NEW_NAME,
) -> Path:
    """Write the report to ``out`` (a file, or a folder for it); the first file written."""
    return export_authority_files(
        session, out, today=today, fmt=fmt, progress=progress, now=now, existing=existing
    )[0]


def export_authority_files(
    session: Session,
    out: Path,
    *,
    today: date,
    fmt: str | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    existing: Existing = Existing.NEW_NAME,
) -> list[Path]:
    """Write the report to ``out``; every file written (several for CSV), in order.

    The report is for no one school: its words are in the interface language
    (:func:`interface_document_language`), whichever thread writes it. In a folder, the
    report takes its name for the day, or the next free one; a file ``out`` that is
    already there is dealt with by ``existing``.
    """
    with in_language(interface_document_language()):
        return _export_files(
            session, out, today=today, fmt=fmt, progress=progress, now=now, existing=existing
        )


def _export_files(
    session: Session,
    out: Path,
    *,
    today: date,
    fmt: str | None,
    progress: Progress | None,
    now: datetime | None,
    existing: Existing,
) -> list[Path]:
    from sia_console.formats import authority_report

    report = progress or (lambda _done, _total: None)
    require_identity(session)  # the report is the core lead's; an SIA's covers itself
    chosen = report_format(out, fmt)
    in_folder = out.is_dir()
    target = out / default_report_name(today, chosen) if in_folder else out
    rule = Existing.NEW_NAME if in_folder else existing
    made = now or datetime.now(UTC)
    report(0, 2)
    data = board_report(session, today)
    report(1, 2)
    if chosen == "csv":
        files = authority_report.csv_files(data)
        paths = named_files(csv_paths(target, [key for key, _bytes in files]), rule)
        for path, (_key, content) in zip(paths, files, strict=True):
            _write(path, _bytes_writer(content))
        report(2, 2)
        return paths
    target = named_file(target, rule)
    if chosen == "xlsx":
        _write(target, lambda handle: authority_report.write_xlsx(data, handle, made=made))
    else:
        template = _template(session)
        _write(
            target,
            lambda handle: authority_report.write_docx(data, handle, template=template, made=made),
        )
    report(2, 2)
    return [target]


def board_data(session: Session, today: date) -> BoardReport:
    """The report's data, for a caller that lays it out itself (bench/, tests)."""
    return board_report(session, today)


def _bytes_writer(content: bytes) -> Callable[[IO[bytes]], object]:
    return lambda handle: handle.write(content)


def _template(session: Session) -> bytes:
    from sia_console.formats.docx_template import TemplateError, load_template

    configured = str(load_settings(session).docx_template or "").strip()
    try:
        return load_template(Path(configured).expanduser() if configured else None)
    except TemplateError as exc:
        raise ServiceError(str(exc)) from exc


def _write(target: Path, writer: Callable[[IO[bytes]], object]) -> None:
    try:
        with atomic_output(target, mode=0o600) as handle:
            writer(handle)
    except OSError as exc:
        raise ServiceError(
            _("Cannot write {path}: {reason}.").format(
                path=target, reason=exc.strerror or type(exc).__name__
            )
        ) from exc
