"""Signed slips checked offline, without Qt: the QR text, the keys body, the verdicts.

Real Ed25519 keys sign real payloads (the sandbox's licence payload shape, the
kiosk's receipt text); nothing is mocked.
"""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import given
from hypothesis import strategies as st

from kiosk.clock import CHINA_TZ
from kiosk.documents.receipt_qr import (
    NumberKind,
    ReceiptQr,
    ReceiptQrError,
    format_receipt_qr,
    parse_receipt_qr,
)
from kiosk.verification.envelope import (
    LICENCE,
    RECEIPT,
    SlipQrError,
    b64url,
    format_signed_qr,
    parse_signed_qr,
)
from kiosk.verification.fields import read_payload
from kiosk.verification.keys import KeyOwner, KeyRing, KeysBodyError, parse_keys_body
from kiosk.verification.verify import Verdict, verify_slip

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=CHINA_TZ)
CENTRAL_KEY = Ed25519PrivateKey.generate()
KIOSK_KEY = Ed25519PrivateKey.generate()


def raw(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def keys_body(*entries: dict[str, Any]) -> str:
    return json.dumps({"keys": list(entries)})


def entry(key_id: str, key: Ed25519PrivateKey, **extra: Any) -> dict[str, Any]:
    return {"key_id": key_id, "public_key": base64.b64encode(raw(key)).decode(), **extra}


def licence_payload(printed_at: str = "2026-11-19T09:30:00+08:00") -> str:
    """The sandbox's licence payload (central/licences.py `_verification`)."""
    return json.dumps(
        {
            "v": 1,
            "uscc": "92330702MA2ABCDE0J",
            "name": "金华市婺城区丽华百货店",
            "type": "个体工商户",
            "established": "2026-11-19",
            "authority": "金华市婺城区市场监督管理局",
            "print_job": "pj-1",
            "printed_at": printed_at,
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def signed(scheme: str, key_id: str, key: Ed25519PrivateKey, payload: str) -> str:
    data = payload.encode("utf-8")
    return format_signed_qr(scheme, key_id, data, key.sign(data))


def central_ring(**extra: Any) -> KeyRing:
    return KeyRing(parse_keys_body(keys_body(entry("central-1", CENTRAL_KEY, **extra))))


# -- verdicts on real keys ---------------------------------------------------------
def test_a_licence_signed_by_the_central_is_valid_and_its_fields_are_shown() -> None:
    qr = signed(LICENCE, "central-1", CENTRAL_KEY, licence_payload())
    check = verify_slip(qr, central_ring(not_after="2036-01-01T00:00:00Z"), NOW)
    assert check.verdict is Verdict.VALID
    assert check.kind == "licence"
    assert check.signer == "the central (key central-1)"
    fields = {f.name: f.value for f in check.content.fields}
    assert fields["uscc"] == "92330702MA2ABCDE0J"
    assert fields["name"] == "金华市婺城区丽华百货店"
    assert "v" not in fields  # the format's version is nothing for a clerk
    assert check.signed_at == datetime(2026, 11, 19, 9, 30, tzinfo=CHINA_TZ)


def test_a_licence_whose_payload_was_changed_has_an_invalid_signature() -> None:
    genuine = parse_signed_qr(signed(LICENCE, "central-1", CENTRAL_KEY, licence_payload()))
    forged_payload = genuine.text.replace("丽华百货店", "丽华超市").encode("utf-8")
    forged = format_signed_qr(LICENCE, "central-1", forged_payload, genuine.signature)
    check = verify_slip(forged, central_ring(), NOW)
    assert check.verdict is Verdict.INVALID_SIGNATURE
    assert check.content.value("name") == "金华市婺城区丽华超市"  # shown, but not confirmed


def test_a_licence_signed_with_a_key_nobody_published_is_unknown() -> None:
    stranger = Ed25519PrivateKey.generate()
    qr = signed(LICENCE, "central-9", stranger, licence_payload())
    check = verify_slip(qr, central_ring(), NOW)
    assert check.verdict is Verdict.UNKNOWN_KEY
    assert check.signer == "unknown key central-9"


def test_a_licence_signed_after_its_key_expired_is_expired() -> None:
    qr = signed(LICENCE, "central-1", CENTRAL_KEY, licence_payload("2026-11-19T09:30:00+08:00"))
    check = verify_slip(qr, central_ring(not_after="2026-11-18T00:00:00Z"), NOW)
    assert check.verdict is Verdict.EXPIRED_KEY


def test_a_licence_outlives_its_key_it_was_signed_while_the_key_was_valid() -> None:
    qr = signed(LICENCE, "central-1", CENTRAL_KEY, licence_payload("2026-11-19T09:30:00+08:00"))
    years_later = NOW + timedelta(days=3650)
    check = verify_slip(qr, central_ring(not_after="2030-01-01T00:00:00Z"), years_later)
    assert check.verdict is Verdict.VALID


def test_without_a_signing_time_the_key_must_be_valid_now() -> None:
    payload = "uscc=92330702MA2ABCDE0J\nname=丽华百货店"
    qr = signed(LICENCE, "central-1", CENTRAL_KEY, payload)
    ring = central_ring(not_after="2026-11-01T00:00:00Z")
    assert verify_slip(qr, ring, NOW).verdict is Verdict.EXPIRED_KEY
    assert verify_slip(qr, ring, datetime(2026, 10, 1, tzinfo=UTC)).verdict is Verdict.VALID


def test_a_key_without_not_after_never_expires() -> None:
    qr = signed(LICENCE, "central-1", CENTRAL_KEY, licence_payload())
    check = verify_slip(qr, central_ring(), NOW + timedelta(days=36500))
    assert check.verdict is Verdict.VALID


def test_a_kiosk_key_can_never_sign_a_licence() -> None:
    ring = KeyRing(parse_keys_body(keys_body(entry("kk-1", KIOSK_KEY, kiosk_id="K-330702-0001"))))
    qr = signed(LICENCE, "kk-1", KIOSK_KEY, licence_payload())
    check = verify_slip(qr, ring, NOW)
    assert check.verdict is Verdict.UNKNOWN_KEY
    assert "only the central signs licences" in check.detail


def test_a_receipt_signed_by_a_kiosk_key_the_central_lists_names_that_kiosk() -> None:
    text = format_receipt_qr(
        ReceiptQr(NumberKind.REFERENCE, "K0001-000123", "GT-SETUP", "K-330702-0001", NOW.date())
    )
    ring = KeyRing(parse_keys_body(keys_body(entry("kk-1", KIOSK_KEY, kiosk_id="K-330702-0001"))))
    check = verify_slip(signed(RECEIPT, "kk-1", KIOSK_KEY, text), ring, NOW)
    assert check.verdict is Verdict.VALID
    assert check.kind == "receipt"
    assert check.key is not None
    assert check.key.owner is KeyOwner.KIOSK
    assert check.signer == "kiosk K-330702-0001 (key kk-1)"
    assert check.content.value("number") == "K0001-000123"
    assert check.content.value("number_kind") == "reference"
    # Signed on the day of submission: from its first moment.
    assert check.signed_at == datetime(2026, 11, 20, tzinfo=CHINA_TZ)


def test_a_receipt_signed_by_one_kiosk_claiming_another_is_not_genuine() -> None:
    text = format_receipt_qr(
        ReceiptQr(NumberKind.REFERENCE, "K0002-000001", "GT-SETUP", "K-330782-0002", NOW.date())
    )
    ring = KeyRing(parse_keys_body(keys_body(entry("kk-1", KIOSK_KEY, kiosk_id="K-330702-0001"))))
    check = verify_slip(signed(RECEIPT, "kk-1", KIOSK_KEY, text), ring, NOW)
    assert check.verdict is Verdict.INVALID_SIGNATURE
    assert "K-330782-0002" in check.detail


# -- the keys body, read leniently -------------------------------------------------
def test_keys_body_ignores_unknown_fields_and_skips_unusable_entries() -> None:
    body = {
        "keys": [
            {**entry("central-1", CENTRAL_KEY), "alg": "ed25519", "use": "sig"},
            {"key_id": "short", "public_key": base64.b64encode(b"x" * 31).decode()},
            {"public_key": base64.b64encode(raw(KIOSK_KEY)).decode()},
            {"key_id": "bad-expiry", **entry("x", KIOSK_KEY), "not_after": "next year"},
            "not an object",
            # base64url without padding is read too (another central's habit).
            {"key_id": "url", "public_key": b64url(raw(KIOSK_KEY)), "not_after": None},
        ],
        "extra": True,
    }
    keys = {key.key_id: key for key in parse_keys_body(body)}
    assert set(keys) == {"central-1", "url"}
    assert keys["central-1"].not_after is None
    assert keys["url"].raw == raw(KIOSK_KEY)


@pytest.mark.parametrize("body", ["", "[]", '{"keys": {}}', "not json", '{"key": []}'])
def test_a_body_that_is_not_a_keys_body_is_refused_clearly(body: str) -> None:
    with pytest.raises(KeysBodyError):
        parse_keys_body(body)


def test_signatures_are_read_with_or_without_padding() -> None:
    qr = signed(LICENCE, "central-1", CENTRAL_KEY, licence_payload())
    scheme, key_id, payload, signature = qr.split(".")
    padded = ".".join(
        (
            scheme,
            key_id,
            payload + "=" * (-len(payload) % 4),
            signature + "=" * (-len(signature) % 4),
        )
    )
    assert verify_slip(padded, central_ring(), NOW).verdict is Verdict.VALID


def test_a_key_id_with_dots_is_read_whole() -> None:
    qr = signed(LICENCE, "gov.cn.central.2026", CENTRAL_KEY, licence_payload())
    ring = KeyRing(parse_keys_body(keys_body(entry("gov.cn.central.2026", CENTRAL_KEY))))
    assert parse_signed_qr(qr).key_id == "gov.cn.central.2026"
    assert verify_slip(qr, ring, NOW).verdict is Verdict.VALID


# -- the receipt's code, plain or signed -------------------------------------------
def test_the_status_lookup_reads_a_signed_receipt_like_a_plain_one() -> None:
    receipt = ReceiptQr(
        NumberKind.APPLICATION, "GT20261102000001", "GT-SETUP", "K-1", date(2026, 11, 2)
    )
    plain = format_receipt_qr(receipt)
    assert parse_receipt_qr(signed(RECEIPT, "kk-1", KIOSK_KEY, plain)) == receipt
    assert parse_receipt_qr(plain) == receipt


def test_payloads_of_other_shapes_are_shown_whole() -> None:
    content = read_payload("just some words")
    assert [(f.name, f.value) for f in content.fields] == [("payload", "just some words")]
    assert content.signed_at is None
    pairs = read_payload("uscc=9133&printed_at=2026-11-19T01:00:00Z")
    assert pairs.value("uscc") == "9133"
    assert pairs.signed_at == datetime(2026, 11, 19, 1, 0, tzinfo=UTC)


# -- garbage never raises anything but the parsers' own errors ---------------------
_signed_like = st.builds(
    lambda scheme, parts: scheme + "." + ".".join(parts),
    st.sampled_from([LICENCE, RECEIPT, "KCV2", ""]),
    st.lists(st.text(alphabet="AZaz09-_=.+/ é\x00", max_size=100), max_size=5),
)


@given(st.one_of(st.text(max_size=300), _signed_like))
def test_the_qr_parser_raises_only_its_own_error_on_any_text(text: str) -> None:
    try:
        parsed = parse_signed_qr(text)
    except SlipQrError:
        return
    assert len(parsed.signature) == 64
    read_payload(parsed.text)  # never raises
    verify_slip(text, central_ring(), NOW)  # a verdict, never an exception


@given(st.one_of(st.text(max_size=300), _signed_like))
def test_the_receipt_parser_raises_only_its_own_error_on_any_text(text: str) -> None:
    with contextlib.suppress(ReceiptQrError):
        parse_receipt_qr(text)


@given(st.binary(max_size=200), st.text(alphabet="abc-_.", min_size=1, max_size=20))
def test_any_payload_signed_by_a_known_key_round_trips(payload: bytes, key_id: str) -> None:
    text = payload.decode("utf-8", errors="replace")
    qr = signed(LICENCE, key_id, CENTRAL_KEY, text or "-")
    ring = KeyRing(parse_keys_body(keys_body(entry(key_id, CENTRAL_KEY))))
    assert verify_slip(qr, ring, NOW).verdict is Verdict.VALID


@given(
    st.recursive(
        st.none() | st.booleans() | st.text(max_size=20) | st.integers(),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=10), c, max_size=3),
        max_leaves=10,
    )
)
def test_keys_bodies_of_any_json_shape_raise_only_their_own_error(value: object) -> None:
    with contextlib.suppress(KeysBodyError):
        parse_keys_body(json.dumps(value))
