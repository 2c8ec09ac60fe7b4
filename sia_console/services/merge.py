"""Merge incoming synced records into this database, keeping every losing version.

The winner between two versions of one record is deterministic, so every database that
sees the same versions ends in the same state whatever the order of import:

1. a finalised note of visit beats a draft of it (a final note is never undone by sync);
2. otherwise the higher hybrid-logical-clock version wins (its installation id breaks
   ties).

When the two versions were last written by different installations, the loser is kept
in the ``conflict`` table for a person to compare; nothing is dropped silently. A version
superseded by a later one from the same installation is simply history.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from sia_console.bundles.records import columns, to_plain
from sia_console.domain.enums import NoteStatus
from sia_console.domain.models import Conflict, NoteOfVisit, School, Setting
from sia_console.domain.records import SyncedRecord


@dataclass
class MergeCounts:
    """What one import did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    id_map: dict[str, str] = field(default_factory=dict)


def _rank(record: SyncedRecord) -> tuple[int, str]:
    final = isinstance(record, NoteOfVisit) and record.status == NoteStatus.FINAL
    return (1 if final else 0, record.hlc)


_STAMPS = frozenset({"created_at", "updated_at", "hlc", "origin"})


def _same_content(a: SyncedRecord, b: SyncedRecord) -> bool:
    """True when two versions say the same thing (their stamps aside)."""
    left, right = to_plain(a), to_plain(b)
    return all(left[k] == right[k] for k in left if k not in _STAMPS)


def _keep_loser(
    session: Session,
    loser: SyncedRecord,
    winner: SyncedRecord,
    bundle_id: str,
    counts: MergeCounts,
    *,
    identical: bool = False,
) -> None:
    """Keep a losing version once; an identical one is kept already resolved.

    Remembering identical losers too is what makes a replay idempotent: a version seen
    once is never reported as a new conflict when the same bundle comes again.
    """
    table = type(loser).__tablename__
    kept = session.exec(
        select(Conflict.losing_hlc).where(
            Conflict.table_name == table, Conflict.record_id == loser.id
        )
    ).all()
    node = loser.hlc.rsplit(".", 1)[-1]
    # A version already kept, or older than one kept from the same installation (its own
    # history, superseded there), is not a new conflict.
    if any(h.rsplit(".", 1)[-1] == node and h >= loser.hlc for h in kept):
        return
    session.add(
        Conflict(
            table_name=str(table),
            record_id=loser.id,
            losing_hlc=loser.hlc,
            winning_hlc=winner.hlc,
            losing_version=json.dumps(to_plain(loser), ensure_ascii=False),
            bundle_id=bundle_id,
            resolved_at=winner.updated_at if identical else None,
        )
    )
    if not identical:
        counts.conflicts += 1


_NATURAL_KEYS: dict[type[SyncedRecord], str] = {School: "code", Setting: "key"}
"""Tables whose rows are also unique by a natural key: two installations may each have
created "the same" school from the same spreadsheet under different ids."""

_SCHOOL_REFERENCES = ("school_id",)


def _remap(incoming: SyncedRecord, counts: MergeCounts) -> None:
    for name in _SCHOOL_REFERENCES:
        value = getattr(incoming, name, None)
        if isinstance(value, str) and value in counts.id_map:
            setattr(incoming, name, counts.id_map[value])


def merge_record(
    session: Session, incoming: SyncedRecord, bundle_id: str, counts: MergeCounts
) -> None:
    """Merge one validated, detached record (its id already remapped if needed)."""
    model = type(incoming)
    _remap(incoming, counts)
    local = session.get(model, incoming.id)
    natural = _NATURAL_KEYS.get(model)
    if local is None and natural is not None:
        value = getattr(incoming, natural)
        local = session.exec(select(model).where(getattr(model, natural) == value)).first()
        if local is not None:
            counts.id_map[incoming.id] = local.id
            incoming.id = local.id
    if local is None:
        session.add(incoming)
        counts.added += 1
        return
    if local.hlc == incoming.hlc:
        counts.unchanged += 1
        return
    incoming_wins = _rank(incoming) > _rank(local)
    winner, loser = (incoming, local) if incoming_wins else (local, incoming)
    if local.origin != incoming.origin:
        identical = _same_content(local, incoming)
        _keep_loser(session, _detached_copy(loser), winner, bundle_id, counts, identical=identical)
    if not incoming_wins:
        counts.unchanged += 1
        return
    for name in columns(model):
        if name != "id" and getattr(local, name) != getattr(incoming, name):
            setattr(local, name, getattr(incoming, name))
    session.add(local)
    counts.updated += 1


def _detached_copy(record: SyncedRecord) -> SyncedRecord:
    values: dict[str, Any] = {name: getattr(record, name) for name in columns(type(record))}
    return type(record).model_construct(**values)
