"""``settings show|set|reset|terms`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_visits_cli import add_schools, invoke


@pytest.fixture
def db(db_path: Path) -> Path:
    assert invoke(db_path, "init", "--name", "Meinir Prys", "--role", "sia")[0] == 0
    add_schools(db_path)
    return db_path


def settings(db: Path) -> dict[str, object]:
    code, out, err = invoke(db, "settings", "show", "--json")
    assert code == 0, err
    loaded: dict[str, object] = json.loads(out)
    return loaded


def test_show_lists_the_defaults(db: Path) -> None:
    assert settings(db) == {
        "floor_target": 65.0,
        "category_scheme": "wales-national",
        "note_overdue_days": 10,
        "term_dates": [],
        "docx_template": "",
        "export_folder": "",
    }
    code, out, _err = invoke(db, "settings", "show")
    assert code == 0
    assert "floor-target" in out and "65" in out and "term-dates" in out


def test_set_and_reset_a_setting(db: Path) -> None:
    assert invoke(db, "settings", "set", "floor-target", "70%")[1].strip() == (
        "floor-target is now 70."
    )
    assert invoke(db, "settings", "set", "note_overdue_days", "14")[0] == 0
    assert settings(db)["floor_target"] == 70.0
    assert settings(db)["note_overdue_days"] == 14
    assert invoke(db, "settings", "reset", "floor-target")[0] == 0
    assert settings(db)["floor_target"] == 65.0


def test_a_new_category_scheme_names_the_schools_it_does_not_know(db: Path, tmp_path: Path) -> None:
    csv = tmp_path / "categories.csv"
    csv.write_text(
        "code,name,local_authority,category\n6612034,Ysgol Gynradd Glan-y-Dŵr,Sir Eryri,amber\n",
        encoding="utf-8",
    )
    assert invoke(db, "schools", "import", str(csv))[0] == 0
    code, out, err = invoke(db, "settings", "set", "category-scheme", "wiltshire")
    assert code == 0 and out.strip() == "category-scheme is now wiltshire."
    assert err.startswith("1 school has a category that is not in ")
    assert "6612034" in err and "8653012" not in err  # that one has no category
    code, _out, err = invoke(db, "settings", "reset", "category-scheme")
    assert code == 0 and err == ""
    code, _out, err = invoke(db, "settings", "set", "floor-target", "60")
    assert code == 0 and err == ""


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("floor-target", "seventy", "seventy is not a number"),
        ("floor-target", "101", "from 0 to 100"),
        ("note-overdue-days", "400", "0 to 365"),
        ("category-scheme", "rainbow", "Unknown category scheme rainbow"),
        ("colour", "red", "There is no setting called colour"),
        ("term-dates", "2026-09-01", "settings terms"),
    ],
)
def test_a_bad_value_is_refused_and_changes_nothing(
    db: Path, name: str, value: str, message: str
) -> None:
    before = settings(db)
    code, _out, err = invoke(db, "settings", "set", name, value)
    assert code == 1
    assert message in err
    assert settings(db) == before


def test_a_word_template_must_be_a_word_document(db: Path, tmp_path: Path) -> None:
    fake = tmp_path / "logo.docx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    code, _out, err = invoke(db, "settings", "set", "docx-template", str(fake))
    assert code == 1 and "is not a Word document" in err
    code, _out, err = invoke(db, "settings", "set", "docx-template", str(tmp_path / "gone.docx"))
    assert code == 1 and "Cannot read the Word template" in err
    assert settings(db)["docx_template"] == ""


def test_term_dates_flag_a_visit_outside_them(db: Path) -> None:
    code, out, err = invoke(
        db, "settings", "terms", "2026-09-02..2026-10-23", "2026-11-02..2026-12-18"
    )
    assert code == 0, err
    assert out.strip() == "Term dates saved: 2026-09-02..2026-10-23, 2026-11-02..2026-12-18."
    assert settings(db)["term_dates"] == [
        ["2026-09-02", "2026-10-23"],
        ["2026-11-02", "2026-12-18"],
    ]
    code, _out, err = invoke(
        db, "visits", "add", "--school", "6612034", "--start", "2026-10-28T09:00"
    )
    assert code == 0
    assert "outside the term dates" in err
    code, _out, err = invoke(
        db, "visits", "add", "--school", "6612034", "--start", "2026-11-04T09:00"
    )
    assert code == 0 and "outside the term dates" not in err
    assert invoke(db, "settings", "terms", "--clear")[1].strip() == "Term dates cleared."
    assert settings(db)["term_dates"] == []


def test_bad_term_dates_name_every_problem_and_change_nothing(db: Path) -> None:
    assert invoke(db, "settings", "terms", "2026-09-02..2026-10-23")[0] == 0
    code, _out, err = invoke(
        db,
        "settings",
        "terms",
        "2027-01-05..2026-12-01",
        "autumn",
        "2026-09-02..2026-10-23",
        "2026-10-20..2026-10-30",
    )
    assert code == 1
    assert "Term 1: it starts on 2027-01-05, after it ends on 2026-12-01." in err
    assert "Term 2: autumn is not two dates (YYYY-MM-DD)." in err
    assert "The terms 2026-09-02..2026-10-23 and 2026-10-20..2026-10-30 overlap." in err
    assert settings(db)["term_dates"] == [["2026-09-02", "2026-10-23"]]
    assert invoke(db, "settings", "terms")[0] == 1  # neither terms nor --clear


def test_a_missing_database_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite"
    code, _out, err = invoke(missing, "settings", "show")
    assert code == 1 and err.strip()
    assert not missing.exists()


def test_term_dates_read_as_people_write_them(db: Path) -> None:
    code, out, err = invoke(db, "settings", "terms", "2/9/2026..23 Oct 2026", "2/11/26..18/12/26")
    assert code == 0, err
    assert out.strip() == "Term dates saved: 2026-09-02..2026-10-23, 2026-11-02..2026-12-18."
    code, _out, err = invoke(db, "settings", "terms", "31/9/2026..23/10/2026")
    assert code == 1 and "Term 1: 31/9/2026..23/10/2026 is not two dates" in err
