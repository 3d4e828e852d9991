"""How the kiosk reaches an ESC/POS printer: TCP port 9100, USB or a serial port.

Each connection opens a python-escpos printer object for one ticket or one status
query, and knows how to bound reads on its transport (python-escpos leaves a
network read at the connect timeout and a USB read at pyusb's default).
`connection_from_config` builds one from the kiosk configuration.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from escpos import printer as escpos_printer

from devices.errors import DeviceConfigError
from devices.status import DeviceState


class EscposConnection(Protocol):
    """One way of reaching the printer."""

    @property
    def missing_state(self) -> DeviceState:
        """The state to report when the printer cannot be opened at all."""
        ...

    def describe(self) -> str:
        """Where the printer is, for reasons and logs."""
        ...

    def open(self, profile: str | None) -> Any:
        """An opened python-escpos printer; raises OSError or escpos errors."""
        ...

    @property
    def timeout_s(self) -> float:
        """The transport's own timeout for opening and writing."""
        ...

    def set_timeout(self, device: Any, timeout_s: float) -> None:
        """Bound the next reads (and, on a socket, writes) to ``timeout_s``."""
        ...

    def discard_input(self, device: Any) -> None:
        """Drop bytes that arrived unasked, e.g. a late status answer."""
        ...


@dataclass(frozen=True, slots=True)
class NetworkConnection:
    """A network receipt printer on a raw TCP port (JetDirect / port 9100)."""

    host: str
    port: int = 9100
    timeout_s: float = 3.0
    missing_state: DeviceState = field(default=DeviceState.OFFLINE, init=False)

    def describe(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def open(self, profile: str | None) -> Any:
        # python-escpos 3.1's Network.open() leaks its socket when the connect fails
        # (ResourceWarning; one fd per retry on a kiosk polling a dead printer), so
        # connect here, where a failed connect closes the socket, and hand it over.
        link = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        device = escpos_printer.Network(
            self.host, port=self.port, timeout=self.timeout_s, profile=profile
        )
        device.device = link
        return device

    def set_timeout(self, device: Any, timeout_s: float) -> None:
        # Network.device is the socket: one timeout for recv and sendall alike.
        device.device.settimeout(timeout_s)

    def discard_input(self, device: Any) -> None:
        """Nothing to drop: each ticket opens a fresh TCP connection."""


@dataclass(frozen=True, slots=True)
class SerialConnection:
    """A receipt printer on a serial port (RS-232 or a USB-serial adapter)."""

    port: str
    baudrate: int = 9600
    timeout_s: float = 3.0
    dsrdtr: bool = True
    missing_state: DeviceState = field(default=DeviceState.NO_DEVICE, init=False)

    def describe(self) -> str:
        return f"serial:{self.port}@{self.baudrate}"

    def open(self, profile: str | None) -> Any:
        device = escpos_printer.Serial(
            devfile=self.port,
            baudrate=self.baudrate,
            timeout=self.timeout_s,
            dsrdtr=self.dsrdtr,
            profile=profile,
        )
        device.open()
        return device

    def set_timeout(self, device: Any, timeout_s: float) -> None:
        device.device.timeout = timeout_s

    def discard_input(self, device: Any) -> None:
        # The port stays open between kiosk sessions at the OS level: a late answer
        # from an earlier query would be read as this one's answer.
        device.device.reset_input_buffer()


@dataclass(frozen=True, slots=True)
class UsbConnection:
    """A USB receipt printer (printer class, bulk endpoints), via pyusb."""

    vendor_id: int
    product_id: int
    in_ep: int = 0x82
    out_ep: int = 0x01
    timeout_s: float = 3.0
    missing_state: DeviceState = field(default=DeviceState.NO_DEVICE, init=False)

    def describe(self) -> str:
        return f"usb:{self.vendor_id:04x}:{self.product_id:04x}"

    def open(self, profile: str | None) -> Any:
        if not escpos_printer.Usb.is_usable():
            raise DeviceConfigError("USB receipt printers need pyusb (pip install pyusb)")
        device = escpos_printer.Usb(
            self.vendor_id,
            self.product_id,
            timeout=int(self.timeout_s * 1000),
            in_ep=self.in_ep,
            out_ep=self.out_ep,
            profile=profile,
        )
        device.open()
        return device

    def set_timeout(self, device: Any, timeout_s: float) -> None:
        # python-escpos reads without a timeout argument, so pyusb's default applies.
        device.device.default_timeout = max(1, int(timeout_s * 1000))

    def discard_input(self, device: Any) -> None:
        """Nothing to drop: the printer answers only what it is asked on USB."""


def connection_from_config(config: Mapping[str, Any]) -> EscposConnection:
    """Build a connection from ``{"type": "network"|"serial"|"usb", ...}``.

    network: host, port (9100), timeout_s; serial: port, baudrate (9600), timeout_s,
    dsrdtr; usb: vendor_id, product_id (ints, or strings read as hex), in_ep, out_ep, timeout_s.

    Raises:
        DeviceConfigError: unknown type, missing or malformed option.
    """
    kind = str(config.get("type", "")).lower()
    try:
        if kind == "network":
            return NetworkConnection(
                host=str(config["host"]),
                port=int(config.get("port", 9100)),
                timeout_s=float(config.get("timeout_s", 3.0)),
            )
        if kind == "serial":
            return SerialConnection(
                port=str(config["port"]),
                baudrate=int(config.get("baudrate", 9600)),
                timeout_s=float(config.get("timeout_s", 3.0)),
                dsrdtr=bool(config.get("dsrdtr", True)),
            )
        if kind == "usb":
            return UsbConnection(
                vendor_id=_int(config["vendor_id"]),
                product_id=_int(config["product_id"]),
                in_ep=_int(config.get("in_ep", 0x82)),
                out_ep=_int(config.get("out_ep", 0x01)),
                timeout_s=float(config.get("timeout_s", 3.0)),
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise DeviceConfigError(f"receipt printer {kind} config is invalid: {exc!r}") from exc
    raise DeviceConfigError(f"unknown receipt printer connection type {kind!r}")


def _int(value: Any) -> int:
    """An int as given, or a string read as hex ("04b8", "0x04b8"), as lsusb writes USB ids."""
    if isinstance(value, int):
        return value
    return int(str(value).strip(), 16)
