"""Debounced presence: arrivals at once, departures after consecutive misses."""

from __future__ import annotations

import pytest

from devices.pcsc import PresenceDebouncer, PresenceEvent, PresenceKind

ATR = bytes.fromhex("3B8880010000000000718100F9")
R = "Virtual PCD 00 01"


def test_a_card_that_flickers_away_for_fewer_polls_than_the_limit_is_not_reported() -> None:
    debouncer = PresenceDebouncer(misses_to_gone=3)
    first = debouncer.update({R: ATR})

    flicker = debouncer.update({R: None}) + debouncer.update({R: None}) + debouncer.update({R: ATR})

    assert [e.kind for e in first] == [PresenceKind.READER_ATTACHED, PresenceKind.CARD_INSERTED]
    assert flicker == []
    assert debouncer.snapshot() == {R: ATR}


def test_a_card_gone_for_three_polls_is_reported_removed_once() -> None:
    debouncer = PresenceDebouncer(misses_to_gone=3)
    debouncer.update({R: ATR})

    events = [e for _ in range(5) for e in debouncer.update({R: None})]

    assert events == [PresenceEvent(PresenceKind.CARD_REMOVED, R)]


def test_a_reader_unplugged_with_a_card_reports_the_card_then_the_reader() -> None:
    debouncer = PresenceDebouncer(misses_to_gone=2)
    debouncer.update({R: ATR})

    events = debouncer.update({}) + debouncer.update({})

    assert [e.kind for e in events] == [PresenceKind.CARD_REMOVED, PresenceKind.READER_DETACHED]
    assert debouncer.snapshot() == {}


def test_misses_to_gone_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        PresenceDebouncer(0)
