"""Importing, listing and finding schools: all or nothing, and unchanged rows untouched."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, delete, func, select

from sia_console.domain.enums import LanguageMedium
from sia_console.domain.models import Adviser, CategoryChange, School, category_change_id
from sia_console.domain.records import london, utc_now
from sia_console.services.errors import InvalidInput, NotFound
from sia_console.services.schools import register as service
from sia_console.services.settings import save_setting
from sia_console.storage.database import Database

DATA = Path(__file__).parent.parent / "data" / "schools"


def add_advisers(session: Session) -> dict[str, str]:
    gwen = Adviser(name="Gwen Roberts", email="gwen.roberts@example.org")
    dafydd = Adviser(name="Dafydd Jones", email="dafydd.jones@example.org")
    session.add_all([gwen, dafydd])
    session.flush()
    return {"gwen": gwen.id, "dafydd": dafydd.id}


def school_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(School)).one()


def snapshot(session: Session) -> list[tuple[Any, ...]]:
    """Every stored school field, including its sync version."""
    schools = session.exec(select(School).order_by(School.code)).all()
    return [tuple(school.model_dump().items()) for school in schools]


def write(tmp_path: Path, text: str, name: str = "schools.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ import


def changes(session: Session) -> list[CategoryChange]:
    return list(session.exec(select(CategoryChange).order_by(col(CategoryChange.changed_on))))


def test_a_change_of_category_is_recorded_once(database: Database) -> None:
    with database.session() as session:
        add_advisers(session)
        service.import_schools(session, DATA / "good_bom_welsh.csv")
        assert changes(session) == [], "a school added with a category is not a change"

    with database.session() as session:
        service.import_schools(session, DATA / "update.csv")

    with database.session() as session:
        graig = service.get_school(session, "6612001")
        [change] = changes(session)
        assert (change.school_id, change.previous_category, change.category) == (
            graig.id,
            "amber",
            "red",
        )
        assert change.changed_on == london(utc_now()).date()
        assert change.id == category_change_id(graig.hlc), "named by the school's write"
        assert change.hlc > graig.hlc and change.origin == graig.origin

    with database.session() as session:  # the same file again: the same values, no change
        summary = service.import_schools(session, DATA / "update.csv")
        assert summary.updated == 0
        assert len(changes(session)) == 1


def test_changing_other_fields_records_no_change_of_category(
    session: Session, tmp_path: Path
) -> None:
    service.import_schools(
        session, write(tmp_path, "code,name,local_authority,category\n1,A,B,red\n")
    )
    summary = service.import_schools(
        session, write(tmp_path, "code,name,local_authority,category\n1,A2,B,red\n", "b.csv")
    )
    assert summary.updated == 1
    assert changes(session) == []
    service.import_schools(
        session, write(tmp_path, "code,name,local_authority,category\n1,A2,B,\n", "c.csv")
    )
    [cleared] = changes(session)
    assert (cleared.previous_category, cleared.category) == ("red", None)


def test_import_good_file(session: Session) -> None:
    ids = add_advisers(session)

    summary = service.import_schools(session, DATA / "good_bom_welsh.csv")

    assert (summary.added, summary.updated, summary.unchanged) == (5, 0, 0)
    assert summary.codes == ("6612001", "6612002", "6612003", "6612004", "6612005")
    graig = service.get_school(session, "6612001")
    assert graig.name == "Ysgol y Graig"
    assert graig.local_authority == "Ynys Môn"
    assert graig.headteacher == "Siân Ŵyn"
    assert graig.language == LanguageMedium.WELSH
    assert graig.category == "amber"
    assert graig.adviser_id == ids["gwen"]
    assert graig.hlc, "the storage layer stamps new schools"
    llanfair = service.get_school(session, "6612002")
    assert llanfair.name == "Ysgol Gynradd Llanfair Pwllgwyngyll"
    assert llanfair.headteacher == "Dafydd ap Gwŷn"
    assert service.get_school(session, "6612003").name == "Ysgol Bryn Tâf, Rhos"
    assert service.get_school(session, "6612004").adviser_id == ids["dafydd"]
    assert service.get_school(session, "6612005").language == LanguageMedium.BILINGUAL


def test_second_import_updates_adds_and_leaves_unchanged_rows_untouched(
    database: Database,
) -> None:
    with database.session() as session:
        add_advisers(session)
        service.import_schools(session, DATA / "good_bom_welsh.csv")
    with database.session() as session:
        before = {s.code: s.hlc for s in session.exec(select(School))}

    with database.session() as session:
        summary = service.import_schools(session, DATA / "update.csv")

    assert (summary.added, summary.updated, summary.unchanged) == (1, 1, 1)
    with database.session() as session:
        after = {s.code: s.hlc for s in session.exec(select(School))}
        graig = service.get_school(session, "6612001")
        assert graig.category == "red"
        assert graig.headteacher == "Siân Ŵyn", "a column absent from the file is kept"
        assert service.get_school(session, "6612006").language == LanguageMedium.ENGLISH
    assert after["6612002"] == before["6612002"], "an unchanged school keeps its version"
    assert after["6612001"] > before["6612001"]
    assert {code: after[code] for code in ("6612003", "6612004", "6612005")} == {
        code: before[code] for code in ("6612003", "6612004", "6612005")
    }


def test_importing_the_same_file_twice_changes_nothing(database: Database) -> None:
    with database.session() as session:
        add_advisers(session)
        service.import_schools(session, DATA / "good_bom_welsh.csv")
        first = snapshot(session)

    with database.session() as session:
        summary = service.import_schools(session, DATA / "good_bom_welsh.csv")
        assert not session.dirty and not session.new

    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 5)
    with database.session() as session:
        assert snapshot(session) == first


def test_a_deleted_school_comes_back_as_added(session: Session, tmp_path: Path) -> None:
    session.add(School(code="1", name="Old name", local_authority="Conwy", deleted=True))
    session.flush()

    summary = service.import_schools(
        session, write(tmp_path, "code,name,local_authority\n1,New,B\n")
    )

    assert (summary.added, summary.updated, summary.unchanged) == (1, 0, 0)
    school = service.get_school(session, "1")
    assert (school.name, school.deleted) == ("New", False)
    assert school_count(session) == 1


def test_bad_rows_write_nothing(session: Session) -> None:
    add_advisers(session)
    service.import_schools(session, DATA / "good_bom_welsh.csv")
    before = snapshot(session)

    with pytest.raises(InvalidInput) as caught:
        service.import_schools(session, DATA / "bad_rows.csv")

    message = str(caught.value)
    assert message.startswith("Nothing was imported from ")
    assert message.endswith("bad_rows.csv: 11 problems were found.")
    assert caught.value.problems[0] == "row 3: code: required but empty."
    assert len(caught.value.problems) == 11
    assert not session.new and not session.dirty
    assert snapshot(session) == before


def test_the_category_scheme_in_force_is_used(session: Session, tmp_path: Path) -> None:
    save_setting(session, "category_scheme", "wiltshire")
    path = write(tmp_path, "code,name,local_authority,category\n1,A,B,amber\n2,C,D,Good\n")

    with pytest.raises(InvalidInput) as caught:
        service.import_schools(session, path)

    assert caught.value.problems == [
        "row 2: category: “amber” is not a category of the scheme in force "
        "(Wiltshire LA categorisation: inadequate, satisfactory-satisfactory-capacity, "
        "satisfactory-good-capacity, good, outstanding)."
    ]
    assert school_count(session) == 0


def test_a_deleted_adviser_is_not_matched(session: Session, tmp_path: Path) -> None:
    session.add(Adviser(name="Gone Adviser", deleted=True))
    session.flush()

    with pytest.raises(InvalidInput) as caught:
        service.import_schools(
            session, write(tmp_path, "code,name,local_authority,adviser\n1,A,B,gone adviser\n")
        )

    assert caught.value.problems == [
        "row 2: adviser: no known adviser has the name or email “gone adviser”."
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("latin1.csv", "latin1.csv is not UTF-8 text (byte 0xE9 on line 2)"),
        ("empty.csv", "empty.csv is empty: it has no header row."),
        ("nope.csv", "There is no file "),
    ],
)
def test_whole_file_problems(session: Session, name: str, expected: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        service.import_schools(session, DATA / name)

    assert expected in str(caught.value)
    assert caught.value.problems == []


def test_header_only_file_imports_nothing(session: Session) -> None:
    summary = service.import_schools(session, DATA / "header_only.csv")

    assert (summary.total, summary.codes) == (0, ())


# ---------------------------------------------------------------------- list and get


def test_list_schools_sorted_by_name_without_deleted(session: Session) -> None:
    ids = add_advisers(session)
    session.add_all(
        [
            School(code="3", name="ysgol y Wern", local_authority="Conwy"),
            School(code="1", name="Ysgol Âber", local_authority="Gwynedd", adviser_id=ids["gwen"]),
            School(code="2", name="Abbey Primary", local_authority="Wiltshire", category="red"),
            School(code="4", name="Deleted School", local_authority="Conwy", deleted=True),
        ]
    )
    session.flush()

    rows = service.list_schools(session)

    assert [row.code for row in rows] == ["2", "1", "3"]
    assert rows[1].adviser == "Gwen Roberts" and rows[1].adviser_id == ids["gwen"]
    assert rows[0].adviser is None and rows[0].category == "red"
    assert rows[0].language == LanguageMedium.ENGLISH


def test_list_schools_filter_ignores_case_and_accents(session: Session) -> None:
    ids = add_advisers(session)
    session.add_all(
        [
            School(code="1", name="Ysgol Llanŵyn", local_authority="Gwynedd"),
            School(code="2", name="Abbey Primary", local_authority="Wiltshire"),
            School(code="3", name="Ysgol Tâf", local_authority="Conwy", adviser_id=ids["dafydd"]),
        ]
    )
    session.flush()

    def codes(text: str | None) -> list[str]:
        return [row.code for row in service.list_schools(session, text)]

    assert codes("LLANWYN") == ["1"]
    assert codes("llanŵyn") == ["1"]
    assert codes("ysgol") == ["1", "3"]
    assert codes("dafydd") == ["3"]
    assert codes("wiltshire") == ["2"]
    assert codes("   ") == ["2", "1", "3"]
    assert codes(None) == ["2", "1", "3"]
    assert codes("nothing like it") == []


def test_get_school_not_found(session: Session) -> None:
    session.add(School(code="9", name="Gone", local_authority="Conwy", deleted=True))
    session.flush()

    with pytest.raises(NotFound) as caught:
        service.get_school(session, "9")

    assert str(caught.value) == "There is no school with code 9."


# ------------------------------------------------------------------- all or nothing

CODES = [f"66120{n:02d}" for n in range(1, 16)]
SEEDED = CODES[:3]
NAME = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwyz ABCYŵŷâÂŴ'-,\"")),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip() != "")
BAD = {
    "blank code": ("code", ""),
    "blank name": ("name", "  "),
    "bad email": ("email", "head@school"),
    "long name": ("name", "n" * 201),
    "unknown category": ("category", "purple"),
    "unknown language": ("language", "french"),
    "unknown adviser": ("adviser", "Nobody Known"),
    "control character": ("name", "Ysgol\x07Cloch"),
    "ragged": ("extra", "surplus"),
}
COLUMNS = ["code", "name", "local_authority", "email", "language", "category", "adviser"]


@st.composite
def csv_rows(draw: st.DrawFn) -> dict[str, str]:
    row = {
        "code": draw(st.sampled_from(CODES)),
        "name": draw(NAME),
        "local_authority": draw(st.sampled_from(["Ynys Môn", "Conwy", " Gwynedd "])),
        "email": draw(st.sampled_from(["", "pennaeth@ysgol.example.org"])),
        "language": draw(st.sampled_from(["", "welsh", "Cymraeg", "dwyieithog", "English"])),
        "category": draw(st.sampled_from(["", "red", "Amber", "GREEN"])),
        "adviser": draw(st.sampled_from(["", "Gwen Roberts", "GWEN.ROBERTS@example.org"])),
    }
    if draw(st.integers(min_value=0, max_value=7)) == 0:
        kind = draw(st.sampled_from(sorted(BAD)))
        column, value = BAD[kind]
        row[column] = value
        row["bad"] = kind
    return row


def reset(database: Database) -> list[tuple[Any, ...]]:
    with database.session() as session:
        session.exec(delete(CategoryChange))
        session.exec(delete(School))
        if not session.exec(select(Adviser)).first():
            add_advisers(session)
        for code in SEEDED:
            session.add(School(code=code, name=f"Seeded {code}", local_authority="Conwy"))
    with database.session() as session:
        return snapshot(session)


def expected_bad_rows(rows: list[dict[str, str]]) -> set[int]:
    bad: set[int] = set()
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        if "bad" in row:
            bad.add(number)
        if row.get("bad") == "ragged" or not row["code"]:
            continue
        if row["code"] in seen:
            bad.add(number)
        seen.add(row["code"])
    return bad


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(csv_rows(), max_size=8), bom=st.booleans(), crlf=st.booleans())
def test_import_is_all_or_nothing(
    database: Database, tmp_path: Path, rows: list[dict[str, str]], bom: bool, crlf: bool
) -> None:
    before = reset(database)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row[c] for c in COLUMNS] + ([row["extra"]] if "extra" in row else []))
    path = tmp_path / "property.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    bad_rows = expected_bad_rows(rows)

    try:
        with database.session() as session:
            summary = service.import_schools(session, path)
    except InvalidInput as exc:
        event("rejected")
        reported = {int(re.match(r"row (\d+): ", p)[1]) for p in exc.problems}  # type: ignore[index]
        assert reported == bad_rows
        with database.session() as session:
            assert snapshot(session) == before
        return

    event("imported")
    assert not bad_rows
    assert summary.codes == tuple(row["code"] for row in rows)
    with database.session() as session:
        for row in rows:
            school = service.get_school(session, row["code"])
            assert school.name == unicodedata.normalize("NFC", row["name"]).strip()
            assert school.local_authority == row["local_authority"].strip()
        stored = {school.code for school in session.exec(select(School))}
    assert stored == set(SEEDED) | set(summary.codes)
