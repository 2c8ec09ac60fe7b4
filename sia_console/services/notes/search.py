"""Full-text search over every note of visit: best matches first, matched words marked.

The index (``note_search``, migrations 0002 and 0004) holds the text of every note
section and amendment, agreed action, risk rationale and review comment of an earlier
action, and is kept in step by triggers, so it is current the moment a save commits.
The search asks FTS5 for its best matches first (it ranks with BM25 and stops at the
limit), then joins only those few rows to their notes, visits and schools; so searching
costs little more than the bare FTS5 query, however many notes there are.

A snippet is returned as plain text with the matched words as ``(start, end)`` offsets,
never as markup: the text is the adviser's, and a screen styles those ranges itself.

FTS5's own ``snippet()`` takes time that grows with the square of the number of matches
in a text: nothing for a section of a few hundred words, seconds (minutes) for a section
of a megabyte or more. So only texts of up to :data:`LONG_TEXT` characters get theirs from
FTS5; for a longer one among the hits the search reads the text and makes the same snippet
with :func:`sia_console.domain.snippet.snippet`, in time that grows with the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session

from sia_console.domain.enums import NoteStatus
from sia_console.domain.note_template import (
    ACTIONS_PAGE,
    AMENDMENTS_PAGE,
    REVIEWS_PAGE,
    RISK_PAGE,
    section_title,
)
from sia_console.domain.search_query import FtsQuery, parse_query
from sia_console.domain.snippet import snippet
from sia_console.domain.snippet_words import Phrase
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput
from sia_console.storage import tokenizer

OPEN_MARK = "\ue000"
CLOSE_MARK = "\ue001"
"""Private-use characters that FTS5 puts around matched words in a snippet."""
ELLIPSIS = "…"
SNIPPET_TOKENS = 14
MAX_LIMIT = 500
LONG_TEXT = 20_000
"""Texts longer than this many characters get their snippets from
:mod:`sia_console.domain.snippet` instead of FTS5 (the same snippets, sooner)."""

RAW_QUERY = (
    "SELECT rowid AS hit_rowid, rank AS hit_rank, "
    "snippet(note_search, 0, :open, :close, :ellipsis, :tokens) AS hit_snippet "
    "FROM note_search WHERE note_search MATCH :query ORDER BY rank LIMIT :fetch"
)
"""The bare FTS5 query: best matches first, each with FTS5's snippet (benchmarks compare
the search with it)."""

HITS_QUERY = (
    "SELECT rowid AS hit_rowid, rank AS hit_rank, "
    "CASE WHEN (SELECT text_length FROM note_search_row WHERE rowid = note_search.rowid) "
    "<= :long THEN snippet(note_search, 0, :open, :close, :ellipsis, :tokens) END "
    "AS hit_snippet "
    "FROM note_search WHERE note_search MATCH :query ORDER BY rank LIMIT :fetch"
)
""":data:`RAW_QUERY` as the search sends it: no snippet (``NULL``) for a long text. The
length is the one kept with the row (migration 0007): ``length(text)`` would have FTS5
load the whole text, for hits fetched but not shown too."""

_QUERY = text(
    f"WITH hits AS MATERIALIZED ({HITS_QUERY}) "
    "SELECT h.hit_rank, h.hit_snippet, h.hit_rowid, r.kind, n.id, v.id, sch.code, sch.name, "
    "v.start, n.status, COALESCE(s.key, a.section_key), s.title "
    "FROM hits h "
    "JOIN note_search_row r ON r.rowid = h.hit_rowid "
    "LEFT JOIN note_section s ON r.kind = 'section' AND s.id = r.record_id "
    "LEFT JOIN amendment a ON r.kind = 'amendment' AND a.id = r.record_id "
    "LEFT JOIN action ac ON r.kind = 'action' AND ac.id = r.record_id "
    "LEFT JOIN risk_judgement rj ON r.kind = 'risk' AND rj.id = r.record_id "
    "LEFT JOIN action_review rv ON r.kind = 'review' AND rv.id = r.record_id "
    "LEFT JOIN action ra ON ra.id = rv.action_id "
    "JOIN note_of_visit n "
    "ON n.id = COALESCE(s.note_id, a.note_id, ac.note_id, rj.note_id, rv.note_id) "
    "JOIN visit v ON v.id = n.visit_id "
    "JOIN school sch ON sch.id = v.school_id "
    "WHERE n.deleted = 0 AND v.deleted = 0 AND sch.deleted = 0 "
    "AND COALESCE(s.deleted, a.deleted, ac.deleted, rj.deleted, rv.deleted) = 0 "
    "AND COALESCE(ra.deleted, 0) = 0 "
    "ORDER BY h.hit_rank"
)
"""The best matches joined to their records, notes, visits and schools; a match in a
deleted record (or note, visit, school, or the action a review is of) is left out."""

_TEXT = text("SELECT CAST(text AS BLOB) FROM note_search WHERE rowid = :rowid")
"""A text as SQLite keeps it, in UTF-8: :func:`long_snippet` needs those bytes."""

PAGES = {
    "amendment": AMENDMENTS_PAGE,
    "action": ACTIONS_PAGE,
    "risk": RISK_PAGE,
    "review": REVIEWS_PAGE,
}
"""The note editor's page that shows each kind of indexed text (a section: its own)."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchHit:
    """One piece of one note that matches the search: a section, an amendment, an agreed
    action, the rationale of the risk judgement or a review of an earlier action."""

    note_id: str
    visit_id: str
    school_code: str
    school_name: str
    visit_start: datetime
    note_status: NoteStatus
    kind: str
    """``section``, ``amendment``, ``action``, ``risk`` (the judgement's rationale) or
    ``review`` (the comment of this note's review of an earlier action)."""
    section: str | None
    """The section's key (for an amendment: the section it corrects, if any; else ``None``)."""
    page: str
    """The note editor's page to open at: the section's key, or a page name of
    :mod:`sia_console.domain.note_template` (``@risk``, ``@actions``, …)."""
    section_title: str
    snippet: str
    """A short extract around the matches, on one line, as plain text."""
    highlights: tuple[tuple[int, int], ...]
    """``(start, end)`` offsets of the matched words in :attr:`snippet`."""
    terms: tuple[str, ...]
    """The words searched for, for finding them again in the full text."""
    rank: float
    """BM25 rank: lower is better."""

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as ``(text, matched)`` pieces, in order."""
        pieces: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.highlights:
            if start > at:
                pieces.append((self.snippet[at:start], False))
            pieces.append((self.snippet[start:end], True))
            at = end
        if at < len(self.snippet):
            pieces.append((self.snippet[at:], False))
        return pieces


def split_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text and match offsets from an FTS5 snippet with our marks, on one line."""
    plain: list[str] = []
    highlights: list[tuple[int, int]] = []
    length = 0
    inside = False
    for piece in re.split(f"([{OPEN_MARK}{CLOSE_MARK}])", marked):
        if piece == OPEN_MARK:
            inside = True
            continue
        if piece == CLOSE_MARK:
            inside = False
            continue
        flat = _SPACE.sub(" ", piece)
        if not plain and not inside:
            flat = flat.lstrip()
        if not flat:
            continue
        if inside:
            highlights.append((length, length + len(flat)))
        plain.append(flat)
        length += len(flat)
    joined = "".join(plain)
    stripped = joined.rstrip()
    if len(stripped) < len(joined):
        highlights = [(s, min(e, len(stripped))) for s, e in highlights if s < len(stripped)]
    return stripped, tuple(highlights)


def search_notes(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    """The pieces of notes matching every word of ``query``, best first.

    Sections, amendments, agreed actions, risk rationales and review comments are
    searched; each hit names its note and the editor page that shows it.
    """
    parsed = parse_query(query)
    if parsed is None:
        raise InvalidInput(_("Give at least one word to search for."))
    limit = max(1, min(limit, MAX_LIMIT))
    session.flush()  # raw SQL below: pending changes must reach the index first
    fetch = limit + 10
    while True:
        rows = (
            session.connection()
            .execute(
                _QUERY,
                {
                    "query": parsed.expression,
                    "open": OPEN_MARK,
                    "close": CLOSE_MARK,
                    "ellipsis": ELLIPSIS,
                    "tokens": SNIPPET_TOKENS,
                    "long": LONG_TEXT,
                    "fetch": fetch,
                },
            )
            .all()
        )
        # Rows of deleted notes are dropped after the limit; ask for more if they were many.
        if (
            len(rows) >= limit
            or fetch >= 20 * (limit + 10)
            or not _maybe_more(session, parsed.expression, fetch)
        ):
            break
        fetch *= 4
    hits: list[SearchHit] = []
    phrases: list[Phrase] | None = None
    for rank, marked, rowid, kind, note_id, visit_id, code, name, start, status, key, title in rows[
        :limit
    ]:
        if marked is None:  # a long text
            if phrases is None:
                phrases = _phrases(parsed)
            marked = long_snippet(_whole_text(session, rowid), phrases)
        plain, highlights = split_snippet(marked or "")
        hits.append(
            SearchHit(
                note_id=note_id,
                visit_id=visit_id,
                school_code=code,
                school_name=name,
                visit_start=_naive(start),
                note_status=NoteStatus(status),
                kind=kind,
                section=key,
                page=key if kind == "section" and key else PAGES.get(kind, AMENDMENTS_PAGE),
                section_title=_title(kind, key, title),
                snippet=plain,
                highlights=highlights,
                terms=parsed.terms,
                rank=float(rank),
            )
        )
    return hits


def long_snippet(whole: str | bytes, phrases: list[Phrase]) -> str:
    """FTS5's snippet of a long text, with our marks, made in one pass over it."""
    return snippet(
        whole,
        phrases,
        tokenizer.characters,
        tokens=SNIPPET_TOKENS,
        open_mark=OPEN_MARK,
        close_mark=CLOSE_MARK,
        ellipsis=ELLIPSIS,
    )


def _phrases(parsed: FtsQuery) -> list[Phrase]:
    """The query's phrases as the index's tokenizer folds them."""
    return [
        Phrase(tokenizer.term_words(term), prefix)
        for term, prefix in zip(parsed.terms, parsed.prefixes, strict=True)
    ]


def _whole_text(session: Session, rowid: int) -> bytes:
    whole = session.connection().execute(_TEXT, {"rowid": rowid}).scalar()
    return bytes(whole or b"")


def _maybe_more(session: Session, expression: str, fetched: int) -> bool:
    """True when FTS5 has more matches than were fetched (some may belong to live notes)."""
    count = (
        session.connection()
        .execute(
            text("SELECT count(*) FROM note_search WHERE note_search MATCH :query"),
            {"query": expression},
        )
        .scalar()
    )
    return int(count or 0) > fetched


def _naive(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _title(kind: str, key: str | None, title: str | None) -> str:
    if kind == "amendment":
        if key:
            return _("Amendment to {section}").format(section=section_title(key))
        return _("Amendment")
    if kind == "action":
        return _("Actions agreed")
    if kind == "risk":
        return _("Floor-target risk judgement")
    if kind == "review":
        return _("Progress on previous actions")
    return title or (section_title(key) if key else "")
