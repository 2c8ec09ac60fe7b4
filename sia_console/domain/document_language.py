"""The language a document's own words are written in: English, Welsh, or both.

One rule for every document sia-console writes (the note of visit, the school's year,
the board report), so that they agree: a school's documents follow its language of
correspondence (the Welsh Language Standards: Welsh for a Welsh-medium school, Welsh
first then English for a bilingual one), and a document with no one school, such as the
board report, follows the interface. Pure: the caller puts the words into the language
with :func:`sia_console.i18n.in_language`.
"""

from __future__ import annotations

from typing import Literal

from sia_console.domain.enums import LanguageMedium
from sia_console.i18n import language

DocumentLanguage = Literal["en", "cy", "bilingual"]
"""The words of a document: English, Welsh, or both (Welsh first)."""

DOCUMENT_LANGUAGES: tuple[DocumentLanguage, ...] = ("en", "cy", "bilingual")
"""Every document language, in the order a choice offers them."""


def document_language(medium: LanguageMedium | str | None) -> DocumentLanguage:
    """The language a school's documents are written in: Welsh for a Welsh-medium school,
    both (Welsh first) for a bilingual one, else English (the Welsh Language Standards)."""
    if medium == LanguageMedium.WELSH:
        return "cy"
    if medium == LanguageMedium.BILINGUAL:
        return "bilingual"
    return "en"


def interface_document_language() -> DocumentLanguage:
    """The language of a document for no one school (the board report): the interface's."""
    return "cy" if language() == "cy" else "en"


def parse_document_language(text: str | None) -> DocumentLanguage | None:
    """``text`` as a document language (``cy``, ``en``, ``bilingual``), else ``None``."""
    wanted = (text or "").strip().lower()
    return next((words for words in DOCUMENT_LANGUAGES if words == wanted), None)
