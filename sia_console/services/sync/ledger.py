"""The records a bundle's rights are judged by: the bundle's own, then this database's.

:func:`check_bundle` applies :mod:`sia_console.domain.rights` to every record of a
bundle before anything is merged, so a bundle that carries one record its sender may not
change is refused whole, and nothing of it is written. It reads what it needs of this
database in a few queries per table (only the columns that tie a record to its owner),
because a bundle may carry hundreds of thousands of records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlmodel import Session, col, select

from sia_console.bundles.container import BundleError, strict_json
from sia_console.domain import rights
from sia_console.domain.enums import Role
from sia_console.domain.models import (
    Action,
    ActionReview,
    Adviser,
    Amendment,
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
from sia_console.domain.school_versions import SchoolPlan, plan_school
from sia_console.domain.settings import MACHINE_SETTINGS
from sia_console.domain.text import shown_name
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput
from sia_console.services.settings import checked_setting

_CHUNK = 500
"""Ids asked for in one query (well under SQLite's limit on parameters)."""

_LIGHT: dict[type[SyncedRecord], tuple[str, ...]] = {
    Visit: ("adviser_id", "school_id"),
    NoteOfVisit: ("visit_id",),
    NoteSection: ("note_id",),
    Amendment: ("note_id", "author_id"),
    Action: ("note_id", "school_id"),
    ActionReview: ("note_id", "action_id"),
    RiskJudgement: ("note_id", "school_id"),
    Prediction: ("judgement_id",),
    SchoolYearSummary: ("school_id", "adviser_id"),
}
"""What the rule needs of a record here: the fields that tie it to its owner."""

Incoming = dict[type[SyncedRecord], dict[str, SyncedRecord]]


class Row(SimpleNamespace):
    """What the rule reads of a row here: its id, clock version and owner's fields."""

    id: str
    hlc: str


@dataclass
class BundleLedger:
    """:class:`sia_console.domain.rights.Ledger` over one bundle and this database."""

    session: Session
    incoming: Incoming
    _here: dict[tuple[type[SyncedRecord], str], Any] = field(default_factory=dict)
    _schools_by_code: dict[str, School] = field(default_factory=dict)
    _school_ids: dict[str, str] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)

    def load(self) -> None:
        """Read this database's side of every record in the bundle, a table at a time."""
        for model, records in self.incoming.items():
            self._load(model, records.keys())
        schools = self.incoming.get(School, {})
        codes = [getattr(s, "code", "") for s in schools.values()]
        for chunk in _chunks(codes):
            for row in self.session.exec(select(School).where(col(School.code).in_(chunk))):
                self._schools_by_code[row.code] = row
        for school_id, incoming in schools.items():
            here = self.here(incoming)
            if here is not None:
                self._school_ids[school_id] = here.id

    def _load(self, model: type[SyncedRecord], ids: Iterable[str]) -> None:
        wanted = [i for i in ids if (model, i) not in self._here]
        light = _LIGHT.get(model)
        for chunk in _chunks(wanted):
            for i in chunk:
                self._here[(model, i)] = None
            if light is None:
                for row in self.session.exec(select(model).where(col(model.id).in_(chunk))):
                    self._here[(model, row.id)] = row
                continue
            names = ("id", "hlc", *light)
            columns = [getattr(model, name) for name in names]
            for values in self.session.exec(select(*columns).where(col(model.id).in_(chunk))):
                self._here[(model, values[0])] = Row(**dict(zip(names, values, strict=True)))

    def find(
        self, model: type[SyncedRecord], record_id: str | None, *, here_only: bool = False
    ) -> Any:
        """See :class:`sia_console.domain.rights.Ledger`."""
        if record_id is None:
            return None
        if not here_only:
            mine = self.incoming.get(model, {}).get(record_id)
            if mine is not None:
                return mine
        if (model, record_id) not in self._here:
            self._load(model, [record_id])
        return self._here[(model, record_id)]

    def here(self, record: SyncedRecord) -> Any:
        """See :class:`sia_console.domain.rights.Ledger`."""
        found = self.find(type(record), record.id, here_only=True)
        if found is None and isinstance(record, School):
            return self._schools_by_code.get(record.code)
        return found

    def school(self, school_id: str | None) -> str | None:
        """See :class:`sia_console.domain.rights.Ledger`."""
        if school_id is None:
            return None
        if school_id in self._school_ids:
            return self._school_ids[school_id]
        if self.find(School, school_id) is not None:
            return school_id
        return None

    def name(self, adviser_id: str | None) -> str:
        """See :class:`sia_console.domain.rights.Ledger`."""
        if adviser_id is None:
            return _("no one")
        if adviser_id not in self._names:
            person = self.session.get(Adviser, adviser_id)
            known = shown_name(person.name) if person else _("someone unknown here")
            self._names[adviser_id] = known
        return self._names[adviser_id]


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


@dataclass
class BundleCheck:
    """What :func:`check_bundle` found: the schools whose versions are partly set aside."""

    school_plans: dict[str, SchoolPlan] = field(default_factory=dict)
    """By the incoming school's id: what of it may not change here."""
    school_ids: dict[str, str] = field(default_factory=dict)
    """The id here of each incoming school known here under another id."""
    people_as_here: set[str] = field(default_factory=set)
    """People held here from identity cards whom the bundle names exactly as they are
    here: nothing of them is merged (not even the clock stamps of another copy)."""


def _check_setting(sender: Adviser, setting: Setting) -> None:
    """A core lead's setting: shared (never a path on one computer) and a value this
    version would accept from the settings command."""
    if setting.key in MACHINE_SETTINGS:
        raise rights.Refusal(
            _("{sender}'s bundle carries the setting {key}, a place on another computer").format(
                sender=sender.name, key=shown_name(setting.key)
            )
        )
    try:
        checked_setting(setting.key, strict_json(setting.value, _("setting")))
    except (InvalidInput, BundleError) as exc:
        raise rights.Refusal(
            _(
                "{sender}'s bundle carries the setting {key} with a value not accepted here: "
                "{problem}"
            ).format(sender=sender.name, key=shown_name(setting.key), problem=exc)
        ) from exc


def check_bundle(session: Session, me: Adviser, sender: Adviser, incoming: Incoming) -> BundleCheck:
    """Refuse (:class:`~sia_console.domain.rights.Refusal`) a bundle that carries any
    record its sender may not change here; otherwise say what of its schools to keep."""
    rights.check_sender_role(me, sender)
    ledger = BundleLedger(session, incoming)
    ledger.load()
    found = BundleCheck()
    if sender.role == Role.CORE_LEAD:
        held = {me.id, *session.exec(select(Trust.adviser_id))}
        for records in incoming.values():
            for record in records.values():
                rights.check_from_lead(ledger, sender, record, held=held, me=me.id)
        found.people_as_here = set(incoming.get(Adviser, {})) & held
        for setting in incoming.get(Setting, {}).values():
            _check_setting(sender, setting)  # type: ignore[arg-type]
        return found
    for records in incoming.values():
        for record in records.values():
            here = ledger.here(record)
            if here is not None and here.hlc == record.hlc:
                continue  # this very version is here: merging it changes nothing
            rights.check_from_adviser(ledger, sender, record)
    found.people_as_here = set(incoming.get(Adviser, {}))  # each is as here, or refused
    for school_id, school in incoming.get(School, {}).items():
        here = ledger.here(school)
        assert isinstance(here, School) and isinstance(school, School)  # refused otherwise
        if here.id != school_id:
            found.school_ids[school_id] = here.id
        plan = plan_school(sender, school, here)
        if plan.set_aside:
            found.school_plans[school_id] = plan
    return found
