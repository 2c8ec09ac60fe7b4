"""FTS5's snippet of a long text, chosen by FTS5's own rule but in one pass.

SQLite's ``snippet()`` scores a window at each match by looking at every match of the row,
and looks for each match's sentence in the list of all sentence starts; ``highlight()``
copies its whole output again for every piece it appends. Their time grows with the square
of the number of matches: a 1.6 MB section with a common word in it takes seconds, and more
with a word on every line. This module makes the same snippet from the text in time that
grows with the text: the search uses it for texts longer than any normal section.

FTS5's rule, for a window of ``tokens`` words (``fts5SnippetFunction``, ``fts5_aux.c``):

- the window that starts at each match is scored by the matches in it: 1000 for each phrase
  of the query it holds, 1 for each further match; it is then centred on its matches (and
  kept inside the text);
- if the match's sentence begins before it, the window at that sentence start is scored
  too, with 100 more (120 at the start of the text); a sentence begins at a word that
  follows a full stop or colon and some white space;
- the first window with the highest score wins; its words are shown with each group of
  overlapping matches that begins inside it marked, and ``ellipsis`` before and after
  unless the window reaches that end of the text.

Here the matches are found with one regular expression per phrase, and the text is never
split into words as a whole: between two neighbouring matches the words are only counted,
and only when there are few of them; sentence starts are looked for between neighbouring
matches. Matches many words apart are placed far apart (:data:`_FAR`), where no window can
hold both.

Words are found as the index's tokenizer (``unicode61``) finds them: ASCII letters and
digits make words; what other characters do, and how they fold, comes in a
:class:`Characters` (the search asks SQLite itself, see
:mod:`sia_console.storage.tokenizer`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sia_console.domain.snippet_words import Characters, Match, Phrase, Words

_ASCII = re.compile(r"[\x00-\x7f]+")
_ASCII_BYTES = bytes(range(128))
_FAR = 1 << 40
"""The distance, in words, put between matches that no window can hold together."""


def _c_half(value: int) -> int:
    """``value / 2`` as C divides integers (towards zero)."""
    return -(-value // 2) if value < 0 else value // 2


@dataclass
class _Layout:
    """Where the matches are, in words, and the sentence each one is in."""

    positions: list[int]
    """The word position of each match; exact between matches near each other, else at
    least :data:`_FAR` apart (and exact from the start of the text when it is near)."""
    sentences: list[tuple[int, int] | None]
    """For each match, the last sentence start at or before it, as ``(position, match
    it was found from)``; ``None`` when no match can be in its window."""
    size: int | None
    """The text's length in words (``None`` when it ends far from every match)."""


def _layout(text: str, found: list[Match], words: Words, tokens: int) -> _Layout:
    positions: list[int] = []
    sentences: list[tuple[int, int] | None] = []
    before = 0
    for index, match in enumerate(found):
        if index == 0:
            near = not words.at_least(text, 0, match.char, words.apart)
            position = words.count(text, 0, match.char) if near else _FAR
            sentence: tuple[int, int] | None = (0, 0) if near and position < tokens else None
        else:
            position = positions[-1]
            sentence = sentences[-1]
            if match.char == before:
                positions.append(position)
                sentences.append(sentence)
                continue
            if words.at_least(text, before, match.char, words.apart):
                position += _FAR
            else:
                position += words.count(text, before, match.char)
        start = _last_sentence(text, words, before, match.char, tokens)
        if start is not None:
            if start < 0 or words.at_least(text, start, match.char, tokens):
                sentence = None  # after the last match, too far before this one to matter
            else:
                sentence = (position - words.count(text, start, match.char), index)
        positions.append(position)
        sentences.append(sentence)
        before = match.char
    last = found[-1].char
    size = None
    if not words.at_least(text, last, len(text), words.apart):
        size = positions[-1] + words.count(text, last, len(text))
    return _Layout(positions, sentences, size)


def _last_sentence(text: str, words: Words, before: int, at: int, tokens: int) -> int | None:
    """Where the last sentence that begins after ``before`` and at or before ``at`` begins;
    ``-1`` when there is one but ``tokens`` words or more before ``at``; ``None`` if none."""
    near = max(before, at - 32 * tokens)
    while near > before and text[near - 1] in " \t\n\r":  # a match never starts
        near -= 1  # in the middle of its white space
    if near > before and text[near - 1] in ".:":
        near -= 1
    start = None
    for found in words.sentence.finditer(text, near, at + 1):
        start = found.end()
    if start is not None or near == before:
        return start
    if words.at_least(text, near, at, tokens):  # any earlier one is too far to matter
        return -1 if words.sentence.search(text, before, near + 1) else None
    for found in words.sentence.finditer(text, before, at + 1):
        start = found.end()
    return start


def snippet(
    text: str | bytes,
    phrases: Sequence[Phrase],
    characters: Callable[[set[str]], Characters],
    *,
    tokens: int,
    open_mark: str,
    close_mark: str,
    ellipsis: str,
) -> str:
    """What FTS5's ``snippet(table, 0, open_mark, close_mark, ellipsis, tokens)`` returns for
    ``text`` (or its UTF-8 encoding, as SQLite keeps it) matched by ``phrases``, in time
    that grows with the text.

    ``characters`` tells what the tokenizer does with the characters beyond ASCII given
    to it (all of them, or more).
    """
    text, searched, chars, lowered = _searched(text, characters)
    words = Words(phrases, chars, tokens, lowered=lowered)
    marks = (open_mark, close_mark, ellipsis)
    found = words.matches(searched)
    if not found:  # FTS5 shows the first words
        return _render(text, searched, words, [], [], None, 0, None, tokens, marks)
    layout = _layout(searched, found, words, tokens)
    positions = layout.positions

    def window(first: int) -> tuple[int, int]:
        """The score of the window at ``first`` and the end of its last match."""
        score, end = 0, 0
        seen: set[int] = set()
        index = bisect_left(positions, first)
        while index < len(found) and positions[index] < first + tokens:
            score += 1 if found[index].phrase in seen else 1000
            seen.add(found[index].phrase)
            end = positions[index] + found[index].words
            index += 1
        return score, end

    best_score, best_first, best_from = 0, 0, 0
    evaluated: set[int] = set()
    long_enough = layout.size is None or layout.size > tokens
    for index, position in enumerate(positions):
        score, end = window(position)
        first = position - _c_half(tokens - (end - position))
        if layout.size is not None and first + tokens > layout.size:
            first = layout.size - tokens
        first = max(first, 0)
        if score > best_score:
            best_score, best_first, best_from = score, first, index
        sentence = layout.sentences[index]
        if not long_enough or sentence is None:
            continue
        start, found_from = sentence
        if start >= position or start in evaluated:
            continue  # FTS5 scores a window again with the same result: never better
        evaluated.add(start)
        score = window(start)[0] + (120 if start == 0 else 100)
        if score > best_score:
            best_score, best_first, best_from = score, start, found_from
    return _render(
        text, searched, words, found, positions, layout.size, best_first, best_from, tokens, marks
    )


def _searched(
    text: str | bytes, characters: Callable[[set[str]], Characters]
) -> tuple[str, str, Characters, bool]:
    """The text, the text to search, what its characters beyond ASCII do, and whether
    the text searched is in lower case. Only ASCII capitals are lowered (in UTF-8, where
    that is fast), so every word is where it was and folds as it did; other capitals are
    matched as they are."""
    if isinstance(text, bytes):
        encoded = text
        text = encoded.decode()
    elif text.isascii():
        return text, text.lower(), Characters(frozenset(), frozenset()), True
    else:
        try:
            encoded = text.encode()
        except UnicodeEncodeError:  # a lone surrogate: search the text as it is
            return text, text, characters(set(_ASCII.sub("", text))), False
    others = set(encoded.translate(None, _ASCII_BYTES).decode())
    return text, encoded.lower().decode(), characters(others), True


def _render(
    text: str,
    searched: str,
    words: Words,
    found: list[Match],
    positions: list[int],
    size: int | None,
    first: int,
    near: int | None,
    tokens: int,
    marks: tuple[str, str, str],
) -> str:
    """The window of ``tokens`` words at position ``first`` (near the match ``near``), as
    FTS5's snippet() writes it: words found in ``searched``, shown from ``text``."""
    open_mark, close_mark, ellipsis = marks
    last = first + tokens - 1
    if near is None:
        spans = _spans(searched, words, 0, tokens + 1)
        offset = 0
        size = len(spans) if len(spans) <= tokens else None
    else:
        anchor, at = found[near].char, positions[near]
        back, counted = _back(searched, words, anchor, max(0, at - first))
        spans = _spans(searched, words, back, counted + max(0, last - at) + 1)
        offset = at - counted
    pieces: list[str] = []
    if first == 0:
        cursor = 0
    else:
        pieces.append(ellipsis)
        cursor = spans[first - offset][0]
    to_end = size is not None and last >= size - 1
    end = len(text) if to_end else spans[last - offset][1]
    for begin, finish in _groups(found, positions):
        if begin < first:
            continue
        if begin > last:
            break
        opened, closed = spans[begin - offset][0], spans[min(finish, last) - offset][1]
        pieces += [text[cursor:opened], open_mark, text[opened:closed], close_mark]
        cursor = closed
    pieces.append(text[cursor:end])
    if not to_end:
        pieces.append(ellipsis)
    return "".join(pieces)


def _spans(text: str, words: Words, start: int, count: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the first ``count`` words from ``start``."""
    spans: list[tuple[int, int]] = []
    for match in words.token.finditer(text, start):
        spans.append(match.span())
        if len(spans) >= count:
            break
    return spans


def _back(text: str, words: Words, start: int, count: int) -> tuple[int, int]:
    """Where the word ``count`` words before the one at ``start`` begins, and how many
    words that is (fewer at the start of the text)."""
    if not count:
        return start, 0
    size = 16 * (count + 1)
    while True:
        low = max(0, start - size)
        starts = [match.start() for match in words.token.finditer(text, low, start)]
        if len(starts) > count or (low == 0 and len(starts) == count):
            return starts[-count], count
        if low == 0:  # fewer words than that before the start
            return (starts[0] if starts else start), len(starts)
        size *= 4


def _groups(found: list[Match], positions: list[int]) -> Iterable[tuple[int, int]]:
    """First and last word position of each group of overlapping matches, in order."""
    begin = finish = -1
    for match, position in zip(found, positions, strict=True):
        if begin >= 0 and position <= finish:
            finish = max(finish, position + match.words - 1)
            continue
        if begin >= 0:
            yield begin, finish
        begin, finish = position, position + match.words - 1
    if begin >= 0:
        yield begin, finish
