"""Read and change the shared settings stored in the database."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from sqlmodel import Session, select

from sia_console.domain.models import Setting
from sia_console.domain.schemes import CATEGORY_SCHEMES, CategoryScheme
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput
from sia_console.settings import Settings


def load_settings(session: Session) -> Settings:
    """The settings in force: stored values over the shipped defaults."""
    settings = Settings()
    known = {f.name for f in fields(Settings)}
    for row in session.exec(select(Setting).where(Setting.deleted == False)):  # noqa: E712
        if row.key in known:
            try:
                value: Any = json.loads(row.value)
            except json.JSONDecodeError:
                continue
            if row.key == "term_dates" and isinstance(value, list):
                value = [tuple(pair) for pair in value]
            setattr(settings, row.key, value)
    return settings


def save_setting(session: Session, key: str, value: Any) -> None:
    """Store one setting after checking it."""
    known = asdict(Settings())
    if key not in known:
        raise InvalidInput(_("There is no setting called {key}.").format(key=key))
    if key == "floor_target" and not (isinstance(value, int | float) and 0 <= float(value) <= 100):
        raise InvalidInput(_("The floor target must be a percentage from 0 to 100."))
    if key == "category_scheme" and value not in CATEGORY_SCHEMES:
        raise InvalidInput(
            _("Unknown category scheme {key}; known schemes: {known}.").format(
                key=value, known=", ".join(sorted(CATEGORY_SCHEMES))
            )
        )
    encoded = json.dumps(value, ensure_ascii=False)
    row = session.exec(select(Setting).where(Setting.key == key)).first()
    if row is None:
        session.add(Setting(key=key, value=encoded))
    elif row.value != encoded or row.deleted:
        row.value = encoded
        row.deleted = False
        session.add(row)


def category_scheme(session: Session) -> CategoryScheme:
    """The support-category scheme in force."""
    key = load_settings(session).category_scheme
    return CATEGORY_SCHEMES.get(key, CATEGORY_SCHEMES["wales-national"])
