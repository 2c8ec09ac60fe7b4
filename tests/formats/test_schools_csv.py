"""The schools CSV reader: what it accepts, and the exact line for each problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from sia_console.domain.enums import LanguageMedium
from sia_console.domain.schemes import WALES_NATIONAL, WILTSHIRE
from sia_console.formats import schools_csv
from sia_console.formats.schools_csv import CsvFileError, Lookups, parse_schools_csv

DATA = Path(__file__).parent.parent / "data" / "schools"

LOOKUPS = Lookups(
    scheme=WALES_NATIONAL,
    advisers={
        "gwen roberts": frozenset({"adviser-gwen"}),
        "gwen.roberts@example.org": frozenset({"adviser-gwen"}),
        "dafydd jones": frozenset({"adviser-dafydd"}),
        "sam evans": frozenset({"adviser-sam-1", "adviser-sam-2"}),
    },
)


def parse(text: str | bytes, lookups: Lookups = LOOKUPS) -> schools_csv.ParsedSchools:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_schools_csv(data, source="schools.csv", lookups=lookups)


def problems(text: str | bytes, lookups: Lookups = LOOKUPS) -> list[str]:
    return [str(problem) for problem in parse(text, lookups).problems]


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


# ------------------------------------------------------------------------------ good


def test_good_file_with_bom_welsh_names_and_spreadsheet_headers() -> None:
    parsed = parse(fixture("good_bom_welsh.csv"))

    assert parsed.problems == ()
    by_code = {record.code: record for record in parsed.records}
    assert list(by_code) == ["6612001", "6612002", "6612003", "6612004", "6612005"]
    graig = by_code["6612001"].values
    assert graig["name"] == "Ysgol y Graig"
    assert graig["local_authority"] == "Ynys Môn"
    assert graig["headteacher"] == "Siân Ŵyn"
    assert graig["language"] is LanguageMedium.WELSH
    assert graig["category"] == "amber"
    assert graig["adviser_id"] == "adviser-gwen"
    assert by_code["6612002"].values["language"] is LanguageMedium.BILINGUAL
    assert by_code["6612002"].values["email"] is None
    assert by_code["6612002"].values["adviser_id"] == "adviser-gwen"
    assert by_code["6612004"].values["adviser_id"] == "adviser-dafydd"


def test_quoted_commas_and_embedded_quotes() -> None:
    by_code = {r.code: r.values for r in parse(fixture("good_bom_welsh.csv")).records}

    assert by_code["6612003"]["name"] == "Ysgol Bryn Tâf, Rhos"
    assert by_code["6612004"]["name"] == 'St Mary\'s "Church" Primary'


def test_values_are_stripped_and_blank_optional_cells_clear() -> None:
    record = parse(fixture("good_bom_welsh.csv")).records[-1]

    assert record.code == "6612005"
    assert record.values["name"] == "Ysgol Llanŵyn"
    assert record.values["cluster"] is None
    assert record.values["adviser_id"] is None


def test_blank_language_leaves_the_stored_value_alone() -> None:
    record = parse("code,name,local_authority,language\n1,A,B,\n").records[0]

    assert "language" not in record.values


def test_columns_absent_from_the_file_are_absent_from_the_record() -> None:
    record = parse("code,name,local_authority\n1,A,B\n").records[0]

    assert set(record.values) == {"name", "local_authority"}


def test_unicode_is_normalised_to_nfc() -> None:
    decomposed = "Ysgol Llanw\u0302yn"
    record = parse(f"code,name,local_authority\n1,{decomposed},B\n").records[0]

    assert record.values["name"] == "Ysgol Llanŵyn"


def test_blank_lines_are_skipped_but_still_counted_as_rows() -> None:
    text = "code,name,local_authority\n\n1,A,B\n\n,,\n2,,B\n"

    assert problems(text) == ["row 6: name: required but empty."]
    assert [r.code for r in parse("code,name,local_authority\n\n1,A,B\n\n2,C,D\n").records] == [
        "1",
        "2",
    ]


def test_a_multi_line_cell_is_one_spreadsheet_row() -> None:
    assert problems(fixture("multiline.csv")) == [
        "row 2: name: contains a control character (U+000A).",
        "row 3: local_authority: required but empty.",
    ]


def test_header_only_file_has_no_records() -> None:
    parsed = parse(fixture("header_only.csv"))

    assert parsed.records == () and parsed.problems == ()


def test_header_spacing_and_case_are_forgiven() -> None:
    record = parse(" CODE ,Name,Local Authority,local-authority \n1,A,B,C\n")

    assert [str(p) for p in record.problems] == [
        "row 1: local_authority: the column appears more than once."
    ]


@pytest.mark.parametrize(
    ("word", "medium"),
    [
        ("english", LanguageMedium.ENGLISH),
        ("Welsh", LanguageMedium.WELSH),
        ("CYMRAEG", LanguageMedium.WELSH),
        ("Dwyieithog", LanguageMedium.BILINGUAL),
        ("bilingual", LanguageMedium.BILINGUAL),
        ("Welsh medium", LanguageMedium.WELSH),
        ("English-medium", LanguageMedium.ENGLISH),
        ("Saesneg", LanguageMedium.ENGLISH),
    ],
)
def test_language_words(word: str, medium: LanguageMedium) -> None:
    record = parse(f"code,name,local_authority,language\n1,A,B,{word}\n").records[0]

    assert record.values["language"] is medium


def test_category_label_or_key_of_the_scheme_in_force_stores_the_key() -> None:
    wiltshire = Lookups(scheme=WILTSHIRE)
    text = (
        "code,name,local_authority,category\n"
        "1,A,B,satisfactory with GOOD capacity to improve\n"
        "2,C,D,outstanding\n"
    )

    values = [record.values["category"] for record in parse(text, wiltshire).records]

    assert values == ["satisfactory-good-capacity", "outstanding"]
    assert problems("code,name,local_authority,category\n1,A,B,amber\n", wiltshire) == [
        "row 2: category: “amber” is not a category of the scheme in force "
        "(Wiltshire LA categorisation: inadequate, satisfactory-satisfactory-capacity, "
        "satisfactory-good-capacity, good, outstanding)."
    ]


def test_trailing_empty_cells_from_a_spreadsheet_are_tolerated() -> None:
    parsed = parse("code,name,local_authority,,\n1,A,B,,,\n")

    assert parsed.problems == ()
    assert parsed.records[0].code == "1"


def test_max_length_follows_the_model() -> None:
    assert schools_csv.max_length("code") == 32
    assert schools_csv.max_length("name") == 200
    assert schools_csv.max_length("postcode") == 16
    assert schools_csv.max_length("adviser") is None


# -------------------------------------------------------------------------- problems

HEADER = "code,name,local_authority,email,language,category,adviser,postcode,phone"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (",A,B,,,,,,", "row 2: code: required but empty."),
        ("1,  ,B,,,,,,", "row 2: name: required but empty."),
        ("1,A,,,,,,,", "row 2: local_authority: required but empty."),
        ("1,A,B,head@,,,,,", "row 2: email: “head@” is not an email address."),
        ("1,A,B,a b@c.org,,,,,", "row 2: email: “a b@c.org” is not an email address."),
        ("1,A,B,,,,,ABCDEFGHIJKLMNOPQ,", "row 2: postcode: 17 characters; the most allowed is 16."),
        (f"1,{'n' * 201},B,,,,,,", "row 2: name: 201 characters; the most allowed is 200."),
        (f"{'9' * 33},A,B,,,,,,", "row 2: code: 33 characters; the most allowed is 32."),
        (
            "1,A,B,,klingon,,,,",
            "row 2: language: “klingon” is not a language medium; use english, welsh or bilingual.",
        ),
        (
            "1,A,B,,,purple,,,",
            "row 2: category: “purple” is not a category of the scheme in force "
            "(Wales national categorisation (support categories): red, amber, yellow, green).",
        ),
        (
            "1,A,B,,,,Nobody Known,,",
            "row 2: adviser: no known adviser has the name or email “Nobody Known”.",
        ),
        (
            "1,A,B,,,,sam evans,,",
            "row 2: adviser: “sam evans” names 2 advisers; give the email address instead.",
        ),
        ('1,"A\tB",B,,,,,,', "row 2: name: contains a control character (U+0009)."),
        ("1,A\x00B,B,,,,,,", "row 2: name: contains a control character (U+0000)."),
        ("1,A\u202eB,B,,,,,,", "row 2: name: contains a control character (U+202E)."),
        ("1,A,B,,,,,,,extra", "row 2: columns: 10 values but the header has 9 columns."),
    ],
)
def test_each_problem_has_its_line(row: str, expected: str) -> None:
    assert problems(f"{HEADER}\n{row}\n") == [expected]


def test_duplicate_code_names_the_first_row() -> None:
    text = "code,name,local_authority\n1,A,B\n2,C,D\n1,E,F\n"

    assert problems(text) == ["row 4: code: 1 is also on row 2."]


def test_duplicate_code_is_found_even_when_the_first_row_is_bad() -> None:
    text = "code,name,local_authority\n1,,B\n1,E,F\n"

    assert problems(text) == [
        "row 2: name: required but empty.",
        "row 3: code: 1 is also on row 2.",
    ]


def test_every_bad_row_is_listed_and_no_record_is_returned() -> None:
    parsed = parse(fixture("bad_rows.csv"))

    assert parsed.records == ()
    assert [str(p) for p in parsed.problems] == [
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


def test_a_value_under_a_blank_heading_is_a_problem() -> None:
    assert problems("code,name,,local_authority\n1,A,x,B\n") == [
        "row 2: column 3: a value in a column with no heading."
    ]


def test_unknown_column_is_named() -> None:
    assert problems(fixture("unknown_column.csv")) == [
        "row 1: colour: unknown column; the columns are code, name, local_authority, "
        "headteacher, email, phone, postcode, language, category, cluster, adviser."
    ]


def test_missing_required_column() -> None:
    assert problems(fixture("missing_column.csv")) == [
        "row 1: local_authority: required column is missing."
    ]


# ------------------------------------------------------------------------ whole file


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            fixture("latin1.csv"),
            "schools.csv is not UTF-8 text (byte 0xE9 on line 2); "
            "save it as “CSV UTF-8 (comma delimited)”.",
        ),
        (
            "code,name\n".encode("utf-16"),
            "schools.csv is UTF-16 text, not UTF-8; save it as “CSV UTF-8 (comma delimited)”.",
        ),
        (b"", "schools.csv is empty: it has no header row."),
        (b"\xef\xbb\xbf\r\n\r\n , \n", "schools.csv is empty: it has no header row."),
        (
            fixture("semicolons.csv"),
            "schools.csv separates its columns with semicolons or tabs, not commas; "
            "save it as “CSV UTF-8 (comma delimited)”.",
        ),
    ],
)
def test_whole_file_problems_are_one_sentence(data: bytes, message: str) -> None:
    with pytest.raises(CsvFileError) as caught:
        parse(data)

    assert str(caught.value) == message


@pytest.mark.parametrize(
    "data",
    [b'code,name,local_authority\n1,"A"x,B\n', b'code,name,local_authority\n1,"A,B\n'],
    ids=["text after closing quote", "unclosed quote"],
)
def test_broken_quoting_names_the_row(data: bytes) -> None:
    with pytest.raises(
        CsvFileError, match=r"^schools\.csv is not a well-formed CSV file near row 2: "
    ):
        parse(data)


def test_too_many_rows() -> None:
    rows = "".join(f"{n},School {n},B\n" for n in range(schools_csv.MAX_ROWS + 1))

    with pytest.raises(CsvFileError, match=r"has more than 20,000 rows; split it"):
        parse("code,name,local_authority\n" + rows)


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(schools_csv.MAX_BYTES + 1)  # sparse: instant, no disk used

    with pytest.raises(CsvFileError) as caught:
        schools_csv.read_file(big)

    assert str(caught.value) == f"{big} is too large (20.0 MB); the limit is 20 MB."


def test_too_large_bytes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schools_csv, "MAX_BYTES", 10)

    with pytest.raises(CsvFileError, match="is too large"):
        parse("code,name,local_authority\n")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(CsvFileError) as caught:
        schools_csv.read_file(tmp_path / "nope.csv")
    assert str(caught.value) == f"There is no file {tmp_path / 'nope.csv'}."

    with pytest.raises(CsvFileError) as caught:
        schools_csv.read_file(tmp_path)
    assert str(caught.value) == f"{tmp_path} is a folder, not a CSV file."
