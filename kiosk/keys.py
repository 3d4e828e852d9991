"""The kiosk's data key, and the purpose-bound subkeys derived from it.

One random 32-byte key protects personal data the kiosk keeps at rest: drafts
and the outbox's queued bodies. It lives either in
``<data_dir>/keys/data.key`` (mode 0600 in a 0700 folder, created atomically and
refused if anyone else could read it) or in the OS keyring, as
``[privacy] key_store`` says. Nothing uses it directly: `DataKey.subkey` derives
a separate key per purpose with HKDF-SHA256, so that one use can never be turned
against another (the draft cipher and the draft owner HMAC get different keys).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import importlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError

KEY_BYTES = 32
KEY_STORES = ("file", "keyring")
KEYRING_SERVICE = "business-kiosk"

# Purposes (HKDF "info"). A new user of the data key adds its own; changing one
# makes everything stored under it unreadable.
DRAFT_ENCRYPTION = "drafts/aes-256-gcm/v1"
DRAFT_OWNER = "drafts/owner-hmac-sha256/v1"
OUTBOX_ENCRYPTION = "outbox/aes-256-gcm/v1"

_INFO_PREFIX = b"business-kiosk data key/"


class DataKeyError(ConfigError):
    """The data key cannot be used safely: a technician must look at it."""


@dataclass(frozen=True)
class DataKey:
    """The kiosk's master data key (kept out of repr and logs)."""

    secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.secret) != KEY_BYTES:
            raise DataKeyError(f"the data key must be {KEY_BYTES} bytes, not {len(self.secret)}")

    def subkey(self, purpose: str, length: int = KEY_BYTES) -> bytes:
        """A key for one purpose only (HKDF-SHA256 with the purpose as info)."""
        if not purpose:
            raise ValueError("a subkey needs a purpose")
        # Imported here: the configuration reads this module at the kiosk's start.
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        hkdf = HKDF(
            algorithm=hashes.SHA256(),
            length=length,
            salt=None,
            info=_INFO_PREFIX + purpose.encode("utf-8"),
        )
        return hkdf.derive(self.secret)


def key_file(data_dir: Path) -> Path:
    return data_dir / "keys" / "data.key"


def open_data_key(data_dir: Path, key_store: str = "file") -> DataKey:
    """The kiosk's data key from the configured store, made on first use.

    Raises DataKeyError (a ConfigError) when the store cannot be used safely.
    """
    if key_store == "file":
        return load_or_create_key_file(key_file(data_dir))
    if key_store == "keyring":
        return _load_or_create_in_keyring(str(data_dir.resolve()))
    raise DataKeyError(f'privacy.key_store must be one of {", ".join(KEY_STORES)}: "{key_store}"')


# -- the key file -----------------------------------------------------------------


def load_or_create_key_file(path: Path) -> DataKey:
    """Read the key file, or create it (0600, in a 0700 folder) if there is none."""
    folder = path.parent
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
            os.chmod(folder, 0o700)  # mkdir's mode passes through the umask
        _check_private(folder, "folder", 0o700)
        if not path.exists():
            _create_key_file(path)
        return DataKey(_read_key_file(path))
    except OSError as exc:
        raise DataKeyError(f"cannot use the data key file {path}: {exc}") from exc


def _create_key_file(path: Path) -> None:
    """Write a new key beside the final name, then link it in: never a half-written key."""
    tmp = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, os.urandom(KEY_BYTES))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        # link() fails if the name exists: a kiosk starting at the same moment
        # keeps its key and this one is dropped, so both end up with the same key.
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _read_key_file(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        info = os.fstat(fd)  # the file actually opened, not whatever the name points to now
        _check_mode(path, "file", info, 0o600)
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        # Never replaced silently: whatever it protected would be lost with it.
        raise DataKeyError(
            f"the data key file {path} is damaged ({len(data)} bytes, not {KEY_BYTES});"
            " restore it from a backup, or remove it to start with a new key"
            " (drafts saved under the old key are then lost)"
        )
    return data


def _check_private(path: Path, what: str, mode: int) -> None:
    _check_mode(path, what, os.lstat(path), mode)


def _check_mode(path: Path, what: str, info: os.stat_result, mode: int) -> None:
    kind = stat.S_ISDIR if what == "folder" else stat.S_ISREG
    if not kind(info.st_mode):
        raise DataKeyError(f"the data key {what} {path} is not a plain {what}")
    if info.st_uid != os.geteuid():
        raise DataKeyError(
            f"the data key {what} {path} belongs to uid {info.st_uid}, not to the kiosk's user"
        )
    if info.st_mode & 0o077:
        raise DataKeyError(
            f"the data key {what} {path} is open to other users"
            f" (mode {stat.S_IMODE(info.st_mode):04o}); run `chmod {mode:o} {path}`"
        )


# -- the OS keyring ---------------------------------------------------------------


def require_keyring() -> Any:
    """The keyring module with a usable backend; ConfigError (saying what to do) if none."""
    try:
        # Imported by name: an optional package, absent from most kiosks.
        keyring = importlib.import_module("keyring")
        importlib.import_module("keyring.errors")
    except ImportError as exc:
        raise ConfigError(
            'privacy.key_store = "keyring" needs the keyring package'
            ' (`.venv/bin/pip install keyring`), or use key_store = "file"'
        ) from exc
    backend = keyring.get_keyring()
    # keyring answers with its "fail" backend when the machine has none (no
    # Secret Service, no KWallet): a store that cannot keep anything.
    if type(backend).__module__.startswith("keyring.backends.fail") or backend.priority <= 0:
        raise ConfigError(
            'privacy.key_store = "keyring" but the OS keyring has no usable backend'
            f' ({type(backend).__name__}); start a Secret Service, or use key_store = "file"'
        )
    return keyring


def _load_or_create_in_keyring(account: str) -> DataKey:
    # The account is the data directory's path: kiosks (and tests) on one machine
    # keep their own keys, and a data directory moved elsewhere needs its key moved.
    keyring = require_keyring()
    try:
        stored = keyring.get_password(KEYRING_SERVICE, account)
        if stored is None:
            keyring.set_password(
                KEYRING_SERVICE, account, base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")
            )
            # Read back what the keyring kept, so that every start uses the same key.
            stored = keyring.get_password(KEYRING_SERVICE, account)
    except keyring.errors.KeyringError as exc:
        raise DataKeyError(f"the OS keyring refused the data key: {exc}") from exc
    if not isinstance(stored, str):
        raise DataKeyError("the OS keyring did not keep the data key")
    try:
        secret = base64.b64decode(stored, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DataKeyError(
            f"the data key in the OS keyring ({KEYRING_SERVICE} / {account}) is damaged"
        ) from exc
    return DataKey(secret)
