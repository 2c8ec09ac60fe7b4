"""Correctly signed, correctly encrypted bundles from a trusted adviser — with hostile content.

Each bundle here passes every check of the file itself (it is made with sia-console's
own writer and the sender's real key). What must refuse it is the import's judgement of
who may change what, and of what a record may hold: for each case the bundle is rejected
with one sentence naming the sender, and the core lead's database is exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from sia_console.domain.enums import NoteStatus, Role
from sia_console.domain.models import (
    Action,
    Adviser,
    Amendment,
    CategoryChange,
    NoteOfVisit,
    NoteSection,
    Prediction,
    RiskJudgement,
    School,
    Setting,
    Visit,
)
from sia_console.domain.records import new_id
from sia_console.services.sync import importing
from tests.memory_keyring import MemoryKeyring
from tests.sync.forge import Records, forge, manifest_for, plain
from tests.sync.world import World, a_note, a_school, built, content, copy_database

FUTURE = "9999999999999.99999."


@pytest.fixture
def world(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[World]:
    made = built()
    memory_keyring.secrets.update(made.secrets)
    from sia_console.storage.database import open_database

    databases = {
        name: open_database(
            copy_database(made.folder / f"{name}.sqlite", tmp_path / f"{name}.sqlite")
        )
        for name in ("lead", "ann", "ben")
    }
    world = World(databases["lead"], databases["ann"], databases["ben"], tmp_path)
    yield world
    world.dispose()


def _one(database: Any, model: type[Any], **where: Any) -> Any:
    with database.session() as s:
        query = select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        row = s.exec(query.order_by(model.id)).first()
        assert row is not None, (model, where)
        s.expunge(row)
        return row


def _node(world: World, name: str = "ann") -> str:
    database = getattr(world, name)
    return str(database.installation_id)


def _later(record: Any, world: World, seconds: int = 60) -> str:
    """A clock version a little after ``record``'s, written by Ann's installation."""
    millis = int(record.hlc.split(".")[0]) + seconds * 1000
    return f"{millis:013d}.00000.{_node(world)}"


def _import(world: World, path: Path) -> importing.ImportResult:
    [result] = importing.import_files(world.lead.session, [path])
    return result


def _refused(world: World, records: Records, *words: str, **forged: Any) -> str:
    """Ann sends ``records``; the core lead refuses the bundle and changes nothing."""
    before = content(world.lead)
    path = forge(world.ann, world.folder / "hostile.siabundle", records, **forged)
    result = _import(world, path)
    assert result.status == "rejected", result
    assert "\x1b" not in result.reason and "\n" not in result.reason
    for word in words:
        assert word in result.reason, result.reason
    assert content(world.lead) == before
    return result.reason


# ------------------------------------------------------------ another adviser's records

Case = Callable[[World], Records]


def _rewrite_bens_final_note(world: World) -> Records:
    note = a_note(world.ben, NoteStatus.FINAL)
    section = _one(world.ben, NoteSection, note_id=note.id)
    return {
        "note_section": [
            plain(section, text="Rewritten.", hlc=_later(section, world), origin=_node(world))
        ]
    }


def _delete_bens_visit(world: World) -> Records:
    visit = _one(world.ben, Visit, adviser_id=_bens_id(world))
    return {"visit": [plain(visit, deleted=True, hlc=_later(visit, world), origin=_node(world))]}


def _delete_bens_note(world: World) -> Records:
    note = a_note(world.ben, NoteStatus.FINAL)
    return {
        "note_of_visit": [plain(note, deleted=True, hlc=_later(note, world), origin=_node(world))]
    }


def _finalise_bens_draft(world: World) -> Records:
    note = a_note(world.ben, NoteStatus.DRAFT)
    return {
        "note_of_visit": [
            plain(
                note,
                status="final",
                finalised_at=datetime.now(UTC).isoformat(),
                hlc=_later(note, world),
                origin=_node(world),
            )
        ]
    }


def _take_over_bens_visit(world: World) -> Records:
    visit = _one(world.ben, Visit, adviser_id=_bens_id(world))
    return {
        "visit": [
            plain(visit, adviser_id=_anns_id(world), hlc=_later(visit, world), origin=_node(world))
        ]
    }


def _a_visit_in_bens_name(world: World) -> Records:
    visit = _one(world.ann, Visit, adviser_id=_anns_id(world))
    return {"visit": [plain(visit, id=new_id(), adviser_id=_bens_id(world))]}


def _move_bens_section_into_my_note(world: World) -> Records:
    mine = a_note(world.ann, NoteStatus.DRAFT)
    theirs = _one(world.ben, NoteSection, note_id=a_note(world.ben, NoteStatus.FINAL).id)
    return {
        "note_section": [
            plain(
                theirs, note_id=mine.id, key="moved", hlc=_later(theirs, world), origin=_node(world)
            )
        ]
    }


def _my_section_in_bens_note(world: World) -> Records:
    mine = _one(world.ann, NoteSection, note_id=a_note(world.ann, NoteStatus.DRAFT).id)
    theirs = a_note(world.ben, NoteStatus.DRAFT)
    return {"note_section": [plain(mine, id=new_id(), note_id=theirs.id, key="extra")]}


def _my_judgement_about_bens_school(world: World) -> Records:
    judgement = _one(world.ann, RiskJudgement, note_id=a_note(world.ann, NoteStatus.DRAFT).id)
    return {
        "risk_judgement": [
            plain(
                judgement,
                school_id=a_school(world.ben).id,
                level="high",
                hlc=_later(judgement, world),
            )
        ]
    }


def _my_prediction_on_bens_judgement(world: World) -> Records:
    judgement = _one(world.ben, RiskJudgement, note_id=a_note(world.ben, NoteStatus.DRAFT).id)
    prediction = _one(world.ann, Prediction)
    return {
        "prediction": [
            plain(prediction, id=new_id(), judgement_id=judgement.id, cohort="Y6", measure="maths")
        ]
    }


def _an_amendment_signed_as_ben(world: World) -> Records:
    note = a_note(world.ann, NoteStatus.FINAL)
    source = _one(world.ann, NoteSection, note_id=note.id)
    amendment = Amendment(
        id=new_id(),
        note_id=note.id,
        text="Corrected.",
        author_id=_bens_id(world),
        hlc=_later(source, world),
        origin=_node(world),
        made_at=datetime.now(UTC),
    )
    return {"amendment": [plain(amendment)]}


def _an_action_for_bens_school(world: World) -> Records:
    action = _one(world.ann, Action)
    return {"action": [plain(action, id=new_id(), school_id=a_school(world.ben).id)]}


def _anns_id(world: World) -> str:
    return str(_one(world.ann, Adviser, role=Role.SIA).id)


def _bens_id(world: World) -> str:
    return str(_one(world.ben, Adviser, role=Role.SIA).id)


OTHER_ADVISERS: dict[str, tuple[Case, tuple[str, ...]]] = {
    "rewrite Ben's final note": (_rewrite_bens_final_note, ("a section of a note",)),
    "delete Ben's visit": (_delete_bens_visit, ("a visit",)),
    "delete Ben's note": (_delete_bens_note, ("a note of visit",)),
    "finalise Ben's draft": (_finalise_bens_draft, ("a note of visit",)),
    "take over Ben's visit": (_take_over_bens_visit, ("a visit",)),
    "a visit in Ben's name": (_a_visit_in_bens_name, ("a visit",)),
    "move Ben's section into my note": (_move_bens_section_into_my_note, ("moves",)),
    "my section in Ben's note": (_my_section_in_bens_note, ("a section of a note",)),
    "my judgement about Ben's school": (_my_judgement_about_bens_school, ("another school",)),
    "my prediction on Ben's judgement": (_my_prediction_on_bens_judgement, ("a prediction",)),
    "an amendment signed as Ben": (_an_amendment_signed_as_ben, ("signed as",)),
    "an action for Ben's school": (_an_action_for_bens_school, ("another school",)),
}


@pytest.mark.parametrize("case", list(OTHER_ADVISERS))
def test_another_advisers_records_are_refused(world: World, case: str) -> None:
    make, words = OTHER_ADVISERS[case]
    reason = _refused(world, make(world), *words)
    assert reason.startswith("hostile.siabundle: ")
    sender = _one(world.lead, Adviser, id=_anns_id(world)).name
    assert sender in reason


def test_the_refusal_names_whose_record_it_is(world: World) -> None:
    ben = _one(world.lead, Adviser, id=_bens_id(world)).name
    _refused(world, _rewrite_bens_final_note(world), f"of {ben}'s")


# ------------------------------------------------------------------ the core lead's own


def test_an_assignment_claimed_as_the_core_leads_is_refused(world: World) -> None:
    school = a_school(world.ann)
    at_lead = _one(world.lead, School, code=school.code)
    later = _later(at_lead, world)
    forged = plain(
        at_lead,
        category="green" if at_lead.category != "green" else "red",
        assigned_by_lead=True,
        assigned_hlc=later,
        hlc=later,
        origin=_node(world),
    )
    _refused(world, {"school": [forged]}, "category or link adviser", school.code)


def test_a_school_not_in_the_register_is_refused(world: World) -> None:
    school = a_school(world.ann)
    new = plain(school, id=new_id(), code="6600001", name="Ysgol Ffug")
    _refused(world, {"school": [new]}, "6600001", "not in the register")


def test_settings_changes_of_category_and_people_are_refused(world: World) -> None:
    setting = Setting(key="floor_target", value="10", hlc=f"{_later(a_school(world.ann), world)}")
    setting.origin = _node(world)
    _refused(world, {"setting": [plain(setting)]}, "a setting", "only the core lead")
    school = _one(world.lead, School, code=a_school(world.ann).code)
    change = CategoryChange(
        school_id=school.id,
        previous_category="green",
        category="red",
        changed_on=datetime.now(UTC).date(),
        hlc=_later(school, world),
        origin=_node(world),
    )
    _refused(world, {"category_change": [plain(change)]}, "a change of category")
    stranger = Adviser(
        name="Nobody Yet",
        role=Role.SIA,
        signing_key="AAAA",
        hlc=_later(school, world),
        origin=_node(world),
    )
    _refused(world, {"adviser": [plain(stranger)]}, "an identity", "identity cards")


def test_details_of_another_advisers_school_are_left_as_they_are(world: World) -> None:
    """Not refused: an adviser may have written them before the school was given to a
    colleague. Left out, counted, and said; the rest of the bundle comes in."""
    theirs = _one(world.lead, School, code=a_school(world.ben).code)
    before = content(world.lead)
    forged = plain(
        theirs,
        headteacher="Mr Ffug",
        details_hlc=_later(theirs, world),
        hlc=_later(theirs, world),
        origin=_node(world),
    )
    result = _import(world, forge(world.ann, world.folder / "d.siabundle", {"school": [forged]}))
    assert result.status == "imported", result.reason
    assert result.ignored == {"school": 1} and result.updated == 0
    assert "left as they are here" in result.reason
    after = content(world.lead)
    assert after["school"] == before["school"]
    assert _one(world.lead, School, code=theirs.code).headteacher == theirs.headteacher


def test_an_advisers_own_school_details_come_in(world: World) -> None:
    mine = _one(world.lead, School, code=a_school(world.ann).code)
    later = _later(mine, world)
    forged = plain(
        mine, headteacher="Mrs Newydd", details_hlc=later, hlc=later, origin=_node(world)
    )
    result = _import(world, forge(world.ann, world.folder / "o.siabundle", {"school": [forged]}))
    assert result.status == "imported" and result.updated == 1, result.reason
    assert _one(world.lead, School, code=mine.code).headteacher == "Mrs Newydd"


# --------------------------------------------------------------------------- the clock


def test_a_clock_from_the_far_future_is_refused_and_the_clock_never_adopts_it(
    world: World,
) -> None:
    section = _one(world.ann, NoteSection, note_id=a_note(world.ann, NoteStatus.DRAFT).id)
    forged = plain(section, text="Soon.", hlc=FUTURE + _node(world))
    _refused(world, {"note_section": [forged]}, "from the future")
    assert world.lead.clock.last.millis < 10**13 - 1
    with world.lead.session() as s:  # the core lead's own next write has a sane version
        school = s.exec(select(School)).first()
        assert school is not None
        school.cluster = "Dyffryn"
        s.add(school)
        s.flush()
        assert school.hlc < f"{(int(datetime.now(UTC).timestamp()) + 90_000) * 1000:013d}"


def test_a_clock_a_little_over_a_day_ahead_is_refused(world: World) -> None:
    section = _one(world.ann, NoteSection, note_id=a_note(world.ann, NoteStatus.DRAFT).id)
    ahead = datetime.now(UTC) + timedelta(days=1, hours=1)
    version = f"{int(ahead.timestamp() * 1000):013d}.00000.{_node(world)}"
    _refused(world, {"note_section": [plain(section, hlc=version)]}, "from the future")


def test_a_bundle_made_in_the_future_is_refused(world: World) -> None:
    section = _one(world.ann, NoteSection, note_id=a_note(world.ann, NoteStatus.DRAFT).id)
    records: Records = {"note_section": [plain(section, text="Later.", hlc=_later(section, world))]}
    made = (datetime.now(UTC) + timedelta(days=400)).isoformat()
    _refused(
        world,
        records,
        "more than a day from now",
        manifest=manifest_for(world.ann, records, created_at=made),
    )


def test_a_clock_version_written_with_other_digits_is_refused(world: World) -> None:
    section = _one(world.ann, NoteSection, note_id=a_note(world.ann, NoteStatus.DRAFT).id)
    arabic_indic = "".join(chr(0x660 + int(d)) if d.isdigit() else d for d in section.hlc)
    _refused(world, {"note_section": [plain(section, hlc=arabic_indic)]}, "clock version")


# ---------------------------------------------------------------- what a record may hold


def _section(world: World, **changes: Any) -> Records:
    section = _one(world.ann, NoteSection, note_id=a_note(world.ann, NoteStatus.DRAFT).id)
    return {"note_section": [plain(section, hlc=_later(section, world), **changes)]}


def _prediction(world: World, percent: Any) -> Records:
    prediction = _one(world.ann, Prediction)
    return {"prediction": [plain(prediction, percent=percent, hlc=_later(prediction, world))]}


def _visit(world: World, **changes: Any) -> Records:
    visit = _one(world.ann, Visit, adviser_id=_anns_id(world))
    return {"visit": [plain(visit, hlc=_later(visit, world), **changes)]}


FIELDS: dict[str, tuple[Callable[[World], Records], str]] = {
    "a section over the editor's limit": (
        lambda w: _section(w, text="x" * 5_000_001),
        "longer than 5,000,000 characters",
    ),
    "a prediction of 150%": (lambda w: _prediction(w, 150), "percentage"),
    "a negative prediction": (lambda w: _prediction(w, -1), "percentage"),
    "a visit in the year 1": (
        lambda w: _visit(w, start="0001-01-01T09:00:00", end="0001-01-01T12:00:00"),
        "not a day a record can name",
    ),
    "a visit in the year 9999": (
        lambda w: _visit(w, start="9999-12-31T09:00:00", end="9999-12-31T12:00:00"),
        "not a day a record can name",
    ),
    "a visit ending before it starts": (
        lambda w: _visit(w, start="2026-11-24T12:00:00", end="2026-11-24T09:00:00"),
        "not after the start",
    ),
    "a visit of three days": (
        lambda w: _visit(w, start="2026-11-24T09:00:00", end="2026-11-27T09:00:00"),
        "longer than 12 hours",
    ),
    "an id that is not a UUID": (lambda w: _section(w, id="not-a-uuid"), "not a record id"),
    "a purpose with escape codes": (
        lambda w: _visit(w, purpose="Visit \x1b[2J\x1b]0;owned\x07"),
        "control character",
    ),
    "a field too many": (lambda w: _section(w, extra="x"), "not expected"),
}


@pytest.mark.parametrize("case", list(FIELDS))
def test_a_record_is_held_to_the_editors_rules(world: World, case: str) -> None:
    make, words = FIELDS[case]
    _refused(world, make(world), words)


def test_a_school_name_with_escape_codes_is_refused(world: World) -> None:
    mine = _one(world.lead, School, code=a_school(world.ann).code)
    later = _later(mine, world)
    forged = plain(mine, name="Ysgol \x1b[31mGoch", details_hlc=later, hlc=later)
    _refused(world, {"school": [forged]}, "control character")


def test_two_records_with_one_id_are_refused(world: World) -> None:
    records = _section(world, text="One.")
    records["note_section"].append(dict(records["note_section"][0], text="Two."))
    _refused(world, records, "two note_section records")


def test_an_unknown_kind_of_record_is_refused(world: World) -> None:
    _refused(world, {"password": [{"id": new_id()}]}, "unknown record kind password")


# ------------------------------------------------------------ payloads that are not data


def _payload_text(world: World, text: str) -> Path:
    """A bundle whose payload is ``text`` exactly, correctly signed by Ann."""
    import gzip
    import json

    import pyrage
    from pyrage import x25519

    from sia_console.bundles import container
    from sia_console.keys import material
    from sia_console.services.identity import identity_keystore, require_identity

    manifest = manifest_for(world.ann, {})
    manifest["format_version"] = container.FORMAT_VERSION
    manifest["payload_sha256"] = container.payload_digest(text)
    manifest_text = json.dumps(manifest, sort_keys=True)
    with world.ann.session() as s:
        keys = identity_keystore(s)
        signature = material.sign(
            keys.get(material.SIGNING_KEY_NAME), container.signed_bytes(manifest_text, text)
        )
        recipients = [require_identity(s).encryption_key]
    with world.lead.session() as s:
        recipients.append(require_identity(s).encryption_key)
    envelope = json.dumps({"manifest": manifest_text, "payload": text, "signature": signature})
    data = container.HEADER + pyrage.encrypt(
        gzip.compress(envelope.encode()), [x25519.Recipient.from_str(r) for r in recipients]
    )
    path = world.folder / "payload.siabundle"
    path.write_bytes(data)
    return path


PAYLOADS = {
    "nested 200,000 deep": '{"records": {"note_section": ' + "[" * 200_000 + "]" * 200_000 + "}}",
    "a 5,000-digit number": '{"records": {"prediction": [{"percent": ' + "9" * 5000 + "}]}}",
    "Infinity": '{"records": {"prediction": [{"percent": Infinity}]}}',
    "a number too large for a float": '{"records": {"prediction": [{"percent": 1e999}]}}',
    "not JSON": '{"records": ',
    "a list, not records": "[1, 2, 3]",
}


@pytest.mark.parametrize("case", list(PAYLOADS))
def test_a_signed_payload_that_is_not_data_is_one_sentence(world: World, case: str) -> None:
    before = content(world.lead)
    result = _import(world, _payload_text(world, PAYLOADS[case]))
    assert result.status == "rejected" and result.reason.startswith("payload.siabundle: ")
    assert result.reason.count(".") <= 3 and "Traceback" not in result.reason
    assert content(world.lead) == before


# ------------------------------------------------------------------- in any mix, any order


def _valid(world: World, index: int) -> dict[str, Any]:
    """One of Ann's own sections, changed: a record Ann may send."""
    with world.ann.session() as s:
        me = s.exec(select(Adviser).where(Adviser.role == Role.SIA)).one()
        sections = s.exec(
            select(NoteSection)
            .join(NoteOfVisit, NoteOfVisit.id == NoteSection.note_id)  # type: ignore[arg-type]
            .join(Visit, Visit.id == NoteOfVisit.visit_id)  # type: ignore[arg-type]
            .where(Visit.adviser_id == me.id, NoteOfVisit.status == NoteStatus.DRAFT)
            .order_by(NoteSection.id)
        ).all()
        section = sections[index % len(sections)]
        s.expunge(section)
    return plain(section, text=f"Newer text {index}.", hlc=_later(section, world, 60 + index))


HOSTILE = list(OTHER_ADVISERS.values())


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    valid=st.lists(st.integers(min_value=0, max_value=50), max_size=4, unique=True),
    hostile=st.lists(st.integers(min_value=0, max_value=len(HOSTILE) - 1), min_size=1, max_size=3),
    order=st.randoms(use_true_random=False),
)
def test_records_outside_the_senders_rights_never_change_anything_in_any_mix(
    world: World, valid: list[int], hostile: list[int], order: Any
) -> None:
    rows: list[tuple[str, dict[str, Any]]] = [("note_section", _valid(world, i)) for i in valid]
    for index in hostile:
        make, _words = HOSTILE[index]
        for table, made in make(world).items():
            rows.extend((table, record) for record in made)
    order.shuffle(rows)
    records: Records = {}
    seen: set[tuple[str, str]] = set()
    for table, record in rows:
        if (table, record["id"]) not in seen:  # one version of each record
            seen.add((table, record["id"]))
            records.setdefault(table, []).append(record)
    _refused(world, records)
