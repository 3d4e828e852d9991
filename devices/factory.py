"""Builds drivers from the kiosk's configuration: a driver name and its options.

Real drivers are imported only when configured, so a kiosk without a smart-card
stack or CUPS still starts with simulators. A configured driver whose library is
missing (pyscard, python-escpos: the ``devices`` extra; pycups: ``cups``) is a
`DeviceConfigError` at build time that says what to install.

Drivers and their options (TOML ``[devices.NAME] driver = "..."`` plus options):

* identity readers: ``simulated``; ``emrtd-pcsc`` (``reader`` substring of the
  PC/SC reader name, ``mrz_key`` "DOCNO,YYMMDD,YYMMDD", ``trust_store`` path);
  ``resident-serial`` (``port``, ``baudrate``, ``timeout_s``); ``resident-sdk``
  (``library``, ``port``).
* document printers: ``simulated`` (``output_dir``); ``cups`` (``queue``, ``server``).
* receipt printers: ``simulated`` (optional ``output_dir``: each ticket is also
  written there as text); ``escpos`` (``connection`` table, see
  `devices.printers.connection_from_config`; ``profile``).
* code scanners: ``simulated``; ``serial`` (``port``, ``baudrate`` 9600,
  ``encoding`` "utf-8", ``source``).

Which kind a device is: a ``kind = "..."`` option (identity_reader,
document_printer, receipt_printer, code_scanner) wins; else the driver decides;
the ``simulated`` driver, shared by every kind, goes by the device's name (see
`device_kind`): ``receipt_printer``, ``scanner``, ``printer``, ``id_reader``.

Every configuration mistake is a `DeviceConfigError` naming the device.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devices.errors import DeviceConfigError
from devices.protocols import CodeScanner, DocumentPrinter, IdentityReader, ReceiptPrinter

if TYPE_CHECKING:
    from devices.emrtd.mrz import MrzKey

IDENTITY_READER_DRIVERS = ("simulated", "emrtd-pcsc", "resident-serial", "resident-sdk")
DOCUMENT_PRINTER_DRIVERS = ("simulated", "cups")
RECEIPT_PRINTER_DRIVERS = ("escpos", "simulated")
CODE_SCANNER_DRIVERS = ("simulated", "serial")

Device = IdentityReader | DocumentPrinter | ReceiptPrinter | CodeScanner


class DeviceKind(StrEnum):
    """Which protocol a configured device implements."""

    IDENTITY_READER = "identity_reader"
    DOCUMENT_PRINTER = "document_printer"
    RECEIPT_PRINTER = "receipt_printer"
    CODE_SCANNER = "code_scanner"


def device_kind(name: str, driver: str, options: Mapping[str, Any]) -> DeviceKind:
    """The kind of a configured device.

    An explicit ``kind`` option wins; otherwise the driver decides, and for the
    ``simulated`` driver (every kind has one) the name does: a name with
    "receipt" or "ticket" in it is a receipt printer, one with "scan" a code
    scanner, one with "print" a document printer, any other an identity reader.
    """
    explicit = options.get("kind")
    if explicit is not None:
        try:
            return DeviceKind(str(explicit))
        except ValueError:
            known = ", ".join(kind.value for kind in DeviceKind)
            raise DeviceConfigError(
                f"device {name!r}: unknown kind {explicit!r}; known: {known}"
            ) from None
    if driver == "simulated":
        return _simulated_kind(name)
    if driver in IDENTITY_READER_DRIVERS:
        return DeviceKind.IDENTITY_READER
    if driver in DOCUMENT_PRINTER_DRIVERS:
        return DeviceKind.DOCUMENT_PRINTER
    if driver in RECEIPT_PRINTER_DRIVERS:
        return DeviceKind.RECEIPT_PRINTER
    if driver in CODE_SCANNER_DRIVERS:
        return DeviceKind.CODE_SCANNER
    drivers = sorted(
        set(
            IDENTITY_READER_DRIVERS
            + DOCUMENT_PRINTER_DRIVERS
            + RECEIPT_PRINTER_DRIVERS
            + CODE_SCANNER_DRIVERS
        )
    )
    raise DeviceConfigError(
        f"device {name!r}: unknown driver {driver!r}; known: {', '.join(drivers)}"
    )


def _simulated_kind(name: str) -> DeviceKind:
    lowered = name.lower()
    # "receipt_printer" also says "print": the receipt words must be tried first.
    if "receipt" in lowered or "ticket" in lowered:
        return DeviceKind.RECEIPT_PRINTER
    if "scan" in lowered:
        return DeviceKind.CODE_SCANNER
    if "print" in lowered:
        return DeviceKind.DOCUMENT_PRINTER
    return DeviceKind.IDENTITY_READER


def build_device(
    name: str, driver: str, options: Mapping[str, Any], default_output: Path
) -> Device:
    """Any configured device, its kind found by `device_kind`."""
    kind = device_kind(name, driver, options)
    if kind is DeviceKind.IDENTITY_READER:
        return build_identity_reader(name, driver, options)
    if kind is DeviceKind.DOCUMENT_PRINTER:
        return build_document_printer(name, driver, options, default_output)
    if kind is DeviceKind.RECEIPT_PRINTER:
        return build_receipt_printer(name, driver, options)
    return build_code_scanner(name, driver, options)


def build_identity_reader(name: str, driver: str, options: Mapping[str, Any]) -> IdentityReader:
    """An identity-document reader for ``driver`` (see `IDENTITY_READER_DRIVERS`)."""
    if driver == "simulated":
        # Imported only when simulated: the simulators pull in PIL.
        from devices.simulated.id_reader import SimulatedIdReader

        return SimulatedIdReader(name=name)
    if driver == "emrtd-pcsc":
        try:
            from devices.emrtd.reader import EmrtdPcscReader
        except ImportError as exc:
            raise _missing_library(name, driver, exc, "smartcard", "pyscard", "devices") from exc

        trust_store = _optional_str(name, options, "trust_store")
        return EmrtdPcscReader(
            reader_substring=_optional_str(name, options, "reader"),
            mrz_key=parse_mrz_key_option(name, options.get("mrz_key")),
            trust_store=Path(trust_store).expanduser() if trust_store else None,
            name=name,
        )
    if driver == "resident-serial":
        from devices.resident_id.serial_reader import SerialResidentIdReader

        port = _required_str(name, options, "port")
        try:
            return SerialResidentIdReader(
                port,
                baudrate=_int_option(name, options, "baudrate", 115200),
                timeout_s=_float_option(name, options, "timeout_s", 2.0),
                name=name,
            )
        except ValueError as exc:
            raise DeviceConfigError(f"device {name!r}: {exc}") from exc
    if driver == "resident-sdk":
        from devices.resident_id.sdk import SdkResidentIdReader

        library = _required_str(name, options, "library")
        return SdkResidentIdReader(
            Path(library).expanduser(), port=_int_option(name, options, "port", 1001), name=name
        )
    raise DeviceConfigError(
        f"device {name!r}: unknown identity-reader driver {driver!r};"
        f" known: {', '.join(IDENTITY_READER_DRIVERS)}"
    )


def build_document_printer(
    name: str, driver: str, options: Mapping[str, Any], default_output: Path
) -> DocumentPrinter:
    """A document printer for ``driver`` ("simulated" writes PDFs to a folder, "cups")."""
    if driver == "simulated":
        # Imported only when simulated: the simulators pull in PIL.
        from devices.simulated.printer import SimulatedPrinter

        return SimulatedPrinter(Path(options.get("output_dir") or default_output), name=name)
    if driver == "cups":
        from devices.printers.cups import CupsDocumentPrinter, import_pycups

        try:
            import_pycups()  # the driver imports it at use; a kiosk should fail at start
        except ImportError as exc:
            raise _missing_library(name, driver, exc, "cups", "pycups", "cups") from exc
        return CupsDocumentPrinter(
            _required_str(name, options, "queue"),
            name=name,
            server=_optional_str(name, options, "server"),
        )
    raise DeviceConfigError(
        f"device {name!r}: unknown document-printer driver {driver!r};"
        f" known: {', '.join(DOCUMENT_PRINTER_DRIVERS)}"
    )


def build_receipt_printer(name: str, driver: str, options: Mapping[str, Any]) -> ReceiptPrinter:
    """A thermal receipt printer for ``driver`` ("simulated", "escpos" with a ``connection`` table)."""
    if driver == "simulated":
        output_dir = _optional_str(name, options, "output_dir")
        # Imported only when simulated: the simulators pull in PIL.
        from devices.simulated.receipt_printer import SimulatedReceiptPrinter

        return SimulatedReceiptPrinter(
            name=name, output_dir=Path(output_dir).expanduser() if output_dir else None
        )
    if driver == "escpos":
        try:
            from devices.printers.escpos import EscposReceiptPrinter
            from devices.printers.escpos_connections import connection_from_config
        except ImportError as exc:
            raise _missing_library(name, driver, exc, "escpos", "python-escpos", "devices") from exc

        connection = options.get("connection")
        if not isinstance(connection, Mapping):
            raise DeviceConfigError(
                f'device {name!r}: escpos needs a connection table, e.g. connection = {{ type = "network", host = "..." }}'
            )
        try:
            built = connection_from_config(connection)
        except DeviceConfigError as exc:
            raise DeviceConfigError(f"device {name!r}: {exc}") from exc
        return EscposReceiptPrinter(
            built, name=name, profile=_optional_str(name, options, "profile")
        )
    raise DeviceConfigError(
        f"device {name!r}: unknown receipt-printer driver {driver!r};"
        f" known: {', '.join(RECEIPT_PRINTER_DRIVERS)}"
    )


def build_code_scanner(name: str, driver: str, options: Mapping[str, Any]) -> CodeScanner:
    """A barcode/QR scanner for ``driver`` ("simulated", "serial" with a ``port``)."""
    if driver == "simulated":
        # Imported only when simulated: the simulators pull in PIL.
        from devices.simulated.scanner import SimulatedScanner

        return SimulatedScanner(name=name, source=_optional_str(name, options, "source"))
    if driver == "serial":
        from devices.scanners.serial_scanner import SerialCodeScanner

        port = _required_str(name, options, "port")
        baudrate = _int_option(name, options, "baudrate", 9600)
        source = _optional_str(name, options, "source")
        encoding = _optional_str(name, options, "encoding") or "utf-8"
        try:
            return SerialCodeScanner(port, baudrate, name=name, source=source, encoding=encoding)
        except DeviceConfigError as exc:
            raise DeviceConfigError(f"device {name!r}: {exc}") from exc
    raise DeviceConfigError(
        f"device {name!r}: unknown code-scanner driver {driver!r};"
        f" known: {', '.join(CODE_SCANNER_DRIVERS)}"
    )


def parse_mrz_key_option(name: str, value: object) -> MrzKey | None:
    """An `MrzKey` from "DOCNO,YYMMDD,YYMMDD" (birth, then expiry); None when absent."""
    if value is None or value == "":
        return None
    from devices.emrtd.errors import MrzError
    from devices.emrtd.mrz import MrzKey

    parts = [part.strip() for part in str(value).split(",")] if isinstance(value, str) else []
    if len(parts) != 3:
        raise DeviceConfigError(
            f"device {name!r}: mrz_key must be DOCNO,YYMMDD,YYMMDD (birth, expiry), got {value!r}"
        )
    try:
        return MrzKey(parts[0], parts[1], parts[2])
    except MrzError as exc:
        raise DeviceConfigError(f"device {name!r}: mrz_key: {exc}") from exc


def _missing_library(
    name: str, driver: str, exc: ImportError, module: str, package: str, extra: str
) -> DeviceConfigError:
    """The one-line error for a driver whose library is not installed; re-raises other import errors."""
    if (exc.name or "").split(".")[0] != module:
        raise exc  # a bug in the driver, not a missing library: keep the traceback
    return DeviceConfigError(
        f"device {name!r}: driver {driver!r} needs {package}, which is not installed;"
        f" install the {extra!r} extra: pip install 'business-kiosk[{extra}]'"
        " (./scripts/run-kiosk installs it with its build tools)"
    )


def _optional_str(name: str, options: Mapping[str, Any], key: str) -> str | None:
    value = options.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DeviceConfigError(f"device {name!r}: {key} must be a string, not {value!r}")
    return value or None


def _required_str(name: str, options: Mapping[str, Any], key: str) -> str:
    value = _optional_str(name, options, key)
    if value is None:
        raise DeviceConfigError(f"device {name!r}: option {key!r} is required")
    return value


def _int_option(name: str, options: Mapping[str, Any], key: str, default: int) -> int:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DeviceConfigError(f"device {name!r}: {key} must be an integer, not {value!r}")
    return value


def _float_option(name: str, options: Mapping[str, Any], key: str, default: float) -> float:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DeviceConfigError(f"device {name!r}: {key} must be a number, not {value!r}")
    return float(value)
