"""Every 401 is told apart from the central's problem details, leniently (any central's
words), and a kept connection state reads back whatever the store holds."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.clock import CHINA_TZ, ManualClock
from kiosk.sync.connection import ConnectionMonitor, ConnectionState, Link
from kiosk.sync.refusals import Refusal, RefusalKind, classify_refusal, offset_from_detail

SANDBOX = "https://kiosk-central.invalid/problems/invalid-signature"


@pytest.mark.parametrize(
    ("problem", "kind"),
    [
        # The sandbox's own words (central/signatures.py).
        (
            {"type": SANDBOX, "detail": "The key 'k1' was revoked; the kiosk must enrol again."},
            RefusalKind.REVOKED_KEY,
        ),
        (
            {"type": SANDBOX, "detail": "The key 'k9' is not the key of any enrolled kiosk."},
            RefusalKind.REVOKED_KEY,
        ),
        (
            {
                "type": SANDBOX,
                "detail": "The request signature was rejected: The signature was created 400 s"
                " after the central's time; at most 300 s is allowed. Check the kiosk's clock.",
            },
            RefusalKind.CLOCK_SKEW,
        ),
        (
            {
                "type": SANDBOX,
                "detail": "The signature's nonce was used before; every request needs a new nonce.",
            },
            RefusalKind.REPLAYED_NONCE,
        ),
        (
            {
                "type": SANDBOX,
                "detail": "The request signature was rejected: the digest differs from the body.",
            },
            RefusalKind.BAD_SIGNATURE,
        ),
        # Another central's words.
        ({"type": "urn:gov:key-revoked", "title": "Key revoked"}, RefusalKind.REVOKED_KEY),
        ({"title": "Clock skew too large"}, RefusalKind.CLOCK_SKEW),
        ({"type": "urn:gov:replay", "detail": "nonce seen again"}, RefusalKind.REPLAYED_NONCE),
        ({"title": "Unauthorized"}, RefusalKind.UNAUTHORISED),
        ({}, RefusalKind.UNAUTHORISED),
    ],
)
def test_each_401_is_told_apart(problem: dict[str, Any], kind: RefusalKind) -> None:
    assert classify_refusal(problem) is kind


def test_the_offset_is_read_from_the_centrals_words_when_no_date_was_sent() -> None:
    assert offset_from_detail("created 400 s after the central's time") == -400
    assert offset_from_detail("created 120 seconds before the central's time") == 120
    assert offset_from_detail("no numbers here") is None


def test_a_401_without_a_date_header_still_measures_the_skew_from_the_words() -> None:
    monitor = ConnectionMonitor(ManualClock(datetime(2026, 11, 22, 10, 0, tzinfo=CHINA_TZ)))

    monitor.answered(
        401,
        {},
        {"detail": "The signature was created 400 s after the central's time. Check the clock."},
    )

    refusal = monitor.state.refusal
    assert refusal is not None
    assert refusal.kind is RefusalKind.CLOCK_SKEW
    assert refusal.clock_offset_s == -400
    assert "400 s ahead of the central's" in refusal.describe()


def test_the_date_header_measures_the_offset_on_every_answer() -> None:
    monitor = ConnectionMonitor(ManualClock(datetime(2026, 11, 22, 10, 0, 30, tzinfo=CHINA_TZ)))

    monitor.answered(200, {"Date": "Sun, 22 Nov 2026 02:00:00 GMT"}, None)

    assert monitor.state.link is Link.ONLINE
    assert monitor.state.clock_offset_s == -30


def test_a_busy_central_is_offline_for_citizens_and_says_so() -> None:
    monitor = ConnectionMonitor(ManualClock())

    monitor.answered(503, {}, None)

    assert monitor.state.citizen_offline
    assert monitor.state.detail == "the central answers 503 (busy or in maintenance)"


def test_an_answer_the_central_refused_for_its_content_is_still_online() -> None:
    monitor = ConnectionMonitor(ManualClock())

    monitor.answered(422, {}, {"detail": "form.mobile is not a mobile number"})

    assert monitor.state.link is Link.ONLINE


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.sampled_from(["type", "title", "detail", "code", "status"]), json_values))
def test_any_problem_details_get_a_kind(problem: dict[str, Any]) -> None:
    assert classify_refusal(problem) in RefusalKind


@given(json_values)
def test_whatever_the_store_holds_reads_back_as_a_state(value: Any) -> None:
    assert isinstance(ConnectionState.from_json(value), ConnectionState)


def test_a_kept_state_reads_back_the_same() -> None:
    at = datetime(2026, 11, 22, 10, 0, tzinfo=CHINA_TZ)
    refusal = Refusal(RefusalKind.CLOCK_SKEW, "created 400 s after", at, -400.0)
    state = ConnectionState(
        Link.REFUSED,
        at,
        "created 400 s after",
        refusal,
        refusal,
        -400.0,
        at,
        3,
        "2026-11-22T09:00:00+08:00",
    )

    assert ConnectionState.from_json(state.to_json()) == state
