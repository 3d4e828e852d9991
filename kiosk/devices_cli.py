"""`kiosk devices ...`: the technician's commands for checking the kiosk's devices.

kiosk devices list [--json]          configured devices, their driver and status
kiosk devices test NAME              status (and a read, for a reader) with a verdict
kiosk devices read-id --driver D     read one identity document now and print it

``test`` prints a last line "PASS: ..." or "FAIL: ..." and exits 0 only on PASS:
the device is ONLINE and, for a reader, the read gave a document or found none.
While the kiosk runs, its simulated devices live inside it: ``list`` and
``test`` ask the kiosk for their status through its control socket
(`kiosk.control`; ``test`` does not read a card the kiosk may be reading), and
refuse (exit 2; ``list`` shows them busy) if the kiosk does not answer.
``read-id`` builds a reader from its options rather than from the configuration,
so a technician can try a reader before configuring it; it exits 0 only when a
document was read. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from devices.errors import DeviceConfigError
from devices.factory import (
    Device,
    DeviceKind,
    build_device,
    build_identity_reader,
    device_kind,
)
from devices.identity import IdentityDocument
from devices.protocols import CodeScanner, IdentityReader, ReadOutcome, ReadResult
from devices.status import DeviceState, DeviceStatus
from kiosk import control
from kiosk.config import KioskConfig
from kiosk.instance import device_in_running_kiosk

READ_ID_DRIVERS = ("emrtd-pcsc", "resident-serial", "resident-sdk", "simulated")
# The reader answered: a passport asking for its MRZ key is a working reader too.
_PASSING_READS = (ReadOutcome.OK, ReadOutcome.NO_DOCUMENT, ReadOutcome.KEY_NEEDED)


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``devices`` sub-command to the ``kiosk`` sub-parsers ``sub``.

    ``parents`` carry the kiosk's options, accepted after every sub-command too.
    """
    devices = sub.add_parser(
        "devices", parents=parents, help="list, test and read the kiosk's devices"
    )
    actions = devices.add_subparsers(dest="devices_command", required=True)

    listing = actions.add_parser(
        "list", parents=parents, help="configured devices with driver and status"
    )
    listing.add_argument("--json", action="store_true", help="one JSON object per device")

    test = actions.add_parser(
        "test", parents=parents, help="check one configured device, PASS or FAIL"
    )
    test.add_argument("name", help="the device's name in the configuration, e.g. id_reader")

    read = actions.add_parser("read-id", parents=parents, help="read one identity document now")
    read.add_argument("--driver", required=True, choices=READ_ID_DRIVERS)
    read.add_argument("--reader", help="emrtd-pcsc: part of the PC/SC reader's name")
    read.add_argument("--mrz-key", help="emrtd-pcsc: DOCNO,YYMMDD,YYMMDD (birth, expiry)")
    read.add_argument("--trust-store", help="emrtd-pcsc: directory of CSCA certificates")
    read.add_argument(
        "--port", help="resident-serial: serial device path; resident-sdk: port number"
    )
    read.add_argument("--baudrate", type=int, help="resident-serial: UART rate (115200)")
    read.add_argument("--library", help="resident-sdk: path of the vendor SDK library")
    read.add_argument("--json", action="store_true", help="print the document as JSON")
    read.add_argument("--photo", action="store_true", help="include the photo (base64)")


def run(config: KioskConfig, args: argparse.Namespace) -> int:
    """Run the ``devices`` sub-command chosen in ``args``; returns the exit code."""
    command: str = args.devices_command
    if command == "list":
        return list_devices(config, as_json=bool(args.json))
    if command == "test":
        return test_device(config, str(args.name))
    return read_id(args)


def _say(line: str, *, err: bool = False) -> None:
    """One line of the command's output (stdout, or stderr for errors)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(line + "\n")


# -- list ------------------------------------------------------------------------
def list_devices(config: KioskConfig, *, as_json: bool) -> int:
    """Print each configured device; exit 1 if any is misconfigured."""
    broken = False
    for name, device_config in config.devices.items():
        row: dict[str, Any] = {"name": name, "driver": device_config.driver}
        try:
            row["kind"] = device_kind(name, device_config.driver, device_config.options).value
            in_kiosk = device_in_running_kiosk(config, name)
            status = _kiosk_status(config, name, in_kiosk) if in_kiosk else _status_of(config, name)
        except DeviceConfigError as exc:
            broken = True
            row.update(kind=None, state="configError", reason=str(exc), media=None)
        else:
            row.update(state=status.state.value, reason=status.reason, media=status.media)
        if as_json:
            _say(json.dumps(row, ensure_ascii=False))
        else:
            media = f" [{row['media']}]" if row["media"] else ""
            _say(
                f"{name:<14} {row['kind'] or '?':<17} {row['driver']:<16}"
                f" {row['state']:<14} {row['reason']}{media}"
            )
    if broken:
        _say("kiosk devices: some devices are misconfigured (see above)", err=True)
    return 1 if broken else 0


def _status_of(config: KioskConfig, name: str) -> DeviceStatus:
    device = _build(config, name)
    try:
        return device.status()
    finally:
        _release(device)


def _kiosk_status(config: KioskConfig, name: str, refusal: str) -> DeviceStatus:
    """The running kiosk's own device's status, or busy with why it cannot be had."""
    try:
        return _asked(config, name)
    except control.ControlUnavailable as exc:
        return DeviceStatus(DeviceState.DEVICE_BUSY, f"{refusal} ({exc})")


def _asked(config: KioskConfig, name: str) -> DeviceStatus:
    """Ask the running kiosk for its device's status; raises ControlUnavailable."""
    answer = control.call(config.data_dir, {"command": "device_status", "name": name})
    try:
        state = DeviceState(answer["state"])
        reason = f"{answer['reason']} (inside the running kiosk)"
    except (KeyError, ValueError) as exc:
        raise control.ControlUnavailable(f"the kiosk answered {answer!r}") from exc
    media = answer.get("media")
    return DeviceStatus(state, reason, media if isinstance(media, str) else None)


def _build(config: KioskConfig, name: str) -> Device:
    device_config = config.devices[name]
    return build_device(name, device_config.driver, device_config.options, config.print_dir)


# -- test ------------------------------------------------------------------------
def test_device(config: KioskConfig, name: str) -> int:
    """Check one device: status, plus a read for a reader; print PASS or FAIL."""
    if name not in config.devices:
        known = ", ".join(config.devices) or "none"
        _say(f"FAIL: no device {name!r} in the configuration; configured: {known}")
        return 2
    refusal = device_in_running_kiosk(config, name)
    if refusal is not None:
        return _test_in_kiosk(config, name, refusal)
    device_config = config.devices[name]
    try:
        kind = device_kind(name, device_config.driver, device_config.options)
        device = _build(config, name)
    except DeviceConfigError as exc:
        _say(f"FAIL: {exc}")
        return 1
    try:
        return _test_built(name, kind, device_config.driver, device)
    finally:
        _release(device)


def _test_in_kiosk(config: KioskConfig, name: str, refusal: str) -> int:
    """The device is a simulator inside the running kiosk: judge it by the kiosk's status."""
    try:
        status = _asked(config, name)
    except control.ControlUnavailable as exc:
        _say(f"kiosk devices test: {refusal} ({exc})", err=True)
        return 2
    _say(f"device:  {name} (simulated, inside the running kiosk)")
    media = f", media {status.media}" if status.media else ""
    _say(f"status:  {status.state.value}: {status.reason}{media}")
    if status.state is not DeviceState.ONLINE:
        _say(f"FAIL: {name} is {status.state.value}: {status.reason}")
        return 1
    _say(f"PASS: {name} is online (not read: the kiosk may be serving a citizen)")
    return 0


def _release(device: Device) -> None:
    # Scanners have no close(): stop() is what releases their port.
    if isinstance(device, CodeScanner):
        device.stop()
    else:
        device.close()


def _test_built(name: str, kind: DeviceKind, driver: str, device: Device) -> int:
    _say(f"device:  {name} ({kind.value}, driver {driver})")
    try:
        if isinstance(device, CodeScanner):
            # A scanner is online only while started: open its port for the test.
            device.start(lambda code: None)
        status = device.status()
    except Exception as exc:  # a driver bug is a failed test, not a traceback
        _say(f"FAIL: {name}: status check raised {type(exc).__name__}: {exc}")
        return 1
    media = f", media {status.media}" if status.media else ""
    _say(f"status:  {status.state.value}: {status.reason}{media}")
    if status.state is not DeviceState.ONLINE:
        _say(f"FAIL: {name} is {status.state.value}: {status.reason}")
        return 1
    if kind is not DeviceKind.IDENTITY_READER or not isinstance(device, IdentityReader):
        _say(f"PASS: {name} is online")
        return 0
    result = _safe_read(device.read)
    _say(f"read:    {result.outcome.value}{': ' + result.detail if result.detail else ''}")
    if result.outcome not in _PASSING_READS:
        _say(f"FAIL: {name} is online but the read failed: {result.outcome.value} {result.detail}")
        return 1
    if result.document is not None:
        _say(f"         {_summary(result.document)}")
    found = "read a document" if result.ok else "found no document to read"
    _say(f"PASS: {name} is online and {found}")
    return 0


def _safe_read(read: Callable[[], ReadResult]) -> ReadResult:
    try:
        return read()
    except Exception as exc:  # report a driver bug as an unreadable result
        return ReadResult(ReadOutcome.UNREADABLE, detail=f"{type(exc).__name__}: {exc}")


# -- read-id ---------------------------------------------------------------------
def read_id(args: argparse.Namespace) -> int:
    """Read one document with the reader described by ``args``; exit 0 when read."""
    try:
        reader = build_identity_reader(args.driver, args.driver, _reader_options(args))
    except DeviceConfigError as exc:
        _say(f"kiosk devices read-id: {exc}", err=True)
        return 2
    try:
        result = _safe_read(reader.read)
    finally:
        reader.close()
    if not result.ok or result.document is None:
        _say(f"kiosk devices read-id: {result.outcome.value}: {result.detail}", err=True)
        return 1
    document = result.document
    if args.json:
        _say(json.dumps(document.to_json(include_photo=bool(args.photo)), ensure_ascii=False))
    else:
        _say(_summary(document))
        _say(
            f"authenticity: {document.authenticity.verdict.value}"
            f"{' (' + document.authenticity.detail + ')' if document.authenticity.detail else ''}"
        )
        if args.photo:
            _say(f"photo: {len(document.photo)} bytes {document.photo_media_type}")
    return 0


def _reader_options(args: argparse.Namespace) -> dict[str, Any]:
    """The factory's options for ``--driver``, from the command-line flags."""
    driver: str = args.driver
    options: dict[str, Any] = {}
    if driver == "emrtd-pcsc":
        options.update(reader=args.reader, mrz_key=args.mrz_key, trust_store=args.trust_store)
    elif driver == "resident-serial":
        if not args.port:
            raise DeviceConfigError("resident-serial needs --port (e.g. /dev/ttyUSB0)")
        options["port"] = args.port
        if args.baudrate is not None:
            options["baudrate"] = args.baudrate
    elif driver == "resident-sdk":
        if not args.library:
            raise DeviceConfigError("resident-sdk needs --library (the vendor SDK's path)")
        options["library"] = args.library
        if args.port:
            try:
                options["port"] = int(args.port)
            except ValueError:
                raise DeviceConfigError(
                    f"resident-sdk --port is a number (1..16 serial, 1001..1016 USB),"
                    f" not {args.port!r}"
                ) from None
    return options


def _summary(document: IdentityDocument) -> str:
    name = document.display_name or "(no name)"
    expiry = document.expiry_date.isoformat() if document.expiry_date else "none (long-term)"
    birth = document.birth_date.isoformat() if document.birth_date else "?"
    return (
        f"{document.document_type.value}: {name}, No. {document.document_number},"
        f" sex {document.sex}, born {birth}, expires {expiry}"
    )
