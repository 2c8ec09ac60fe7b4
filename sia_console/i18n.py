"""The one translation function every user-facing string passes through, and the language.

British English is the source language and the fallback; Welsh (``cy``) has a catalogue,
``sia_console/locale/cy/LC_MESSAGES/sia_console.po``, read here at run time by a small
parser (:class:`PoTranslations`), so there is no compiled file to build or to go stale
and an install (editable or a wheel) has the catalogue as soon as it has the package. The
language is looked up on every call, so switching it (:func:`set_language`) changes the
next word shown: the terminal UI switches without a restart.

The language is the one set by a face (``--lang``, the saved preference), else
``SIA_CONSOLE_LANG``, else the usual ``LANGUAGE`` / ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG``
variables, else English. This module imports nothing of ours: the faces read the
preference and tell it the language.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

DOMAIN = "sia_console"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "cy")
"""The interface languages: British English and Welsh."""

_chosen: str | None = None
"""The language a face has set, or ``None``: from the environment."""

BILINGUAL = "bilingual"
"""A document's words in Welsh first, then English (``in_language(BILINGUAL)``)."""

_here = threading.local()
"""This thread's own language for a while (a document in a school's language), if any."""


def normalise(code: str | None) -> str | None:
    """``cy`` for ``cy``, ``cy_GB.UTF-8`` or ``CY``; ``None`` for a language we do not have."""
    if not code:
        return None
    base = code.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else None


def _from_environment() -> str:
    chosen = os.environ.get("SIA_CONSOLE_LANG")
    if chosen:
        return normalise(chosen) or SOURCE_LANGUAGE
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(var, "").split(":"):
            if part:
                return normalise(part) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def language() -> str:
    """The interface language now: ``en`` or ``cy`` (``cy`` while words are bilingual)."""
    here: str | None = getattr(_here, "language", None)
    if here is not None:
        return "cy" if here == BILINGUAL else here
    return _chosen or _from_environment()


@contextmanager
def in_language(code: str) -> Iterator[None]:
    """Put this thread's words into ``code`` (``en``, ``cy`` or :data:`BILINGUAL`) for a
    while, whatever the interface shows: a document in its school's language.

    Bilingual words are Welsh first, then English: ``Nodyn ymweliad / Note of visit``.
    """
    before = getattr(_here, "language", None)
    _here.language = code if code == BILINGUAL else (normalise(code) or SOURCE_LANGUAGE)
    try:
        yield
    finally:
        _here.language = before


def _bilingual() -> bool:
    return getattr(_here, "language", None) == BILINGUAL


def set_language(code: str | None) -> None:
    """Show every word from now on in ``code`` (``None``: as the environment says).

    A code we have no catalogue for is taken as English.
    """
    global _chosen
    _chosen = None if code is None else (normalise(code) or SOURCE_LANGUAGE)


@lru_cache(maxsize=4)
def _translations(lang: str | None = None) -> gettext.NullTranslations:
    """The catalogue of ``lang`` (read once), or the source language when there is none."""
    chosen = lang or language()
    if chosen == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = LOCALE_DIR / chosen / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        return PoTranslations.read(path)
    except OSError:
        return gettext.NullTranslations()


class Said(str):
    """A message put into words, that remembers the message it was (``source``).

    Two messages may have one translation ("Notes late" and "Notes overdue" are both
    "Nodiadau'n hwyr"); words fixed at import and put into another language later
    (:func:`retranslate`) go back to the message they were, not to whichever of the two
    a lookup by their words would find.
    """

    source: str


def _said(text: str, message: str) -> Said:
    said = Said(text)
    said.source = message
    return said


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    said = _translations(language()).gettext(message)
    return _said(_both(said, message) if _bilingual() else said, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on ``count``."""
    said = _translations(language()).ngettext(singular, plural, count)
    if not _bilingual():
        return said
    return _both(said, singular if count == 1 else plural)


def _both(welsh: str, english: str) -> str:
    """Welsh first, then English; one of them when they are the same (a name, a mark).

    A message whose one value ends it (``Adviser: {name}``) or starts it (``{title} —
    DRAFT``) gives the value once, beside both labels, as a bilingual form does:
    ``Ymgynghorydd / Adviser: {name}``, ``{title} — DRAFFT / DRAFT``; any other is
    the whole Welsh, then the whole English.
    """
    if welsh == english or not welsh.strip():
        return welsh
    return _sharing_the_value(welsh, english) or f"{welsh} / {english}"


_VALUE_LAST = re.compile(r"^(?P<label>[^{}]*?\S)(?P<sep>:?\s*)(?P<value>\{\w+\})(?P<end>[.:]?)$")
_VALUE_FIRST = re.compile(r"^(?P<value>\{\w+\})(?P<sep>\s*[—–-]?\s*)(?P<label>[^{}]*\S)$")


def _sharing_the_value(welsh: str, english: str) -> str | None:
    """``welsh`` and ``english`` with their one value given once, or ``None``."""
    w, e = _VALUE_LAST.match(welsh), _VALUE_LAST.match(english)
    if w and e and w["value"] == e["value"]:
        return f"{w['label']} / {e['label']}{e['sep']}{e['value']}{e['end']}"
    w, e = _VALUE_FIRST.match(welsh), _VALUE_FIRST.match(english)
    if w and e and w["value"] == e["value"]:
        return f"{e['value']}{e['sep']}{w['label']} / {e['label']}"
    return None


def localised(english: str, welsh: str | None) -> str:
    """A text that carries its own Welsh (a template's title), in the language now.

    Without its own Welsh the catalogue's is taken (a default title), else the English;
    bilingual words are Welsh first, then English, like :func:`_`'s.
    """
    if not welsh:
        return _(english)
    if language() != "cy":
        return english
    return _both(welsh, english) if _bilingual() else welsh


def welsh_of(english: str, welsh: str | None = None) -> str | None:
    """The Welsh of ``english``: ``welsh`` if given, else the catalogue's, else ``None``."""
    if welsh:
        return welsh
    said = _translations("cy").gettext(english)
    return said if said != english else None


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet.

    For tables of words translated where they are shown (``_(DAY_NAMES[i])``), so that
    the language in force when a word is shown is the one it is shown in.
    """
    return message


def in_every_language(message: str) -> tuple[str, ...]:
    """``message`` in each interface language, for finding a word whichever language it
    is typed in ("high" and "uchel")."""
    return tuple(dict.fromkeys(_translations(lang).gettext(message) for lang in LANGUAGES))


def source_of(text: str) -> str | None:
    """The English message ``text`` is a translation of (in any catalogue), or ``None``.

    For words fixed when a module was imported (a key's description in the footer, a
    command's help) that a face puts into the language just chosen: ``_(source_of(t))``.
    """
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        translations = _translations(lang)
        if isinstance(translations, PoTranslations):
            found = translations.source_of(text)
            if found is not None:
                return found
    return None


def retranslate(text: str) -> str:
    """``text``, a message in any interface language, in the language now in force."""
    source = text.source if isinstance(text, Said) else source_of(text)
    return _(source if source is not None else text)


# ------------------------------------------------------------------ reading a catalogue


class PoTranslations(gettext.NullTranslations):
    """A gettext catalogue read straight from a ``.po`` file.

    Fuzzy and empty translations are left out (the English shows instead); the plural
    rule is the catalogue's own ``Plural-Forms``.
    """

    def __init__(self, catalog: dict[str | tuple[str, int], str], plural: str) -> None:
        super().__init__()
        self.catalog = catalog
        self.plural: Callable[[int], int] = gettext.c2py(plural)
        self._sources: dict[str, str] | None = None

    def source_of(self, text: str) -> str | None:
        """The message ``text`` translates, or ``None``."""
        if self._sources is None:
            self._sources = {v: k for k, v in self.catalog.items() if isinstance(k, str)}
        return self._sources.get(text)

    @classmethod
    def read(cls, path: Path) -> PoTranslations:
        """The catalogue in ``path``."""
        catalog: dict[str | tuple[str, int], str] = {}
        plural = "n != 1"
        for entry in _entries(path.read_text(encoding="utf-8")):
            msgid = entry.get("msgid", "")
            if not msgid:  # the header
                plural = _plural_rule(entry.get("msgstr", "")) or plural
                continue
            if entry.get("fuzzy"):
                continue
            if "msgid_plural" in entry:
                forms = {k: v for k, v in entry.items() if k.startswith("msgstr[")}
                if all(forms.values()) and forms:
                    for key, text in forms.items():
                        catalog[(msgid, int(key[7:-1]))] = text
            elif entry.get("msgstr"):
                catalog[msgid] = entry["msgstr"]
        return cls(catalog, plural)

    def gettext(self, message: str) -> str:
        found = self.catalog.get(message)
        return found if isinstance(found, str) else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        found = self.catalog.get((msgid1, self.plural(n)))
        if found is not None:
            return found
        return msgid1 if n == 1 else msgid2


def _plural_rule(header: str) -> str | None:
    for line in header.splitlines():
        name, _sep, value = line.partition(":")
        if name.strip().lower() == "plural-forms":
            for part in value.split(";"):
                key, _eq, rule = part.strip().partition("=")
                if key.strip() == "plural":
                    return rule.strip()
    return None


def _entries(text: str) -> Iterator[dict[str, str]]:
    """Each entry of a ``.po`` file as ``{"msgid": …, "msgstr": …, "fuzzy": "1"}``."""
    entry: dict[str, str] = {}
    key: str | None = None
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            if "msgid" in entry:
                yield entry
            entry, key = {}, None
        elif line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = "1"
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and key is not None:
            entry[key] += _string(line)
        else:
            key, _sep, value = line.partition(" ")
            if key == "msgid" and "msgid" in entry:  # no blank line between entries
                yield entry
                entry = {}
            entry[key] = _string(value)


def _string(quoted: str) -> str:
    """The text of a quoted ``.po`` string (most have no escapes: read those as they are,
    which is a good part of reading the catalogue at start-up)."""
    if "\\" not in quoted and len(quoted) >= 2 and quoted[0] == quoted[-1] == '"':
        return quoted[1:-1]
    text = ast.literal_eval(quoted)
    if not isinstance(text, str):
        raise ValueError(f"not a string: {quoted[:40]!r}")
    return text
