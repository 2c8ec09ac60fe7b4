"""What the index's tokenizer makes of text, as SQLite itself answers."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from sia_console.storage import tokenizer


def test_the_index_uses_the_tokenizer_asked_about(session: Session) -> None:
    sql = (
        session.connection()
        .execute(text("SELECT sql FROM sqlite_master WHERE name = 'note_search'"))
        .scalar()
    )
    assert f"tokenize = '{tokenizer.TOKENIZER}'" in str(sql)


def test_words_are_folded_as_the_index_stores_them() -> None:
    assert tokenizer.words(["Dŵr, pupil-voice", "", "’—"]) == [("dwr", "pupil", "voice"), (), ()]
    assert tokenizer.term_words("Tŷ Mawr") == ("ty", "mawr")


def test_characters_beyond_ascii() -> None:
    chars = tokenizer.characters("Ŵâ\u0301’—x")
    assert chars.word == {"Ŵ", "â"}
    assert chars.inner == {"\u0301"}  # a combining accent continues a word, never begins one
    assert chars.fold == {"Ŵ": "w", "â": "a", "\u0301": ""}
    again = tokenizer.characters("â")  # known now: not asked again
    assert again.word == {"â"} and again.fold == {"â": "a"}
