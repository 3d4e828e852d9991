"""Builds drivers from the kiosk's configuration: a driver name and its options.

Real drivers are imported only when configured, so a kiosk without a smart-card
stack or CUPS still starts with simulators, and a missing library gives a clear
error at use.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from devices.errors import DeviceConfigError
from devices.protocols import DocumentPrinter, IdentityReader
from devices.simulated.id_reader import SimulatedIdReader
from devices.simulated.printer import SimulatedPrinter

IDENTITY_READER_DRIVERS = ("simulated",)
DOCUMENT_PRINTER_DRIVERS = ("simulated",)


def build_identity_reader(name: str, driver: str, options: Mapping[str, Any]) -> IdentityReader:
    """An identity-document reader for ``driver`` ("simulated", …)."""
    if driver == "simulated":
        return SimulatedIdReader(name=name)
    raise DeviceConfigError(
        f"device {name!r}: unknown identity-reader driver {driver!r};"
        f" known: {', '.join(IDENTITY_READER_DRIVERS)}"
    )


def build_document_printer(
    name: str, driver: str, options: Mapping[str, Any], default_output: Path
) -> DocumentPrinter:
    """A document printer for ``driver`` ("simulated" writes PDFs to a folder, …)."""
    if driver == "simulated":
        return SimulatedPrinter(Path(options.get("output_dir") or default_output), name=name)
    raise DeviceConfigError(
        f"device {name!r}: unknown document-printer driver {driver!r};"
        f" known: {', '.join(DOCUMENT_PRINTER_DRIVERS)}"
    )
