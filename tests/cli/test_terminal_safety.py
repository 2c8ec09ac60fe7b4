"""Nothing from data reaches a terminal raw: every text listing and every error message
shows control characters visibly, and names from files are cut to a sane length.

A school name, a person's name, note text, a section title, a file name — each carrying
terminal escapes (a colour, a window title, a clear screen, a C1 CSI) and a right-to-left
override — are put in a database the way a bundle or an old version could have put them
(the CSV importer and identity cards refuse them). Every listing command is run in text
mode; no ESC, no C1 control, no bidirectional control reaches stdout or stderr, and the
name is there in its visible form. JSON carries the text exactly, escaped.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from sqlmodel import select
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.domain.enums import ActionStatus, NoteStatus, RiskLevel, Role, VisitStatus
from sia_console.domain.models import (
    Action,
    ActionReview,
    Adviser,
    Amendment,
    BundleLog,
    Conflict,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    Visit,
)
from sia_console.domain.note_template import sections_for
from sia_console.domain.text import NAME_LIMIT, shown_name
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.storage.database import Database, open_database
from tests.memory_keyring import MemoryKeyring

ESCAPES = "\x1b[31mCoch\x1b[0m \x1b]0;pwned\x07 \x1b[2J \x9b31m \u202eGYMRAEG\u202c"
"""A colour, a window title, a clear screen, a C1 CSI and a right-to-left override."""
SCHOOL = f"Ysgol {ESCAPES} Llanrwst"
PERSON = "Elin \x1b[5mLloyd\x1b[0m \u2066Jones\u2069 \u200fx"
TITLE = f"Trafodaeth \x1b[1m{ESCAPES}"
NOTE_TEXT = (
    f"Pupils read aloud.\n\tIndented line with {ESCAPES}.\n"
    "A bell \x07, a NUL \x00, a DEL \x7f, a CR \r and \u2067isolate\u2069.\nDŵr."
)
BUNDLE_FILE = "from \x1b[2J\u202eelif.siabundle"
LONG_SCHOOL = "Ysgol " + "Hir " * 100 + "\x1b[2J"

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
FORBIDDEN = {chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}
FORBIDDEN |= set(BIDI)

TODAY = date(2026, 11, 23)
runner = CliRunner()


def raw(text: str) -> list[str]:
    """The control characters in ``text`` that would act on a terminal (none is wanted)."""
    return sorted({f"U+{ord(c):04X}" for c in text if c in FORBIDDEN})


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@dataclass(frozen=True)
class Built:
    folder: Path
    keys: MemoryKeyring
    note_id: str
    visit_id: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("terminal-safety")
    previous = keyring.get_keyring()
    keys = MemoryKeyring()
    keyring.set_keyring(keys)
    try:
        lead = open_database(folder / "lead.sqlite")
        sia = open_database(folder / "sia.sqlite")
        with lead.session() as s:
            identity.create_identity(
                s, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD, authority="Conwy"
            )
            identity.export_card(s, folder / "lead.card")
        with sia.session() as s:
            identity.create_identity(s, keystore_for(sia), name="Siân Llŷr", role=Role.SIA)
            identity.trust_card(s, folder / "lead.card")
        note_id, visit_id = _fill(sia)
        for database in (lead, sia):
            database.dispose()
    finally:
        keyring.set_keyring(previous)
    return Built(folder, keys, note_id, visit_id)


def _fill(database: Database) -> tuple[str, str]:
    """Hostile names and text everywhere a listing shows them."""
    with database.session() as s:
        me = identity.require_identity(s)
        me.name, me.authority, me.email = PERSON, f"Conwy {ESCAPES}", "elin\x1b[2J@example.org"
        s.add(me)
        lead = s.exec(select(Adviser).where(Adviser.role == Role.CORE_LEAD)).one()
        lead.name = f"Core {ESCAPES} Lead"
        s.add(lead)
        school = School(code="6612345", name=SCHOOL, local_authority=f"Conwy {ESCAPES}")
        school.adviser_id = me.id
        long = School(code="6612999", name=LONG_SCHOOL, local_authority="Conwy")
        s.add_all([school, long])
        s.flush()
        start = datetime(2026, 11, 23, 9, 30)
        visit = Visit(
            school_id=school.id,
            adviser_id=me.id,
            start=start,
            end=start + timedelta(hours=3),
            purpose=f"Visit 2: {ESCAPES}",
            programme_slot=2,
            status=VisitStatus.DONE,
        )
        s.add(visit)
        s.flush()
        note = NoteOfVisit(visit_id=visit.id, status=NoteStatus.FINAL)
        note.finalised_at = datetime(2026, 11, 25, 16, 0, tzinfo=UTC)
        s.add(note)
        s.flush()
        for position, template in enumerate(sections_for(2)):
            first = position == 0
            s.add(
                NoteSection(
                    note_id=note.id,
                    key=template.key,
                    title=TITLE if first else template.title,
                    position=position,
                    text=NOTE_TEXT if first else f"{template.title}: what was seen.",
                )
            )
        s.add(Amendment(note_id=note.id, text=f"Amended: {ESCAPES}", author_id=me.id))
        judgement = RiskJudgement(
            note_id=note.id,
            school_id=school.id,
            judged_on=start.date(),
            level=RiskLevel.MEDIUM,
            rationale=f"Close to the floor target. {ESCAPES}",
            floor_target=65.0,
        )
        s.add(judgement)
        s.flush()
        s.add(
            Prediction(
                judgement_id=judgement.id, cohort="Y6\x1b[2J", measure="RWM\u202e", percent=63.5
            )
        )
        action = Action(
            note_id=note.id,
            school_id=school.id,
            text=f"Share the targets {ESCAPES}",
            owner=PERSON,
            due=date(2027, 1, 15),
        )
        s.add(action)
        s.flush()
        s.add(
            ActionReview(
                action_id=action.id,
                note_id=note.id,
                status=ActionStatus.OPEN,
                comment=f"Not yet {ESCAPES}",
            )
        )
        arrived = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
        s.add(
            BundleLog(
                bundle_id="b-1",
                direction="import",
                peer_id=lead.id,
                file_name=BUNDLE_FILE,
                at=arrived,
                records=3,
                status="imported",
            )
        )
        s.add(
            BundleLog(
                bundle_id="b-2", direction="export", file_name=BUNDLE_FILE, at=arrived, records=1
            )
        )
        s.add(
            Conflict(
                table_name="school",
                record_id=school.id,
                losing_hlc="0",
                winning_hlc="1",
                losing_version=json.dumps({"id": school.id, "name": "Ysgol"}),
                created_at=arrived,
            )
        )
        return note.id, visit.id


@pytest.fixture
def db(built: Built, tmp_path: Path) -> Path:
    """This test's copy of the adviser's database."""
    for suffix in (".sqlite", ".sqlite-wal", ".sqlite-shm"):
        source = built.folder / f"sia{suffix}"
        if source.exists():
            shutil.copyfile(source, tmp_path / source.name)
    return tmp_path / "sia.sqlite"


LISTINGS = [
    ("schools", "list"),
    ("visits", "list"),
    ("notes", "list"),
    ("notes", "show", "{note}"),
    ("notes", "search", "Indented"),
    ("notes", "search", "targets"),
    ("bundle", "history"),
    ("bundle", "conflicts"),
    ("identity", "show"),
]


@pytest.mark.parametrize("command", LISTINGS, ids=[" ".join(c) for c in LISTINGS])
def test_no_listing_writes_a_control_character(
    built: Built, db: Path, command: tuple[str, ...]
) -> None:
    keyring.set_keyring(built.keys)  # the conftest puts a fresh one back afterwards
    args = [part.format(note=built.note_id) for part in command]
    code, stdout, stderr = run(db, *args)
    assert code == 0, stderr
    assert raw(stdout) == [] and raw(stderr) == []
    assert "␛" in stdout  # the escapes are there, visibly


def test_names_appear_in_their_visible_form(built: Built, db: Path) -> None:
    keyring.set_keyring(built.keys)
    school = shown_name(SCHOOL)
    assert school == ("Ysgol ␛[31mCoch␛[0m ␛]0;pwned␇ ␛[2J ␦31m ␦GYMRAEG␦ Llanrwst")
    for command in (("schools", "list"), ("visits", "list"), ("notes", "list")):
        _code, stdout, _stderr = run(db, *command)
        assert school in stdout, command
    _code, stdout, _stderr = run(db, "notes", "search", "Indented")
    assert school in stdout
    _code, stdout, _stderr = run(db, "bundle", "conflicts")
    assert f"{school} (6612345)" in stdout
    _code, stdout, _stderr = run(db, "bundle", "history")
    assert shown_name(f"Core {ESCAPES} Lead") in stdout
    assert "from ␛[2J␦elif.siabundle" in stdout
    _code, stdout, _stderr = run(db, "identity", "show")
    assert "Elin ␛[5mLloyd␛[0m ␦Jones␦ ␦x" in stdout
    assert shown_name(f"Core {ESCAPES} Lead") in stdout  # trusted


def test_long_names_are_cut(built: Built, db: Path) -> None:
    keyring.set_keyring(built.keys)
    _code, stdout, _stderr = run(db, "schools", "list")
    [line] = [line for line in stdout.splitlines() if "6612999" in line]
    cut = shown_name(LONG_SCHOOL)
    assert len(cut) == NAME_LIMIT and cut.endswith("…")
    assert cut in line and "Hir " * 40 not in line
    _code, stdout, _stderr = run(db, "schools", "list", "--json")
    [row] = [row for row in json.loads(stdout) if row["code"] == "6612999"]
    assert row["name"] == LONG_SCHOOL  # JSON is exact data


def test_note_text_keeps_its_lines_and_shows_every_other_control(built: Built, db: Path) -> None:
    keyring.set_keyring(built.keys)
    code, stdout, stderr = run(db, "notes", "show", built.note_id)
    assert (code, stderr) == (0, "")
    lines = stdout.splitlines()
    at = lines.index("Pupils read aloud.")
    assert lines[at + 1].strip().startswith("Indented line with ␛[31mCoch␛[0m")
    assert lines[at + 1].startswith(" ")  # the tab is kept (the terminal shows spaces)
    assert "␉" not in stdout and "␊" not in stdout
    assert "A bell ␇, a NUL ␀, a DEL ␡, a CR ␍ and ␦isolate␦.\nDŵr." in stdout
    assert shown_name(TITLE) + "\n" + "-" * len(shown_name(TITLE)) in stdout
    assert "Owner: Elin ␛[5mLloyd␛[0m ␦Jones␦ ␦x;" in stdout
    assert "RWM␦" in stdout and "Y6␛[2J" in stdout  # predictions table, headings too
    assert "Amended: ␛[31mCoch" in stdout and "Not yet ␛[31mCoch" in stdout


def test_json_is_exact_and_escapes_every_control(built: Built, db: Path) -> None:
    keyring.set_keyring(built.keys)
    for command in LISTINGS:
        args = [part.format(note=built.note_id) for part in command]
        code, stdout, stderr = run(db, *args, "--json")
        assert code == 0, stderr
        assert raw(stdout) == [], command
        assert "\u2028" not in stdout and "\u2029" not in stdout
    _code, stdout, _stderr = run(db, "notes", "show", built.note_id, "--json")
    note = json.loads(stdout)
    assert note["school_name"] == SCHOOL
    assert note["sections"][0] == {
        "key": note["sections"][0]["key"],
        "title": TITLE,
        "text": NOTE_TEXT,
    }
    assert "\\u001b[31m" in stdout and "\\u009b31m" in stdout and "\\u202e" in stdout


def test_error_messages_show_names_visibly(built: Built, db: Path, tmp_path: Path) -> None:
    keyring.set_keyring(built.keys)
    # a sentence naming the school: planning a second visit the same week
    code, _stdout, stderr = run(
        db, "visits", "add", "--school", "6612345", "--start", "2026-11-24T09:30"
    )
    assert code == 0 and shown_name(SCHOOL) in stderr
    assert raw(stderr) == []
    # a CSV file whose name and header carry escapes: refused, in visible words
    bad = tmp_path / "schools \x1b[2J\u202e.csv"
    bad.write_text("code,name,local_authority,\x1b[31mextra\n1,A\x1bB,C,\n", encoding="utf-8")
    code, stdout, stderr = run(db, "schools", "import", str(bad))
    assert code == 1 and stdout == ""
    assert raw(stderr) == []
    assert "schools ␛[2J␦.csv" in stderr
    assert "row 1: ␛[31mextra: unknown column" in stderr
    # a value typed on the command line is shown visibly too
    code, _stdout, stderr = run(db, "settings", "set", "\x1b[2Jcolour", "red")
    assert code == 1 and raw(stderr) == [] and "␛[2Jcolour" in stderr


def test_a_rejected_bundle_names_its_untrusted_sender_visibly(
    built: Built, db: Path, tmp_path: Path
) -> None:
    """The adviser trusts the core lead, who does not trust the adviser back."""
    keyring.set_keyring(built.keys)
    bundle = tmp_path / BUNDLE_FILE
    code, stdout, stderr = run(db, "bundle", "export", "--out", str(bundle), "--full")
    assert code == 0, stderr
    assert raw(stdout) == [] and raw(stderr) == []
    assert shown_name(f"Core {ESCAPES} Lead") in stdout  # the recipient, by name
    lead = tmp_path / "lead.sqlite"
    shutil.copyfile(built.folder / "lead.sqlite", lead)
    code, stdout, stderr = run(lead, "bundle", "import", str(bundle))
    assert code == 1
    assert raw(stdout) == [] and raw(stderr) == []
    assert "from ␛[2J␦elif.siabundle" in stdout
    assert "Elin ␛[5mLloyd␛[0m ␦Jones␦ ␦x" in stderr  # who signed it, made visible


def test_the_output_layer_shows_controls_whatever_a_command_passes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sia_console.cli.output import json_text, print_table, say, warn

    say(f"said {ESCAPES}\nsecond line\tand a tab")
    warn(f"warned {ESCAPES}")
    print_table(["name", f"heading {ESCAPES}"], [[f"cell\n{ESCAPES}", None]])
    print_table(["name"], [], empty=f"empty {ESCAPES}")
    out, err = capsys.readouterr()
    assert raw(out) == [] and raw(err) == []
    assert "said ␛[31mCoch" in out and "\nsecond line" in out  # its own lines are kept
    assert "warned ␛[31mCoch" in err
    assert "heading ␛[31mCoch" in out and "cell ␛[31mCoch" in out  # a cell is one line
    assert "empty ␛[31mCoch" in out
    data = {"text": f"{ESCAPES}\x7f\x85\u2028\u2029\u200b\ufeff\ud800 👩\u200d🏫"}
    text = json_text(data)
    assert raw(text) == []
    assert not any(c in text for c in "\u2028\u2029\u200b\ufeff\ud800")
    assert "👩\u200d🏫" in text  # the joiner is text
    assert json.loads(text) == data
