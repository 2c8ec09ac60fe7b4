"""How stored text is shown without letting it act on a terminal or hide in a document.

Note text is stored exactly as typed or pasted, control characters included: a note is
evidence, and sia-console does not decide which characters were meant. A terminal,
though, obeys control characters (an ESC starts a command that can recolour, move the
cursor or clear the screen), and some invisible characters change what text seems to
say (a right-to-left override shows ``txt.exe`` as ``exe.txt``). So every place that
shows text from data — the terminal UI, the command line, a Word document — shows each
such character as one visible character instead. This module is the one definition of
which characters those are and what is shown in their place.

The vocabulary ("control characters" everywhere in sia-console):

==========================================  ==========================================
character                                   shown as
==========================================  ==========================================
C0 controls U+0000–U+001F (ESC, NUL, …)     its Unicode control picture: ␛, ␀, ␊, ␉ …
DEL U+007F                                  ␡
C1 controls U+0080–U+009F (0x9B is a CSI)   ␦ (U+2426, "symbol for substitute")
format characters (Unicode category Cf):    ␦
bidirectional controls U+202A–U+202E,
U+2066–U+2069, U+200E, U+200F, U+061C;
zero-width space U+200B, ZWNJ U+200C,
word joiner U+2060, BOM U+FEFF, tags …
a lone surrogate (not a character at all)   � (U+FFFD)
==========================================  ==========================================

Kept as text, because Welsh and emoji need them: the zero-width joiner U+200D, the soft
hyphen U+00AD, and the tag characters of the flags of Wales, England and Scotland
(🏴 followed by tags and a cancel tag). Line and paragraph separators (U+2028, U+2029)
are whitespace, not controls: one-line views fold them into a space like any other.

Each character maps to exactly one character, so offsets are unchanged: the terminal UI
relies on it to place the cursor and highlights over the shown text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

HIDDEN_PICTURE = "\u2426"
"""Shown for a control or format character that has no control picture of its own."""

NOT_A_CHARACTER = "\ufffd"
"""Shown for a lone surrogate, which no file or terminal can carry."""

NAME_LIMIT = 120
"""The most characters of a name from a file (a school, a person, a section) shown."""

PATH_LIMIT = 240
"""The most characters of a path shown in a sentence (its end is kept)."""

ELLIPSIS = "…"

_FORMAT = (
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
"""Every format character (category Cf) but the joiner U+200D and the soft hyphen U+00AD."""

_FLAGS = (
    "\U0001f3f4\U000e0067\U000e0062"
    "(?:\U000e0077\U000e006c\U000e0073|\U000e0065\U000e006e\U000e0067|\U000e0073\U000e0063\U000e0074)"
    "\U000e007f"
)
"""The flags of Wales, England and Scotland: tag characters that are text."""

_ALL = f"\x00-\x1f\x7f-\x9f{_FORMAT}\ud800-\udfff"
_ALL_BUT_LINES = f"\x00-\x08\x0b-\x1f\x7f-\x9f{_FORMAT}\ud800-\udfff"
_ANY = re.compile(f"[{_ALL}]")
_CONTROLS = re.compile(f"(?P<flag>{_FLAGS})|[{_ALL}]")
_CONTROLS_BUT_LINES = re.compile(f"(?P<flag>{_FLAGS})|[{_ALL_BUT_LINES}]")


def picture(char: str) -> str:
    """The one visible character shown for the control character ``char``."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0xD800 <= code <= 0xDFFF:
        return NOT_A_CHARACTER
    return HIDDEN_PICTURE


def find_control(text: str, *, keep_lines: bool = False) -> int:
    """The offset of the first control character in ``text``, or -1 (like ``str.find``).

    With ``keep_lines``, newlines and tabs are not counted.
    """
    if _ANY.search(text) is None:
        return -1
    pattern = _CONTROLS_BUT_LINES if keep_lines else _CONTROLS
    for match in pattern.finditer(text):
        if match.lastgroup != "flag":
            return match.start()
    return -1


def has_controls(text: str, *, keep_lines: bool = False) -> bool:
    """True when ``text`` holds a character a terminal would act on, or that hides."""
    return find_control(text, keep_lines=keep_lines) >= 0


def replace_controls(text: str, replace: Callable[[str], str], *, keep_lines: bool = False) -> str:
    """``text`` with each control character ``c`` replaced by ``replace(c)``."""
    if _ANY.search(text) is None:
        return text
    pattern = _CONTROLS_BUT_LINES if keep_lines else _CONTROLS

    def one(match: re.Match[str]) -> str:
        found = match.group()
        return found if match.lastgroup == "flag" else replace(found)

    return pattern.sub(one, text)


def visible(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every control character replaced by a visible picture.

    With ``keep_lines``, newlines and tabs are kept as they are (multi-line views);
    otherwise they too become pictures (one-line views, where a newline would break the
    layout). Each character maps to exactly one character, so offsets are unchanged.
    """
    return replace_controls(text, picture, keep_lines=keep_lines)


def one_line(text: str) -> str:
    """``text`` on one line: runs of whitespace (newlines too) become one space."""
    return visible(" ".join(text.split()))


def shown_name(text: str, limit: int = NAME_LIMIT) -> str:
    """A name from a file as a sentence or a table shows it: on one line, control
    characters visible, and at most ``limit`` characters (cut with an ellipsis)."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return visible(flat)


def shown_path(path: str | os.PathLike[str], limit: int = PATH_LIMIT) -> str:
    """A path as a sentence shows it: control characters visible, and at most ``limit``
    characters — the end (the file's own name) is kept, the start cut with an ellipsis."""
    text = os.fspath(path)
    if len(text) > limit:
        text = ELLIPSIS + text[len(text) - max(limit - 1, 0) :]
    return visible(text)
