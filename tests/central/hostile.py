"""Hostile texts for the central's tests: the characters a tester reaches for, an oracle
for the rule written apart from ``central/text.py``, and raw-body helpers."""

from __future__ import annotations

import json
import unicodedata
import uuid
from typing import Any

import requests
from hypothesis import strategies as st

from tests.central.support import Kiosk

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "李明\u202egpj.exe" shows as "李明exe.jpg"

#: Surrogates, bidi, terminal controls, line breaks in disguise, a BOM, private use,
#: a noncharacter, a tag, and (allowed) the joiners and the ideographic space.
HOSTILE = [
    "\ud800",
    "\udfff",
    "\ud83d",
    RLO,
    "\u202a",
    "\u2066",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x9b",
    "\t",
    "\r",
    "\n",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\ue000",
    "\uffff",
    "\U000e0041",
    "\u200d",
    "\u200c",
    "\u3000",
]

#: Any text: every code point hypothesis knows, surrogates included, and the above often.
hostile_text = st.text(
    st.characters(codec=None, exclude_categories=()) | st.sampled_from(HOSTILE), max_size=12
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | hostile_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4)
    ),
    max_leaves=12,
)


def is_surrogate(char: str) -> bool:
    return 0xD800 <= ord(char) <= 0xDFFF


def is_refused(char: str, *, multiline: bool) -> bool:
    """The rule as central/README.md states it, written apart from central/text.py."""
    if char == "\n":
        return not multiline
    if char in "\u200c\u200d":
        return False
    return unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def body_bytes(value: Any, *, escape: bool = True) -> bytes:
    """A JSON body: non-ASCII written as ``\\uXXXX`` escapes (a lone surrogate becomes the
    JSON text ``"\\ud800"``), or as raw UTF-8 (a lone surrogate as its 3 invalid bytes)."""
    if escape:
        return json.dumps(value).encode("ascii")
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def post_bytes(
    kiosk: Kiosk, path: str, body: bytes, content_type: str = "application/json"
) -> requests.Response:
    """POST a raw body, signed by ``kiosk`` (unsigned to ``/v1/enrolments``)."""
    headers = {"Content-Type": content_type, "Idempotency-Key": str(uuid.uuid4())}
    if path == "/v1/enrolments":
        return requests.post(kiosk.central.url + path, data=body, headers=headers, timeout=10)
    return kiosk.request("POST", path, data=body, headers=headers)


def post_json(kiosk: Kiosk, path: str, value: Any, *, escape: bool = True) -> requests.Response:
    return post_bytes(kiosk, path, body_bytes(value, escape=escape))


def assert_problem(response: requests.Response, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with ``status``; its document."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert problem["type"]
    assert problem["title"]
    assert problem["detail"]
    return problem


def character_errors(response: requests.Response) -> list[str]:
    """The paths of a 422's errors of code ``character``, in order."""
    problem = assert_problem(response, 422)
    return [error["field"] for error in problem["errors"] if error["code"] == "character"]
