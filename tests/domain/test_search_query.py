"""What an adviser types, as an FTS5 query."""

from __future__ import annotations

from sia_console.domain.search_query import parse_query


def test_words_phrases_and_prefixes() -> None:
    parsed = parse_query('"pupil voice" read* Dŵr, (')
    assert parsed is not None
    assert parsed.expression == '"pupil voice" "read"* "Dŵr,"'
    assert parsed.terms == ("pupil voice", "read", "Dŵr,")
    assert parsed.prefixes == (False, True, False)
