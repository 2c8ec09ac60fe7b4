"""The one date reader: every date a person types, in the terminal UI or on the command line.

People write a date in many ways, and every field that takes one reads all of them:
ISO 8601 (``2027-01-15``), ``15/01/2027``, ``15/1/27`` (also with ``.`` or ``-``), ``15 Jan``,
``15 January 2027``, ``15th Jan``, ``today``, ``tomorrow``, ``yesterday``, ``15/01`` and the
names of days (``Friday``, ``fri``, ``next Friday``: the next such day, never today). A date
without a year is the one nearest today. Relative forms take today as an
argument, so this module stays pure.

Two different things can be wrong, and they are said differently: text that is not a date
at all (:class:`UnreadableDate`, "I cannot read …") and a date that is written well but does
not exist, such as 30 February (:class:`NoSuchDate`). The names of days and months come from
:mod:`sia_console.domain.vocabulary`, in the language in force and in English.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sia_console.domain.vocabulary import (
    DAY_NAMES,
    MONTH_NAMES,
    SHORT_DAY_NAMES,
    SHORT_MONTH_NAMES,
    fold,
)
from sia_console.i18n import _

EXAMPLES = "15/01/2027, 2027-01-15, 15 Jan, tomorrow, Friday"
"""How a date may be written, as the sentences below suggest it."""

_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*[/.]\s*(\d{1,2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s*([^\W\d_]+)\.?(?:\s*,?\s*(\d{2}|\d{4}))?$")
_MONTH_FIRST = re.compile(r"^([^\W\d_]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?:\s*,?\s*(\d{4}))?$")

RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
"""The words for days near today, in English (their translations are read as well)."""


class DateError(ValueError):
    """A typed date that could not be taken; :meth:`sentence` says why, for a field."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def sentence(self, field: str | None = None) -> str:
        """What is wrong, as a sentence naming ``field`` when given."""
        raise NotImplementedError


class UnreadableDate(DateError):
    """The text is not written as a date at all."""

    def sentence(self, field: str | None = None) -> str:
        value = self.text.strip() or '""'
        if field:
            return _("{field}: I cannot read {value} as a date (write it as {examples})").format(
                field=field, value=value, examples=EXAMPLES
            )
        return _("I cannot read {value} as a date (write it as {examples})").format(
            value=value, examples=EXAMPLES
        )


class NoSuchDate(DateError):
    """The text is written as a date, but that date does not exist (30 February)."""

    def sentence(self, field: str | None = None) -> str:
        value = self.text.strip()
        if field:
            return _("{field}: {value} is not a date that exists").format(field=field, value=value)
        return _("{value} is not a date that exists").format(value=value)


def _names(table: tuple[str, ...]) -> list[tuple[str, int]]:
    """Each name of ``table`` folded, in English and in the language in force, with its index."""
    found: list[tuple[str, int]] = []
    for index, name in enumerate(table):
        found.append((fold(name), index))
        found.append((fold(_(name)), index))
    return found


def month_number(word: str) -> int | None:
    """1 to 12 for a month's name or its first three letters or more (``Sept``), else None."""
    key = fold(word.strip().rstrip("."))
    if len(key) < 3:
        return None
    for name, index in _names(MONTH_NAMES) + _names(SHORT_MONTH_NAMES):
        if key == name or (len(key) >= 3 and name.startswith(key)):
            return index + 1
    return None


def weekday_number(word: str) -> int | None:
    """0 (Monday) to 6 for a day's name or its first three letters or more, else None."""
    key = fold(word.strip().rstrip("."))
    if len(key) < 3:
        return None
    for name, index in _names(DAY_NAMES) + _names(SHORT_DAY_NAMES):
        if key == name or name.startswith(key):
            return index
    return None


def _relative(key: str) -> int | None:
    for word, offset in RELATIVE_DAYS.items():
        if key in (word, fold(_(word))):
            return offset
    return None


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    number = int(text)
    return 2000 + number if len(text) == 2 else number


def _make(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise NoSuchDate(text) from exc


def _nearest(text: str, month: int, day: int, today: date) -> date:
    """``day`` ``month`` without a year: the one nearest ``today`` (within half a year
    either way), so "15 Jan" typed in December is next January."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise NoSuchDate(text)
    return min(candidates, key=lambda found: (abs((found - today).days), found < today))


def read_date(text: str, today: date) -> date:
    """The date ``text`` means, with ``today`` for the relative forms.

    Raises :class:`UnreadableDate` for text that is not a date and :class:`NoSuchDate`
    for a date that does not exist.
    """
    cleaned = " ".join(text.split())
    key = fold(cleaned)
    if not key:
        raise UnreadableDate(text)
    offset = _relative(key)
    if offset is not None:
        return today + timedelta(days=offset)
    iso = _ISO.match(key)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return _make(cleaned, year, month, day)
    numeric = _NUMERIC.match(key)
    if numeric:
        day, month = int(numeric.group(1)), int(numeric.group(2))
        return _make(cleaned, _year(numeric.group(3)) or today.year, month, day)
    day_month = _DAY_MONTH.match(key)
    if day_month:
        day, month = int(day_month.group(1)), int(day_month.group(2))
        if not 1 <= month <= 12:
            raise NoSuchDate(cleaned)
        return _nearest(cleaned, month, day, today)
    for pattern, day_group, month_group in ((_WORDS, 1, 2), (_MONTH_FIRST, 2, 1)):
        words = pattern.match(key)
        if words is None:
            continue
        month_found = month_number(words.group(month_group))
        if month_found is None:
            break
        day = int(words.group(day_group))
        year_found = _year(words.group(3))
        if year_found is None:
            return _nearest(cleaned, month_found, day, today)
        return _make(cleaned, year_found, month_found, day)
    weekday = weekday_number(key.removeprefix("next "))
    if weekday is not None:
        ahead = (weekday - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    raise UnreadableDate(text)


def read_optional_date(text: str, today: date) -> date | None:
    """:func:`read_date`, with nothing typed meaning no date."""
    return read_date(text, today) if text.strip() else None


def date_for_typing(day: date) -> str:
    """``29/01/2027``: a stored date put back in a field, as people in Britain type it
    (and as :func:`read_date` reads it)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
