"""Every user-facing string goes through one function, ready for a Welsh catalogue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sia_console import i18n


def test_source_language_is_the_fallback() -> None:
    i18n._translations.cache_clear()
    assert i18n._("Show the version.") == "Show the version."


def test_a_welsh_catalogue_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale="cy", domain=i18n.DOMAIN)
    catalog.add("Show the version.", "Dangos y fersiwn.")
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.po").open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setenv("SIA_CONSOLE_LANG", "cy")
    i18n._translations.cache_clear()
    try:
        assert i18n._("Show the version.") == "Dangos y fersiwn."
    finally:
        i18n._translations.cache_clear()


def test_message_template_is_current(tmp_path: Path) -> None:
    """The committed .pot holds every message in the code (run `pybabel extract` if not)."""
    root = Path(__file__).resolve().parents[1]
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "ngettext:1,2",
            "--no-location",
            "--sort-output",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=root,
        check=True,
        capture_output=True,
        timeout=120,
    )

    def ids(path: Path) -> set[str]:
        from babel.messages.pofile import read_po

        with path.open("rb") as handle:
            return {str(m.id) for m in read_po(handle) if m.id}

    missing = ids(fresh) - ids(root / "sia_console" / "locale" / "sia_console.pot")
    hint = "refresh the message template (README, For developers)"
    assert not missing, f"{hint}: {sorted(missing)[:5]}"


def test_words_put_into_welsh_go_back_to_the_message_they_were() -> None:
    """Two messages with one Welsh translation each go back to their own English."""
    from sia_console import i18n

    i18n.set_language("cy")
    late, overdue = i18n._("Notes late"), i18n._("Notes overdue")
    length, october = i18n._("Length"), i18n._("Oct")
    assert late == overdue == "Nodiadau'n hwyr" and length == october == "Hyd"
    i18n.set_language("en")
    assert [i18n.retranslate(t) for t in (late, overdue, length, october)] == [
        "Notes late",
        "Notes overdue",
        "Length",
        "Oct",
    ]
