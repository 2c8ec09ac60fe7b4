"""Bundles built as an attacker holding a trusted key would build them.

A forged bundle here is *correctly* signed by a real identity's key and encrypted to a
real recipient, with sia-console's own container writer: only its content is hostile.
So it passes every check of the file itself, and what refuses it (or not) is the import's
judgement of who may change what.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import select

from sia_console.bundles import container
from sia_console.bundles.records import to_plain
from sia_console.domain.models import Adviser, Installation, Trust
from sia_console.domain.records import SyncedRecord, new_id, utc_now
from sia_console.keys import material
from sia_console.services.identity import identity_keystore, require_identity
from sia_console.storage.database import Database

Records = dict[str, list[dict[str, Any]]]


def plain(record: SyncedRecord, **changes: Any) -> dict[str, Any]:
    """``record`` as bundle data, with ``changes`` made to it."""
    data = to_plain(record)
    data.update(changes)
    return data


def manifest_for(sender: Database, records: Records, **overrides: Any) -> dict[str, Any]:
    """The manifest sia-console would write for ``records`` (``overrides`` replace keys)."""
    with sender.session() as s:
        me = require_identity(s)
        installation = s.get(Installation, 1)
        peers = [a.id for a in s.exec(select(Adviser).where(Adviser.id == Trust.adviser_id)).all()]
        manifest: dict[str, Any] = {
            "bundle_id": new_id(),
            "sender": {
                "id": me.id,
                "name": me.name,
                "role": str(me.role),
                "fingerprint": me.fingerprint,
                "installation_id": installation.installation_id if installation else "",
            },
            "recipients": sorted(peers),
            "created_at": utc_now().isoformat(),
            "range": {"since": "", "until": "", "full": True},
            "counts": {table: len(rows) for table, rows in records.items()},
            "drafts": 0,
        }
    manifest.update(overrides)
    return manifest


def forge(
    sender: Database,
    out: Path,
    records: Records,
    *,
    manifest: dict[str, Any] | None = None,
    payload: dict[str, Any] | None = None,
) -> Path:
    """Write a bundle of ``records`` signed by ``sender``, encrypted to its trusted peers."""
    with sender.session() as s:
        me = require_identity(s)
        keys = identity_keystore(s)
        recipients = [
            a.encryption_key
            for a in s.exec(select(Adviser).where(Adviser.id == Trust.adviser_id)).all()
        ] + [me.encryption_key]
        signing = keys.get(material.SIGNING_KEY_NAME)
    data = container.seal(
        manifest if manifest is not None else manifest_for(sender, records),
        payload if payload is not None else {"records": records},
        signing_private=signing,
        recipients=recipients,
    )
    out.write_bytes(data)
    return out
