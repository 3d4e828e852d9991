"""WedgeDetector: scanner bursts versus human typing, by key timing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.protocols import ScannedCode
from devices.scanners.wedge import WedgeDetector, WedgeOutput

FAST = 0.005  # a scanner's gap between keys
SLOW = 0.12  # a quick typist's gap


def run(
    detector: WedgeDetector, keys: list[tuple[str, float]], end: float
) -> tuple[str, list[str]]:
    """Feed timed keys, flush at ``end``; return (typed text, codes) in order."""
    typed: list[str] = []
    codes: list[str] = []

    def take(out: WedgeOutput) -> None:
        typed.append(out.typed)
        if out.code is not None:
            codes.append(out.code.data)

    for char, at in keys:
        take(detector.feed(char, at))
    take(detector.flush(end))
    return "".join(typed), codes


def timed(text: str, start: float, gap: float) -> list[tuple[str, float]]:
    return [(c, start + i * gap) for i, c in enumerate(text)]


@pytest.mark.parametrize(
    ("keys", "typed", "codes"),
    [
        (timed("6901234567892\r", 0, FAST), "", ["6901234567892"]),
        (timed("hello\r", 0, SLOW), "hello\r", []),
        (timed("abc\r", 0, FAST), "abc\r", []),  # too short for a code
        (timed("ab", 0, SLOW) + timed("KX-1\r", 1, FAST) + timed("cd", 2, SLOW), "abcd", ["KX-1"]),
        (timed("KX-12", 0, FAST) + [("\r", 0.02 + 0.5)], "KX-12\r", []),  # Enter came late
        (timed("KX-12", 0, FAST), "KX-12", []),  # burst never terminated
        (timed("A1\r", 0, FAST) + timed("B2C3\r", 0.5, FAST), "A1\r", ["B2C3"]),
    ],
)
def test_key_streams_split_into_typing_and_codes(
    keys: list[tuple[str, float]], typed: str, codes: list[str]
) -> None:
    assert run(WedgeDetector(), keys, end=10.0) == (typed, codes)


def test_code_carries_the_configured_source() -> None:
    detector = WedgeDetector(source="front-scanner")
    outputs = [detector.feed(c, t) for c, t in timed("ABCD\r", 0, FAST)]

    assert outputs[-1] == WedgeOutput(code=ScannedCode("ABCD", "front-scanner"))
    assert all(o == WedgeOutput() for o in outputs[:-1])  # held back, not typed


def test_held_keys_are_released_by_flush_only_after_the_burst_window() -> None:
    detector = WedgeDetector(max_interkey_s=0.03)
    detector.feed("x", 1.0)

    assert detector.flush(1.02) == WedgeOutput()
    assert detector.pending == "x"
    assert detector.flush(1.05) == WedgeOutput(typed="x")


def test_scanner_without_terminator_ends_codes_by_silence() -> None:
    detector = WedgeDetector(terminator=None)

    assert run(detector, timed("ZX9876", 0, FAST) + timed("ab", 1, SLOW), end=5) == (
        "ab",
        ["ZX9876"],
    )


def test_overlong_burst_is_given_back_as_typing() -> None:
    detector = WedgeDetector(max_length=8)

    assert run(detector, timed("0123456789\r", 0, FAST), end=5) == ("0123456789\r", [])


def test_multi_character_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="one character"):
        WedgeDetector().feed("ab", 0.0)


printable = st.characters(min_codepoint=0x20, max_codepoint=0x7E)


@st.composite
def human_typing(draw: st.DrawFn) -> list[tuple[str, float]]:
    """Text with Enter presses; gaps mostly slow, with rollover pairs that are fast.

    People hit at most two or three keys inside 30 ms (min_length 4 needs four fast
    keys and a fast Enter), so runs of fast gaps are capped at two.
    """
    chars = draw(st.lists(st.one_of(printable, st.just("\r")), min_size=1, max_size=60))
    keys: list[tuple[str, float]] = []
    now = draw(st.floats(0, 1000))
    fast_run = 0
    for char in chars:
        fast = fast_run < 2 and draw(st.booleans())
        fast_run = fast_run + 1 if fast else 0
        now += draw(st.floats(0.0, 0.03)) if fast else draw(st.floats(0.031, 2.0))
        keys.append((char, now))
    return keys


@given(human_typing())
def test_human_typing_never_yields_a_code_and_every_key_comes_back_in_order(
    keys: list[tuple[str, float]],
) -> None:
    typed, codes = run(WedgeDetector(), keys, end=keys[-1][1] + 1)

    assert codes == []
    assert typed == "".join(c for c, _ in keys)


@given(
    before=st.text(printable, max_size=10),
    code=st.text(printable, min_size=4, max_size=64),
    after=st.text(printable, max_size=10),
    gap=st.floats(0.0, 0.029),  # clear of the 30 ms boundary, where float sums wobble
)
def test_any_fast_burst_with_terminator_yields_exactly_that_code(
    before: str, code: str, after: str, gap: float
) -> None:
    keys = timed(before, 0, SLOW)
    start = len(before) * SLOW + 1
    keys += timed(code + "\r", start, gap)
    keys += timed(after, start + 1 + len(code) * gap, SLOW)

    typed, codes = run(WedgeDetector(), keys, end=1e6)

    assert codes == [code]
    assert typed == before + after
