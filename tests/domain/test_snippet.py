"""The snippet of a long text: the one FTS5's snippet() makes, at a cost that grows with the text.

The expected snippets are FTS5's own, from an in-memory table with the search index's
tokenizer. The cost is counted, not timed: every call made while the snippet is worked out
(Python functions and built-ins, through ``sys.setprofile``), and every character handed to
a regular expression.
"""

from __future__ import annotations

import random
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from types import FrameType, SimpleNamespace
from typing import Any

import pytest

from sia_console.domain import snippet as snippet_module
from sia_console.domain import snippet_words as words_module
from sia_console.domain.search_query import parse_query
from sia_console.domain.snippet import snippet
from sia_console.domain.snippet_words import Phrase
from sia_console.storage import tokenizer

MARKS = {"open_mark": "[", "close_mark": "]", "ellipsis": "…"}
WORDS = [
    *("the", "pupil", "voice", "Dŵr", "dwr", "DŴR", "reading", "read", "readers", "Tŷ"),
    *("phonics", "a", "café", "naïve", "x1", "Ysgol", "governors", "attendance"),
    *("moderation", "moderate", "e\u0301cole", "ÉCOLE", "İstanbul", "ΣΟΦΙΑ", "σοφία"),
]
"""Words with accents (some as combining characters), capitals beyond ASCII, one that
lower-cases to two characters (İ), Greek."""
GAPS = (" ",) * 12 + (", ", ". ", ".\n\n", ": ", " - ", " (", ") ", "’", "\t", " \u0301", "—")
QUERIES = (
    "the",
    "pupil voice",
    '"pupil voice"',
    "read*",
    "dwr",
    "ty",
    "the the",
    '"the pupil"',
    "ecole",
    "istanbul",
    "σοφια",
    "voice read*",
    '"voice voice"',
)


@pytest.fixture(scope="module")
def fts5() -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.execute(
            f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize = '{tokenizer.TOKENIZER}')"
        )
        yield connection


def fts5_snippet(connection: sqlite3.Connection, text: str, query: str) -> str | None:
    connection.execute("DELETE FROM t")
    connection.execute("INSERT INTO t(rowid, text) VALUES (1, ?)", (text,))
    parsed = parse_query(query)
    assert parsed is not None
    row = connection.execute(
        "SELECT snippet(t, 0, '[', ']', '…', 14) FROM t WHERE t MATCH ?", (parsed.expression,)
    ).fetchone()
    return None if row is None else str(row[0])


def ours(text: str, query: str) -> str:
    parsed = parse_query(query)
    assert parsed is not None
    phrases = [
        Phrase(tokenizer.term_words(term), prefix)
        for term, prefix in zip(parsed.terms, parsed.prefixes, strict=True)
    ]
    return snippet(text, phrases, tokenizer.characters, tokens=14, **MARKS)


def made_up(rng: random.Random, words: int, pool: list[str], gaps: float) -> str:
    pieces = [rng.choice(GAPS) if rng.random() < 0.3 else ""]
    for _ in range(words):
        pieces += [rng.choice(pool), rng.choice(GAPS) if rng.random() < gaps else " "]
    return "".join(pieces)


def test_the_snippet_is_the_one_fts5_makes(fts5: sqlite3.Connection) -> None:
    rng = random.Random(7)
    compared = 0
    for _ in range(80):
        pool = rng.sample(WORDS, rng.randint(2, len(WORDS)))
        text = made_up(rng, rng.choice((3, 12, 40, 150, 600)), pool, rng.random())
        for query in QUERIES:
            expected = fts5_snippet(fts5, text, query)
            if expected is not None:
                assert ours(text, query) == expected, (text, query)
                compared += 1
    assert compared > 300


def test_matches_far_apart_and_sentences_across_them(fts5: sqlite3.Connection) -> None:
    """Rare matches in long texts: most of the text is never split into words."""
    rng = random.Random(11)
    filler = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "elit", "sed", "tempo"]
    texts = [
        # a match at a sentence start, the same sentence's next match far later: FTS5
        # scores the window at that sentence start when it reaches the second one
        "lorem " * 30 + "end. Pupil " + "lorem " * 80 + "pupil " + "lorem " * 80,
        "Pupil " + "lorem " * 200 + "pupil " + "lorem " * 80,
        "lorem " * 300 + "pupil",
        "pupil lorem lorem",
    ]
    for _ in range(12):
        words = rng.choice((2_000, 5_000))
        density = rng.choice((0.001, 0.01))
        pieces = []
        for _word in range(words):
            rare = rng.random() < density
            pieces += [rng.choice(("pupil", "voice", "Dŵr")) if rare else rng.choice(filler)]
            pieces += [rng.choice(GAPS) if rng.random() < 0.05 else " "]
        texts.append("".join(pieces))
    for text in texts:
        for query in ("pupil", "pupil voice", '"pupil voice"', "dwr"):
            expected = fts5_snippet(fts5, text, query)
            if expected is not None:
                assert ours(text, query) == expected, (text[:200], query)


def test_no_match_shows_the_first_words() -> None:
    assert ours("Lorem ipsum, dolor.", "pupil") == "Lorem ipsum, dolor."
    assert ours("one two three " * 10, "pupil") == "one two three " * 4 + "one two…"


class _Counted:
    """A compiled pattern that adds up the characters each search is given."""

    def __init__(self, pattern: re.Pattern[str], seen: list[int]) -> None:
        self.pattern = pattern
        self.seen = seen

    def _given(self, name: str) -> Callable[..., Any]:
        method = getattr(self.pattern, name)

        def call(text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
            self.seen.append(min(endpos, len(text)) - pos)
            return method(text, pos, endpos)

        return call

    def __getattr__(self, name: str) -> Any:
        if name in ("finditer", "findall", "match", "search"):
            return self._given(name)
        return getattr(self.pattern, name)


def cost(text: str, query: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Calls made, and characters given to regular expressions, to make one snippet."""
    seen: list[int] = []

    def compile(pattern: str, flags: int = 0) -> _Counted:
        return _Counted(re.compile(pattern, flags), seen)

    counting_re = SimpleNamespace(compile=compile, escape=re.escape)
    parsed = parse_query(query)
    assert parsed is not None
    phrases = [Phrase(tokenizer.term_words(term)) for term in parsed.terms]
    # once beforehand: asking SQLite about characters and compiling patterns are not counted
    snippet(text, phrases, tokenizer.characters, tokens=14, **MARKS)
    calls = 0

    def profile(_frame: FrameType, event: str, _arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    with monkeypatch.context() as patch:
        patch.setattr(snippet_module, "re", counting_re)
        patch.setattr(words_module, "re", counting_re)
        sys.setprofile(profile)
        try:
            snippet(text, phrases, tokenizer.characters, tokens=14, **MARKS)
        finally:
            sys.setprofile(None)
    return calls, sum(seen)


@pytest.mark.parametrize(
    "query", ["the", "reading", "the pupil", '"pupil voice"', "read*", "zebra"]
)
def test_the_cost_grows_with_the_text_not_its_square(
    query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FTS5's snippet() looks at every match for each match; this must not, at any level."""
    paragraph = (
        "The pupil voice group met the head. Reading for pleasure: the pupils read "
        "widely, and the readers' club is thriving.\n\nThe next visit is in March; the "
        "Dŵr and Tŷ classes will share their work with the governors. "
    )
    short, long = paragraph * 300, paragraph * 1200  # about 60 KB and 240 KB
    calls, characters = cost(short, query, monkeypatch)
    calls_4x, characters_4x = cost(long, query, monkeypatch)
    assert calls_4x <= 5 * calls, (calls, calls_4x)  # linear: 4 times; quadratic: 16
    assert characters_4x <= 5 * characters, (characters, characters_4x)
    assert characters_4x <= 12 * len(long)  # each part of the text is looked at a few times
