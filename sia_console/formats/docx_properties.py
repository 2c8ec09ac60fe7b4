"""Honest package properties for every Word document sia-console writes.

python-docx starts from a template made by Word for the Mac in 2013: its ``app.xml``
says the document was written by "Microsoft Macintosh Word" 14, and it carries a
thumbnail of a blank page that file browsers show instead of the first page. Whatever
template an export starts from (the shipped one, an authority's own), the document it
writes says what made it — ``sia-console`` and its version — and has no thumbnail, so a
file browser draws the real first page or nothing.

Core properties (title, author, dates) are each writer's own business; the dates they
set are the moment of the export, in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from sia_console import __version__

APPLICATION = "sia-console"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"


def app_version(version: str = __version__) -> str:
    """The version in the ``XX.YYYY`` form ``app.xml`` requires: ``0.1.0`` → ``00.0100``."""
    parts = [int(p) if p.isdigit() else 0 for p in version.split(".")[:3]] + [0, 0, 0]
    major, minor, patch = parts[:3]
    return f"{min(major, 99):02d}.{min(minor, 99):02d}{min(patch, 99):02d}"


def _app_xml(title: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties">'
        f"<Application>{APPLICATION}</Application>"
        "<DocSecurity>0</DocSecurity>"
        f"<Company>{escape(title)}</Company>"
        "<LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc>"
        f"<AppVersion>{app_version()}</AppVersion>"
        "</Properties>"
    ).encode()


def honest_package(document: Any, organisation: str = "") -> None:
    """Name sia-console as the application, drop the thumbnail (see the module)."""
    package = document.part.package
    rels = package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype == THUMBNAIL:
            del rels[rid]
            rels._target_parts_by_rId.pop(rid, None)
        elif rel.reltype == EXTENDED and not rel.is_external:
            rel.target_part._blob = _app_xml(organisation)


def stamp(document: Any, made: datetime) -> None:
    """Created and modified: the moment of the export (naive UTC, as python-docx wants)."""
    moment = made.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    core = document.core_properties
    core.created = core.modified = moment
    core.revision = 1
