"""The kiosk's configuration: a frozen dataclass read from an optional TOML file.

With no file every key has its embedded default: simulated devices, the offline
cache under the user's data directory, and the central sandbox on loopback.
The keys are documented in the README ("Configuration").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from devices.errors import DeviceConfigError
from kiosk.errors import ConfigError


@dataclass(frozen=True)
class DeviceConfig:
    """One device: its driver and the driver's options."""

    driver: str
    options: dict[str, Any] = field(default_factory=dict)


REQUIRED_DEVICES = ("id_reader", "printer")
MAX_SENDERS = 10
"""`[sync] senders` at most: the HTTP client keeps 10 connections to a host alive."""


@dataclass(frozen=True)
class KioskConfig:
    kiosk_id: str = "K-330702-0001"
    site_name: str = "金华市婺城区市民服务中心"
    authority: str = ""
    """The registration authority (受理机关) printed on receipts; empty: named later by SMS."""
    language: str = "zh"
    data_dir: Path = field(default_factory=lambda: _default_data_dir())
    fullscreen: bool = True
    central_url: str | None = None
    central_timeout_s: float = 10.0
    enrolment_code: str | None = None
    idle_timeout_s: float = 120.0
    idle_warning_s: float = 30.0
    card_taken_s: float = 10.0
    """The warning's seconds once a citizen lifts their card off a step that no longer
    needs it (a result), before the session ends; `[session] card_taken_s`."""
    slip_left_s: float = 60.0
    """Seconds a printout may wait in the slot on such a step before the session ends
    (printers that report their slot only); `[session] slip_left_s`."""
    sync_interval_s: float = 10.0
    heartbeat_interval_s: float = 60.0
    """How often the kiosk sends the central a heartbeat (and so how soon it runs a
    remote command the central queued)."""
    sync_batch_size: int = 50
    """How many outbox rows one claim takes (under one lease) while draining."""
    sync_senders: int = 4
    """Requests to the central in flight at once while a backlog drains; `[sync] senders`
    (at most `MAX_SENDERS`)."""
    stuck_after_failures: int = 10
    """The central's 5xx answers to one submission before it is stuck for staff."""
    stuck_after_hours: float = 24.0
    """Or: hours after the first 5xx answer when a further one makes it stuck."""
    sync_lease_s: float = 60.0
    """How long a claim holds outbox rows for this sender (renewed while it drains); rows
    a dead sender held are sent again once it runs out."""
    sync_backoff_base_s: float = 5.0
    """The wait after a submission's first failed send, doubled after each further one
    up to 60 times it."""
    cjk_font: Path | None = None
    demo: bool = False
    """Demo mode: the developer panel that drives the simulators is reachable."""
    key_store: str = "file"
    """Where the data key that encrypts personal data at rest lives: "file" or "keyring"."""
    keep_delivered_hours: float = 0.0
    """How long a delivered submission keeps its body (personal data) after the central's
    2xx; 0 purges it at once. Its reference, number, key and body hash always stay."""
    receipt_on: str = "document"
    """Where citizens' receipts print: "document" (the A4 PDF on the document printer) or
    "receipt" (an 80 mm slip on the receipt printer); `[printing] receipt_on`."""
    queue_local_prefix: str = ""
    """Put before the numbers this kiosk gives queue tickets itself (its central has no
    queue), so that several kiosks in one hall never give the same number."""
    site_kind: str = "service_centre"
    """Where the kiosk stands: "service_centre", or "bank_branch" (a registration's result
    then offers to open the company's account here); `[site] kind`."""
    bank_name: str = ""
    """The bank of a bank-branch kiosk, named to the citizen and on the hand-off slip."""
    speech: str = "on_request"
    """Reading the screens aloud (`kiosk.speech`): "off", "on_request" (the citizen turns
    it on from the header) or "always" (every session starts speaking); `[accessibility]
    speech`."""
    devices: dict[str, DeviceConfig] = field(
        default_factory=lambda: {
            "id_reader": DeviceConfig("simulated"),
            "printer": DeviceConfig("simulated"),
            "scanner": DeviceConfig("simulated"),
        }
    )

    @property
    def embedded_central(self) -> bool:
        """True when the kiosk starts the central sandbox itself."""
        return self.central_url is None

    @property
    def print_dir(self) -> Path:
        return self.data_dir / "printed"

    def with_overrides(self, **changes: Any) -> KioskConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_config(path: Path | None) -> KioskConfig:
    """Read ``path`` (TOML) over the defaults; raises ConfigError with the faulty key."""
    if path is None:
        return KioskConfig()
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    return _from_mapping(data, path)


def _from_mapping(data: dict[str, Any], source: Path) -> KioskConfig:
    base = KioskConfig()
    kiosk = _table(data, "kiosk")
    central = _table(data, "central")
    session = _table(data, "session")
    sync = _table(data, "sync")
    documents = _table(data, "documents")
    devices_raw = _table(data, "devices")
    privacy = _table(data, "privacy")
    printing = _table(data, "printing")
    queue = _table(data, "queue")
    site_kind, bank_name = _site(_table(data, "site"), base, source)
    # A file that lists devices describes the real machine: the demo's simulated
    # scanner must not appear on a kiosk that has none. The reader and the printer
    # every kiosk needs keep their simulated defaults until the file names them.
    devices = dict(base.devices)
    if devices_raw:
        devices = {name: devices[name] for name in REQUIRED_DEVICES}
    for name, raw in devices_raw.items():
        if not isinstance(raw, dict) or not isinstance(raw.get("driver"), str):
            raise ConfigError(f'{source}: [devices.{name}] needs a driver = "..."')
        devices[name] = DeviceConfig(raw["driver"], {k: v for k, v in raw.items() if k != "driver"})
    language = _get(kiosk, "language", str, base.language)
    if language not in {"zh", "en"}:
        raise ConfigError(f'{source}: kiosk.language must be "zh" or "en"')
    idle = _get(session, "idle_timeout_s", float, base.idle_timeout_s)
    warning = _get(session, "idle_warning_s", float, base.idle_warning_s)
    if not 0 < warning < idle:
        raise ConfigError(f"{source}: session.idle_warning_s must be between 0 and idle_timeout_s")
    batch_size = _get(sync, "batch_size", int, base.sync_batch_size)
    stuck_failures = _get(sync, "stuck_after_failures", int, base.stuck_after_failures)
    stuck_hours = _get(sync, "stuck_after_hours", float, base.stuck_after_hours)
    if batch_size < 1 or stuck_failures < 1 or stuck_hours <= 0:
        raise ConfigError(
            f"{source}: sync.batch_size and sync.stuck_after_failures must be at least 1,"
            " sync.stuck_after_hours more than 0"
        )
    senders = _get(sync, "senders", int, base.sync_senders)
    if not 1 <= senders <= MAX_SENDERS:
        raise ConfigError(f"{source}: sync.senders must be from 1 to {MAX_SENDERS}")
    lease_s = _get(sync, "lease_s", float, base.sync_lease_s)
    backoff_base_s = _get(sync, "backoff_base_s", float, base.sync_backoff_base_s)
    if lease_s <= 0 or backoff_base_s <= 0:
        raise ConfigError(f"{source}: sync.lease_s and sync.backoff_base_s must be more than 0")
    data_dir = _get(kiosk, "data_dir", str, "")
    font = _get(documents, "cjk_font", str, "")
    url = _get(central, "url", str, "") or None
    # Here, not at the top: the kiosk paints its first screen before it loads these.
    from kiosk.keys import KEY_STORES, require_keyring

    key_store = _get(privacy, "key_store", str, base.key_store)
    if key_store not in KEY_STORES:
        raise ConfigError(f'{source}: privacy.key_store must be "file" or "keyring"')
    if key_store == "keyring":
        require_keyring()  # no keyring package or no backend: say so now, not mid-session
    keep_delivered = _get(privacy, "keep_delivered_hours", float, base.keep_delivered_hours)
    if not 0 <= keep_delivered < float("inf"):
        raise ConfigError(f"{source}: privacy.keep_delivered_hours must be 0 or more")
    receipt_on = _receipt_on(
        _get(printing, "receipt_on", str, "auto"), devices, devices_raw, source
    )
    prefix = _get(queue, "local_prefix", str, base.queue_local_prefix)
    if not re.fullmatch(r"[0-9A-Z]{0,3}", prefix):
        raise ConfigError(f"{source}: queue.local_prefix must be up to 3 capital letters or digits")
    return KioskConfig(
        kiosk_id=_get(kiosk, "id", str, base.kiosk_id),
        site_name=_get(kiosk, "site_name", str, base.site_name),
        authority=_get(kiosk, "authority", str, base.authority),
        language=language,
        data_dir=Path(data_dir).expanduser() if data_dir else base.data_dir,
        fullscreen=_get(kiosk, "fullscreen", bool, base.fullscreen),
        central_url=url.rstrip("/") if url else None,
        central_timeout_s=_get(central, "timeout_s", float, base.central_timeout_s),
        enrolment_code=_get(central, "enrolment_code", str, "") or None,
        idle_timeout_s=idle,
        idle_warning_s=warning,
        card_taken_s=_positive(
            source,
            "session.card_taken_s",
            _get(session, "card_taken_s", float, base.card_taken_s),
        ),
        slip_left_s=_positive(
            source, "session.slip_left_s", _get(session, "slip_left_s", float, base.slip_left_s)
        ),
        sync_interval_s=_get(sync, "interval_s", float, base.sync_interval_s),
        heartbeat_interval_s=_positive(
            source,
            "sync.heartbeat_interval_s",
            _get(sync, "heartbeat_interval_s", float, base.heartbeat_interval_s),
        ),
        sync_batch_size=batch_size,
        sync_senders=senders,
        stuck_after_failures=stuck_failures,
        stuck_after_hours=stuck_hours,
        sync_lease_s=lease_s,
        sync_backoff_base_s=backoff_base_s,
        cjk_font=Path(font) if font else None,
        demo=_get(kiosk, "demo", bool, base.demo),
        key_store=key_store,
        keep_delivered_hours=keep_delivered,
        devices=devices,
        receipt_on=receipt_on,
        queue_local_prefix=prefix,
        site_kind=site_kind,
        bank_name=bank_name,
        speech=_speech(_table(data, "accessibility"), base, source),
    )


def _receipt_on(
    value: str, devices: dict[str, DeviceConfig], named: dict[str, Any], source: Path
) -> str:
    """Where receipts print. "auto": on the receipt printer when the kiosk has one and the
    file names no document printer (the simulated stand-in then only keeps the files),
    else on the document printer."""
    if value not in {"auto", "document", "receipt"}:
        raise ConfigError(f'{source}: printing.receipt_on must be "auto", "document" or "receipt"')
    has_receipt_printer = any(_is_receipt_printer(name, device) for name, device in devices.items())
    if value == "receipt" and not has_receipt_printer:
        raise ConfigError(
            f'{source}: printing.receipt_on = "receipt" needs a receipt printer in [devices]'
        )
    if value == "auto":
        return "receipt" if has_receipt_printer and "printer" not in named else "document"
    return value


def _is_receipt_printer(name: str, device: DeviceConfig) -> bool:
    # Imported here, as tomllib is: the kiosk with no configuration file starts without.
    from devices.factory import DeviceKind, device_kind

    try:
        return device_kind(name, device.driver, device.options) is DeviceKind.RECEIPT_PRINTER
    except DeviceConfigError:
        return False  # an unknown driver: the device factory says so when the kiosk starts


def _site(site: dict[str, Any], base: KioskConfig, source: Path) -> tuple[str, str]:
    """``[site] kind`` and ``bank_name``: a bank branch needs its bank's name."""
    kind = _get(site, "kind", str, base.site_kind)
    if kind not in {"service_centre", "bank_branch"}:
        raise ConfigError(f'{source}: site.kind must be "service_centre" or "bank_branch"')
    bank = _get(site, "bank_name", str, base.bank_name).strip()
    if kind == "bank_branch" and not bank:
        raise ConfigError(f'{source}: site.kind = "bank_branch" needs site.bank_name')
    return kind, bank


def _speech(accessibility: dict[str, Any], base: KioskConfig, source: Path) -> str:
    from kiosk.speech import SPEECH_MODES  # (see KEY_STORES above)

    speech: str = _get(accessibility, "speech", str, base.speech)
    if speech not in SPEECH_MODES:
        raise ConfigError(f'{source}: accessibility.speech must be "off", "on_request" or "always"')
    return speech


def _positive(source: Path, key: str, value: float) -> float:
    if not 0 < value < float("inf"):
        raise ConfigError(f"{source}: {key} must be more than 0")
    return value


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"[{name}] must be a table")
    return value


def _get(table: dict[str, Any], key: str, kind: type, default: Any) -> Any:
    value = table.get(key, default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{key} must be of type {kind.__name__}, not {type(value).__name__}")
    return value


def _default_data_dir() -> Path:
    import platformdirs  # only when no data directory is given

    return Path(platformdirs.user_data_dir("business-kiosk"))
