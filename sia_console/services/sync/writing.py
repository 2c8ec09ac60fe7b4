"""Writing a bundle: seal the records for its recipients, write the file atomically, read
it back and verify it, and only then record the export (its watermark).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from sia_console.bundles import container
from sia_console.bundles.container import BundleError
from sia_console.bundles.records import to_plain
from sia_console.domain.enums import BundleDirection, NoteStatus
from sia_console.domain.models import (
    Adviser,
    BundleLog,
    Installation,
    NoteOfVisit,
)
from sia_console.domain.records import SyncedRecord, new_id, utc_now
from sia_console.i18n import _
from sia_console.keys import material
from sia_console.keys.store import KeyStore
from sia_console.services.errors import ServiceError
from sia_console.storage.atomic import atomic_write_bytes

Progress = Callable[[int, int], None]
Changes = dict[str, list[SyncedRecord]]


@dataclass(frozen=True)
class WrittenBundle:
    """One bundle file written."""

    path: Path
    bundle_id: str
    records: int
    counts: dict[str, int]
    drafts: int
    recipients: list[str]
    """The names of the people it is for."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "path": str(self.path),
            "bundle_id": self.bundle_id,
            "records": self.records,
            "counts": self.counts,
            "drafts": self.drafts,
            "recipients": self.recipients,
        }


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote: one bundle (an adviser's) or one per adviser (a core lead's)."""

    path: Path
    """The bundle written, or the folder of a core lead's bundles."""
    bundles: list[WrittenBundle] = field(default_factory=list)

    @property
    def bundle_id(self) -> str:
        """The id of the bundle written (the first, when there are several)."""
        return self.bundles[0].bundle_id if self.bundles else ""

    @property
    def records(self) -> int:
        """Records written, in all."""
        return sum(bundle.records for bundle in self.bundles)

    @property
    def counts(self) -> dict[str, int]:
        """Records written by table, in all."""
        totals: dict[str, int] = {}
        for bundle in self.bundles:
            for table, count in bundle.counts.items():
                totals[table] = totals.get(table, 0) + count
        return totals

    @property
    def drafts(self) -> int:
        """Notes of visit still in draft, in all."""
        return sum(bundle.drafts for bundle in self.bundles)

    @property
    def recipients(self) -> list[str]:
        """Everyone a bundle was written for."""
        return [name for bundle in self.bundles for name in bundle.recipients]

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "path": str(self.path),
            "records": self.records,
            "bundle_id": self.bundle_id,
            "counts": self.counts,
            "drafts": self.drafts,
            "recipients": self.recipients,
            "bundles": [bundle.as_dict() for bundle in self.bundles],
        }


def installation_of(session: Session) -> str:
    """This database's installation id (the manifest names it)."""
    installation = session.get(Installation, 1)
    return installation.installation_id if installation else ""


@dataclass(frozen=True)
class Sender:
    """Who writes a bundle, with what key, and how (all changes, or since the watermark)."""

    me: Adviser
    keystore: KeyStore
    full: bool = False
    progress: Progress | None = None


def write_bundle(
    session: Session,
    sender: Sender,
    out: Path,
    changes: Changes,
    peers: list[Adviser],
    *,
    since: str,
    log_peer: Adviser | None = None,
) -> WrittenBundle:
    """Seal ``changes`` for ``peers``, write, read back and verify, and log the export
    (under ``log_peer``: a core lead keeps a watermark for each adviser)."""
    me, keystore, full, progress = sender.me, sender.keystore, sender.full, sender.progress
    peer = log_peer
    total = sum(len(rows) for rows in changes.values())
    payload: dict[str, Any] = {"records": {}}
    done = 0
    top = ""
    for table, rows in changes.items():
        plain_rows = []
        for row in rows:
            plain_rows.append(to_plain(row))
            top = max(top, row.hlc) if row.hlc > since else top
            done += 1
            if progress and done % 500 == 0:
                progress(done, total)
        payload["records"][table] = plain_rows
    if progress:
        progress(total, total)
    drafts = sum(
        1
        for row in changes.get(str(NoteOfVisit.__tablename__), [])
        if isinstance(row, NoteOfVisit) and row.status == NoteStatus.DRAFT
    )
    bundle_id = new_id()
    counts = {table: len(rows) for table, rows in changes.items()}
    manifest = {
        "bundle_id": bundle_id,
        "sender": {
            "id": me.id,
            "name": me.name,
            "role": str(me.role),
            "fingerprint": me.fingerprint,
            "installation_id": installation_of(session),
        },
        "recipients": sorted(p.id for p in peers),
        "created_at": utc_now().isoformat(),
        "range": {"since": since, "until": top or since, "full": full},
        "counts": counts,
        "drafts": drafts,
    }
    data = container.seal(
        manifest,
        payload,
        signing_private=keystore.get(material.SIGNING_KEY_NAME),
        recipients=[p.encryption_key for p in peers] + [me.encryption_key],
    )
    try:
        atomic_write_bytes(out, data, mode=0o600)
    except OSError as exc:
        raise ServiceError(
            _("Cannot write {path}: {reason}.").format(path=out, reason=exc.strerror)
        ) from exc
    try:
        check = container.open_file(out, [keystore.get(material.ENCRYPTION_KEY_NAME)])
        if not check.verify(me.signing_key) or check.bundle_id != bundle_id:
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
            direction=BundleDirection.EXPORT,
            peer_id=peer.id if peer is not None else None,
            file_name=out.name,
            records=total,
            watermark=top or since,
            status="written",
        )
    )
    return WrittenBundle(
        path=out,
        bundle_id=bundle_id,
        records=total,
        counts=counts,
        drafts=drafts,
        recipients=[p.name for p in peers],
    )
