"""Settings shared by an authority's advisers, with shipped defaults.

These travel in bundles from the core lead to the SIAs (see ``services.settings``),
so they are stored in the database, not in a local file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

DEFAULT_FLOOR_TARGET = 65.0
"""Percentage of pupils at the expected standard at the end of KS2 (changes over years)."""


MACHINE_SETTINGS = frozenset({"docx_template", "export_folder"})
"""Settings that name paths on one computer: kept in the database, never sent in a bundle
(a core lead's folder means nothing on an adviser's laptop)."""


@dataclass
class Settings:
    """Every shared setting; each field documents its meaning and default."""

    floor_target: float = DEFAULT_FLOOR_TARGET
    """The floor target, percent at the expected standard in reading, writing and maths."""

    category_scheme: str = "wales-national"
    """Key of the support-category scheme (see ``domain.schemes.CATEGORY_SCHEMES``)."""

    note_overdue_days: int = 10
    """Days after a visit is done before a note that is not final counts as overdue."""

    term_dates: list[tuple[str, str]] = field(default_factory=list)
    """Optional term periods as ISO date pairs; visits outside them are flagged."""

    docx_template: str = ""
    """Path of the authority's own Word template (.docx) for exported notes of visit, with
    its logo and styles; empty for the plain template shipped with sia-console."""

    export_folder: str = ""
    """Folder exported notes are written to unless another is chosen; empty for the
    default (``exports/`` in a checkout, else a folder in the user's documents)."""


def settings_from_rows(rows: Iterable[tuple[str, str]]) -> Settings:
    """The settings in force from the stored ``(key, JSON text)`` rows over the defaults
    (an unknown key or text that is not JSON is passed over)."""
    settings = Settings()
    known = {f.name for f in fields(Settings)}
    for key, text in rows:
        if key in known:
            try:
                value: Any = json.loads(text)
            except json.JSONDecodeError:
                continue
            if key == "term_dates" and isinstance(value, list):
                value = [tuple(pair) for pair in value]
            setattr(settings, key, value)
    return settings
