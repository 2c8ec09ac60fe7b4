"""The one translation function every user-facing string passes through.

Catalogues live in ``sia_console/locale/<lang>/LC_MESSAGES/sia_console.mo`` and are
built with Babel (``pybabel extract`` / ``compile``). The interface language is taken
from ``SIA_CONSOLE_LANG`` (for example ``cy`` for Welsh), then the usual ``LANGUAGE`` /
``LANG`` variables; British English is the source language and the fallback.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "sia_console"
LOCALE_DIR = Path(__file__).parent / "locale"


def _languages() -> list[str]:
    chosen = os.environ.get("SIA_CONSOLE_LANG")
    if chosen:
        return [chosen]
    return [
        part.split(".")[0]
        for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
        for part in os.environ.get(var, "").split(":")
        if part
    ]


@lru_cache(maxsize=1)
def _translations() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=_languages() or None, fallback=True)


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on ``count``."""
    return _translations().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet.

    For tables of words translated where they are shown (``_(DAY_NAMES[i])``), so that
    the language in force when a word is shown is the one it is shown in.
    """
    return message
