"""The fields every synced record carries, and the clock values they hold.

Sync bundles depend on these: a UUID primary key so records made on two laptops never
collide; created/updated UTC timestamps; a hybrid logical clock version that orders
changes across machines whose clocks disagree; the installation that made the change; and
a deletion tombstone so that a deletion travels like any other change.

Stored timestamps are timezone-aware UTC unless a field says otherwise.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from sia_console.domain.vocabulary import LONDON as LONDON
from sia_console.domain.vocabulary import london as london


def new_id() -> str:
    """A fresh random UUID, as the canonical 36-character string."""
    return str(uuid.uuid4())


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class SyncedRecord(SQLModel):
    """Base of every table that travels in a sync bundle."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    hlc: str = Field(default="", index=True, max_length=64)
    origin: str = Field(default="", max_length=36)
    deleted: bool = Field(default=False)


def enum_type(enum: type[StrEnum]) -> Any:
    """A column type storing an enum by its value, checked by the database."""
    return sa.Enum(
        enum,
        values_callable=lambda members: [member.value for member in members],
        native_enum=False,
        create_constraint=True,
        length=16,
        name=f"{enum.__name__.lower()}_value",
    )
