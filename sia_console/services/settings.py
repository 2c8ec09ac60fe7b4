"""Read and change the shared settings stored in the database."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from sia_console.domain.limits import in_day_window
from sia_console.domain.models import Setting
from sia_console.domain.schemes import CATEGORY_SCHEMES, CategoryScheme, stored_scheme
from sia_console.domain.settings import Settings, settings_from_rows
from sia_console.i18n import _
from sia_console.paths import default_exports_dir
from sia_console.services.errors import InvalidInput

MAX_TERMS = 60
"""More terms than twenty years of school calendars."""


def load_settings(session: Session) -> Settings:
    """The settings in force: stored values over the shipped defaults."""
    rows = session.exec(  # columns, not objects: read on every screen that needs one
        select(Setting.key, Setting.value).where(Setting.deleted == False)  # noqa: E712
    )
    return settings_from_rows(rows)


def checked_setting(key: str, value: Any) -> Any:
    """``value`` as stored for the setting ``key``, after checking it (:class:`InvalidInput`
    says what is wrong). The same checks hold for a value typed here and one in a bundle."""
    known = asdict(Settings())
    if key not in known:
        raise InvalidInput(_("There is no setting called {key}.").format(key=key))
    if key == "floor_target" and not (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= float(value) <= 100
    ):
        raise InvalidInput(_("The floor target must be a percentage from 0 to 100."))
    if key == "note_overdue_days" and not (
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365
    ):
        raise InvalidInput(_("The days before a note is overdue must be a whole number, 0 to 365."))
    if key == "term_dates":
        value = [[first.isoformat(), last.isoformat()] for first, last in check_terms(value)]
    if key == "docx_template" and value:
        _check_template(Path(str(value)).expanduser())
    if key in ("docx_template", "export_folder") and not isinstance(value, str):
        raise InvalidInput(_("The setting {key} must be a path.").format(key=key))
    if key == "category_scheme" and value not in CATEGORY_SCHEMES:
        raise InvalidInput(
            _("Unknown category scheme {key}; known schemes: {known}.").format(
                key=value, known=", ".join(sorted(CATEGORY_SCHEMES))
            )
        )
    return value


def save_setting(session: Session, key: str, value: Any) -> None:
    """Store one setting after checking it."""
    value = checked_setting(key, value)
    encoded = json.dumps(value, ensure_ascii=False)
    row = session.exec(select(Setting).where(Setting.key == key)).first()
    if row is None:
        session.add(Setting(key=key, value=encoded))
    elif row.value != encoded or row.deleted:
        row.value = encoded
        row.deleted = False
        session.add(row)


_ONE_SETTING = sa_select(Setting.value).where(  # type: ignore[call-overload]
    Setting.key == bindparam("key"),
    Setting.deleted == False,  # noqa: E712
)
"""One stored setting's JSON text (a statement built once: panels ask for the scheme)."""


def category_scheme(session: Session) -> CategoryScheme:
    """The support-category scheme in force (the default unless a known one is stored)."""
    return stored_scheme(session.execute(_ONE_SETTING, {"key": "category_scheme"}).scalar())


def export_folder(session: Session, default: Path | None = None) -> Path:
    """Where exports go unless told otherwise: the ``export_folder`` setting, else
    ``default``, else the user's documents folder (``paths.default_exports_dir``)."""
    configured = str(load_settings(session).export_folder or "").strip()
    if configured:
        return Path(configured).expanduser()
    return default if default is not None else default_exports_dir()


def check_terms(pairs: Sequence[Sequence[Any]]) -> list[tuple[date, date]]:
    """Term periods, checked: real dates, each first on or before its last, none overlapping.

    ``pairs`` hold ``date`` objects or ISO text; the result is sorted. Every problem is
    named at once, so an adviser can fix a whole list in one go.
    """
    if not isinstance(pairs, list | tuple) or len(pairs) > MAX_TERMS:
        raise InvalidInput(_("The term dates must be a list of pairs of dates."))
    problems: list[str] = []
    terms: list[tuple[date, date]] = []
    for number, pair in enumerate(pairs, start=1):
        try:
            if not isinstance(pair, list | tuple):
                raise TypeError
            first_value, last_value = pair
            first, last = (
                v if isinstance(v, date) else date.fromisoformat(str(v))
                for v in (first_value, last_value)
            )
        except (TypeError, ValueError):
            problems.append(
                _("Term {number}: {pair} is not two dates (YYYY-MM-DD).").format(
                    number=number,
                    pair="..".join(str(part) for part in pair)
                    if isinstance(pair, list | tuple)
                    else str(pair),
                )
            )
            continue
        if not (in_day_window(first) and in_day_window(last)):
            problems.append(
                _("Term {number}: {first}..{last} is not a term of a school year.").format(
                    number=number, first=first.isoformat(), last=last.isoformat()
                )
            )
            continue
        if first > last:
            problems.append(
                _("Term {number}: it starts on {first}, after it ends on {last}.").format(
                    number=number, first=first.isoformat(), last=last.isoformat()
                )
            )
            continue
        terms.append((first, last))
    terms.sort()
    for (first_a, last_a), (first_b, last_b) in pairwise(terms):
        if first_b <= last_a:
            problems.append(
                _("The terms {a} and {b} overlap.").format(
                    a=f"{first_a.isoformat()}..{last_a.isoformat()}",
                    b=f"{first_b.isoformat()}..{last_b.isoformat()}",
                )
            )
    if problems:
        raise InvalidInput(_("The term dates were not saved."), problems)
    return terms


def _check_template(path: Path) -> None:
    """Refuse a Word template that cannot be read or is not a .docx (python-docx loads late)."""
    from sia_console.formats.docx_template import TemplateError, load_template

    try:
        load_template(path)
    except TemplateError as exc:
        raise InvalidInput(str(exc)) from exc


def reset_setting(session: Session, key: str) -> None:
    """Put one setting back to its shipped default."""
    default = asdict(Settings()).get(key, _MISSING)
    if default is _MISSING:
        raise InvalidInput(_("There is no setting called {key}.").format(key=key))
    save_setting(session, key, default)


_MISSING = object()
