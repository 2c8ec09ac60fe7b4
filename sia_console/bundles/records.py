"""Synced records as bundle data: to plain JSON values and back, checked strictly.

Every record in a bundle must name a known table, carry exactly that table's columns,
and pass the model's own validation (types, enums, lengths). Anything else is refused
with a sentence naming the table, the record and the field.

A bundle may hold hundreds of thousands of records, so each is checked by a plain
pydantic model with the table's own fields (the same rules, without the ORM's work on
every attribute), and the validated values become a record the way the ORM makes the
rows it loads: one new instance, its values set at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError, create_model
from sqlalchemy.orm.instrumentation import manager_of_class

from sia_console.domain import record_checks
from sia_console.domain.hlc import ClockError, Version
from sia_console.domain.models import SYNCED_TABLES
from sia_console.domain.records import SyncedRecord
from sia_console.domain.text import shown_name
from sia_console.i18n import _

TABLES: dict[str, type[SyncedRecord]] = {
    model.__tablename__: model  # type: ignore[misc]
    for model in SYNCED_TABLES
}
"""Synced tables by name, in foreign-key order."""

MAX_RECORDS = 500_000


class RecordError(ValueError):
    """A record in a bundle is not valid; ``str()`` says which and why."""


@cache
def _names(model: type[SyncedRecord]) -> tuple[str, ...]:
    return tuple(column.name for column in model.__table__.columns)  # type: ignore[attr-defined]


@cache
def _expected(model: type[SyncedRecord]) -> frozenset[str]:
    return frozenset(_names(model))


def columns(model: type[SyncedRecord]) -> list[str]:
    """The column names of a synced table."""
    return list(_names(model))


def to_plain(record: SyncedRecord) -> dict[str, Any]:
    """A record as JSON-ready values (ISO 8601 dates and times, enum values)."""
    plain: dict[str, Any] = {}
    for name in columns(type(record)):
        value = getattr(record, name)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        elif isinstance(value, Enum):
            value = value.value
        plain[name] = value
    return plain


@cache
def _checker(model: type[SyncedRecord]) -> type[BaseModel]:
    """A plain pydantic model with exactly the fields (types, limits) of ``model``."""
    fields: Any = {name: (info.annotation, info) for name, info in model.model_fields.items()}
    return create_model(f"{model.__name__}Check", **fields)


def _record(model: type[SyncedRecord], values: dict[str, Any]) -> SyncedRecord:
    """A new, detached record holding ``values`` (already validated)."""
    record: SyncedRecord = manager_of_class(model).new_instance()
    record.__dict__.update(values)
    object.__setattr__(record, "__pydantic_fields_set__", set(values))
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


_ADDED_LATER: dict[str, dict[str, Callable[[dict[str, Any]], Any]]] = {
    "school": {
        "assigned_hlc": lambda data: data.get("hlc"),
        "assigned_by_lead": lambda data: False,
        "details_hlc": lambda data: data.get("hlc"),
        "details_known": lambda data: "",
        "details_settled": lambda data: "",
    },
    "visit": {
        "status_reason": lambda data: None,
        "moved_to_id": lambda data: None,
    },
    "note_of_visit": {"head_response_comment": lambda data: None},
}
"""Fields added to a table since the first bundle format, with the value a bundle from an
earlier version of sia-console means by leaving them out (schema 0006: a school's
assignment and details were last set no later than the school, and the assignment is
not known to be a core lead's; schema 0009: no reason was given for a visit's status, it
was moved to no other visit, and the headteacher's response came without a comment;
schema 0011: the details' writer is not known to have seen any other version, nor to
have settled one)."""


def from_plain(table: str, data: object, *, latest_millis: int | None = None) -> SyncedRecord:
    """A validated, detached record built from bundle data.

    Beyond the table's own types and lengths, the record is held to the rules of
    :mod:`sia_console.domain.record_checks`, and each clock version must be well formed
    and, given ``latest_millis``, no more than a day ahead of it.
    """
    model = TABLES.get(table)
    if model is None:
        raise RecordError(_("unknown record kind {table}").format(table=shown_name(table)))
    if not isinstance(data, dict):
        raise RecordError(_("a {table} record is not an object").format(table=table))
    later = _ADDED_LATER.get(table)
    if later and not set(later) <= set(data):
        data = {**{name: value(data) for name, value in later.items()}, **data}
    raw_id = data.get("id")
    record_id = shown_name(raw_id) if isinstance(raw_id, str) else "?"
    expected = _expected(model)
    missing = sorted(expected - set(data))
    extra = sorted(set(data) - expected)
    if missing or extra:
        field = shown_name((missing or extra)[0])
        problem = _("missing") if missing else _("not expected")
        raise RecordError(
            _("{table} {id}: field {field} is {problem}").format(
                table=table, id=record_id, field=field, problem=problem
            )
        )
    try:
        checked = _checker(model).model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "?"
        raise RecordError(
            _("{table} {id}: field {field}: {problem}").format(
                table=table, id=record_id, field=shown_name(where), problem=first.get("msg", "")
            )
        ) from exc
    record = _record(model, dict(checked.__dict__))
    found = record_checks.problem(record)
    if found is not None:
        field, problem = found
        raise RecordError(
            _("{table} {id}: field {field} {problem}").format(
                table=table, id=record_id, field=field, problem=problem
            )
        )
    for name in ("hlc", "assigned_hlc", "details_hlc"):
        value = getattr(record, name, None)
        if value is None or (name != "hlc" and value == ""):
            continue
        try:
            version = Version.parse(value)
        except ClockError as exc:
            raise RecordError(
                _("{table} {id}: field {field} is not a clock version").format(
                    table=table, id=record_id, field=name
                )
            ) from exc
        if latest_millis is not None and version.ahead_of(latest_millis):
            raise RecordError(
                _(
                    "{table} {id}: field {field} is a clock version from the future "
                    "(more than a day after the bundle was made)"
                ).format(table=table, id=record_id, field=name)
            )
    return record
