"""Sync bundles: an adviser's changes to the core lead, a core lead's settings to advisers.

Export collects the synced records changed since the last export (all of them with
``full``), seals them (signed by this identity, encrypted to every trusted peer of the
other role and to this identity, so the file can be read back), writes the file
atomically, reads it back and verifies it before anything is recorded.

Import opens each file with this identity's key, checks the signature against a
*trusted* identity, validates every record, and merges the whole file in one
transaction or none of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from sia_console.bundles import container
from sia_console.bundles.container import BundleError
from sia_console.bundles.records import MAX_RECORDS, TABLES, RecordError, from_plain, to_plain
from sia_console.domain.enums import NoteStatus, Role
from sia_console.domain.hlc import Version
from sia_console.domain.models import (
    Adviser,
    BundleLog,
    CategoryChange,
    Installation,
    NoteOfVisit,
    School,
    Setting,
    Trust,
)
from sia_console.domain.records import SyncedRecord, london, new_id, utc_now
from sia_console.i18n import _, ngettext
from sia_console.keys import material
from sia_console.services.errors import InvalidInput, ServiceError
from sia_console.services.identity import identity_keystore, require_identity
from sia_console.services.merge import MergeCounts, merge_record
from sia_console.settings import MACHINE_SETTINGS
from sia_console.storage.atomic import atomic_write_bytes
from sia_console.storage.stamping import CLOCK_KEY, PRESERVE_KEY

EXPORT = "export"
IMPORT = "import"
CORE_LEAD_TABLES = (Setting, Adviser, School, CategoryChange)
"""What a core lead sends back to advisers: settings, people, link schools and the changes
of their categories."""
CORE_LEAD_ONLY = (Setting,)
"""Tables only a core lead's bundle may change: an adviser's bundle never carries them,
and a core lead ignores them in one (see ``_ignored``)."""
IDENTITY_FIELDS = (
    "name",
    "email",
    "role",
    "authority",
    "signing_key",
    "encryption_key",
    "fingerprint",
    "deleted",
)
"""What an identity card says about a person: never taken from a bundle for this
identity or a trusted one (keys and roles come only from ``identity trust``)."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    bundle_id: str
    records: int
    counts: dict[str, int]
    drafts: int
    recipients: list[str]

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "path": str(self.path),
            "records": self.records,
            "bundle_id": self.bundle_id,
            "counts": self.counts,
            "drafts": self.drafts,
            "recipients": self.recipients,
        }


@dataclass
class ImportResult:
    """The outcome of importing one file."""

    file: str
    status: str
    reason: str = ""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    bundle_id: str | None = None
    sender: str | None = None
    ignored: dict[str, int] = field(default_factory=dict)
    """Records by table that the sender may not change here, left out of the merge."""
    duplicate: bool = False
    """True when this very bundle (by id) was imported before: nothing was applied."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ignored_total(self) -> int:
        """Records left out of the merge, in all."""
        return sum(self.ignored.values())

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON (the contract's keys first)."""
        return {
            "file": self.file,
            "status": self.status,
            "reason": self.reason,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "bundle_id": self.bundle_id,
            "sender": self.sender,
            "duplicate": self.duplicate,
            "ignored": self.ignored_total,
            "ignored_by_kind": dict(self.ignored),
        }


def _recipients(session: Session, me: Adviser) -> list[Adviser]:
    wanted = Role.CORE_LEAD if me.role == Role.SIA else Role.SIA
    rows = session.exec(
        select(Adviser).where(Adviser.id == Trust.adviser_id, Adviser.role == wanted)
    ).all()
    return [row for row in rows if not row.deleted]


def _last_watermark(session: Session) -> str:
    row = session.exec(
        select(BundleLog).where(BundleLog.direction == EXPORT).order_by(col(BundleLog.at).desc())
    ).first()
    return row.watermark if row else ""


def pending_changes(session: Session, *, full: bool = False) -> dict[str, list[SyncedRecord]]:
    """The records the next export would carry, by table."""
    me = require_identity(session)
    since = "" if full else _last_watermark(session)
    if me.role == Role.CORE_LEAD:
        tables: tuple[type[SyncedRecord], ...] = CORE_LEAD_TABLES
    else:  # settings travel only from the core lead to advisers
        tables = tuple(model for model in TABLES.values() if model not in CORE_LEAD_ONLY)
    chosen: dict[str, list[SyncedRecord]] = {}
    for model in tables:
        query = select(model)
        if since:
            query = query.where(col(model.hlc) > since)
        rows = list(session.exec(query.order_by(col(model.hlc))).all())
        if model is Setting:  # paths on this computer stay here
            rows = [row for row in rows if getattr(row, "key", "") not in MACHINE_SETTINGS]
        if rows:
            chosen[str(model.__tablename__)] = rows
    return chosen


def export_bundle(
    session: Session, out: Path, *, full: bool = False, progress: Progress | None = None
) -> ExportSummary:
    """Write a bundle of this identity's changes to ``out`` (see module docstring)."""
    me = require_identity(session)
    peers = _recipients(session, me)
    if not peers:
        wanted = _("core lead") if me.role == Role.SIA else _("adviser")
        raise ServiceError(
            _("No trusted {role} to send a bundle to; run: sia-console identity trust CARD").format(
                role=wanted
            )
        )
    if out.is_dir():
        out = out / default_bundle_name(me)
    if not out.parent.is_dir():
        raise InvalidInput(_("The folder {folder} does not exist.").format(folder=out.parent))
    keystore = identity_keystore(session)
    records = pending_changes(session, full=full)
    total = sum(len(rows) for rows in records.values())
    payload: dict[str, Any] = {"records": {}}
    done = 0
    top = ""
    for table, rows in records.items():
        plain_rows = []
        for row in rows:
            plain_rows.append(to_plain(row))
            top = max(top, row.hlc)
            done += 1
            if progress and done % 500 == 0:
                progress(done, total)
        payload["records"][table] = plain_rows
    if progress:
        progress(total, total)
    drafts = sum(
        1
        for row in records.get(str(NoteOfVisit.__tablename__), [])
        if isinstance(row, NoteOfVisit) and row.status == NoteStatus.DRAFT
    )
    installation = session.get(Installation, 1)
    bundle_id = new_id()
    since = "" if full else _last_watermark(session)
    manifest = {
        "bundle_id": bundle_id,
        "sender": {
            "id": me.id,
            "name": me.name,
            "role": str(me.role),
            "fingerprint": me.fingerprint,
            "installation_id": installation.installation_id if installation else "",
        },
        "recipients": sorted(peer.id for peer in peers),
        "created_at": utc_now().isoformat(),
        "range": {"since": since, "until": top or since, "full": full},
        "counts": {table: len(rows) for table, rows in records.items()},
        "drafts": drafts,
    }
    data = container.seal(
        manifest,
        payload,
        signing_private=keystore.get(material.SIGNING_KEY_NAME),
        recipients=[peer.encryption_key for peer in peers] + [me.encryption_key],
    )
    try:
        atomic_write_bytes(out, data, mode=0o600)
    except OSError as exc:
        raise ServiceError(
            _("Cannot write {path}: {reason}.").format(path=out, reason=exc.strerror)
        ) from exc
    try:
        check = container.open_file(out, [keystore.get(material.ENCRYPTION_KEY_NAME)])
        if not check.verify(me.signing_key) or check.manifest.get("bundle_id") != bundle_id:
            raise BundleError(_("the written file does not verify"))
    except BundleError as exc:
        out.unlink(missing_ok=True)
        raise ServiceError(
            _(
                "The bundle written to {path} did not read back correctly and was removed: {reason}"
            ).format(path=out, reason=exc)
        ) from exc
    session.add(
        BundleLog(
            bundle_id=bundle_id,
            direction=EXPORT,
            peer_id=None,
            file_name=out.name,
            records=total,
            watermark=top or since,
            status="written",
        )
    )
    return ExportSummary(
        path=out,
        bundle_id=bundle_id,
        records=total,
        counts=manifest["counts"],  # type: ignore[arg-type]
        drafts=drafts,
        recipients=[peer.name for peer in peers],
    )


def default_bundle_name(me: Adviser) -> str:
    """``YYYY-MM-DD name.siabundle``, safe on every file system."""
    from sia_console.domain.filenames import safe_file_name

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H%M")
    return safe_file_name(f"{stamp} {me.name}", container.EXTENSION)


def _sender(session: Session, manifest: dict[str, Any], opened: container.OpenedBundle) -> Adviser:
    sender = manifest.get("sender")
    if not isinstance(sender, dict) or not isinstance(sender.get("id"), str):
        raise BundleError(_("its manifest does not name a sender"))
    peer = session.get(Adviser, sender["id"])
    trusted = peer is not None and session.get(Trust, peer.id) is not None
    if peer is None or not trusted:
        name = sender.get("name") if isinstance(sender.get("name"), str) else sender["id"]
        raise BundleError(
            _("it is signed as {name}, who is not a trusted identity here").format(name=name)
        )
    if not opened.verify(peer.signing_key):
        raise BundleError(
            _("its signature is not {name}'s; it was altered or forged").format(name=peer.name)
        )
    return peer


def _check_allowed(me: Adviser, sender: Adviser, table: str) -> None:
    if sender.role == Role.CORE_LEAD and table not in {
        str(model.__tablename__) for model in CORE_LEAD_TABLES
    }:
        raise RecordError(
            _("a core lead's bundle may not carry {table} records").format(table=table)
        )
    if sender.role == Role.SIA and me.role == Role.SIA:
        raise RecordError(_("an adviser's bundle is for a core lead, not another adviser"))


def _ignored(session: Session, me: Adviser, sender: Adviser, record: SyncedRecord) -> bool | None:
    """Whether ``record`` is left out of the merge: ``True`` ignored, ``None`` unchanged.

    A core lead takes no settings from an adviser (they flow from the core lead only), and
    nobody takes another computer's paths (``MACHINE_SETTINGS``).
    The record of this identity, or of a trusted one, is never taken from a bundle: its
    keys and role come from identity cards, so a bundle cannot swap a peer's signing key
    or role. Nor does an adviser's bundle change a person the core lead already knows (it
    may add one its records refer to). The same details as here count as unchanged,
    others as ignored.
    """
    from_adviser = me.role == Role.CORE_LEAD and sender.role == Role.SIA
    if isinstance(record, Setting) and (from_adviser or record.key in MACHINE_SETTINGS):
        return True
    if isinstance(record, Adviser):
        local = me if record.id == me.id else None
        if local is None and (from_adviser or session.get(Trust, record.id) is not None):
            local = session.get(Adviser, record.id)
        if local is not None:
            same = all(getattr(local, name) == getattr(record, name) for name in IDENTITY_FIELDS)
            return None if same else True
    return False


def _apply(
    session: Session,
    me: Adviser,
    sender: Adviser,
    opened: container.OpenedBundle,
    ignored: dict[str, int],
) -> MergeCounts:
    records = opened.payload.get("records")
    if not isinstance(records, dict):
        raise RecordError(_("the payload holds no records"))
    unknown = sorted(set(records) - set(TABLES))
    if unknown:
        raise RecordError(_("unknown record kind {table}").format(table=unknown[0]))
    count = sum(len(rows) for rows in records.values() if isinstance(rows, list))
    if count > MAX_RECORDS:
        raise RecordError(_("it holds more than {limit} records").format(limit=MAX_RECORDS))
    counts = MergeCounts()
    bundle_id = str(opened.manifest.get("bundle_id", ""))
    clock = session.info.get(CLOCK_KEY)
    top = ""
    for table in TABLES:
        rows = records.get(table, [])
        if not isinstance(rows, list):
            raise RecordError(_("the {table} records are not a list").format(table=table))
        if rows:
            _check_allowed(me, sender, table)
        for data in rows:
            record = from_plain(table, data)
            skip = _ignored(session, me, sender, record)
            if skip is None:
                counts.unchanged += 1
                continue
            if skip:
                ignored[table] = ignored.get(table, 0) + 1
                continue
            top = max(top, record.hlc)
            merge_record(session, record, bundle_id, counts)
        session.flush()
    if clock is not None and top:
        clock.observe(Version.parse(top), time.time_ns() // 1_000_000)
    return counts


def import_file(session: Session, path: Path) -> ImportResult:
    """Import one bundle whole, or reject it and change nothing."""
    me = require_identity(session)
    keystore = identity_keystore(session)
    result = ImportResult(file=str(path), status="rejected")
    try:
        opened = container.open_file(path, [keystore.get(material.ENCRYPTION_KEY_NAME)])
    except BundleError as exc:
        result.reason = str(exc)
        return result
    try:
        sender = _sender(session, opened.manifest, opened)
    except BundleError as exc:
        result.reason = _("{path}: {reason}.").format(path=path.name, reason=exc)
        return result
    result.bundle_id = str(opened.manifest.get("bundle_id") or "")
    result.sender = sender.name
    earlier = _imported_before(session, result.bundle_id)
    if earlier is not None:
        result.status, result.duplicate = "imported", True
        result.unchanged = _record_count(opened)
        result.reason = _("Already imported on {day}; nothing changed.").format(
            day=london(earlier.at).date().isoformat()
        )
        return result
    ignored: dict[str, int] = {}
    savepoint = session.begin_nested()
    session.info[PRESERVE_KEY] = True
    try:
        counts = _apply(session, me, sender, opened, ignored)
        session.add(
            BundleLog(
                bundle_id=result.bundle_id,
                direction=IMPORT,
                peer_id=sender.id,
                file_name=path.name,
                records=counts.added + counts.updated + counts.unchanged,
                status="imported",
            )
        )
        session.flush()
        savepoint.commit()
    except (RecordError, IntegrityError, ValueError) as exc:
        savepoint.rollback()
        reason = str(exc)
        if isinstance(exc, IntegrityError):
            reason = _("a record refers to something missing or duplicates another")
        result.reason = _("{path}: {reason}.").format(path=path.name, reason=reason)
        return result
    finally:
        session.info[PRESERVE_KEY] = False
    result.status = "imported"
    result.added, result.updated = counts.added, counts.updated
    result.unchanged, result.conflicts = counts.unchanged, counts.conflicts
    result.ignored = ignored
    result.reason = ignored_reason(ignored)
    return result


def _imported_before(session: Session, bundle_id: str) -> BundleLog | None:
    """The log of an earlier import of this bundle, if any (a bundle id is never reused)."""
    if not bundle_id:
        return None
    query = (
        select(BundleLog)
        .where(
            BundleLog.bundle_id == bundle_id,
            BundleLog.direction == IMPORT,
            BundleLog.status == "imported",
        )
        .order_by(col(BundleLog.at))
    )
    return session.exec(query).first()


def _record_count(opened: container.OpenedBundle) -> int:
    records = opened.payload.get("records")
    if not isinstance(records, dict):
        return 0
    return sum(len(rows) for rows in records.values() if isinstance(rows, list))


def ignored_reason(ignored: dict[str, int]) -> str:
    """One sentence per kind of record left out of an import, or ``""``."""
    sentences = []
    settings = ignored.get(str(Setting.__tablename__), 0)
    if settings:
        sentences.append(
            ngettext(
                "{count} setting ignored: settings come only from the core lead.",
                "{count} settings ignored: settings come only from the core lead.",
                settings,
            ).format(count=settings)
        )
    people = ignored.get(str(Adviser.__tablename__), 0)
    if people:
        sentences.append(
            ngettext(
                "{count} identity ignored: identities change only through identity cards.",
                "{count} identities ignored: identities change only through identity cards.",
                people,
            ).format(count=people)
        )
    return " ".join(sentences)


def import_files(
    open_session: Callable[[], Any], paths: Sequence[Path], progress: Progress | None = None
) -> list[ImportResult]:
    """Import each file in its own transaction; ``open_session`` gives one per file."""
    results = []
    for index, path in enumerate(paths, start=1):
        with open_session() as session:
            results.append(import_file(session, path))
        if progress:
            progress(index, len(paths))
    return results
