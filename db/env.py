"""Alembic environment: migrations run on a connection sia-console passes in."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import sia_console.domain.models  # noqa: F401  (registers the tables)

config = context.config
connection = config.attributes.get("connection")

SEARCH_TABLES = "note_search"
"""The full-text index (0002) is made by hand, with its FTS5 shadow tables: no model
describes it, so autogenerate must not propose to drop it."""


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Leave the hand-made search tables out of autogenerate's comparison."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLES))


if connection is None:
    from sqlalchemy import create_engine

    url = config.get_main_option("sqlalchemy.url") or "sqlite:///migrations-scratch.sqlite"
    engine = create_engine(url, hide_parameters=True)
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=SQLModel.metadata,
            render_as_batch=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()
