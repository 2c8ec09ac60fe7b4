"""The hybrid logical clock: monotonic, ordered as strings, robust to clock skew."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sia_console.domain.hlc import HybridClock, Version


def test_tick_never_goes_backwards_when_the_wall_clock_does() -> None:
    clock = HybridClock("a")
    first = clock.tick(2_000)
    second = clock.tick(1_000)
    assert second > first
    assert str(second) > str(first)


def test_observe_moves_past_a_remote_version() -> None:
    clock = HybridClock("a")
    remote = Version(5_000, 3, "b")
    assert clock.observe(remote, 1_000) > remote


def test_parse_round_trip_and_rejects_garbage() -> None:
    version = Version(1_795_430_641_218, 12, "node-1")
    assert Version.parse(str(version)) == version
    for bad in ("", "1.2.3", "abc", "0000000000001.0000x.n"):
        with pytest.raises(ValueError):
            Version.parse(bad)


@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=50))
def test_string_order_matches_issue_order(times: list[int]) -> None:
    clock = HybridClock("n")
    issued = [str(clock.tick(t)) for t in times]
    assert issued == sorted(issued)
    assert len(set(issued)) == len(issued)
