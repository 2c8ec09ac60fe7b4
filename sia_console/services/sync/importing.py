"""Importing bundles: each file whole or not at all, every file reported.

For one file, in this order (see ``docs/bundle-format.md``): open it with this
identity's key (:mod:`sia_console.bundles.container` reads what comes before the
signature with caps); find its sender among the *trusted* identities and check the
signature with the key recorded when they were trusted; refuse a bundle made more than a
day in the future; read every record strictly (types, limits, clocks no more than a day
ahead); check every record against who may change what (:mod:`.ledger`); then merge them
all in one transaction. Any refusal is one sentence naming the file, and changes nothing.

A folder of forty bundles is forty imports: a file that fails, even in a way nobody
foresaw, is reported as rejected and the next one is imported.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from sia_console.bundles import container
from sia_console.bundles.container import BundleError
from sia_console.bundles.records import MAX_RECORDS, TABLES, RecordError, from_plain
from sia_console.domain.enums import BundleDirection
from sia_console.domain.hlc import MAX_AHEAD_MS, ClockError, Version
from sia_console.domain.models import ASSIGNMENT_FIELDS, Adviser, BundleLog, School, Trust
from sia_console.domain.records import SyncedRecord, london
from sia_console.domain.rights import Refusal
from sia_console.domain.text import shown_name
from sia_console.i18n import _, ngettext
from sia_console.keys import material
from sia_console.keys.errors import KeysLocked, KeyStoreError
from sia_console.services.errors import ServiceError
from sia_console.services.identity import identity_keystore, require_identity
from sia_console.services.sync.caseload import (
    Reassignment,
    left_caseload,
    link_schools,
    reassigned_sentences,
)
from sia_console.services.sync.ledger import BundleCheck, Incoming, check_bundle
from sia_console.services.sync.merge import MergeCounts, merge_record
from sia_console.storage.errors import StorageError
from sia_console.storage.stamping import CLOCK_KEY, PRESERVE_KEY

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


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
    settled: int = 0
    """Conflicts here that the sender had settled on their laptop (closed by this import)."""
    bundle_id: str | None = None
    sender: str | None = None
    ignored: dict[str, int] = field(default_factory=dict)
    """Records by table set aside, in whole or in part, as the sender may not change them
    here (a school's details written by an adviser who is not its link adviser here)."""
    duplicate: bool = False
    """True when this very bundle (by id) was imported before: nothing was applied."""
    reassigned: list[Reassignment] = field(default_factory=list)
    """This adviser's link schools that the bundle gave to another adviser."""

    @property
    def ignored_total(self) -> int:
        """Records set aside, in all."""
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
            "settled": self.settled,
            "bundle_id": self.bundle_id,
            "sender": self.sender,
            "duplicate": self.duplicate,
            "ignored": self.ignored_total,
            "ignored_by_kind": dict(self.ignored),
            "reassigned": [school.as_dict() for school in self.reassigned],
        }


def _installation(opened: container.OpenedBundle) -> str | None:
    """The sender's installation as the header names it (its versions' origin)."""
    value = opened.sender.get("installation_id")
    return value if isinstance(value, str) and len(value) <= 36 else None


def _now_millis() -> int:
    return time.time_ns() // 1_000_000


def _sender(session: Session, opened: container.OpenedBundle) -> Adviser:
    """The trusted identity that signed the bundle; a sentence if none did."""
    claimed = opened.sender
    peer = session.get(Adviser, claimed["id"])
    if peer is None or session.get(Trust, peer.id) is None:
        raise BundleError(
            _("it is signed as {name}, who is not a trusted identity here").format(
                name=shown_name(claimed["name"] or claimed["id"])
            )
        )
    if not opened.verify(peer.signing_key):
        raise BundleError(
            _("its signature is not {name}'s; it was altered or forged").format(
                name=shown_name(peer.name)
            )
        )
    return peer


def _latest_millis(opened: container.OpenedBundle, now_millis: int) -> int:
    """The latest believable time for the bundle's clocks: its making, if not in the future."""
    made = int(opened.created_at.timestamp() * 1000)
    if made > now_millis + MAX_AHEAD_MS:
        raise BundleError(
            _(
                "it says it was made on {day}, more than a day from now; the sender's clock "
                "is wrong, so its changes cannot be ordered"
            ).format(day=opened.created_at.astimezone(UTC).date().isoformat())
        )
    return min(made, now_millis)


def read_records(opened: container.OpenedBundle, latest_millis: int) -> Incoming:
    """Every record of a verified bundle, validated, by table (in foreign-key order)."""
    records = opened.payload["records"]
    unknown = sorted(set(records) - set(TABLES))
    if unknown:
        raise RecordError(_("unknown record kind {table}").format(table=shown_name(unknown[0])))
    count = sum(len(rows) for rows in records.values())
    if count > MAX_RECORDS:
        raise RecordError(_("it holds more than {limit} records").format(limit=MAX_RECORDS))
    incoming: Incoming = {}
    for table, model in TABLES.items():
        rows = records.get(table, [])
        if not rows:
            continue
        by_id: dict[str, SyncedRecord] = {}
        for data in rows:
            record = from_plain(table, data, latest_millis=latest_millis)
            if record.id in by_id:
                raise RecordError(
                    _("it holds two {table} records with the id {id}").format(
                        table=table, id=record.id
                    )
                )
            by_id[record.id] = record
        incoming[model] = by_id
    return incoming


def _imported_before(session: Session, bundle_id: str) -> BundleLog | None:
    """The log of an earlier import of this bundle, if any (a bundle id is never reused)."""
    query = (
        select(BundleLog)
        .where(
            BundleLog.bundle_id == bundle_id,
            BundleLog.direction == BundleDirection.IMPORT,
            BundleLog.status == "imported",
        )
        .order_by(col(BundleLog.at))
    )
    return session.exec(query).first()


def _record_count(opened: container.OpenedBundle) -> int:
    try:
        return sum(len(rows) for rows in opened.payload["records"].values())
    except BundleError:
        return 0


def _school_to_merge(
    session: Session, school: School, check: BundleCheck, ignored: dict[str, int]
) -> School | None:
    """The part of an adviser's school record that may change here (``None``: none)."""
    plan = check.school_plans.get(school.id)
    if plan is None:
        return school
    ignored["school"] = ignored.get("school", 0) + 1
    if plan.details:
        return None  # its details may not change here, and its assignment never wins
    here = session.get(School, check.school_ids.get(school.id, school.id))
    if here is None:
        return None
    for name in ASSIGNMENT_FIELDS:
        setattr(school, name, getattr(here, name))
    return school


def _merge(
    session: Session, incoming: Incoming, check: BundleCheck, bundle_id: str, sender_id: str
) -> tuple[MergeCounts, dict[str, int]]:
    counts = MergeCounts(sender_id=sender_id)
    counts.id_map.update(check.school_ids)
    ignored: dict[str, int] = {}
    top = ""
    for records in incoming.values():
        for record in records.values():
            merging: SyncedRecord | None = record
            if isinstance(record, Adviser) and record.id in check.people_as_here:
                counts.unchanged += 1
                continue
            if isinstance(record, School):
                merging = _school_to_merge(session, record, check, ignored)
            if merging is None:
                continue
            top = max(top, merging.hlc)
            merge_record(session, merging, bundle_id, counts)
        session.flush()
    clock = session.info.get(CLOCK_KEY)
    if clock is not None and top:
        clock.observe(Version.parse(top), _now_millis())
    return counts, ignored


def import_file(
    session: Session,
    path: Path,
    *,
    now_millis: int | None = None,
    passphrase: str | None = None,
) -> ImportResult:
    """Import one bundle whole, or reject it and change nothing.

    Keys still locked (no passphrase for the key file) are no fault of the file:
    :class:`KeysLocked` is raised, for the whole import.
    """
    me = require_identity(session)
    result = ImportResult(file=str(path), status="rejected")
    try:
        keystore = identity_keystore(session, passphrase=passphrase)
        opened = container.open_file(path, [keystore.get(material.ENCRYPTION_KEY_NAME)])
    except KeysLocked:
        raise
    except (BundleError, KeyStoreError) as exc:
        result.reason = str(exc)
        return result
    try:
        sender = _sender(session, opened)
        result.bundle_id, result.sender = opened.bundle_id, sender.name
        latest = _latest_millis(opened, now_millis if now_millis is not None else _now_millis())
        earlier = _imported_before(session, opened.bundle_id)
        if earlier is not None:
            result.status, result.duplicate = "imported", True
            result.unchanged = _record_count(opened)
            result.reason = _("Already imported on {day}; nothing changed.").format(
                day=london(earlier.at).date().isoformat()
            )
            return result
        incoming = read_records(opened, latest)
        check = check_bundle(session, me, sender, incoming)
    except (BundleError, RecordError, Refusal) as exc:
        result.reason = _("{path}: {reason}.").format(path=shown_name(path.name), reason=exc)
        return result
    mine = link_schools(session, me.id)
    savepoint = session.begin_nested()
    session.info[PRESERVE_KEY] = True
    try:
        counts, ignored = _merge(session, incoming, check, opened.bundle_id, sender.id)
        session.add(
            BundleLog(
                bundle_id=opened.bundle_id,
                direction=BundleDirection.IMPORT,
                peer_id=sender.id,
                file_name=path.name[:1024],
                records=counts.added + counts.updated + counts.unchanged,
                installation_id=_installation(opened),
                status="imported",
            )
        )
        session.flush()
        savepoint.commit()
    except (RecordError, IntegrityError, ClockError, ValueError) as exc:
        savepoint.rollback()
        reason = str(exc)
        if isinstance(exc, IntegrityError):
            reason = _("a record refers to something missing or duplicates another")
        result.reason = _("{path}: {reason}.").format(path=shown_name(path.name), reason=reason)
        return result
    finally:
        session.info[PRESERVE_KEY] = False
    result.status = "imported"
    result.added, result.updated = counts.added, counts.updated
    result.unchanged, result.conflicts = counts.unchanged, counts.conflicts
    result.settled = counts.settled
    result.ignored = ignored
    result.reassigned = left_caseload(session, me.id, mine)
    result.reason = " ".join(
        filter(None, [ignored_reason(ignored), *reassigned_sentences(result.reassigned)])
    )
    return result


def ignored_reason(ignored: dict[str, int]) -> str:
    """One sentence per kind of record set aside by an import, or ``""``."""
    schools = ignored.get("school", 0)
    if not schools:
        return ""
    return ngettext(
        "{count} school's details were left as they are here: only the core lead and the "
        "school's link adviser change them.",
        "{count} schools' details were left as they are here: only the core lead and each "
        "school's link adviser change them.",
        schools,
    ).format(count=schools)


def _unexpected(path: Path, exc: BaseException) -> ImportResult:
    """A file that failed in a way nobody foresaw: rejected, logged without its content."""
    log.error(
        "bundle import failed: %s at %s",
        type(exc).__name__,
        " < ".join(f"{frame.name}:{frame.lineno}" for frame in _frames(exc)),
    )
    return ImportResult(
        file=str(path),
        status="rejected",
        reason=_("{path}: it could not be read ({kind}); nothing was changed.").format(
            path=shown_name(path.name), kind=type(exc).__name__
        ),
    )


def _frames(exc: BaseException) -> list[traceback.FrameSummary]:
    return list(reversed(traceback.extract_tb(exc.__traceback__)))[:8]


def import_files(
    open_session: Callable[[], AbstractContextManager[Session]],
    paths: Sequence[Path],
    progress: Progress | None = None,
    passphrase: str | None = None,
) -> list[ImportResult]:
    """Import each file in its own transaction; ``open_session`` gives one per file.

    Every file gets a result, in order; one that fails for any reason is rejected and the
    next is imported all the same.
    """
    results = []
    for index, path in enumerate(paths, start=1):
        try:
            with open_session() as session:
                results.append(import_file(session, path, passphrase=passphrase))
        except (ServiceError, StorageError, OperationalError, KeysLocked):
            raise  # this database cannot take any import: one sentence for the whole command
        except (KeyStoreError, BundleError) as exc:
            results.append(ImportResult(file=str(path), status="rejected", reason=str(exc)))
        except Exception as exc:  # the last guard of a folder import: report, go on
            results.append(_unexpected(path, exc))
        if progress:
            progress(index, len(paths))
    return results
