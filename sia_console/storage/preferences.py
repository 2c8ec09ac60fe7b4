"""This person's preferences on this computer (colour theme, language), in a small JSON file.

They are not settings: settings belong to the authority and travel in bundles; these
stay on the machine, in the user config folder. A missing, unreadable or foreign file
gives the defaults and is never an error: a preference is not worth a refusal to start.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from sia_console.i18n import LANGUAGES
from sia_console.paths import config_dir
from sia_console.storage.atomic import atomic_write_bytes

FILE_NAME = "preferences.json"
MAX_BYTES = 64 * 1024
"""A preferences file is a few dozen bytes; anything larger is not ours."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preferences:
    """What is remembered between runs."""

    theme: str | None = None
    """The Textual theme last chosen, or ``None`` for the default."""
    language: str | None = None
    """The interface language last chosen (``en``, ``cy``), or ``None``: as the
    environment says (``SIA_CONSOLE_LANG``, ``LANG``)."""


def preferences_path() -> Path:
    """Where the preferences are kept."""
    return config_dir() / FILE_NAME


def load_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences, or the defaults when there are none or they are unreadable."""
    chosen = path or preferences_path()
    try:
        if chosen.stat().st_size > MAX_BYTES:
            return Preferences()
        data = json.loads(chosen.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("preferences not read (%s)", type(exc).__name__)
        return Preferences()
    if not isinstance(data, dict):
        return Preferences()
    theme = data.get("theme")
    language = data.get("language")
    return Preferences(
        theme=theme if isinstance(theme, str) and 0 < len(theme) <= 100 else None,
        language=language if language in LANGUAGES else None,
    )


def save_preferences(preferences: Preferences, path: Path | None = None) -> None:
    """Write the preferences atomically (the folder is made if needed)."""
    chosen = path or preferences_path()
    chosen.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(preferences), ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(chosen, data.encode("utf-8"))
