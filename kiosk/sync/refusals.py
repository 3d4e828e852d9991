"""Why the central answered 401: told apart for the technician.

The interface lists the cases (central-api.md, "Identity of a kiosk") but gives
each no problem type of its own, so the kiosk reads the problem's ``type``,
``title`` and ``detail`` leniently: a revoked or unknown key (enrol again), a
clock too far from the central's (set the clock; the offset is measured), a
nonce seen before (a replayed request: something between the kiosk and the
central repeats requests), a signature that does not verify, or any other
401 ("unauthorised"). A kiosk with no key at all is "not enrolled".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class RefusalKind(StrEnum):
    REVOKED_KEY = "revoked_key"
    CLOCK_SKEW = "clock_skew"
    REPLAYED_NONCE = "replayed_nonce"
    BAD_SIGNATURE = "bad_signature"
    UNAUTHORISED = "unauthorised"
    NOT_ENROLLED = "not_enrolled"


#: What a technician does about each refusal.
ADVICE = {
    RefusalKind.REVOKED_KEY: "the central does not know this kiosk's key (revoked or unknown):"
    " enrol again with a new code (`kiosk enrol --code CODE`)",
    RefusalKind.CLOCK_SKEW: "the kiosk's clock is too far from the central's: set the clock"
    " (NTP), no enrolment needed",
    RefusalKind.REPLAYED_NONCE: "the central saw this request's nonce before: something between"
    " the kiosk and the central repeats requests (a proxy?)",
    RefusalKind.BAD_SIGNATURE: "the signature does not verify: a proxy may change the request,"
    " or the central URL differs from the one the kiosk signs",
    RefusalKind.UNAUTHORISED: "the central refuses this kiosk (401)",
    RefusalKind.NOT_ENROLLED: "this kiosk has no key: enrol it (`kiosk enrol --code CODE`)",
}

_SKEW_WORDS = re.compile(r"(\d+(?:\.\d+)?)\s*s(?:econds?)?\s+(after|before|ahead|behind)")


@dataclass(frozen=True, slots=True)
class Refusal:
    """One 401: what kind, the central's own words, when, and the clock offset measured
    then (central minus kiosk, seconds; None when the answer did not say)."""

    kind: RefusalKind
    detail: str
    at: datetime
    clock_offset_s: float | None = None

    def describe(self) -> str:
        """One line for the technician: the kind, the offset if it matters, the advice."""
        words = ADVICE[self.kind]
        if self.kind is RefusalKind.CLOCK_SKEW and self.clock_offset_s is not None:
            words += f"; {describe_offset(self.clock_offset_s)}"
        return words


def classify_refusal(problem: Mapping[str, Any]) -> RefusalKind:
    """The kind of a 401 from its problem details (any central's words, leniently)."""
    text = " ".join(
        str(problem.get(key) or "") for key in ("type", "title", "detail", "code")
    ).lower()
    if "nonce" in text and any(w in text for w in ("used", "seen", "replay", "reuse", "again")):
        return RefusalKind.REPLAYED_NONCE
    if "revoked" in text or "not the key of any" in text or "unknown key" in text:
        return RefusalKind.REVOKED_KEY
    if "clock" in text or "skew" in text or _SKEW_WORDS.search(text):
        return RefusalKind.CLOCK_SKEW
    if "signature" in text and any(w in text for w in ("verify", "digest", "rejected")):
        return RefusalKind.BAD_SIGNATURE
    return RefusalKind.UNAUTHORISED


def offset_from_detail(detail: str) -> float | None:
    """Central minus kiosk, as a central's words put it ("created 400 s after the
    central's time": the kiosk is 400 s ahead, so -400); None if they do not say."""
    found = _SKEW_WORDS.search(detail.lower())
    if found is None:
        return None
    seconds = float(found.group(1))
    return -seconds if found.group(2) in ("after", "ahead") else seconds


def describe_offset(offset_s: float) -> str:
    """Plain words for an offset (central minus kiosk)."""
    seconds = round(abs(offset_s))
    if seconds == 0:
        return "the kiosk's clock agrees with the central's"
    side = "behind" if offset_s > 0 else "ahead of"
    return (
        f"the kiosk's clock is {seconds} s {side} the central's (measured offset {offset_s:+.0f} s)"
    )
