"""Merging is order-independent and idempotent, and keeps losing versions (property tests)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import select

from sia_console.bundles.records import to_plain
from sia_console.domain.hlc import Version
from sia_console.domain.models import Conflict, School
from sia_console.services.sync.merge import MergeCounts, merge_record
from sia_console.storage.database import open_database
from sia_console.storage.stamping import PRESERVE_KEY

IDS = ["00000000-0000-4000-8000-00000000000" + str(i) for i in range(3)]
ORIGINS = ["aaaaaaaa-0000-4000-8000-000000000000", "bbbbbbbb-0000-4000-8000-000000000000"]
WHEN = datetime(2026, 11, 23, tzinfo=UTC)

version = st.builds(
    lambda index, millis, counter, origin, name: (index, millis, counter, origin, name),
    st.integers(0, len(IDS) - 1),
    st.integers(1, 50),
    st.integers(0, 3),
    st.sampled_from(ORIGINS),
    st.sampled_from(["Ysgol y Graig", "Ysgol Tŷ Coch", "Oakfield Primary", "[bold]x"]),
)


def _record(index: int, millis: int, counter: int, origin: str, name: str) -> School:
    return School(
        id=IDS[index],
        code=f"66{index:05d}",
        name=name,
        local_authority="Gwynedd",
        hlc=str(Version(millis, counter, origin)),
        origin=origin,
        created_at=WHEN,
        updated_at=WHEN,
    )


def _apply(order: list[tuple[int, int, int, str, str]]) -> tuple[dict[str, str], set[str]]:
    db = open_database(None)
    try:
        for item in order:
            with db.session() as session:
                session.info[PRESERVE_KEY] = True
                merge_record(session, _record(*item), "bundle", MergeCounts())
        with db.session() as session:
            state = {s.id: repr(sorted(to_plain(s).items())) for s in session.exec(select(School))}
            kept = {c.losing_hlc for c in session.exec(select(Conflict)) if c.resolved_at is None}
        return state, kept
    finally:
        db.dispose()


@settings(max_examples=15, deadline=None)
@given(st.lists(version, min_size=1, max_size=5, unique_by=lambda v: (v[0], v[1], v[2], v[3])))
def test_any_order_gives_the_same_state(versions: list[tuple[int, int, int, str, str]]) -> None:
    orders = list(itertools.permutations(versions))[:6]
    results = [_apply(list(order)) for order in orders]
    states = {repr(sorted(state.items())) for state, _kept in results}
    assert len(states) == 1
    final, _ = results[0]
    # The winner of each record is its highest clock version.
    for index, record_id in enumerate(IDS):
        mine = [v for v in versions if v[0] == index]
        if mine:
            best = max(mine, key=lambda v: str(Version(v[1], v[2], v[3])))
            assert str(Version(best[1], best[2], best[3])) in final[record_id]


@settings(max_examples=15, deadline=None)
@given(st.lists(version, min_size=1, max_size=4, unique_by=lambda v: (v[0], v[1], v[2], v[3])))
def test_importing_again_changes_nothing(versions: list[tuple[int, int, int, str, str]]) -> None:
    once = _apply(versions)
    twice = _apply(versions + versions)
    assert once == twice


def test_a_losing_version_from_another_installation_is_kept() -> None:
    older = (0, 10, 0, ORIGINS[0], "Ysgol y Graig")
    newer = (0, 20, 0, ORIGINS[1], "Ysgol Tŷ Coch")
    for order in ([older, newer], [newer, older]):
        state, kept = _apply(order)
        assert "Ysgol Tŷ Coch" in state[IDS[0]]
        assert kept == {str(Version(10, 0, ORIGINS[0]))}
