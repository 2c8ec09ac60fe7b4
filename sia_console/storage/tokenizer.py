"""What the search index's tokenizer makes of text, asked of SQLite itself.

The index (``note_search``, migration 0002) splits text into words with FTS5's
``unicode61`` tokenizer and folds them (lower case, accents removed). To find the same
words in a text outside the index (the snippets of long texts, see
:mod:`sia_console.domain.snippet`), the rules must be SQLite's own, which depend on the
Unicode tables of the SQLite in use; so they are not copied but asked for, through a
private in-memory FTS5 table with the same tokenizer and ``fts5vocab``, which lists the
words the table holds. ASCII needs no asking (letters and digits make words, folded to
lower case); what other characters do is learnt once per character and kept.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from contextlib import closing
from functools import lru_cache

from sia_console.domain.snippet_words import Characters

TOKENIZER = "unicode61 remove_diacritics 2"
"""The tokenizer of ``note_search`` (migration 0002)."""

_known: dict[str, tuple[bool, bool, str]] = {}
"""Each character asked about: begins a word, continues one, folded form."""
_lock = threading.Lock()


def words(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """The words of each of ``texts`` as the index stores them, in order."""
    found: list[list[str]] = [[] for _text in texts]
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.execute(f"CREATE VIRTUAL TABLE probe USING fts5(text, tokenize = '{TOKENIZER}')")
        connection.execute("CREATE VIRTUAL TABLE probe_words USING fts5vocab(probe, instance)")
        connection.executemany(
            "INSERT INTO probe(rowid, text) VALUES (?, ?)",
            [(number, text) for number, text in enumerate(texts, start=1)],
        )
        for doc, term in connection.execute(
            "SELECT doc, term FROM probe_words ORDER BY doc, offset"
        ):
            found[int(doc) - 1].append(str(term))
    return [tuple(tokens) for tokens in found]


@lru_cache(maxsize=256)
def term_words(term: str) -> tuple[str, ...]:
    """The words of one searched term as the index stores them (kept for the next search)."""
    return words([term])[0]


def characters(chars: Iterable[str]) -> Characters:
    """What the tokenizer does with each of ``chars`` beyond ASCII."""
    wanted = {c for c in chars if not c.isascii()}
    unknown = sorted(c for c in wanted if c not in _known)
    if unknown:
        learnt = _ask(unknown)
        with _lock:
            _known.update(learnt)
    word: set[str] = set()
    inner: set[str] = set()
    fold: dict[str, str] = {}
    for char in wanted:
        begins, continues, folded = _known[char]
        if begins:
            word.add(char)
        elif continues:
            inner.add(char)
        if continues:
            fold[char] = folded
    return Characters(frozenset(word), frozenset(inner), fold)


def _ask(chars: list[str]) -> dict[str, tuple[bool, bool, str]]:
    """Ask SQLite: in ``q?q ?q``, a separator leaves three words ``q``; a character that
    continues a word leaves ``q<folded>q``, then ``<folded>q`` if it can begin one."""
    learnt: dict[str, tuple[bool, bool, str]] = {}
    asked: list[str] = []
    for char in chars:
        try:
            char.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: never in stored text
            learnt[char] = (False, False, "")
            continue
        asked.append(char)
    for char, tokens in zip(asked, words([f"q{c}q {c}q" for c in asked]), strict=True):
        whole = tokens[0] if tokens else ""
        if len(tokens) == 2 and len(whole) >= 2 and whole[0] == whole[-1] == "q":
            folded = whole[1:-1]
            learnt[char] = (bool(folded) and tokens[1] == folded + "q", True, folded)
        else:
            learnt[char] = (False, False, "")
    return learnt
