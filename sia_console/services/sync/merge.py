"""Merge incoming synced records into this database, keeping every losing version.

The winner between two versions of one record is deterministic, so every database that
sees the same versions ends in the same state whatever the order of import:

1. a finalised note of visit beats a draft of it (a final note is never undone by sync);
2. otherwise the higher hybrid-logical-clock version wins (its installation id breaks
   ties).

When the two versions were last written by different installations, the loser is kept
in the ``conflict`` table for a person to compare; nothing is dropped silently. A version
superseded by a later one from the same installation is simply history.

One import may carry hundreds of thousands of records. Looking each one up on its own
(and flushing everything added before it, which such a look-up does) made importing
about ten times slower than inserting the rows. So once a bundle has brought more than a
few records of one table, the ids and clock versions of every row of that table are read
in one query (:class:`MergeCounts` keeps them for the rest of the import): a record not
there is added without a look-up, one there with the same version is unchanged without
one, and only a record that really differs is loaded and compared. New rows are then
written in batches (see "adding in bulk" below).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, event, insert, inspect
from sqlmodel import Session, col, select

from sia_console.bundles.records import columns, to_plain
from sia_console.domain.enums import NoteStatus
from sia_console.domain.hlc import Version
from sia_console.domain.lineage import (
    MAX_SETTLED,
    LineageError,
    known_with,
    knows,
    read_known,
    read_settled,
)
from sia_console.domain.models import (
    ASSIGNMENT_FIELDS,
    LINEAGE_FIELDS,
    SCHOOL_STAMPS,
    SYNCED_TABLES,
    CategoryChange,
    Conflict,
    NoteOfVisit,
    School,
    Setting,
    assignment_rank,
    category_change_id,
)
from sia_console.domain.records import SyncedRecord, london, utc_now
from sia_console.domain.school_versions import details_clock

INDEX_AFTER = 8
"""Records of one table merged one look-up at a time before the table's versions are read
at once: a small bundle never reads a large table whole."""


@dataclass
class MergeCounts:
    """What one import did (and what it knows of the tables, for the rest of the import)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    id_map: dict[str, str] = field(default_factory=dict)
    seen: dict[type[SyncedRecord], int] = field(default_factory=dict, repr=False)
    """Records merged so far, by table."""
    versions: dict[type[SyncedRecord], dict[str, str]] = field(default_factory=dict, repr=False)
    """Clock version by id of every row of a table, once read (kept current as records
    are added or updated)."""
    added_records: dict[tuple[type[SyncedRecord], str], SyncedRecord] = field(
        default_factory=dict, repr=False
    )
    """Records added to the session by this import, perhaps not flushed yet (look-ups do
    not flush)."""
    held: dict[type[SyncedRecord], SyncedRecord] = field(default_factory=dict, repr=False)
    """Per table, the pending record that queued rows wait on (see ``_add``)."""
    sender_id: str | None = None
    """Who sent the bundle: a settlement it carries is theirs."""
    settled: int = 0
    """Conflicts here that the sender's settlements closed."""

    def known_versions(self, session: Session, model: type[SyncedRecord]) -> dict[str, str] | None:
        """The versions of ``model``'s rows, read once enough of its records have come.

        Reading them flushes the session, so everything added before, of any table, is in
        the database before a row of ``model`` is written directly (see ``_add``).
        """
        versions = self.versions.get(model)
        if versions is None:
            self.seen[model] = self.seen.get(model, 0) + 1
            if self.seen[model] <= INDEX_AFTER:
                return None
            rows = session.exec(select(col(model.id), col(model.hlc))).all()
            versions = self.versions[model] = dict(rows)
        return versions


def _rank(record: SyncedRecord) -> tuple[int, str]:
    final = isinstance(record, NoteOfVisit) and record.status == NoteStatus.FINAL
    return (1 if final else 0, record.hlc)


_STAMPS = frozenset({"created_at", "updated_at", "hlc", "origin"})


def _same_content(a: SyncedRecord, b: SyncedRecord, *, aside: frozenset[str] = _STAMPS) -> bool:
    """True when two versions say the same thing (their stamps, or ``aside``, aside)."""
    left, right = to_plain(a), to_plain(b)
    return all(left[k] == right[k] for k in left if k not in aside)


_SCHOOL_ASIDE = _STAMPS | frozenset((*ASSIGNMENT_FIELDS, *LINEAGE_FIELDS))


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
    once is never reported as a new conflict when the same bundle comes again (even if
    the record has changed here since). Such a version was never a disagreement, so it
    is resolved the moment it is kept (``resolved_at == created_at``) and is not listed
    to people (see ``sync_status.list_conflicts``).
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
    now = utc_now()
    session.add(
        Conflict(
            table_name=str(table),
            record_id=loser.id,
            losing_hlc=loser.hlc,
            winning_hlc=winner.hlc,
            losing_version=json.dumps(to_plain(loser), ensure_ascii=False),
            bundle_id=bundle_id,
            created_at=now,
            resolved_at=now if identical else None,
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


# ------------------------------------------------------------------ adding in bulk
#
# Once a table's versions are known, a record new here is not handed to the ORM one by
# one (its bookkeeping for an object nobody will ask about again costs more than the
# INSERT): its row waits in a queue and queued rows are written with one executemany.
# The queue hangs on the first new record of the run, which *is* added to the session:
# the ORM writes the queue just before it inserts that record ("before_insert"), so the
# queued rows reach the database with any flush or commit that would have written them
# as objects, and never without it (a rolled-back record takes its queue with it).

BATCH = 1000
"""Queued rows written together."""
_QUEUE = "sia_merge_queue"


@cache
def _insert(model: type[SyncedRecord]) -> Insert:
    """``INSERT INTO`` the table (one statement object, so compiled once)."""
    return insert(model.__table__)  # type: ignore[attr-defined]


def _write_queue(_mapper: Any, connection: Connection, target: SyncedRecord) -> None:
    queue = inspect(target).info.pop(_QUEUE, None)
    if queue:
        connection.execute(_insert(type(target)), queue)


for _model in SYNCED_TABLES:
    event.listen(_model, "before_insert", _write_queue)


def _queue(counts: MergeCounts, model: type[SyncedRecord]) -> list[Any] | None:
    """The rows of ``model`` waiting to be written, if its first new record is still pending."""
    held = counts.held.get(model)
    if held is None:
        return None
    state = inspect(held)
    if not state.pending:
        del counts.held[model]
        return None
    queue: list[Any] = state.info.setdefault(_QUEUE, [])
    return queue


def _write_queued(session: Session, counts: MergeCounts, model: type[SyncedRecord]) -> None:
    """Write the queued rows of ``model`` now (before looking a record of it up)."""
    queue = _queue(counts, model)
    if queue:
        session.connection().execute(_insert(model), queue)
        queue.clear()


def _add(session: Session, incoming: SyncedRecord, counts: MergeCounts) -> None:
    """Add a record this database does not have (see above once the versions are known)."""
    model = type(incoming)
    versions = counts.versions.get(model)
    if versions is None:
        session.add(incoming)
        counts.added_records[(model, incoming.id)] = incoming
        counts.added += 1
        return
    versions[incoming.id] = incoming.hlc
    counts.added += 1
    queue = _queue(counts, model)
    if queue is None:
        session.add(incoming)
        counts.held[model] = incoming
        counts.added_records[(model, incoming.id)] = incoming
        return
    queue.append({name: getattr(incoming, name) for name in columns(model)})
    if len(queue) >= BATCH:
        _write_queued(session, counts, model)


def _local(session: Session, incoming: SyncedRecord, counts: MergeCounts) -> SyncedRecord | None:
    """This database's version of ``incoming``: by id, else (schools, settings) by natural key."""
    model = type(incoming)
    local = counts.added_records.get((model, incoming.id))
    if local is None:
        _write_queued(session, counts, model)
        with session.no_autoflush:  # what this import added is in added_records
            local = session.get(model, incoming.id)
    natural = _NATURAL_KEYS.get(model)
    if local is None and natural is not None:
        value = getattr(incoming, natural)
        local = session.exec(select(model).where(getattr(model, natural) == value)).first()
        if local is not None:
            counts.id_map[incoming.id] = local.id
            incoming.id = local.id
    return local


def merge_record(
    session: Session, incoming: SyncedRecord, bundle_id: str, counts: MergeCounts
) -> None:
    """Merge one validated, detached record (its id already remapped if needed)."""
    model = type(incoming)
    _remap(incoming, counts)
    versions = None if model in _NATURAL_KEYS else counts.known_versions(session, model)
    if versions is not None and versions.get(incoming.id) in (None, incoming.hlc):
        # settled without loading anything: new here, or this very version is here
        if incoming.id in versions:
            counts.unchanged += 1
        else:
            _add(session, incoming, counts)
        return
    local = _local(session, incoming, counts)
    if local is None:
        _add(session, incoming, counts)
        return
    if isinstance(local, School) and isinstance(incoming, School):
        _merge_school(session, local, incoming, bundle_id, counts)
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
    if versions is not None:
        versions[local.id] = local.hlc
    counts.updated += 1


def _merge_school(
    session: Session, local: School, incoming: School, bundle_id: str, counts: MergeCounts
) -> None:
    """Merge a school in two parts, each by its own clock.

    The details (name, headteacher, ...) follow ``details_hlc`` as any record follows its
    clock; the assignment (category, link adviser) follows :func:`assignment_rank`, so a
    core lead's category is not undone by an adviser's newer write of the headteacher's
    name, nor that name by the core lead's category. The stamps follow the later write.
    A losing version's details are kept as a conflict only when another installation
    wrote them: details that the winner's installation wrote later are its history.
    """
    details_in = details_clock(incoming) > details_clock(local)
    assignment_in = assignment_rank(incoming) > assignment_rank(local)
    stamps_in = incoming.hlc > local.hlc
    winner, loser = (incoming, local) if details_in else (local, incoming)
    won, lost = details_clock(winner), details_clock(loser)
    _apply_settlements(session, incoming, counts)
    if won != lost and _node(won) != _node(lost) and not _knew(winner, lost):
        identical = _same_content(local, incoming, aside=_SCHOOL_ASIDE)
        _keep_loser(session, _detached_copy(loser), winner, bundle_id, counts, identical=identical)
    lineage = _joined_lineage(local, incoming)
    if not (details_in or assignment_in or stamps_in):
        counts.unchanged += 1
        _keep_lineage(session, local, lineage)
        return
    if assignment_in:
        _record_category_change(session, local, incoming, counts)
    for name in columns(School):
        if name in ASSIGNMENT_FIELDS:
            take = assignment_in
        elif name in SCHOOL_STAMPS:
            take = stamps_in
        else:
            take = details_in and name != "id"
        if take and getattr(local, name) != getattr(incoming, name):
            setattr(local, name, getattr(incoming, name))
    session.add(local)
    _keep_lineage(session, local, lineage)
    counts.updated += 1


def _joined_lineage(local: School, incoming: School) -> tuple[str, str] | None:
    """What both versions had seen and settled, together (``None``: keep as is).

    Whichever version's details win, this database has now seen both, and a settlement
    must not be forgotten on the way: a later write here carries it on.
    """
    try:
        known = read_known(local.details_known)
        for node, version in read_known(incoming.details_known).items():
            known[node] = max(known.get(node, ""), version)
        settled = read_settled(local.details_settled) + read_settled(incoming.details_settled)
    except LineageError:
        return None
    newest = sorted(set(settled))[-MAX_SETTLED:]  # clock order: the newest are kept
    joined = json.dumps(newest, separators=(",", ":")) if newest else ""
    return known_with(known, []), joined


def _keep_lineage(session: Session, local: School, lineage: tuple[str, str] | None) -> None:
    if lineage is None or lineage == (local.details_known, local.details_settled):
        return
    local.details_known, local.details_settled = lineage
    session.add(local)


def _knew(winner: School, lost: str) -> bool:
    """Whether the winning details were written by someone who had seen, or settled, the
    losing ones: then the loser is history, not a conflict (see ``domain.lineage``)."""
    try:
        known = read_known(winner.details_known)
        settled = read_settled(winner.details_settled)
    except LineageError:  # checked on the way in; a row written here is well formed
        return False
    return lost in settled or knows(known, lost, own=details_clock(winner))


def _apply_settlements(session: Session, incoming: School, counts: MergeCounts) -> None:
    """Close the conflicts here that ``incoming``'s writer settled: the same losing
    details, chosen between by a person there (see ``services.sync.conflicts``)."""
    try:
        settled = set(read_settled(incoming.details_settled))
    except LineageError:
        return
    if not settled:
        return
    open_here = session.exec(
        select(Conflict).where(
            Conflict.table_name == School.__tablename__,
            Conflict.record_id == incoming.id,
            col(Conflict.resolved_at).is_(None),
        )
    ).all()
    now = utc_now()
    for conflict in open_here:
        if losing_details_clock(conflict) in settled:
            conflict.resolved_at = now
            conflict.settled_by_id = counts.sender_id
            session.add(conflict)
            counts.settled += 1


def losing_details_clock(conflict: Conflict) -> str:
    """The details version a school's conflict kept (its whole version's clock if the
    stored version cannot say)."""
    try:
        stored = json.loads(conflict.losing_version)
    except ValueError:
        return conflict.losing_hlc
    value = stored.get("details_hlc") if isinstance(stored, dict) else None
    return value if isinstance(value, str) and value else conflict.losing_hlc


def _node(version: str) -> str:
    return version.rsplit(".", 1)[-1]


def _record_category_change(
    session: Session, local: School, incoming: School, counts: MergeCounts
) -> None:
    """Record the change of category that the winning ``incoming`` assignment brings here.

    Only a school this database already has (a new school is not a change) and only when
    the category differs. The record says what the assignment's write did: its id comes
    from that write's clock value (``assigned_hlc``), its stamps are that write's, and its
    day is the London day it was made. So it is the very record the installation that made
    the change kept (which, if the bundle carries it too, then replaces this one: it is
    newer and from the same installation), and importing the version again adds nothing.
    """
    if local.deleted or incoming.deleted or local.category == incoming.category:
        return
    written = incoming.assigned_hlc or incoming.hlc
    change_id = category_change_id(written)
    key = (CategoryChange, change_id)
    if key in counts.added_records:
        return
    with session.no_autoflush:
        if session.get(CategoryChange, change_id) is not None:
            return
    version = Version.parse(written)
    at = datetime.fromtimestamp(version.millis / 1000, tz=UTC)
    change = CategoryChange(
        id=change_id,
        created_at=at,
        updated_at=at,
        hlc=written,
        origin=version.node,
        school_id=local.id,
        previous_category=local.category,
        category=incoming.category,
        changed_on=london(at).date(),
    )
    session.add(change)
    counts.added_records[key] = change
    versions = counts.versions.get(CategoryChange)
    if versions is not None:
        versions[change_id] = change.hlc


def _detached_copy(record: SyncedRecord) -> SyncedRecord:
    values: dict[str, Any] = {name: getattr(record, name) for name in columns(type(record))}
    return type(record).model_construct(**values)
