"""The one vocabulary of control characters: what is made visible, what stays text."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sia_console.domain.text import (
    ELLIPSIS,
    HIDDEN_PICTURE,
    NAME_LIMIT,
    NOT_A_CHARACTER,
    PATH_LIMIT,
    find_control,
    has_controls,
    one_line,
    shown_name,
    shown_path,
    visible,
)
from sia_console.domain.validation import has_control_characters

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
WALES = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
TEXT_NOT_CONTROL = "\u200d\u00ad"
"""The zero-width joiner (emoji, some scripts) and the soft hyphen (Welsh compounds)."""


def is_control(char: str) -> bool:
    """What the vocabulary calls a control character, from Unicode's own categories."""
    if char in TEXT_NOT_CONTROL:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Cs")


def terminal_would_act_on(char: str) -> bool:
    """A character that must never reach a terminal or a document as itself."""
    return is_control(char) or char in BIDI


# Text mixing the dangerous characters with ordinary ones, Welsh letters and emoji.
risky = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),
        st.characters(min_codepoint=0, max_codepoint=0x9F),
        st.sampled_from([*BIDI, *TEXT_NOT_CONTROL, "\u200b", "\ufeff", "\u2028", "ŵ", "🙂"]),
        st.characters(min_codepoint=0xE0000, max_codepoint=0xE007F),
    ),
    max_size=80,
) | st.builds(lambda a, b: a + WALES + b, st.text(max_size=10), st.text(max_size=10))


@settings(max_examples=400, deadline=None)
@given(risky)
def test_visible_shows_no_control_and_keeps_every_offset(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert not any(terminal_would_act_on(c) for c in shown.replace(WALES, "Wales"))
    assert not has_controls(shown)
    for before, after in zip(text, shown, strict=True):
        if not is_control(before) and not 0xE0000 <= ord(before) <= 0xE007F:
            assert after == before  # nothing printable is touched


@settings(max_examples=400, deadline=None)
@given(risky)
def test_keeping_lines_keeps_newlines_and_tabs_only(text: str) -> None:
    shown = visible(text, keep_lines=True)
    assert len(shown) == len(text)
    for before, after in zip(text, shown, strict=True):
        if before in "\n\t":
            assert after == before
    rest = shown.replace("\n", "").replace("\t", "").replace(WALES, "Wales")
    assert not any(terminal_would_act_on(c) for c in rest)
    assert not has_controls(shown, keep_lines=True)


@settings(max_examples=300, deadline=None)
@given(risky, st.integers(min_value=1, max_value=200))
def test_shown_name_is_one_short_visible_line(text: str, limit: int) -> None:
    shown = shown_name(text, limit)
    assert len(shown) <= limit
    assert "\n" not in shown and not has_controls(shown)
    assert not any(c in BIDI for c in shown)
    if len(" ".join(text.split())) <= limit:
        assert shown == one_line(text)
    else:
        assert shown.endswith(ELLIPSIS)


def test_pictures() -> None:
    assert visible("\x1b[31mred\x1b[0m") == "␛[31mred␛[0m"
    assert visible("\x00\x07\x08\x7f") == "␀␇␈␡"
    assert visible("a\nb\tc\r") == "a␊b␉c␍"
    assert visible("a\nb\tc\r", keep_lines=True) == "a\nb\tc␍"
    assert visible("\x9b2J\x85") == HIDDEN_PICTURE + "2J" + HIDDEN_PICTURE
    assert visible("\ud800") == NOT_A_CHARACTER
    for char in BIDI + "\u200b\u200c\u2060\ufeff\U000e0001":
        assert visible(char) == HIDDEN_PICTURE, f"U+{ord(char):04X}"


def test_welsh_emoji_and_flags_are_text() -> None:
    text = f"Cyd\u00adweithio 👩\u200d🏫 {WALES} {ENGLAND} {SCOTLAND} Ŵŷâ \u2028"
    assert visible(text) == text
    assert not has_controls(text)
    assert not has_control_characters(text)
    half_flag = WALES[:-1]  # no cancel tag: the tags hide text, so they are shown
    assert visible(half_flag) == "\U0001f3f4" + HIDDEN_PICTURE * 5
    assert has_controls("\U000e0067\U000e0062")


def test_find_control() -> None:
    assert find_control("plain") == -1
    assert find_control(f"{WALES}a\u202eb") == len(WALES) + 1
    assert find_control("a\nb") == 1
    assert find_control("a\nb\t", keep_lines=True) == -1
    assert find_control("a\nb\x1b", keep_lines=True) == 3


def test_validation_uses_the_same_definition() -> None:
    for code in [*range(0x00, 0x20), *range(0x7F, 0xA0), *map(ord, BIDI), 0x200B, 0xFEFF]:
        char = chr(code)
        assert has_control_characters(f"a{char}b") is has_controls(char)
        assert has_controls(char)
    assert not has_control_characters("a\nb\tc", multiline=True)
    assert has_control_characters("a\nb")
    assert has_control_characters("a\u202eb", multiline=True)


def test_every_format_character_of_this_python_is_a_control() -> None:
    """The hard-coded list agrees with the Unicode database Python carries."""
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf")
        and chr(code) not in TEXT_NOT_CONTROL
        and not has_controls(chr(code))
    ]
    assert missing == []


def test_shown_name_cuts_and_flattens() -> None:
    assert shown_name("Ysgol  y\nGraig") == "Ysgol y Graig"
    assert shown_name("x" * 500) == "x" * (NAME_LIMIT - 1) + ELLIPSIS
    assert shown_name("Ysgol \x1b[2J\x9b31m\u202eGraig") == "Ysgol ␛[2J␦31m␦Graig"
    assert shown_name("abc def", 5) == "abc" + ELLIPSIS
    assert shown_name("") == ""


@pytest.mark.parametrize("limit", [20, PATH_LIMIT])
def test_shown_path_keeps_the_end(limit: int) -> None:
    path = "/srv/" + "a" * 300 + "/Ysgol\x1b.csv"
    shown = shown_path(path, limit)
    assert len(shown) == limit
    assert shown.startswith(ELLIPSIS) and shown.endswith("Ysgol␛.csv")
    assert shown_path("/tmp/b\nc.csv") == "/tmp/b␊c.csv"
