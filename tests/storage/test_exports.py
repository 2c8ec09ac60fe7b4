"""The export rule: a name taken gets the next free one; a named file is refused unless
replacing it was asked for; a document's own earlier file is brought up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from sia_console.storage.exports import (
    Existing,
    ExportExists,
    NoFreeName,
    export_path,
    export_paths,
    free_path,
    numbered,
)


def test_numbered_names_keep_the_suffix_and_welsh_letters() -> None:
    path = Path("/tmp/Adroddiad ŵyr.docx")
    assert numbered(path, 1) == path
    assert numbered(path, 2) == Path("/tmp/Adroddiad ŵyr (2).docx")
    assert numbered(Path("/tmp/2026-11-23 summary.v2.csv"), 3).name == (
        "2026-11-23 summary.v2 (3).csv"
    )
    assert numbered(Path("/tmp/no suffix"), 2).name == "no suffix (2)"


def test_the_next_free_name_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    assert free_path(path) == path
    path.write_bytes(b"first")
    (tmp_path / "report (2).docx").mkdir()  # a folder takes a name too
    assert free_path(path) == tmp_path / "report (3).docx"
    assert path.read_bytes() == b"first"


def test_a_broken_link_takes_its_name(tmp_path: Path) -> None:
    path = tmp_path / "visits.ics"
    path.symlink_to(tmp_path / "gone")
    assert free_path(path) == tmp_path / "visits (2).ics"


def test_its_own_earlier_file_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "visits.ics"
    path.write_bytes(b"mine")
    (tmp_path / "other.ics").write_bytes(b"theirs")
    assert free_path(path, own=lambda p: p.read_bytes() == b"mine") == path
    assert export_path(path, Existing.REFUSE, own=lambda p: p.read_bytes() == b"mine") == path
    other = tmp_path / "other.ics"
    with pytest.raises(ExportExists):
        export_path(other, Existing.REFUSE, own=lambda p: p.read_bytes() == b"mine")


def test_a_named_file_by_each_rule(tmp_path: Path) -> None:
    path = tmp_path / "summary.docx"
    for rule in Existing:
        assert export_path(path, rule) == path  # nothing there: as named
    path.write_bytes(b"before")
    assert export_path(path, Existing.NEW_NAME) == tmp_path / "summary (2).docx"
    with pytest.raises(ExportExists) as refused:
        export_path(path, Existing.REFUSE)
    assert refused.value.path == path
    assert export_path(path, Existing.REPLACE) == path
    assert path.read_bytes() == b"before"  # choosing a path writes nothing


def test_files_made_together_move_together(tmp_path: Path) -> None:
    paths = [tmp_path / "r-coverage.csv", tmp_path / "r-risk.csv"]
    assert export_paths(paths, Existing.NEW_NAME) == paths
    paths[1].write_bytes(b"risk")
    assert export_paths(paths, Existing.NEW_NAME) == [
        tmp_path / "r-coverage (2).csv",
        tmp_path / "r-risk (2).csv",
    ]
    with pytest.raises(ExportExists) as refused:
        export_paths(paths, Existing.REFUSE)
    assert refused.value.path == paths[1]
    assert export_paths(paths, Existing.REPLACE) == paths


def test_a_folder_full_of_copies_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sia_console.storage import exports

    monkeypatch.setattr(exports, "MAX_COPIES", 3)
    path = tmp_path / "n.docx"
    for copy in (1, 2, 3):
        numbered(path, copy).write_bytes(b"")
    with pytest.raises(NoFreeName):
        free_path(path)
