"""The hybrid logical clock: monotonic, ordered as strings, robust to clock skew."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sia_console.domain.hlc import MAX_AHEAD_MS, MAX_COUNTER, ClockError, HybridClock, Version


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


def test_parse_reads_ascii_digits_of_the_right_widths_only() -> None:
    good = "1795430641218.00012.4f0e2c1a-5b6d-4e7f-8a9b-0c1d2e3f4a5b"
    assert Version.parse(good).counter == 12
    for bad in (
        "١٧٩٥٤٣٠٦٤١٢١٨.00012.node",  # Arabic-Indic digits are digits to str.isdigit
        "1795430641218.000012.node",
        "17954306412180.00012.node",
        "1795430641218.00012.",
        "1795430641218.00012.node with spaces",
        "1795430641218.00012." + "n" * 37,
        "9999999999999.99999.node\n",
    ):
        with pytest.raises(ClockError):
            Version.parse(bad)


def test_a_full_counter_carries_into_the_next_millisecond() -> None:
    clock = HybridClock("n", Version(5_000, MAX_COUNTER, "n"))
    following = clock.tick(1_000)
    assert following == Version(5_001, 0, "n")
    assert str(following) > str(Version(5_000, MAX_COUNTER, "n"))
    assert Version.parse(str(following)) == following


def test_observe_never_adopts_a_version_from_far_ahead() -> None:
    clock = HybridClock("a", Version(1_000, 0, "a"))
    now = 2_000_000_000_000
    with pytest.raises(ClockError):
        clock.observe(Version(now + MAX_AHEAD_MS + 1, 0, "b"), now)
    assert clock.last == Version(1_000, 0, "a")
    assert clock.observe(Version(now + MAX_AHEAD_MS - 1, 0, "b"), now).millis == (
        now + MAX_AHEAD_MS - 1
    )


def test_observing_a_full_counter_carries_too() -> None:
    clock = HybridClock("a", Version(7_000, 3, "a"))
    seen = clock.observe(Version(7_000, MAX_COUNTER, "b"), 7_000)
    assert seen == Version(7_001, 0, "a")
