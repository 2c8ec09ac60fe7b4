"""What an adviser types in the search box, turned into a safe SQLite FTS5 query.

FTS5 has its own query language (``AND``, ``NEAR``, ``col:``, ``^``, ``*``, quotes), in
which most punctuation is a syntax error. Advisers type words, not queries, so every
word is matched as a quoted string (its punctuation then only separates tokens, exactly
as in the indexed text) and all words must appear. Two things keep their meaning: a
phrase in double quotes, and a word ending in ``*``, which matches as a prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PIECES = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class FtsQuery:
    """A query ready for ``MATCH``, and the words the adviser asked for."""

    expression: str
    """The FTS5 query: quoted strings joined by spaces (implicit AND)."""

    terms: tuple[str, ...]
    """The words and phrases as typed (without quotes or ``*``), for highlighting."""

    prefixes: tuple[bool, ...] = ()
    """For each of :attr:`terms`, whether it matches as a prefix (``word*``)."""


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _searchable(text: str) -> bool:
    """True when the text holds a letter or digit: anything else indexes to nothing."""
    return any(char.isalnum() for char in text)


def parse_query(text: str) -> FtsQuery | None:
    """The FTS5 query for ``text``, or ``None`` when it holds no word to search for."""
    parts: list[str] = []
    terms: list[str] = []
    prefixes: list[bool] = []
    for match in _PIECES.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            if _searchable(phrase):
                parts.append(_quoted(phrase.strip()))
                terms.append(phrase.strip())
                prefixes.append(False)
            continue
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if not _searchable(core):
            continue
        parts.append(_quoted(core) + ("*" if prefix else ""))
        terms.append(core)
        prefixes.append(prefix)
    if not parts:
        return None
    return FtsQuery(" ".join(parts), tuple(terms), tuple(prefixes))
