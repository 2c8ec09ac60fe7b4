"""Pure checks of user-supplied text: each problem is reported as ``field: problem``."""

from __future__ import annotations

import re
import unicodedata

from sia_console.domain.text import has_controls
from sia_console.i18n import _

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    """True when ``text`` holds a control character (newline and tab allowed if multiline).

    Control characters are those :mod:`sia_console.domain.text` makes visible: C0 and C1
    controls, bidirectional and other invisible format characters (the joiner and the
    soft hyphen are text).
    """
    return has_controls(text, keep_lines=multiline)


def clean_text(value: str | None, field: str, max_length: int, problems: list[str]) -> str | None:
    """Trimmed, NFC-normalised text, or ``None`` if empty; problems are appended."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        return None
    if has_control_characters(text):
        problems.append(_("{field}: contains control characters").format(field=field))
    if len(text) > max_length:
        problems.append(
            _("{field}: longer than {limit} characters").format(field=field, limit=max_length)
        )
    return text


def check_email(value: str | None, problems: list[str]) -> str | None:
    """A trimmed email address, or ``None``; a malformed one adds a problem."""
    text = clean_text(value, _("email"), 254, problems)
    if text is not None and not EMAIL.match(text):
        problems.append(_("email: {value} is not an email address").format(value=text))
    return text
