"""Exporting bundles: what this identity may send, to whom, sealed and read back.

An adviser's bundle carries the adviser's own work — their visits and everything on them
— changed since their last export, and, as references, the schools that work is about
(so that a core lead who has the same school under another id finds it by its code). It
goes to every trusted core lead.

A core lead writes one bundle for each trusted adviser, carrying that adviser's schools
only: the shared settings, the schools the adviser is link adviser of or has visited,
the changes of their categories, the final notes other advisers wrote at the adviser's
link schools (read-only history to carry on from, :mod:`.relay`), and the people those
schools and notes name. Each adviser has
their own watermark, so an adviser trusted later receives everything at first.

Every bundle is signed by this identity and also encrypted to it, written atomically,
then read back and verified before the export is recorded.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select
from sqlmodel import Session, col, or_, select

from sia_console.bundles import container
from sia_console.bundles.records import TABLES
from sia_console.domain.enums import BundleDirection, Role
from sia_console.domain.filenames import safe_file_name
from sia_console.domain.models import (
    Action,
    ActionReview,
    Adviser,
    Amendment,
    AssignmentChange,
    BundleLog,
    CategoryChange,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    SchoolYearSummary,
    Setting,
    Trust,
    Visit,
)
from sia_console.domain.records import SyncedRecord
from sia_console.domain.settings import MACHINE_SETTINGS
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput, ServiceError
from sia_console.services.export_files import Existing, named_file
from sia_console.services.identity import current_identity, identity_keystore, require_identity
from sia_console.services.sync.relay import relayed_history
from sia_console.services.sync.writing import (
    Changes,
    ExportSummary,
    Progress,
    Sender,
    installation_of,
    write_bundle,
)


def _trusted(session: Session, role: Role) -> list[Adviser]:
    rows = session.exec(
        select(Adviser).where(Adviser.id == Trust.adviser_id, Adviser.role == role)
    ).all()
    return sorted((row for row in rows if not row.deleted), key=lambda a: a.name.casefold())


def last_watermark(session: Session, peer_id: str | None = None) -> str:
    """The clock version up to which changes were sent (to ``peer_id``, a core lead's
    adviser; ``None``: an adviser's exports to their core leads)."""
    query = select(BundleLog).where(BundleLog.direction == BundleDirection.EXPORT)
    if peer_id is not None:
        query = query.where(BundleLog.peer_id == peer_id)
    row = session.exec(query.order_by(col(BundleLog.at).desc())).first()
    return row.watermark if row else ""


def _since(query: Select[Any], model: type[SyncedRecord], since: str) -> Select[Any]:
    return query.where(col(model.hlc) > since) if since else query


def _rows(session: Session, query: Select[Any]) -> list[SyncedRecord]:
    return list(session.exec(query).all())  # type: ignore[call-overload]


def _adviser_changes(session: Session, me: Adviser, since: str) -> Changes:
    """An adviser's own work changed since ``since``: their visits and all on them, their
    summaries of schools' years, the details they changed of their link schools, and (as
    references) the schools that work is about."""
    visits = select(Visit.id).where(Visit.adviser_id == me.id)
    notes = select(NoteOfVisit.id).where(col(NoteOfVisit.visit_id).in_(visits))
    judgements = select(RiskJudgement.id).where(col(RiskJudgement.note_id).in_(notes))
    owned: list[tuple[type[SyncedRecord], Select[Any]]] = [
        (Visit, select(Visit).where(Visit.adviser_id == me.id)),
        (NoteOfVisit, select(NoteOfVisit).where(col(NoteOfVisit.visit_id).in_(visits))),
        (NoteSection, select(NoteSection).where(col(NoteSection.note_id).in_(notes))),
        (Amendment, select(Amendment).where(col(Amendment.note_id).in_(notes))),
        (Action, select(Action).where(col(Action.note_id).in_(notes))),
        (ActionReview, select(ActionReview).where(col(ActionReview.note_id).in_(notes))),
        (RiskJudgement, select(RiskJudgement).where(col(RiskJudgement.note_id).in_(notes))),
        (Prediction, select(Prediction).where(col(Prediction.judgement_id).in_(judgements))),
        (SchoolYearSummary, select(SchoolYearSummary).where(SchoolYearSummary.adviser_id == me.id)),
    ]
    found: dict[type[SyncedRecord], list[SyncedRecord]] = {
        model: _rows(session, _since(query, model, since).order_by(col(model.hlc)))
        for model, query in owned
    }
    node = installation_of(session)
    linked = _since(select(School).where(School.adviser_id == me.id), School, since)
    schools = {
        school.id: school
        for school in _rows(session, linked.order_by(col(School.hlc)))
        if _details_written_here(school, node, since)
    }
    named = {
        school_id
        for model in (Visit, Action, RiskJudgement, SchoolYearSummary)
        for record in found[model]
        if (school_id := getattr(record, "school_id", None)) and school_id not in schools
    }
    if named:
        for school in session.exec(select(School).where(col(School.id).in_(named))):
            schools[school.id] = school
    found[School] = list(schools.values())
    return _by_table(found)


def _details_written_here(school: SyncedRecord, node: str, since: str) -> bool:
    """Whether this installation changed the school's details since ``since`` (a school
    that only came in from a core lead's bundle is not this adviser's news)."""
    written = getattr(school, "details_hlc", "") or school.hlc
    return written > since and written.endswith("." + node)


def _lead_changes(session: Session, peer: Adviser, since: str) -> Changes:
    """What a core lead sends ``peer``: settings, and that adviser's schools and people,
    and the history other advisers left at their link schools (:mod:`.relay`)."""
    visited = select(Visit.school_id).where(Visit.adviser_id == peer.id)
    theirs = or_(School.adviser_id == peer.id, col(School.id).in_(visited))
    schools = _rows(
        session, _since(select(School).where(theirs), School, since).order_by(col(School.hlc))
    )
    school_ids = select(School.id).where(theirs)
    changes = _rows(
        session,
        _since(
            select(CategoryChange).where(col(CategoryChange.school_id).in_(school_ids)),
            CategoryChange,
            since,
        ).order_by(col(CategoryChange.hlc)),
    )
    handed = _rows(
        session,
        _since(
            select(AssignmentChange).where(col(AssignmentChange.school_id).in_(school_ids)),
            AssignmentChange,
            since,
        ).order_by(col(AssignmentChange.hlc)),
    )
    settings = [
        row
        for row in _rows(session, _since(select(Setting), Setting, since).order_by(Setting.hlc))
        if getattr(row, "key", "") not in MACHINE_SETTINGS  # paths on this computer stay here
    ]
    history = relayed_history(session, peer, since, (school.id for school in schools))
    named = {getattr(s, "adviser_id", None) for s in schools} - {None}
    named |= {getattr(v, "adviser_id", None) for v in history.get(Visit, [])} - {None}
    for handing in handed:  # (the school's page names who held it before)
        named |= {getattr(handing, "previous_adviser_id", None)} - {None}
        named |= {getattr(handing, "adviser_id", None)} - {None}
    people = _rows(session, select(Adviser).where(col(Adviser.id).in_(named))) if named else []
    return _by_table(
        {
            **history,
            Setting: settings,
            Adviser: people,
            School: schools,
            CategoryChange: changes,
            AssignmentChange: handed,
        }
    )


def _by_table(found: dict[type[SyncedRecord], list[SyncedRecord]]) -> Changes:
    """Non-empty lists by table name, in foreign-key order."""
    return {table: found[model] for table, model in TABLES.items() if found.get(model)}


def pending_changes(
    session: Session, *, full: bool = False, peer: Adviser | None = None
) -> Changes:
    """The records the next export would carry, by table.

    For a core lead: what ``peer`` would receive, or (``None``) every record any trusted
    adviser would receive.
    """
    me = require_identity(session)
    if me.role == Role.SIA:
        return _adviser_changes(session, me, "" if full else last_watermark(session))
    peers = [peer] if peer is not None else _trusted(session, Role.SIA)
    union: dict[str, dict[str, SyncedRecord]] = {}
    for adviser in peers:
        since = "" if full else last_watermark(session, adviser.id)
        for table, rows in _lead_changes(session, adviser, since).items():
            union.setdefault(table, {}).update((row.id, row) for row in rows)
    return {table: list(union[table].values()) for table in TABLES if union.get(table)}


def default_bundle_name(me: Adviser, peer: Adviser | None = None) -> str:
    """``YYYY-MM-DD HHMM name[ to name].siabundle``, safe on every file system."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H%M")
    words = f"{stamp} {me.name}" if peer is None else f"{stamp} {me.name} to {peer.name}"
    return safe_file_name(words, container.EXTENSION)


def _lead_path(me: Adviser, peer: Adviser, out: Path, *, several: bool) -> Path:
    """Where a core lead's bundle for ``peer`` goes: a name of its own in a folder; the
    file named, for one adviser; beside it, with the adviser's name, for several."""
    if out.is_dir():
        return out / default_bundle_name(me, peer)
    if not several:
        return out
    stem = out.name.removesuffix(container.EXTENSION)
    return out.with_name(safe_file_name(f"{stem} {peer.name}", container.EXTENSION))


def _no_recipient(me: Adviser) -> str:
    """Why nothing can be exported yet, and how to put it right (cards, both ways)."""
    role = _("core lead") if me.role == Role.SIA else _("adviser")
    return _(
        "No trusted {role} to send a bundle to; run: sia-console identity trust CARD, with "
        "the identity card they give you (they write it with: sia-console identity export "
        "--out CARD), and give them yours the same way."
    ).format(role=role)


def missing_recipient(session: Session) -> str | None:
    """The sentence :func:`export_bundle` would refuse with for want of a trusted
    recipient, or ``None`` when there is one (or no identity yet)."""
    me = current_identity(session)
    if me is None:
        return None
    wanted = Role.CORE_LEAD if me.role == Role.SIA else Role.SIA
    return None if _trusted(session, wanted) else _no_recipient(me)


def _peers(session: Session, me: Adviser, to: str | None) -> list[Adviser]:
    wanted = Role.CORE_LEAD if me.role == Role.SIA else Role.SIA
    peers = _trusted(session, wanted)
    if not peers:
        raise ServiceError(_no_recipient(me))
    if to is None:
        return peers
    key = to.casefold().strip()
    chosen = [p for p in peers if key in (p.name.casefold(), p.id, (p.email or "").casefold())]
    chosen = chosen or [p for p in peers if p.id.startswith(key) and len(key) >= 8]
    if len(chosen) != 1:
        raise InvalidInput(
            _("No trusted adviser is called {name}; trusted: {names}.").format(
                name=to, names=", ".join(p.name for p in peers)
            )
        )
    return chosen


def export_bundle(
    session: Session,
    out: Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
    to: str | None = None,
    passphrase: str | None = None,
    existing: Existing = Existing.NEW_NAME,
) -> ExportSummary:
    """Write this identity's bundle(s) to ``out`` (see the module docstring).

    ``out`` is a file or a folder. A core lead writes a bundle for each trusted adviser
    (or for ``to``, the name, email or id of one of them): in a folder, each under a name
    of its own; given a file name, beside it with each adviser's name added (or as it is,
    when only one adviser has anything new). ``passphrase`` opens a key file (the
    terminal UI's; the command line's comes from the environment). No bundle is written
    over a file already there: a name of its own takes the next free one, and a file
    named is dealt with by ``existing`` (``services.export_files``).
    """
    me = require_identity(session)
    peers = _peers(session, me, to)
    folder = out if out.is_dir() else out.parent
    if not folder.is_dir():
        raise InvalidInput(_("The folder {folder} does not exist.").format(folder=folder))
    keystore = identity_keystore(session, passphrase=passphrase)
    sender = Sender(me, keystore, full=full, progress=progress)
    if me.role == Role.SIA:
        since = "" if full else last_watermark(session)
        if out.is_dir():
            path = named_file(out / default_bundle_name(me), Existing.NEW_NAME)
        else:
            path = named_file(out, existing)
        changes = _adviser_changes(session, me, since)
        written = write_bundle(session, sender, path, changes, peers, since=since)
        return ExportSummary(path=path, bundles=[written])
    planned = []
    for peer in peers:
        since = "" if full else last_watermark(session, peer.id)
        planned.append((peer, since, _lead_changes(session, peer, since)))
    if any(changes for _peer, _since, changes in planned):  # nothing new for some: no file
        planned = [plan for plan in planned if plan[2]]
    bundles = []
    for peer, since, changes in planned:
        several = len(planned) > 1
        path = _lead_path(me, peer, out, several=several)
        path = named_file(path, Existing.NEW_NAME if out.is_dir() or several else existing)
        bundles.append(
            write_bundle(session, sender, path, changes, [peer], since=since, log_peer=peer)
        )
    if len(bundles) == 1 and not out.is_dir():
        return ExportSummary(path=bundles[0].path, bundles=bundles)
    return ExportSummary(path=out if out.is_dir() else folder, bundles=bundles)
