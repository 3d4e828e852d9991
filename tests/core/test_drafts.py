"""The draft desk and the data key: resume with the same card, expiry, purge, key files, keyring."""

from __future__ import annotations

import json
import os
import stat
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalogue import Catalogue
from kiosk.clock import CHINA_TZ, ManualClock
from kiosk.config import load_config
from kiosk.drafts import DEFAULT_DRAFT_DAYS, MAX_DRAFT_DAYS, DraftDesk, draft_days
from kiosk.errors import ConfigError
from kiosk.keys import (
    DRAFT_ENCRYPTION,
    DRAFT_OWNER,
    KEY_BYTES,
    DataKey,
    DataKeyError,
    key_file,
    load_or_create_key_file,
    open_data_key,
)
from offline_cache.db import Database

T0 = datetime(2026, 12, 4, 9, 0, tzinfo=CHINA_TZ)
ID_NUMBER = "33070219850314002X"
STATE = {"company_name": "金华市婺城区青禾餐饮有限公司", "registered_capital": "100", "page": 2}


@dataclass(frozen=True)
class Svc:
    code: str
    draft_days: Any = None


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def desk(tmp_path: Path, clock: ManualClock) -> Iterator[DraftDesk]:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    yield DraftDesk.open(db, open_data_key(tmp_path), clock)
    db.close()


# -- the desk -----------------------------------------------------------------


def test_a_citizen_resumes_with_the_same_identity_number(
    desk: DraftDesk, catalogue: Catalogue, clock: ManualClock
) -> None:
    service = catalogue.service("GS-SETUP")
    expires = desk.save(service, ID_NUMBER, STATE)
    clock.advance(3 * 86400)

    resumed = desk.resume(service, ID_NUMBER.lower())

    assert resumed is not None
    assert resumed.state == STATE
    assert resumed.saved_at == T0
    assert resumed.expires_at == expires == T0 + timedelta(days=DEFAULT_DRAFT_DAYS)


def test_another_identity_number_finds_nothing(desk: DraftDesk) -> None:
    desk.save(Svc("GS-SETUP"), ID_NUMBER, STATE)

    assert desk.resume(Svc("GS-SETUP"), "330702198503140038") is None


def test_the_service_limit_comes_from_the_catalogue_else_seven_days(desk: DraftDesk) -> None:
    desk.save(Svc("A", draft_days=2), ID_NUMBER, STATE)
    desk.save(Svc("B"), ID_NUMBER, STATE)

    day3 = T0 + timedelta(days=3)
    assert desk.resume(Svc("A", draft_days=2), ID_NUMBER, day3) is None
    assert desk.resume(Svc("B"), ID_NUMBER, day3) is not None
    assert desk.resume(Svc("B"), ID_NUMBER, T0 + timedelta(days=7)) is None


def test_a_service_with_zero_draft_days_keeps_none(desk: DraftDesk) -> None:
    assert desk.save(Svc("A", draft_days=0), ID_NUMBER, STATE) is None
    assert desk.resume(Svc("A", draft_days=0), ID_NUMBER) is None


@pytest.mark.parametrize(
    ("value", "days"),
    [
        (None, DEFAULT_DRAFT_DAYS),
        (3, 3),
        (1.5, 2),
        ("3", DEFAULT_DRAFT_DAYS),
        (True, DEFAULT_DRAFT_DAYS),
        (-1, DEFAULT_DRAFT_DAYS),
        (float("nan"), DEFAULT_DRAFT_DAYS),
        (float("inf"), MAX_DRAFT_DAYS),
        (10_000, MAX_DRAFT_DAYS),
    ],
)
def test_draft_days_is_read_leniently(value: Any, days: int) -> None:
    assert draft_days(Svc("A", draft_days=value)) == days
    assert draft_days({"code": "A", "draft_days": value}) == days


def test_discard_at_submit_removes_the_draft(desk: DraftDesk) -> None:
    desk.save(Svc("GS-SETUP"), ID_NUMBER, STATE)

    assert desk.discard(Svc("GS-SETUP"), ID_NUMBER) is True
    assert desk.resume(Svc("GS-SETUP"), ID_NUMBER) is None
    assert desk.discard(Svc("GS-SETUP"), ID_NUMBER) is False


def test_expired_drafts_are_purged_at_start(tmp_path: Path, clock: ManualClock) -> None:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    key = open_data_key(tmp_path)
    desk = DraftDesk.open(db, key, clock)
    desk.save(Svc("A", draft_days=1), ID_NUMBER, STATE)
    desk.save(Svc("B"), ID_NUMBER, STATE)
    clock.advance(2 * 86400)

    DraftDesk.open(db, key, clock)  # the next start

    (count,) = db.connection.execute("SELECT COUNT(*) FROM drafts").fetchone()
    assert count == 1
    assert desk.resume(Svc("B"), ID_NUMBER) is not None
    db.close()


def test_a_state_that_is_not_json_is_refused(desk: DraftDesk) -> None:
    with pytest.raises(ValueError, match="JSON|Out of range"):
        desk.save(Svc("A"), ID_NUMBER, {"x": float("nan")})
    with pytest.raises(TypeError):
        desk.save(Svc("A"), ID_NUMBER, {"x": object()})


def test_the_same_key_opens_drafts_after_a_restart(tmp_path: Path, clock: ManualClock) -> None:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    DraftDesk.open(db, open_data_key(tmp_path), clock).save(Svc("A"), ID_NUMBER, STATE)

    again = DraftDesk.open(db, open_data_key(tmp_path), clock)

    assert again.resume(Svc("A"), ID_NUMBER) is not None
    db.close()


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


def test_any_json_state_round_trips(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "kiosk.sqlite3")
    desk = DraftDesk.open(db, DataKey(os.urandom(KEY_BYTES)), ManualClock(T0))

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        state=st.dictionaries(st.text(), JSON, max_size=6),
        number=st.from_regex(r"[0-9A-Za-z]{6,18}", fullmatch=True),
    )
    def check(state: dict[str, Any], number: str) -> None:
        desk.save(Svc("A"), number, state)
        resumed = desk.resume(Svc("A"), number)
        assert resumed is not None
        assert json.dumps(resumed.state, sort_keys=True) == json.dumps(state, sort_keys=True)

    check()
    db.close()


def test_the_database_holds_no_personal_data_from_a_saved_form(
    tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "kiosk.sqlite3"
    db = Database.open(path)
    desk = DraftDesk.open(db, open_data_key(tmp_path), clock)
    secrets = ("欧阳娜娜", ID_NUMBER, "13905791234")
    desk.save(
        Svc("GS-SETUP"),
        ID_NUMBER,
        {
            "legal_representative": {
                "name": secrets[0],
                "id_number": ID_NUMBER,
                "mobile": secrets[2],
            }
        },
    )

    raw = b"".join(p.read_bytes() for p in (path, tmp_path / "kiosk.sqlite3-wal") if p.exists())
    assert b"GS-SETUP" in raw
    for text in secrets:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert text.encode(encoding) not in raw
    db.close()


# -- the data key ---------------------------------------------------------------


def test_the_key_file_is_0600_in_a_0700_folder_and_stays_the_same(tmp_path: Path) -> None:
    first = open_data_key(tmp_path)
    path = key_file(tmp_path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_bytes() == first.secret
    assert open_data_key(tmp_path) == first
    assert [p.name for p in path.parent.iterdir()] == ["data.key"]  # no temporary file left


def test_the_folder_is_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        open_data_key(tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(key_file(tmp_path).parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(key_file(tmp_path).stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_key_file_open_to_others_is_refused(tmp_path: Path, mode: int) -> None:
    open_data_key(tmp_path)
    key_file(tmp_path).chmod(mode)

    with pytest.raises(DataKeyError, match=r"open to other users.*chmod 600"):
        open_data_key(tmp_path)


def test_a_key_folder_open_to_others_is_refused(tmp_path: Path) -> None:
    open_data_key(tmp_path)
    key_file(tmp_path).parent.chmod(0o755)

    with pytest.raises(DataKeyError, match="folder"):
        open_data_key(tmp_path)


def test_a_damaged_key_file_is_refused_not_replaced(tmp_path: Path) -> None:
    path = key_file(tmp_path)
    open_data_key(tmp_path)
    path.write_bytes(b"too short")

    with pytest.raises(DataKeyError, match="damaged"):
        open_data_key(tmp_path)
    assert path.read_bytes() == b"too short"


def test_a_symlinked_key_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.key"
    load_or_create_key_file(target)
    path = key_file(tmp_path / "data")
    path.parent.mkdir(parents=True, mode=0o700)
    path.symlink_to(target)

    with pytest.raises(DataKeyError):
        open_data_key(tmp_path / "data")


def test_subkeys_differ_by_purpose_and_are_stable() -> None:
    key = DataKey(bytes(32))

    assert key.subkey(DRAFT_ENCRYPTION) != key.subkey(DRAFT_OWNER)
    assert key.subkey(DRAFT_ENCRYPTION) == DataKey(bytes(32)).subkey(DRAFT_ENCRYPTION)
    assert len(key.subkey("outbox/v1", 16)) == 16
    assert repr(DataKey(b"k" * 32)) == "DataKey()"  # never in a log or a traceback
    with pytest.raises(DataKeyError):
        DataKey(b"short")


# -- the keyring ------------------------------------------------------------------


class _KeyringError(Exception):
    pass


def _fake_keyring(monkeypatch: pytest.MonkeyPatch, backend_module: str) -> dict[str, str]:
    stored: dict[str, str] = {}
    backend_type = type("Keyring", (), {"__module__": backend_module, "priority": 1})
    module = types.ModuleType("keyring")
    module.get_keyring = lambda: backend_type()  # type: ignore[attr-defined]
    module.get_password = lambda s, a: stored.get(f"{s}/{a}")  # type: ignore[attr-defined]
    module.set_password = lambda s, a, p: stored.__setitem__(f"{s}/{a}", p)  # type: ignore[attr-defined]
    errors = types.ModuleType("keyring.errors")
    errors.KeyringError = _KeyringError  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", module)
    monkeypatch.setitem(sys.modules, "keyring.errors", errors)
    return stored


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_key_store_defaults_to_the_file(tmp_path: Path) -> None:
    assert load_config(None).key_store == "file"
    assert load_config(_config(tmp_path, '[kiosk]\nid = "K-1"\n')).key_store == "file"


def test_an_unknown_key_store_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="key_store"):
        load_config(_config(tmp_path, '[privacy]\nkey_store = "vault"\n'))


def test_keyring_without_the_package_is_a_clear_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "keyring", None)  # import fails as if not installed

    with pytest.raises(ConfigError, match="needs the keyring package"):
        load_config(_config(tmp_path, '[privacy]\nkey_store = "keyring"\n'))


def test_keyring_without_a_backend_is_a_clear_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_keyring(monkeypatch, "keyring.backends.fail")

    with pytest.raises(ConfigError, match="no usable backend"):
        load_config(_config(tmp_path, '[privacy]\nkey_store = "keyring"\n'))


def test_the_key_is_made_once_in_the_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _fake_keyring(monkeypatch, "keyring.backends.SecretService")
    config = load_config(_config(tmp_path, '[privacy]\nkey_store = "keyring"\n'))

    first = open_data_key(tmp_path, config.key_store)

    assert len(stored) == 1
    assert open_data_key(tmp_path, "keyring") == first
    assert not key_file(tmp_path).exists()
