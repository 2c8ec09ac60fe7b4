"""The words of a text and the phrases of a query, as the search index sees them.

The index's tokenizer (``storage.tokenizer``) reports which characters beyond ASCII make
words and how it folds them (:class:`Characters`); :class:`Words` turns one query's
phrases into regular expressions that find each match in a text the way FTS5 would, so
that :mod:`domain.snippet` can choose its window around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

ASCII_WORD = "0-9A-Za-z"
"""The ASCII characters that make words."""


@dataclass(frozen=True)
class Phrase:
    """One quoted string of an FTS5 query, as the index's tokenizer folds it."""

    tokens: tuple[str, ...]
    prefix: bool = False
    """The last token matches any word that begins with it (``word*``)."""


@dataclass(frozen=True)
class Characters:
    """What the index's tokenizer does with some characters beyond ASCII."""

    word: frozenset[str]
    """Characters that begin or continue a word."""
    inner: frozenset[str]
    """Characters that only continue a word begun by another (combining accents)."""
    fold: Mapping[str, str] = field(default_factory=dict)
    """Each character of :attr:`word` and :attr:`inner` as the index stores it: lower case,
    accents removed; ``""`` when it is dropped."""


@dataclass(frozen=True)
class Match:
    char: int
    """Where the match begins in the text."""
    phrase: int
    words: int
    """How many words the phrase has."""


class Words:
    """Regular expressions for the words of one text and the phrases of one query."""

    def __init__(
        self, phrases: Sequence[Phrase], chars: Characters, tokens: int, *, lowered: bool
    ) -> None:
        word = ASCII_WORD + _escape(chars.word)
        self.chars = chars
        self.lowered = lowered
        """The text searched has no ASCII capitals (they have been lowered)."""
        self.word_class = f"[{word}]"
        self.any_class = f"[{word}{_escape(chars.inner)}]"
        self.separators = f"[^{word}]"
        self.token = re.compile(f"{self.word_class}{self.any_class}*")
        self.sentence = re.compile(rf"[.:][ \t\n\r]+(?={self.word_class})")
        """A full stop or colon and white space before a word: that word begins a sentence."""
        dropped = [c for c in chars.word | chars.inner if chars.fold.get(c, c) == ""]
        self.dropped = f"[{_escape(dropped)}]*" if dropped else ""
        self.phrases: list[tuple[int, int, re.Pattern[str], int]] = []
        """Each phrase with words: its index, its number of words, its pattern, and how far
        the start of a match is before where the pattern matches."""
        for index, phrase in enumerate(phrases):
            if phrase.tokens:
                pattern, before = self._phrase(phrase)
                self.phrases.append((index, len(phrase.tokens), re.compile(pattern), before))
        longest = max((words for _index, words, _pattern, _before in self.phrases), default=1)
        self.apart = tokens + longest
        """Matches this many words apart are far: no window holds both, no window at a
        sentence start before one holds the other, neither is centred against the other."""
        self._at_least = {
            count: re.compile(
                f"(?:{self.separators}*+{self.word_class}{self.any_class}*+){{{count}}}"
            )  # possessive: a word is never split in two to try again
            for count in {tokens, self.apart}
        }

    def at_least(self, text: str, start: int, end: int, count: int) -> bool:
        """Whether ``count`` words or more begin between ``start`` and ``end``."""
        if end - start < 2 * count - 1:  # each word and the space after it take two
            return False
        return self._at_least[count].match(text, start, end) is not None

    def count(self, text: str, start: int, end: int) -> int:
        """How many words begin between ``start`` (not inside a word) and ``end``."""
        return len(self.token.findall(text, start, end))

    def _variants(self, folded: str, first: bool) -> list[str]:
        """Every character that folds to ``folded`` (that may begin a word if ``first``)."""
        found = [folded] if folded.isascii() and folded.isalnum() else []
        if found and not self.lowered and folded != folded.upper():
            found.append(folded.upper())  # (lowered: only ASCII capitals were lowered)
        pool = self.chars.word if first else self.chars.word | self.chars.inner
        return found + sorted(c for c in pool if self.chars.fold.get(c, c) == folded)

    def _first_token(self, folded: str) -> tuple[str, int]:
        """The pattern of a phrase's first word, without its end, and how far the word
        begins before where the pattern matches.

        ``re`` finds a run of plain letters far faster than a character class, so the
        pattern begins with the longest run of letters that have no other form in this
        text; the letters before it, and the edge of the word, are checked behind it.
        """
        variants = [self._variants(c, index == 0) for index, c in enumerate(folded)]
        classes = [_class(found) for found in variants]
        start = end = 0
        if not self.dropped:  # every letter is one character: the look-behind has a width
            here = 0
            for index, found in enumerate([*variants, []]):
                if len(found) == 1:
                    continue
                if index - here > end - start:
                    start, end = here, index
                here = index + 1
        if end == start:  # no plain letter to begin with
            edge = rf"(?<!{self.word_class}[\s\S])"
            return classes[0] + edge + self.dropped + self._rest(classes[1:]), 0
        plain = "".join(re.escape(found[0]) for found in variants[start:end])
        behind = "".join(classes[:start])
        pattern = plain
        if start:
            pattern += f"(?<={behind}{plain})"
        pattern += rf"(?<!{self.word_class}[\s\S]{{{end}}})"
        return pattern + self._rest(classes[end:]), start

    def _rest(self, classes: list[str]) -> str:
        return "".join(found + self.dropped for found in classes)

    def _token(self, folded: str) -> str:
        classes = [_class(self._variants(c, index == 0)) for index, c in enumerate(folded)]
        return self._rest(classes)

    def _end(self, prefix: bool) -> str:
        return f"{self.any_class}*" if prefix else f"(?!{self.any_class})"

    def _phrase(self, phrase: Phrase) -> tuple[str, int]:
        last = len(phrase.tokens) - 1
        first, before = self._first_token(phrase.tokens[0])
        words = [first + self._end(phrase.prefix and last == 0)]
        words += [
            self._token(token) + self._end(phrase.prefix and i == last)
            for i, token in enumerate(phrase.tokens[1:], start=1)
        ]
        pattern = f"{self.separators}+".join(words)
        if len(words) > 1 and any(_may_overlap(phrase)):
            return f"(?=({pattern}))", before  # matches may overlap: find each one
        return f"({pattern})", before

    def matches(self, text: str) -> list[Match]:
        """Every match of every phrase in ``text``, in FTS5's order."""
        found = [
            Match(match.start(1) - before, index, words)
            for index, words, pattern, before in self.phrases
            for match in pattern.finditer(text)
        ]
        if self.chars.inner:
            found = [match for match in found if not self._inside(text, match.char)]
        found.sort(key=lambda match: (match.char, match.phrase))
        return found

    def _inside(self, text: str, start: int) -> bool:
        """Whether ``start``, after combining accents, is inside a word (accents after a
        separator are separators too)."""
        while start and text[start - 1] in self.chars.inner:
            start -= 1
        return bool(start) and _is_word(text[start - 1], self.chars)


def _class(chars: list[str]) -> str:
    if not chars:
        return "(?!)"
    if len(chars) == 1:
        return re.escape(chars[0])
    return f"[{_escape(chars)}]"


def _may_overlap(phrase: Phrase) -> Iterable[bool]:
    """Whether a later token could be where another match of the phrase begins."""
    first = phrase.tokens[0]
    for later in phrase.tokens[1:]:
        yield later == first or later.startswith(first) or first.startswith(later)


def _is_word(char: str, chars: Characters) -> bool:
    return (char.isascii() and char.isalnum()) or char in chars.word


def _escape(chars: Iterable[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))
