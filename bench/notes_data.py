"""A database of many notes of visit, for the search benchmark.

An authority's worth of years: ``notes`` notes (20,000 by default) of 200 schools, each
with the ten default sections of 30–150 words drawn from the demo's own prose (so the
words and their frequencies are those of real notes), a risk judgement with a rationale
of 10–40 words, two agreed actions of 5–20 words and, from a school's second note on, a
review (5–20 words) of an action agreed at its previous visit; written in bulk through
SQLite. The index is filled by the triggers of migrations 0002 and 0004, exactly as the
services fill it.

Run ``.venv/bin/python bench/notes_data.py OUT.sqlite [--notes N]`` to keep one.

:func:`long_text`, :func:`add_long_section` and :func:`replace_long_section` add one note
with a very long section (the search benchmark's 1.6 MB case).
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sia_console.demo import names, priorities, prose
from sia_console.domain.note_template import DEFAULT_SECTIONS
from sia_console.storage.database import open_database

SCHOOLS = 200
STAMP = "2026-11-23 09:00:00.000000"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for item in value.items() for part in item for t in _strings(part)]
    if isinstance(value, list | tuple | set | frozenset):
        return [t for item in value for t in _strings(item)]
    return []


def vocabulary() -> list[str]:
    """Every word of the demo's prose and names, with repeats (common words stay common)."""
    words: list[str] = []
    for module in (priorities, prose, names):
        for name, value in vars(module).items():
            if name.startswith("_"):
                continue
            for text in _strings(value):
                words += re.findall(r"[^\W\d_][\w’'-]*", text)
    return words + list(DOMAIN_WORDS) * 3


DOMAIN_WORDS = [
    "phonics",
    "oracy",
    "attendance",
    "eisteddfod",
    "numeracy",
    "literacy",
    "moderation",
    "safeguarding",
    "governors",
    "headteacher",
    "deputy",
    "pupil",
    "voice",
    "wellbeing",
    "inference",
    "fluency",
    "reasoning",
    "curriculum",
    "assessment",
    "tracking",
    "progress",
    "attainment",
    "Foundation",
    "Phase",
    "KS1",
    "KS2",
    "Y5",
    "Y6",
    "combined",
    "floor",
    "target",
    "Estyn",
    "categorisation",
    "self-evaluation",
    "leadership",
    "succession",
    "finance",
    "staffing",
    "SEN",
    "ALN",
    "behaviour",
    "exclusions",
    "writing",
    "reading",
    "maths",
    "spelling",
    "handwriting",
    "Welsh",
    "bilingual",
    "cynllun",
    "datblygu",
    "ysgol",
    "llythrennedd",
    "rhifedd",
    "Dŵr",
    "Tŷ",
    "Bryn",
    "Llan",
]
"""Words every note uses that the demo's prose may not, so the queries find something."""


def build(path: Path, notes: int, seed: int = 1) -> Path:
    """Create ``path`` holding ``notes`` notes; returns it."""
    open_database(path).dispose()  # schema, triggers and all
    rng = random.Random(seed)
    words = vocabulary()
    connection = sqlite3.connect(path)
    started = time.perf_counter()
    with connection:
        schools = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(SCHOOLS)]
        connection.executemany(
            "INSERT INTO school (id, created_at, updated_at, hlc, origin, deleted, code, name, "
            "local_authority, language) VALUES (?, ?, ?, '', '', 0, ?, ?, 'Gwynedd', 'english')",
            [(sid, STAMP, STAMP, f"B{n:05}", f"School {n}") for n, sid in enumerate(schools)],
        )
        first = datetime(2015, 9, 1, 9, 0)
        visit_rows, note_rows, section_rows = [], [], []
        judgement_rows, action_rows, review_rows = [], [], []
        extra = random.Random(seed + 1)  # the sections stay those of earlier builds
        last_actions: dict[str, str] = {}

        def prose(low: int, high: int) -> str:
            return " ".join(extra.choices(words, k=extra.randint(low, high)))

        for n in range(notes):
            visit, note = str(uuid.uuid4()), str(uuid.uuid4())
            start = first + timedelta(hours=7 * n)
            visit_rows.append(
                (
                    visit,
                    STAMP,
                    STAMP,
                    schools[n % SCHOOLS],
                    str(start),
                    str(start + timedelta(hours=3)),
                )
            )
            note_rows.append((note, STAMP, STAMP, visit))
            school = schools[n % SCHOOLS]
            level = extra.choice(("low", "medium", "high"))
            judgement_rows.append(
                (str(uuid.uuid4()), STAMP, STAMP, note, school, str(start.date()), level,
                 prose(10, 40))
            )  # fmt: skip
            if school in last_actions:
                review_rows.append(
                    (str(uuid.uuid4()), STAMP, STAMP, last_actions[school], note, prose(5, 20))
                )
            for _agreed in range(2):
                action = str(uuid.uuid4())
                action_rows.append((action, STAMP, STAMP, note, school, prose(5, 20)))
            last_actions[school] = action
            for position, section in enumerate(DEFAULT_SECTIONS):
                text = " ".join(rng.choices(words, k=rng.randint(30, 150)))
                section_rows.append(
                    (
                        str(uuid.uuid4()),
                        STAMP,
                        STAMP,
                        note,
                        section.key,
                        section.title,
                        position,
                        text,
                    )
                )
        connection.executemany(
            "INSERT INTO visit (id, created_at, updated_at, hlc, origin, deleted, school_id, "
            "start, \"end\", purpose, status) VALUES (?, ?, ?, '', '', 0, ?, ?, ?, '', 'done')",
            visit_rows,
        )
        connection.executemany(
            "INSERT INTO note_of_visit (id, created_at, updated_at, hlc, origin, deleted, "
            "visit_id, template, status) VALUES (?, ?, ?, '', '', 0, ?, 'default', 'final')",
            note_rows,
        )
        connection.executemany(
            "INSERT INTO note_section (id, created_at, updated_at, hlc, origin, deleted, "
            "note_id, key, title, position, text) VALUES (?, ?, ?, '', '', 0, ?, ?, ?, ?, ?)",
            section_rows,
        )
        connection.executemany(
            "INSERT INTO risk_judgement (id, created_at, updated_at, hlc, origin, deleted, "
            "note_id, school_id, judged_on, level, rationale) "
            "VALUES (?, ?, ?, '', '', 0, ?, ?, ?, ?, ?)",
            judgement_rows,
        )
        connection.executemany(
            "INSERT INTO action (id, created_at, updated_at, hlc, origin, deleted, note_id, "
            "school_id, text, owner, status) VALUES (?, ?, ?, '', '', 0, ?, ?, ?, '', 'open')",
            action_rows,
        )
        connection.executemany(
            "INSERT INTO action_review (id, created_at, updated_at, hlc, origin, deleted, "
            "action_id, note_id, status, comment) "
            "VALUES (?, ?, ?, '', '', 0, ?, ?, 'in-progress', ?)",
            review_rows,
        )
    connection.execute("INSERT INTO note_search(note_search) VALUES ('optimize')")
    connection.commit()
    connection.close()
    print(
        f"built {notes:,} notes ({len(section_rows):,} sections, {len(action_rows):,} actions, "
        f"{len(review_rows):,} reviews, {len(judgement_rows):,} judgements) in "
        f"{time.perf_counter() - started:.1f} s: {path}"
    )
    return path


def long_text(
    chars: int, seed: int = 1, school: str = "Ysgol Cwmtawe", rare: str = "Sennybridge"
) -> str:
    """Note prose about one school, of at most ``chars`` characters, ending with a sentence:
    paragraphs of three to six sentences of 8–20 words of the vocabulary, the first naming
    ``school``; a sentence naming ``rare`` begins every thousandth paragraph from the
    500th. A shorter text is the beginning of a longer one made with the same seed."""
    rng = random.Random(seed)
    words = vocabulary()
    paragraphs: list[str] = []
    length = 0
    while length <= chars:
        sentences = [f"{rare} was discussed."] if len(paragraphs) % 1000 == 500 else []
        for number in range(rng.randint(3, 6)):
            sentence = " ".join(rng.choices(words, k=rng.randint(8, 20)))
            if number == 0:
                sentence = f"at {school}, {sentence}"
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1]) + 2
    text = "\n\n".join(paragraphs)
    return text[: text.rfind(".", 0, chars) + 1]


def replace_long_section(path: Path, note: str, text: str) -> None:
    """Give the note made by :func:`add_long_section` another text (indexed again)."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "UPDATE note_section SET text = ? WHERE note_id = ? AND key = 'discussion'",
            (text, note),
        )
    connection.close()


def add_long_section(path: Path, text: str) -> str:
    """Add a final note whose discussion section is ``text`` to the database at ``path``
    (a visit to its first school); returns the note's id."""
    connection = sqlite3.connect(path)
    visit, note = str(uuid.uuid4()), str(uuid.uuid4())
    start = datetime(2026, 11, 23, 9, 0)
    with connection:
        (school,) = connection.execute("SELECT id FROM school ORDER BY code LIMIT 1").fetchone()
        connection.execute(
            "INSERT INTO visit (id, created_at, updated_at, hlc, origin, deleted, school_id, "
            "start, \"end\", purpose, status) VALUES (?, ?, ?, '', '', 0, ?, ?, ?, '', 'done')",
            (visit, STAMP, STAMP, school, str(start), str(start + timedelta(hours=3))),
        )
        connection.execute(
            "INSERT INTO note_of_visit (id, created_at, updated_at, hlc, origin, deleted, "
            "visit_id, template, status) VALUES (?, ?, ?, '', '', 0, ?, 'default', 'final')",
            (note, STAMP, STAMP, visit),
        )
        connection.execute(
            "INSERT INTO note_section (id, created_at, updated_at, hlc, origin, deleted, "
            "note_id, key, title, position, text) "
            "VALUES (?, ?, ?, '', '', 0, ?, 'discussion', 'Discussion and evidence', 0, ?)",
            (str(uuid.uuid4()), STAMP, STAMP, note, text),
        )
    connection.close()
    return note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, default=20_000)
    args = parser.parse_args()
    build(args.out, args.notes)


if __name__ == "__main__":
    main()
