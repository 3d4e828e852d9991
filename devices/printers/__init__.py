"""Real printer drivers: PDFs through CUPS, tickets on ESC/POS thermal printers.

pycups and python-escpos are optional (the ``cups`` and ``devices`` extras): the
ESC/POS names load on first use and `CupsDocumentPrinter` imports pycups only
when it talks to CUPS, so importing this package needs neither.
The error model and the retry rule are in devices/printers/README.md.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from devices.printers.cups import CupsDocumentPrinter

if TYPE_CHECKING:
    from devices.printers.escpos import EscposReceiptPrinter
    from devices.printers.escpos_connections import (
        EscposConnection,
        NetworkConnection,
        SerialConnection,
        UsbConnection,
        connection_from_config,
    )

_LAZY = {
    "EscposReceiptPrinter": "devices.printers.escpos",
    "EscposConnection": "devices.printers.escpos_connections",
    "NetworkConnection": "devices.printers.escpos_connections",
    "SerialConnection": "devices.printers.escpos_connections",
    "UsbConnection": "devices.printers.escpos_connections",
    "connection_from_config": "devices.printers.escpos_connections",
}

__all__ = [
    "CupsDocumentPrinter",
    "EscposConnection",
    "EscposReceiptPrinter",
    "NetworkConnection",
    "SerialConnection",
    "UsbConnection",
    "connection_from_config",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)
