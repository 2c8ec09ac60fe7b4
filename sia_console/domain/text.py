"""How stored text is shown without letting it act on the terminal.

Note text is stored exactly as typed or pasted, control characters included: a note is
evidence, and sia-console does not decide which characters were meant. A terminal,
though, obeys control characters (an ESC starts a command that can recolour, move the
cursor or clear the screen), so every place that shows user text shows each control
character as its visible Unicode "control picture" instead: ESC as ␛, NUL as ␀.
"""

from __future__ import annotations

import re

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_DEL_PICTURE = "\u2421"
_C1_PICTURE = "\ufffd"
"""C1 controls (U+0080–U+009F) have no pictures; 0x9B alone is a CSI on some terminals."""

_SHOW_ALL = {**_C0_PICTURES, 0x7F: _DEL_PICTURE} | {code: _C1_PICTURE for code in range(0x80, 0xA0)}
_SHOW_KEEPING_LINES = {
    code: picture for code, picture in _SHOW_ALL.items() if code not in (0x09, 0x0A)
}
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_controls(text: str) -> bool:
    """True when ``text`` holds a character a terminal would act on rather than show."""
    return _CONTROLS.search(text) is not None


def visible(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every control character replaced by a visible picture.

    With ``keep_lines``, newlines and tabs are kept as they are (multi-line views);
    otherwise they too become pictures (one-line views, where a newline would break the
    layout). Each character maps to exactly one character, so offsets are unchanged.
    """
    if not has_controls(text):
        return text
    return text.translate(_SHOW_KEEPING_LINES if keep_lines else _SHOW_ALL)


def one_line(text: str) -> str:
    """``text`` on one line: runs of whitespace (newlines too) become one space."""
    return visible(" ".join(text.split()))
