"""Files the commands write hold personal data and are readable by their owner only;
the public identity card is the exception, meant to be handed on."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sia_console.cli.main import app
from tests.authority_support import core_lead_database
from tests.docx_support import make_demo_file

runner = CliRunner()
pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def invoke(db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    previous = os.umask(0o022)
    try:
        return make_demo_file(tmp_path_factory.mktemp("modes"))
    finally:
        os.umask(previous)


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_database_is_private(demo: Path) -> None:
    assert mode(demo) == 0o600


def test_exports_are_private(demo: Path, tmp_path: Path) -> None:
    ics = tmp_path / "visits.ics"
    code, _out, err = invoke(demo, "calendar", "export-ics", "--out", str(ics))
    assert code == 0, err
    code, out, err = invoke(demo, "notes", "list", "--json")
    assert code == 0, err
    first = json.loads(out)[0]["id"]
    code, out, err = invoke(demo, "notes", "export-docx", first, "--out", str(tmp_path), "--json")
    assert code == 0, err
    [written] = json.loads(out)
    assert (mode(ics), mode(Path(written["path"]))) == (0o600, 0o600)


def test_the_public_card_is_readable_by_all(tmp_path: Path) -> None:
    db = tmp_path / "sia.sqlite"
    assert invoke(db, "init", "--name", "Meinir Prys", "--role", "sia")[0] == 0
    card = tmp_path / "me.card"
    code, _out, err = invoke(db, "identity", "export", "--out", str(card))
    assert code == 0, err
    assert (mode(db), mode(card)) == (0o600, 0o644)


def test_the_authority_report_is_private(tmp_path: Path) -> None:
    lead = core_lead_database(tmp_path / "lead.sqlite")
    out = tmp_path / "summary.csv"
    code, _out, err = invoke(lead, "report", "authority", "--out", str(out), "--format", "csv")
    assert code == 0, err
    written = sorted(tmp_path.glob("summary-*.csv"))  # one file per table
    assert written and {mode(path) for path in written} == {0o600}
