"""``sia-console schools import|list``: exit codes, stdout/stderr and JSON keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import func, select
from typer.testing import CliRunner

from sia_console.cli.main import app
from sia_console.domain.models import Adviser, School
from sia_console.storage.database import open_database

DATA = Path(__file__).parent.parent / "data" / "schools"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def with_advisers(db_path: Path) -> Path:
    """A database file that knows the advisers the good fixture names."""
    database = open_database(db_path)
    try:
        with database.session() as session:
            session.add(Adviser(name="Gwen Roberts", email="gwen.roberts@example.org"))
            session.add(Adviser(name="Dafydd Jones", email="dafydd.jones@example.org"))
    finally:
        database.dispose()
    return db_path


def stored(db_path: Path) -> list[tuple[str, str, str]]:
    database = open_database(db_path)
    try:
        with database.session() as session:
            return [
                (school.code, school.name, school.hlc)
                for school in session.exec(select(School).order_by(School.code))
            ]
    finally:
        database.dispose()


def count(db_path: Path) -> int:
    database = open_database(db_path)
    try:
        with database.session() as session:
            return session.exec(select(func.count()).select_from(School)).one()
    finally:
        database.dispose()


def test_import_prints_a_summary(runner: CliRunner, with_advisers: Path) -> None:
    db = str(with_advisers)
    result = runner.invoke(app, ["--db", db, "schools", "import", str(DATA / "good_bom_welsh.csv")])

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Imported 5 schools: 5 added, 0 updated, 0 unchanged.\n"
    assert result.stderr == ""

    again = runner.invoke(app, ["--db", db, "schools", "import", str(DATA / "update.csv")])

    assert again.stdout == "Imported 3 schools: 1 added, 1 updated, 1 unchanged.\n"
    assert count(with_advisers) == 6


def test_import_json_is_one_document_on_stdout(runner: CliRunner, with_advisers: Path) -> None:
    path = DATA / "good_bom_welsh.csv"

    result = runner.invoke(
        app, ["--db", str(with_advisers), "schools", "import", str(path), "--json"]
    )

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "file": str(path),
        "added": 5,
        "updated": 0,
        "unchanged": 0,
        "schools": ["6612001", "6612002", "6612003", "6612004", "6612005"],
        "kept_assignment": [],
    }


def test_list_text_and_json(runner: CliRunner, with_advisers: Path) -> None:
    db = str(with_advisers)
    runner.invoke(app, ["--db", db, "schools", "import", str(DATA / "good_bom_welsh.csv")])

    text = runner.invoke(app, ["--db", db, "schools", "list"])
    listed = runner.invoke(app, ["--db", db, "schools", "list", "--json"])

    assert text.exit_code == 0 and listed.exit_code == 0
    assert "Ysgol Llanŵyn" in text.stdout
    assert "Ysgol Bryn Tâf, Rhos" in text.stdout
    assert "Amber" in text.stdout, "the text table shows the category label"
    rows = json.loads(listed.stdout)
    assert [row["code"] for row in rows] == ["6612004", "6612003", "6612002", "6612005", "6612001"]
    assert rows[3] == {
        "code": "6612005",
        "name": "Ysgol Llanŵyn",
        "local_authority": "Gwynedd",
        "category": "yellow",
        "adviser": None,
    }
    assert rows[4]["adviser"] == "Gwen Roberts"
    assert rows[4]["category"] == "amber"


def test_list_filter(runner: CliRunner, with_advisers: Path) -> None:
    db = str(with_advisers)
    runner.invoke(app, ["--db", db, "schools", "import", str(DATA / "good_bom_welsh.csv")])

    result = runner.invoke(app, ["--db", db, "schools", "list", "--filter", "llanwyn", "--json"])

    assert [row["code"] for row in json.loads(result.stdout)] == ["6612005"]


def test_list_when_empty(runner: CliRunner, db_path: Path) -> None:
    open_database(db_path).dispose()
    text = runner.invoke(app, ["--db", str(db_path), "schools", "list"])
    listed = runner.invoke(app, ["--db", str(db_path), "schools", "list", "--json"])

    assert text.exit_code == 0
    assert "No schools yet" in text.stdout
    assert json.loads(listed.stdout) == []


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_bad_rows_exit_1_list_every_problem_and_write_nothing(
    runner: CliRunner, with_advisers: Path, as_json: bool
) -> None:
    db = str(with_advisers)
    runner.invoke(app, ["--db", db, "schools", "import", str(DATA / "good_bom_welsh.csv")])
    before = stored(with_advisers)
    path = DATA / "bad_rows.csv"

    result = runner.invoke(
        app, ["--db", db, "schools", "import", str(path), *(["--json"] if as_json else [])]
    )

    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"Nothing was imported from {path}: 11 problems were found."
    assert lines[1:] == [
        "row 3: code: required but empty.",
        "row 4: code: 7000001 is also on row 2.",
        "row 5: email: “head@” is not an email address.",
        "row 6: postcode: 17 characters; the most allowed is 16.",
        "row 7: category: “purple” is not a category of the scheme in force "
        "(Wales national categorisation (support categories): red, amber, yellow, green).",
        "row 8: language: “klingon” is not a language medium; use english, welsh or bilingual.",
        "row 9: adviser: no known adviser has the name or email “Nobody Known”.",
        "row 10: name: contains a control character (U+0009).",
        "row 11: columns: 9 values but the header has 8 columns.",
        "row 12: name: required but empty.",
        "row 12: local_authority: required but empty.",
    ]
    assert stored(with_advisers) == before


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("latin1.csv", "{path} is not UTF-8 text (byte 0xE9 on line 2); "),
        ("empty.csv", "{path} is empty: it has no header row."),
        ("nope.csv", "There is no file {path}."),
        ("semicolons.csv", "{path} separates its columns with semicolons or tabs, not commas; "),
    ],
)
def test_unreadable_files_exit_1_with_one_sentence(
    runner: CliRunner, db_path: Path, name: str, sentence: str
) -> None:
    path = DATA / name

    result = runner.invoke(app, ["--db", str(db_path), "schools", "import", str(path), "--json"])

    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(sentence.format(path=path))
    assert "Traceback" not in result.output
    assert count(db_path) == 0


def test_header_problem_exit_1(runner: CliRunner, db_path: Path) -> None:
    path = DATA / "missing_column.csv"

    result = runner.invoke(app, ["--db", str(db_path), "schools", "import", str(path)])

    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == ["row 1: local_authority: required column is missing."]


@pytest.mark.parametrize(
    "args",
    [
        ["schools", "import", "--bogus", "x.csv"],
        ["schools", "import"],
        ["schools", "list", "--bogus"],
        ["schools", "frobnicate"],
    ],
    ids=["unknown option", "missing file argument", "unknown list option", "unknown command"],
)
def test_a_wrong_command_line_exits_2(runner: CliRunner, db_path: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["--db", str(db_path), *args])

    assert result.exit_code == 2
    assert result.stdout == ""


def test_a_mistyped_database_path_is_not_created(runner: CliRunner, tmp_path: Path) -> None:
    typo = tmp_path / "no-such-folder" / "sia.sqlite"
    result = runner.invoke(app, ["--db", str(typo), "schools", "list"])
    assert result.exit_code == 1 and "There is no database" in result.stderr
    assert not typo.parent.exists()


def test_a_failed_import_into_a_new_database_leaves_no_file(
    runner: CliRunner, tmp_path: Path, with_advisers: Path
) -> None:
    new = tmp_path / "new.sqlite"
    bad = DATA / "missing_column.csv"
    result = runner.invoke(app, ["--db", str(new), "schools", "import", str(bad)])
    assert result.exit_code == 1
    assert list(tmp_path.glob("new.sqlite*")) == []  # the command that failed started it
    before = with_advisers.read_bytes()
    result = runner.invoke(app, ["--db", str(with_advisers), "schools", "import", str(bad)])
    assert result.exit_code == 1
    assert with_advisers.read_bytes() == before  # one that was there is left as it was
